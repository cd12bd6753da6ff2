/**
 * Evaluation beyond one before-after change (issue 14): whether an improvement lasts, how far
 * attrition could move a result, clinically significant change, a comparison group (an item's
 * answers, read as ordinal, are counted in items.ts). Pure functions over one score per participant (`pre[i]`,
 * `post[i]`, ... are participant i's; NaN is missing), each naming its definition and reference
 * and checked against R (test/core/statistics/evaluation.test.ts). Every result is a plain
 * object; what the data cannot give is null, never NaN or Infinity. Aggregation, the dashboard,
 * the funder summary and `prepost stats` import these; none re-implements them.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Direction } from './columns.ts';
import { hedgesJ } from './inference.ts';
import { isZeroChange } from './signed-rank.ts';

/** One score per participant, NaN where missing. */
export type Scores = Float64Array | readonly number[];

/** The NHLBI before-after quality tool's limit on loss to follow-up (item 9: 20% or less). */
export const FOLLOWUP_LOSS_LIMIT = 0.2;

/** Jacobson & Truax's 95% criterion for a reliable change: |change| / S_diff > 1.96. */
const RELIABLE_Z = 1.96;

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
const present = (value: number | undefined): value is number => value !== undefined && !Number.isNaN(value);

/**
 * True when `after` is better than `before` in the measure's direction, and not merely
 * floating-point noise (a change zero relative to the scores is no change, signed-rank.ts).
 */
export function isImprovement(before: number, after: number, direction: Direction): boolean {
  if (isZeroChange(before, after)) return false;
  return direction === 'higher-better' ? after > before : after < before;
}

/** Improvement kept at follow-up, counted per person. */
export interface SustainedCount {
  /** People with pre, post and follow-up. */
  readonly n: number;
  /** Of those, people better at post than at pre and still better than at pre at follow-up. */
  readonly sustained: number;
  /** sustained / n; null when n = 0. */
  readonly share: number | null;
  /** Of the n, people better at post than at pre (whether or not it lasted). */
  readonly improved_at_post: number;
}

/**
 * Sustained improvement (What Works Wellbeing: before, after and months after): among people
 * with all three scores, those whose post is better than their pre and whose follow-up is
 * still better than their pre ("improvement at post kept at follow-up"). Better is judged in
 * the measure's direction; a change zero relative to the scores is not an improvement.
 */
export function sustainedCount(pre: Scores, post: Scores, followup: Scores, direction: Direction): SustainedCount {
  let n = 0;
  let sustained = 0;
  let improvedAtPost = 0;
  const length = Math.min(pre.length, post.length, followup.length);
  for (let index = 0; index < length; index += 1) {
    const before = pre[index];
    const after = post[index];
    const later = followup[index];
    if (!present(before) || !present(after) || !present(later)) continue;
    n += 1;
    if (!isImprovement(before, after, direction)) continue;
    improvedAtPost += 1;
    if (isImprovement(before, later, direction)) sustained += 1;
  }
  return { n, sustained, share: n === 0 ? null : sustained / n, improved_at_post: improvedAtPost };
}

/** The lowest and highest score an instrument can give. */
export interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

/** Loss to follow-up and Manski-style bounds on the mean change over everyone who started. */
export interface AttritionBounds {
  /** People with a pre score (who started). */
  readonly n_pre: number;
  /** Of those, people with a later score too (completers), and without one (lost). */
  readonly n_completers: number;
  readonly n_lost: number;
  /** n_lost / n_pre; null when nobody started. */
  readonly lost_share: number | null;
  /** lost_share <= 0.2 (NHLBI before-after quality tool, item 9); null when nobody started. */
  readonly meets_followup_criterion: boolean | null;
  /** The completers' mean change (later - pre); null without completers. */
  readonly mean_change_completers: number | null;
  /** Mean change over everyone with pre, each lost person's later score taken as the range's min. */
  readonly bounds_low: number | null;
  /** The same with the range's max: bounds_low <= bounds_high, in change units (later - pre). */
  readonly bounds_high: number | null;
  /** The bound where every lost person ended at the worst score (bounds_low when higher is better). */
  readonly worst_case: number | null;
  /** The bound where every lost person ended at the best score. */
  readonly best_case: number | null;
}

/**
 * Attrition-honest change (Manski 1990, "Nonparametric bounds on treatment effects", AER 80(2);
 * worst/best-case imputation as in Horowitz & Manski 2000): over everyone with a pre score, the
 * mean change when each person lost (pre and no `post`) is given the instrument's lowest
 * possible score (bounds_low) and its highest (bounds_high). Whatever the lost people would have
 * answered within the range, the mean change over everyone who started lies between the two.
 * Worst and best follow the direction (for lower-better measures, the worst case is the high
 * bound). Also the share lost against the NHLBI criterion of 20%. Bounds are null without
 * anyone who started or with a range that is not min <= max (finite).
 */
export function attritionBounds(pre: Scores, post: Scores, range: ScoreRange, direction: Direction): AttritionBounds {
  let nPre = 0;
  let completers = 0;
  let completerSum = 0;
  let preOfLostSum = 0;
  for (let index = 0; index < pre.length; index += 1) {
    const before = pre[index];
    if (!present(before)) continue;
    nPre += 1;
    const after = post[index];
    if (present(after)) {
      completers += 1;
      completerSum += after - before;
    } else preOfLostSum += before;
  }
  const lost = nPre - completers;
  const validRange = Number.isFinite(range.min) && Number.isFinite(range.max) && range.min <= range.max;
  // Σ over the lost of (bound - pre) = lost · bound - Σ pre of the lost.
  const bound = (score: number): number | null =>
    nPre === 0 || !validRange ? null : finite((completerSum + lost * score - preOfLostSum) / nPre);
  const low = bound(range.min);
  const high = bound(range.max);
  const share = nPre === 0 ? null : lost / nPre;
  return {
    n_pre: nPre,
    n_completers: completers,
    n_lost: lost,
    lost_share: share,
    meets_followup_criterion: share === null ? null : share <= FOLLOWUP_LOSS_LIMIT,
    mean_change_completers: completers === 0 ? null : completerSum / completers,
    bounds_low: low,
    bounds_high: high,
    worst_case: direction === 'higher-better' ? low : high,
    best_case: direction === 'higher-better' ? high : low,
  };
}

/** A population's mean and SD on the instrument. */
export interface NormGroup {
  readonly mean: number;
  readonly sd: number;
}

/** Population norms or a published cut-off (the shape of an instrument's `norms`, surveys/schema.ts). */
export interface Norms {
  readonly functional?: NormGroup | undefined;
  readonly dysfunctional?: NormGroup | undefined;
  readonly cutoff?: number | undefined;
  readonly source?: string | undefined;
}

/** Which cut-off was used: Jacobson & Truax's criterion a, b or c, or a published one. */
export type CutoffCriterion = 'a' | 'b' | 'c' | 'published';

/** A person's Jacobson-Truax category. */
export type ClinicalOutcome = 'recovered' | 'improved' | 'unchanged' | 'deteriorated';

/** Clinically significant change of a group. */
export interface ClinicalSignificance {
  readonly criterion: CutoffCriterion | null;
  /** The score between the atypical and the typical range; null without norms. */
  readonly cutoff: number | null;
  /** The smallest reliable change, 1.96 · S_diff; null without a usable reliability or baseline spread. */
  readonly rci_threshold: number | null;
  /** People with pre and post. */
  readonly n_paired: number;
  /** Counts of the paired (null without rci_threshold; recovered also null without a cut-off). */
  readonly recovered: number | null;
  readonly improved: number | null;
  readonly unchanged: number | null;
  readonly deteriorated: number | null;
  /** Shares of the paired in the typical range at pre and at post; null without a cut-off or pairs. */
  readonly typical_before: number | null;
  readonly typical_after: number | null;
}

/** What clinical significance needs besides the scores. */
export interface ClinicalOptions {
  /** The instrument's reliability (0 < r < 1), or null when unknown. */
  readonly reliability: number | null;
  readonly norms: Norms | undefined;
  readonly direction: Direction;
  /**
   * The baseline SD in S_diff; by default the SD of pre over these pairs. Give the whole group's
   * when counting a subgroup, so a person's change is reliable in every row or in none.
   */
  readonly baselineSd?: number | undefined;
}

/**
 * The cut-off between the dysfunctional and the functional population (Jacobson & Truax 1991,
 * p. 13): a published cut-off as given; else c = (s_f·m_d + s_d·m_f) / (s_f + s_d), the point
 * equally many SDs from both means, when both norms are known; else b = 2 SD on the
 * dysfunctional side of the functional mean; else a = 2 SD on the functional side of the
 * dysfunctional mean. Null without norms.
 */
export function clinicalCutoff(
  norms: Norms | undefined,
  direction: Direction,
): { cutoff: number; criterion: CutoffCriterion } | null {
  if (norms === undefined) return null;
  if (norms.cutoff !== undefined && Number.isFinite(norms.cutoff))
    return { cutoff: norms.cutoff, criterion: 'published' };
  const better = direction === 'higher-better' ? 1 : -1;
  const { functional, dysfunctional } = norms;
  if (functional !== undefined && dysfunctional !== undefined)
    return {
      cutoff:
        (functional.sd * dysfunctional.mean + dysfunctional.sd * functional.mean) / (functional.sd + dysfunctional.sd),
      criterion: 'c',
    };
  if (functional !== undefined) return { cutoff: functional.mean - better * 2 * functional.sd, criterion: 'b' };
  if (dysfunctional !== undefined)
    return { cutoff: dysfunctional.mean + better * 2 * dysfunctional.sd, criterion: 'a' };
  return null;
}

/**
 * Where a score lies: typical (functional) strictly on the better side of the cut-off, atypical
 * strictly on the worse side; a score exactly at the cut-off is neither (it is as far from one
 * population as from the other under criterion c).
 */
export function sideOf(score: number, cutoff: number, direction: Direction): 'typical' | 'atypical' | 'at' {
  if (score === cutoff) return 'at';
  return score > cutoff === (direction === 'higher-better') ? 'typical' : 'atypical';
}

/**
 * Clinically significant change (Jacobson & Truax 1991, "Clinical significance: a statistical
 * approach to defining meaningful change in psychotherapy research", J Consult Clin Psychol
 * 59(1):12-19). Reliable change as in the impact tables: S_diff = SD_pre · √2 · √(1 - r), a
 * change reliable when |change| / S_diff > 1.96 (the threshold reported is 1.96 · S_diff). Per
 * person with pre and post: recovered = a reliable improvement from the atypical side of the
 * cut-off (strictly worse) to the typical side (strictly better); improved = a reliable
 * improvement otherwise; deteriorated = a reliable change the other way; unchanged = the rest.
 * And the shares of those people in the typical range before and after.
 */
export function clinicalSignificance(pre: Scores, post: Scores, options: ClinicalOptions): ClinicalSignificance {
  const { direction, reliability } = options;
  const before: number[] = [];
  const after: number[] = [];
  const length = Math.min(pre.length, post.length);
  for (let index = 0; index < length; index += 1) {
    const first = pre[index];
    const second = post[index];
    if (present(first) && present(second)) {
      before.push(first);
      after.push(second);
    }
  }
  const n = before.length;
  const cut = clinicalCutoff(options.norms, direction);
  const sd = options.baselineSd ?? sampleSd(before);
  const sDiff =
    sd === null || reliability === null || !(reliability > 0 && reliability < 1) || !(sd > 0)
      ? null
      : sd * Math.SQRT2 * Math.sqrt(1 - reliability);
  let typicalBefore = 0;
  let typicalAfter = 0;
  const counts = { recovered: 0, improved: 0, unchanged: 0, deteriorated: 0 };
  for (let index = 0; index < n; index += 1) {
    const first = before[index] as number;
    const second = after[index] as number;
    const sideBefore = cut === null ? null : sideOf(first, cut.cutoff, direction);
    const sideAfter = cut === null ? null : sideOf(second, cut.cutoff, direction);
    if (sideBefore === 'typical') typicalBefore += 1;
    if (sideAfter === 'typical') typicalAfter += 1;
    if (sDiff === null) continue;
    const change = second - first;
    if (!(Math.abs(change) / sDiff > RELIABLE_Z)) counts.unchanged += 1;
    else if (change > 0 !== (direction === 'higher-better')) counts.deteriorated += 1;
    else if (sideBefore === 'atypical' && sideAfter === 'typical') counts.recovered += 1;
    else counts.improved += 1;
  }
  const shares = cut !== null && n > 0;
  return {
    criterion: cut?.criterion ?? null,
    cutoff: cut === null ? null : finite(cut.cutoff),
    rci_threshold: sDiff === null ? null : RELIABLE_Z * sDiff,
    n_paired: n,
    recovered: sDiff === null || cut === null ? null : counts.recovered,
    improved: sDiff === null ? null : counts.improved,
    unchanged: sDiff === null ? null : counts.unchanged,
    deteriorated: sDiff === null ? null : counts.deteriorated,
    typical_before: shares ? typicalBefore / n : null,
    typical_after: shares ? typicalAfter / n : null,
  };
}

/** The difference in mean change between a programme group and a comparison group. */
export interface ComparisonDifference {
  readonly n_programme: number;
  readonly n_comparison: number;
  readonly mean_change_programme: number | null;
  readonly mean_change_comparison: number | null;
  /** Programme mean change - comparison mean change; null unless both groups have a change. */
  readonly difference: number | null;
  /** Welch's standard error, df, 95% CI, t and two-sided p; null below two per group or without spread. */
  readonly se: number | null;
  readonly df: number | null;
  readonly ci95_low: number | null;
  readonly ci95_high: number | null;
  readonly t: number | null;
  readonly p: number | null;
  /** Hedges' g of the difference: difference / pooled SD of the change scores · J(n1 + n2 - 2). */
  readonly g: number | null;
}

/**
 * A quasi-experimental estimate (a comparison group that was not randomised, such as a waiting
 * list): the programme's mean change minus the comparison group's, i.e. a difference in
 * differences of the group means of pairs. Its 95% CI is Welch's (Welch 1947; R's `t.test(p,
 * c)`): se = √(v1/n1 + v2/n2), df = se⁴ / ((v1/n1)²/(n1 - 1) + (v2/n2)²/(n2 - 1)). Hedges' g
 * (Hedges 1981; Lakens 2013, eqs. 1 and 4): the difference over the pooled SD √(((n1-1)v1 +
 * (n2-1)v2) / (n1 + n2 - 2)) times J(n1 + n2 - 2). Swapping the groups flips every sign.
 * NaN changes are left out.
 */
export function comparisonDifference(programmeChanges: Scores, comparisonChanges: Scores): ComparisonDifference {
  return welchDifference(summarise(programmeChanges), summarise(comparisonChanges));
}

/** A group's changes summarised: how many, their mean and their sample variance (null below 2). */
export interface ChangeMoments {
  readonly n: number;
  readonly mean: number | null;
  readonly variance: number | null;
}

/**
 * {@link comparisonDifference} from each group's count, mean and variance of change: what a table
 * keeps of a cell (the programme pool against the comparison cohorts' pool, statistics/comparison.ts).
 */
export function welchDifference(programme: ChangeMoments, comparison: ChangeMoments): ComparisonDifference {
  const difference = programme.mean === null || comparison.mean === null ? null : programme.mean - comparison.mean;
  const n1 = programme.n;
  const n2 = comparison.n;
  const none = { se: null, df: null, ci95_low: null, ci95_high: null, t: null, p: null, g: null };
  const base = {
    n_programme: n1,
    n_comparison: n2,
    mean_change_programme: programme.mean,
    mean_change_comparison: comparison.mean,
    difference,
  };
  if (difference === null || programme.variance === null || comparison.variance === null) return { ...base, ...none };
  const v1 = programme.variance / n1;
  const v2 = comparison.variance / n2;
  const se = Math.sqrt(v1 + v2);
  const pooled = Math.sqrt(((n1 - 1) * programme.variance + (n2 - 1) * comparison.variance) / (n1 + n2 - 2));
  const correction = hedgesJ(n1 + n2 - 2);
  const g = pooled > 0 && correction !== null ? finite((difference / pooled) * correction) : null;
  if (!(se > 0)) return { ...base, ...none, g };
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (n1 - 1) + v2 ** 2 / (n2 - 1));
  const margin = tQuantile(0.975, df) * se;
  const t = difference / se;
  return {
    ...base,
    se,
    df: finite(df),
    ci95_low: finite(difference - margin),
    ci95_high: finite(difference + margin),
    t: finite(t),
    p: finite(Math.min(1, 2 * tCdf(-Math.abs(t), df))),
    g,
  };
}

/** Sample SD (n - 1) of a list, two-pass; null below two values. */
function sampleSd(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / (n - 1));
}

/** Count, mean and sample variance (two-pass) of the present values. */
function summarise(values: Scores): { n: number; mean: number | null; variance: number | null } {
  let n = 0;
  let sum = 0;
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    n += 1;
    sum += value;
  }
  if (n === 0) return { n, mean: null, variance: null };
  const mean = sum / n;
  if (n < 2) return { n, mean, variance: null };
  let squares = 0;
  for (const value of values) if (!Number.isNaN(value)) squares += (value - mean) ** 2;
  return { n, mean, variance: squares / (n - 1) };
}
