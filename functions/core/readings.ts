import type { Indicators } from './model.ts';
/**
 * Plain-language readings of indicators, for funder summaries and the dashboard, from
 * documented conventions:
 * - effect size (Hedges' g_av, else d_z): below 0.2 negligible, 0.2 small, 0.5 medium, 0.8
 *   large (Cohen 1988, the thresholds Lakens 2013 also reports);
 * - normalised gain: below 0.3 low, 0.3 to 0.7 medium, 0.7 and above high (Hake 1998);
 * - reliable change counted per Jacobson & Truax (1991).
 * Deterministic and English: summaries go to funders, whose language is the programme's
 * reporting language, English for the three seed programmes.
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
  const { mean_change: change, mean_pre_paired: before, mean_post_paired: after, n_paired: n } = indicators;
  if (change === null || before === null || after === null || n === 0) return undefined;
  const unit = context.percent ? ' percentage points' : ' points';
  const from = context.percent
    ? `from ${number(before)}% to ${number(after)}% correct`
    : `from ${number(before)} to ${number(after)}`;
  const people = `${n} ${n === 1 ? 'person' : 'people'} answered before and after`;
  // Below the shown precision a change is no change, whatever its sign.
  if (Math.abs(change) < 0.05) return `${context.name} did not change noticeably on average (${from}; ${people}).`;
  const better = change > 0 === (context.direction === 'higher-better');
  const interval =
    indicators.ci95_low === null || indicators.ci95_high === null
      ? ''
      : ` (95% CI ${number(indicators.ci95_low)} to ${number(indicators.ci95_high)})`;
  const effect = indicators.g_av ?? indicators.d_z;
  const size = effect === null ? '' : `, a ${effectLabel(effect)} effect`;
  const noInterval = indicators.ci95_low === null || indicators.ci95_high === null;
  const includesNoChange = !noInterval && (indicators.ci95_low as number) <= 0 && (indicators.ci95_high as number) >= 0;
  const verdict = noInterval
    ? '; too few people to tell whether this is more than chance'
    : includesNoChange
      ? '; this may be chance, as the interval includes no change'
      : `: ${better ? 'an improvement' : 'a deterioration'}`;
  const moved = `${change > 0 ? 'rose' : 'fell'} by ${number(Math.abs(change))}${unit}`;
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
