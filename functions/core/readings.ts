import type { Indicators } from './model.ts';
import { LEAST_RELIABILITY } from './statistics/reliability.ts';
/**
 * Plain-language readings of indicators, for funder summaries and the dashboard, from
 * documented conventions:
 * - effect size (Hedges' g_av, else d_z): below 0.2 negligible, 0.2 small, 0.5 medium, 0.8
 *   large (Cohen 1988, the thresholds Lakens 2013 also reports);
 * - normalised gain: below 0.3 low, 0.3 to 0.7 medium, 0.7 and above high (Hake 1998);
 * - reliable change counted per Jacobson & Truax (1991).
 * The sentences here are English (the funder summary's); {@link changeFacts} and
 * {@link reliabilityFacts} give the same decisions as structured facts, which the staff
 * workspace words in the reader's language (web/workspace-strings.ts), so core holds no words of
 * other languages and every language reads the numbers by the same conventions.
 */

/** Which way is better, and what to call the measure. */
export interface ReadingContext {
  readonly name: string;
  readonly direction: 'higher-better' | 'lower-better';
  readonly percent: boolean;
}

/** Cohen's label for an effect size. */
export function effectLabel(effect: number): 'negligible' | 'small' | 'medium' | 'large' {
  const size = Math.abs(effect);
  if (size < 0.2) return 'negligible';
  if (size < 0.5) return 'small';
  if (size < 0.8) return 'medium';
  return 'large';
}

/** Hake's label for a normalised gain. */
export function gainLabel(gain: number): 'low' | 'medium' | 'high' {
  if (gain < 0.3) return 'low';
  if (gain < 0.7) return 'medium';
  return 'high';
}

const number = (value: number, digits = 1): string => value.toFixed(digits);

/** What the change sentence needs: completers' means, change, its CI and effect size. */
export type ChangeFigures = Pick<
  Indicators,
  'n_paired' | 'mean_pre_paired' | 'mean_post_paired' | 'mean_change' | 'ci95_low' | 'ci95_high' | 'g_av' | 'd_z'
>;

/** The headline sentence about change, or undefined without completers. */
export function readChange(context: ReadingContext, indicators: ChangeFigures): string | undefined {
  const facts = changeFacts(context, indicators);
  if (facts === undefined) return undefined;
  const { before, after, n, low, high } = facts;
  const unit = context.percent ? ' percentage points' : ' points';
  const from = context.percent
    ? `from ${number(before)}% to ${number(after)}% correct`
    : `from ${number(before)} to ${number(after)}`;
  const people = `${n} ${n === 1 ? 'person' : 'people'} answered before and after`;
  if (facts.verdict === 'none') return `${context.name} did not change noticeably on average (${from}; ${people}).`;
  const interval = low === null || high === null ? '' : ` (95% CI ${number(low)} to ${number(high)})`;
  const size = facts.effect === null ? '' : `, a ${facts.effect.label} effect`;
  const verdict =
    facts.verdict === 'too-few'
      ? '; too few people to tell whether this is more than chance'
      : facts.verdict === 'may-be-chance'
        ? '; this may be chance, as the interval includes no change'
        : `: ${facts.verdict === 'improvement' ? 'an improvement' : 'a deterioration'}`;
  const moved = `${facts.movement === 'rose' ? 'rose' : 'fell'} by ${number(Math.abs(facts.change))}${unit}`;
  return `${context.name} ${moved}${interval}${size}${verdict} (${from}; ${people}).`;
}

/** "7 of 12 improved reliably, 1 deteriorated", or undefined without reliable-change counts. */
export function readReliableChange(indicators: Indicators): string | undefined {
  const { rci_improved: improved, rci_deteriorated: deteriorated, n_paired: n } = indicators;
  if (improved === null || deteriorated === null || n === 0) return undefined;
  return `${improved} of ${n} improved reliably${deteriorated > 0 ? `, ${deteriorated} deteriorated reliably` : ''}.`;
}

/** The normalised-gain sentence for quizzes. */
export function readGain(indicators: Indicators): string | undefined {
  if (indicators.gain_of_averages === null) return undefined;
  if (indicators.gain_of_averages < 0)
    return `Normalised gain ${number(indicators.gain_of_averages, 2)}: knowledge fell on average (Hake).`;
  const gain = indicators.gain_of_averages;
  return `Normalised gain ${number(gain, 2)}, a ${gainLabel(gain)} gain (Hake).`;
}

/** Every reading of a cell, in order. */
export function readIndicators(context: ReadingContext, indicators: Indicators): string[] {
  return [readChange(context, indicators), readGain(indicators), readReliableChange(indicators)].filter(
    (text): text is string => text !== undefined,
  );
}

/** Which way a mean moved, at the precision readings show (a change below 0.05 is none). */
export type Movement = 'none' | 'rose' | 'fell';

/**
 * What a change means, as {@link readChange} decides it: an improvement or a deterioration when
 * the 95% CI excludes no change; possibly chance when it includes it; undecidable without an
 * interval (too few completers); `none` when the mean did not move at the shown precision.
 */
export type ChangeVerdict = 'improvement' | 'deterioration' | 'may-be-chance' | 'too-few' | 'none';

/**
 * The facts behind the change sentence, without its words: pages in other languages than
 * English word them from these (the staff workspace), so every language says the same thing
 * with the same conventions as {@link readChange}.
 */
export interface ChangeFacts {
  readonly n: number;
  readonly before: number;
  readonly after: number;
  readonly change: number;
  readonly low: number | null;
  readonly high: number | null;
  readonly percent: boolean;
  readonly movement: Movement;
  /** g_av, else d_z, with Cohen's label; null when neither exists. */
  readonly effect: { readonly value: number; readonly label: ReturnType<typeof effectLabel> } | null;
  readonly verdict: ChangeVerdict;
}

/** The facts of a change (see {@link ChangeFacts}), or undefined without completers. */
export function changeFacts(
  context: Pick<ReadingContext, 'direction' | 'percent'>,
  indicators: ChangeFigures,
): ChangeFacts | undefined {
  const { mean_change: change, mean_pre_paired: before, mean_post_paired: after, n_paired: n } = indicators;
  if (change === null || before === null || after === null || n === 0) return undefined;
  const { ci95_low: low, ci95_high: high } = indicators;
  const effectSize = indicators.g_av ?? indicators.d_z;
  const effect = effectSize === null ? null : { value: effectSize, label: effectLabel(effectSize) };
  // Below the shown precision a change is no change, whatever its sign.
  const movement: Movement = Math.abs(change) < 0.05 ? 'none' : change > 0 ? 'rose' : 'fell';
  const better = change > 0 === (context.direction === 'higher-better');
  const verdict: ChangeVerdict =
    movement === 'none'
      ? 'none'
      : low === null || high === null
        ? 'too-few'
        : low <= 0 && high >= 0
          ? 'may-be-chance'
          : better
            ? 'improvement'
            : 'deterioration';
  return { n, before, after, change, low, high, percent: context.percent, movement, effect, verdict };
}

/**
 * Why a baseline alpha is flagged: `negative` (the items did not hang together in this group),
 * `low` (below {@link LEAST_RELIABILITY}), or null when it is usable or was not computed.
 */
export type AlphaFlag = 'negative' | 'low' | null;

/** The reliability facts of a cell: the baseline alpha and its flag, and the reliability reliable change used. */
export interface ReliabilityFacts {
  readonly alpha: number | null;
  readonly alphaFlag: AlphaFlag;
  /** The reliability used for reliable change (never a flagged alpha), and where it came from. */
  readonly used: number | null;
  readonly source: Indicators['reliability_source'];
}

/**
 * A cell's reliability as a reader must see it: a baseline alpha below {@link LEAST_RELIABILITY},
 * or negative, is flagged and is never the reliability used (aggregation leaves `reliability`
 * null for it unless the instrument names a published one).
 */
export function reliabilityFacts(
  indicators: Pick<Indicators, 'alpha_baseline' | 'reliability' | 'reliability_source'>,
): ReliabilityFacts {
  const alpha = indicators.alpha_baseline;
  const alphaFlag: AlphaFlag =
    alpha === null ? null : alpha < 0 ? 'negative' : alpha < LEAST_RELIABILITY ? 'low' : null;
  return { alpha, alphaFlag, used: indicators.reliability, source: indicators.reliability_source };
}
