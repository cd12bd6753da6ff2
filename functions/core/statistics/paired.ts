/**
 * Paired pre/post statistics of a list of pairs: what `prepost stats` prints, computed as one
 * cell of an impact table (a table of one column without subgroups, statistics/table.ts), so
 * the command and aggregation share every formula. Change is post - pre. Each statistic names
 * its formula and the reference it was checked against (test/core/paired-statistics.test.ts).
 * Every edge case has a defined answer: a statistic that does not exist for the data (an SD of
 * one value, a t with zero spread) is null, never NaN or Infinity.
 */
import type { Indicators } from '../model.ts';
import type { Column, Direction, Measure } from './columns.ts';
import { layCells, NO_GROUPS } from './groups.ts';
import { emptyAlphaSums } from './reliability.ts';
import type { WilcoxonMethod } from './signed-rank.ts';
import { columnCells } from './table.ts';

/** The paired indicators of `prepost stats` (PRODUCT.md): those of an impact-table cell's completers. */
export interface PairedStatistics {
  readonly n_paired: number;
  readonly mean_pre: number | null;
  readonly mean_post: number | null;
  /** Sample SDs (n - 1), null below two pairs. */
  readonly sd_pre: number | null;
  readonly sd_post: number | null;
  readonly mean_change: number | null;
  readonly sd_change: number | null;
  /** 95% CI of the mean change, t-based: mean ± t(0.975, n-1) · sd / √n. */
  readonly ci95_low: number | null;
  readonly ci95_high: number | null;
  /** Paired t = mean change / (sd change / √n), df = n - 1, two-sided p. */
  readonly t: number | null;
  readonly df: number | null;
  readonly p_t: number | null;
  /** Wilcoxon signed-rank V: the sum of the ranks of the positive changes, zeros dropped (R's V). */
  readonly wilcoxon_v: number | null;
  readonly p_wilcoxon: number | null;
  readonly wilcoxon_method: WilcoxonMethod;
  /** Cohen's d_z = mean change / sd change (Lakens 2013, eq. 6). */
  readonly d_z: number | null;
  /** Cohen's d_av = mean change / ((sd pre + sd post) / 2) (Lakens 2013, eq. 10). */
  readonly d_av: number | null;
  /** Hedges' g_av = d_av · J(n - 1), J(df) = Γ(df/2) / (√(df/2) Γ((df-1)/2)) (Lakens 2013, eq. 4). */
  readonly g_av: number | null;
}

/** Jacobson-Truax reliable change counts, direction-aware. */
export interface ReliableChange {
  /** The smallest change counted as reliable, in score units: 1.96 · S_diff. */
  readonly rci_threshold: number | null;
  readonly rci_improved: number | null;
  readonly rci_unchanged: number | null;
  readonly rci_deteriorated: number | null;
}

/** Pairs that have both values; the rest are missing. */
export function completePairs(
  pre: readonly (number | null)[],
  post: readonly (number | null)[],
): { pre: number[]; post: number[] } {
  const pairedPre: number[] = [];
  const pairedPost: number[] = [];
  const length = Math.min(pre.length, post.length);
  for (let index = 0; index < length; index += 1) {
    const before = pre[index];
    const after = post[index];
    if (typeof before === 'number' && typeof after === 'number' && Number.isFinite(before) && Number.isFinite(after)) {
      pairedPre.push(before);
      pairedPost.push(after);
    }
  }
  return { pre: pairedPre, post: pairedPost };
}

/**
 * Every paired indicator for complete pairs (equal-length arrays of finite numbers): means and
 * SDs of the pairs, the t interval and test, Wilcoxon's signed-rank test (signed-rank.ts) and
 * the effect sizes (inference.ts).
 */
export function pairedStatistics(pre: readonly number[], post: readonly number[]): PairedStatistics {
  const cell = pairedCell(pre, post, { percent: false, direction: 'higher-better', reliability: undefined });
  return {
    n_paired: cell.n_paired,
    mean_pre: cell.mean_pre_paired,
    mean_post: cell.mean_post_paired,
    sd_pre: cell.sd_pre_paired,
    sd_post: cell.sd_post_paired,
    mean_change: cell.mean_change,
    sd_change: cell.sd_change,
    ci95_low: cell.ci95_low,
    ci95_high: cell.ci95_high,
    t: cell.t,
    df: cell.df,
    p_t: cell.p_t,
    wilcoxon_v: cell.wilcoxon_v,
    p_wilcoxon: cell.p_wilcoxon,
    wilcoxon_method: cell.wilcoxon_method,
    d_z: cell.d_z,
    d_av: cell.d_av,
    g_av: cell.g_av,
  };
}

/**
 * Jacobson & Truax (1991) reliable change of complete pairs: S_diff = SD_pre · √2 · √(1 -
 * r_xx); a change is reliable when |change| / S_diff > 1.96, and counts as improvement in the
 * better direction. Null when there is no spread at baseline or no usable reliability.
 */
export function reliableChange(
  pre: readonly number[],
  post: readonly number[],
  reliability: number | null,
  direction: Direction,
): ReliableChange {
  const cell = pairedCell(pre, post, {
    percent: false,
    direction,
    reliability: reliability === null ? undefined : { method: 'published', value: reliability },
  });
  return {
    rci_threshold: cell.rci_threshold,
    rci_improved: cell.rci_improved,
    rci_unchanged: cell.rci_unchanged,
    rci_deteriorated: cell.rci_deteriorated,
  };
}

/**
 * Hake's (1998) normalised gain of complete pairs of percent scores: g = (post% - pre%) / (100 -
 * pre%), of the means (gain of averages) and the mean of individual gains, which leaves out
 * those at 100% before, for whom g is undefined (their count is reported).
 */
export function normalisedGain(
  pre: readonly number[],
  post: readonly number[],
): { gain_of_averages: number | null; average_of_gains: number | null; gain_undefined: number } {
  const cell = pairedCell(pre, post, { percent: true, direction: 'higher-better', reliability: undefined });
  return {
    gain_of_averages: cell.gain_of_averages,
    average_of_gains: cell.average_of_gains,
    gain_undefined: cell.gain_undefined ?? 0,
  };
}

/** The one cell of a table whose column holds the pairs. */
function pairedCell(pre: readonly number[], post: readonly number[], measure: Measure): Indicators {
  const n = Math.min(pre.length, post.length);
  const column: Column = {
    id: '',
    part: null,
    measure,
    pre: Float64Array.from(pre.slice(0, n)),
    post: Float64Array.from(post.slice(0, n)),
    alpha: emptyAlphaSums(0),
  };
  return columnCells(column, layCells(NO_GROUPS, n), n).indicators[0] as Indicators;
}
