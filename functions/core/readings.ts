import type { Indicators, LaterIndicatorKey } from './model.ts';
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

/** The highest loss to follow-up the NHLBI quality assessment tool for before-after studies accepts. */
export const ACCEPTED_LOSS = 0.2;

/** An estimate with its 95% interval (null bounds: too few to tell) over `n` people (null: not published). */
export interface Estimate {
  readonly n: number | null;
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
}

/** What the evaluation beyond before-after needs of a cell: the keys its design asked for (model.ts). */
export type EvaluationFigures = Partial<
  Pick<Indicators, LaterIndicatorKey | 'n_paired' | 'n_pre' | 'n_pre_only' | 'rci_improved'>
>;

/**
 * What applies to a cell beyond its before-after change, as facts without words (the staff
 * workspace and the funder summary word them in the reader's language), each part present only
 * when the design asked for it and it could be computed:
 * - attrition: the share lost to follow-up, judged against NHLBI's 20%, and the Manski bounds on
 *   the mean change over everyone who started (drop-outs at the lowest and at the highest score);
 * - follow-up: change from the start to follow-up and from the end to follow-up, and how many of
 *   those who answered all three times had improved by the end and were still better at follow-up;
 * - then-test (Howard's retrospective pre-test): the response shift (then - pre) and the change
 *   from then to the end;
 * - clinically significant change (Jacobson & Truax 1991): who recovered (reliable improvement
 *   across the cut-off), the cut-off and its criterion, the shares in the typical range;
 * - comparison cohorts: the programme's mean change minus the comparison group's (Welch interval,
 *   Hedges' g), a quasi-experimental estimate.
 */
export interface EvaluationFacts {
  readonly attrition?: {
    readonly share: number;
    /** Counts where known (the evaluator's exact ones; the funder summary has only the share). */
    readonly lost: number | null;
    readonly started: number | null;
    readonly over: boolean;
    readonly bounds: { readonly low: number; readonly high: number } | null;
  };
  readonly followup?: {
    readonly fromStart: Estimate | null;
    readonly fromEnd: Estimate | null;
    readonly sustained: { readonly kept: number; readonly of: number } | null;
    readonly lostShare: number | null;
  };
  readonly thenTest?: { readonly shift: Estimate | null; readonly change: Estimate | null };
  readonly clinical?: {
    readonly cutoff: number;
    readonly criterion: NonNullable<Indicators['csc_criterion']>;
    readonly recovered: number | null;
    readonly of: number | null;
    readonly typicalBefore: number | null;
    readonly typicalAfter: number | null;
  };
  readonly comparison?: { readonly difference: Estimate; readonly g: number | null };
}

const estimate = (
  n: number | null | undefined,
  value: number | null | undefined,
  low: number | null | undefined,
  high: number | null | undefined,
): Estimate | null =>
  value === null || value === undefined || n === 0
    ? null
    : { n: n ?? null, value, low: low ?? null, high: high ?? null };

/** The facts of {@link EvaluationFacts} a cell's figures hold; an empty object for a plain before-after design. */
export function evaluationFacts(figures: EvaluationFigures): EvaluationFacts {
  const f = figures;
  const started = f.n_pre ?? null;
  const attrition =
    f.lost_share === undefined || f.lost_share === null
      ? undefined
      : {
          share: f.lost_share,
          lost: f.n_pre_only ?? null,
          started,
          over: f.lost_share > ACCEPTED_LOSS,
          bounds:
            f.bounds_low === undefined || f.bounds_low === null || f.bounds_high === undefined || f.bounds_high === null
              ? null
              : { low: f.bounds_low, high: f.bounds_high },
        };
  const fromStart = estimate(f.n_followup, f.mean_change_followup, f.ci95_low_followup, f.ci95_high_followup);
  const fromEnd = estimate(
    f.n_post_followup,
    f.mean_change_post_followup,
    f.ci95_low_post_followup,
    f.ci95_high_post_followup,
  );
  const sustained =
    f.n_all_waves === undefined || f.n_all_waves === null || f.n_all_waves === 0 || f.n_sustained == null
      ? null
      : { kept: f.n_sustained, of: f.n_all_waves };
  const followup =
    fromStart === null && fromEnd === null && sustained === null
      ? undefined
      : { fromStart, fromEnd, sustained, lostShare: f.lost_share_followup ?? null };
  const shift = estimate(f.n_shift, f.mean_response_shift, f.ci95_low_shift, f.ci95_high_shift);
  const change = estimate(f.n_then, f.mean_change_then, f.ci95_low_then, f.ci95_high_then);
  const thenTest = shift === null && change === null ? undefined : { shift, change };
  const clinical =
    f.csc_cutoff === undefined || f.csc_cutoff === null || f.csc_criterion === undefined || f.csc_criterion === null
      ? undefined
      : {
          cutoff: f.csc_cutoff,
          criterion: f.csc_criterion,
          recovered: f.rci_recovered ?? null,
          of: f.n_paired ?? null,
          typicalBefore: f.typical_pre_share ?? null,
          typicalAfter: f.typical_post_share ?? null,
        };
  const difference = estimate(f.n_comparison, f.did_estimate, f.did_ci95_low, f.did_ci95_high);
  const comparison = difference === null ? undefined : { difference, g: f.did_g ?? null };
  return {
    ...(attrition === undefined ? {} : { attrition }),
    ...(followup === undefined ? {} : { followup }),
    ...(thenTest === undefined ? {} : { thenTest }),
    ...(clinical === undefined ? {} : { clinical }),
    ...(comparison === undefined ? {} : { comparison }),
  };
}
