/**
 * The test oracle of the statistics engine: the paired statistics computed the straightforward
 * way, from arrays (simple-statistics' compensated means and two-pass SDs, ranks by sorting),
 * as `prepost stats` computed them before aggregation and the command shared one engine. The
 * equivalence tests hold the engine (functions/core/statistics/) equal to it; the reference
 * tests check both against R and SciPy. The t interval and the effect sizes are written out here
 * again from their definitions; only the signed-rank p from V (R's exact distribution and normal
 * approximation) comes from the engine, and the R and SciPy reference tests hold that.
 * Nothing in functions/ imports this file.
 */
import { mean, sampleStandardDeviation, sum } from 'simple-statistics';
import gammaln from '@stdlib/math-base-special-gammaln';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { signedRankPValue, type SignedRank } from '#core/statistics/signed-rank.ts';
import type { Direction } from '#core/statistics/columns.ts';
import type { PairedStatistics, ReliableChange } from '#core/statistics/paired.ts';

/** Every paired indicator for complete pairs (equal-length arrays of finite numbers). */
export function pairedStatistics(pre: readonly number[], post: readonly number[]): PairedStatistics {
  const n = Math.min(pre.length, post.length);
  const before = pre.slice(0, n);
  const after = post.slice(0, n);
  const changes = after.map((value, index) => value - (before[index] ?? 0));
  const meanPre = n === 0 ? null : mean(before);
  const meanPost = n === 0 ? null : mean(after);
  const meanChange = n === 0 ? null : mean(changes);
  const sdPre = n < 2 ? null : sampleStandardDeviation(before);
  const sdPost = n < 2 ? null : sampleStandardDeviation(after);
  const sdChange = n < 2 ? null : sampleStandardDeviation(changes);
  const test = tInterval(meanChange, sdChange, n);
  const wilcoxon = wilcoxonSignedRank(before, after);
  const effects = effectSizes(meanChange, sdChange, sdPre, sdPost, test.df);
  return {
    n_paired: n,
    mean_pre: meanPre,
    mean_post: meanPost,
    sd_pre: sdPre,
    sd_post: sdPost,
    mean_change: meanChange,
    sd_change: sdChange,
    ...test,
    wilcoxon_v: wilcoxon.v,
    p_wilcoxon: wilcoxon.p,
    wilcoxon_method: wilcoxon.method,
    ...effects,
  };
}

/**
 * Wilcoxon signed-rank test on paired changes, as R's `wilcox.test(post, pre, paired = TRUE)`
 * with its defaults, zero and ties judged relative to each pair's scores (the documented
 * difference from R): a change is zero when |post - pre| <= 1e-12 · max(|pre|, |post|); after
 * sorting by size, a change ties with the smallest change of the current group when it exceeds
 * it by at most 1e-12 · the larger of the two sizes' scales (a size's scale: the largest
 * max(|pre|, |post|) among its pairs). Zeros dropped, average ranks for ties, exact below 50
 * non-zero changes without ties or zeros.
 */
export function wilcoxonSignedRank(pre: readonly number[], post: readonly number[]): SignedRank {
  const pairs = pre
    .slice(0, Math.min(pre.length, post.length))
    .map((before, index) => ({ before, after: post[index] ?? Number.NaN }))
    .filter(({ before, after }) => !Number.isNaN(after - before));
  const nonZero = pairs
    .map(({ before, after }) => ({ change: after - before, scale: Math.max(Math.abs(before), Math.abs(after)) }))
    .filter(({ change, scale }) => Math.abs(change) > 1e-12 * scale);
  const hadZeros = nonZero.length !== pairs.length;
  const n = nonZero.length;
  if (n === 0) return { v: pairs.length === 0 ? null : 0, p: null, method: 'none' };
  const scaleOf = new Map<number, number>();
  for (const { change, scale } of nonZero)
    scaleOf.set(Math.abs(change), Math.max(scale, scaleOf.get(Math.abs(change)) ?? 0));
  // Each size's tie group, numbered in ascending order.
  const groupOf = new Map<number, number>();
  let anchor = Number.NaN;
  let group = -1;
  for (const size of [...scaleOf.keys()].sort((a, b) => a - b)) {
    const scale = scaleOf.get(size) ?? 0;
    if (group < 0 || size - anchor > 1e-12 * Math.max(scaleOf.get(anchor) ?? 0, scale)) {
      anchor = size;
      group += 1;
    }
    groupOf.set(size, group);
  }
  const groups = nonZero.map(({ change }) => groupOf.get(Math.abs(change)) ?? 0);
  const ranks = averageRanks(groups);
  let v = 0;
  nonZero.forEach(({ change }, index) => {
    if (change > 0) v += ranks[index] ?? 0;
  });
  const tieSizes = tieGroupSizes(groups);
  const hasTies = tieSizes.some((size) => size > 1);
  return {
    v,
    ...signedRankPValue(v, n, n < 50 && !hasTies && !hadZeros, sum(tieSizes.map((size) => size ** 3 - size))),
  };
}

/** Ranks 1..n of the values, ties given the average of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end += 1;
    const rank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position += 1) {
      const entry = order[position];
      if (entry !== undefined) ranks[entry.index] = rank;
    }
    start = end + 1;
  }
  return ranks;
}

function tieGroupSizes(values: readonly number[]): number[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.values()];
}

/**
 * Jacobson & Truax (1991) reliable change: S_diff = SD_pre · √2 · √(1 - r_xx); a change is
 * reliable when |change| / S_diff > 1.96, and counts as improvement in the better direction.
 */
export function reliableChange(
  pre: readonly number[],
  post: readonly number[],
  reliability: number | null,
  direction: Direction,
): ReliableChange {
  const n = Math.min(pre.length, post.length);
  if (reliability === null || !(reliability > 0 && reliability < 1) || n < 2) return NO_RELIABLE_CHANGE;
  const sdPre = sampleStandardDeviation(pre.slice(0, n));
  return reliableChangeAt(pre, post, sdPre * Math.SQRT2 * Math.sqrt(1 - reliability), direction);
}

const NO_RELIABLE_CHANGE: ReliableChange = {
  rci_threshold: null,
  rci_improved: null,
  rci_unchanged: null,
  rci_deteriorated: null,
};

/** Reliable-change counts for a given S_diff (a subgroup uses its whole group's). */
export function reliableChangeAt(
  pre: readonly number[],
  post: readonly number[],
  sDiff: number | null,
  direction: Direction,
): ReliableChange {
  const n = Math.min(pre.length, post.length);
  if (sDiff === null || !(sDiff > 0) || n === 0) return NO_RELIABLE_CHANGE;
  let improved = 0;
  let deteriorated = 0;
  for (let index = 0; index < n; index += 1) {
    const change = (post[index] ?? 0) - (pre[index] ?? 0);
    if (Math.abs(change) / sDiff <= 1.96) continue;
    if (change > 0 === (direction === 'higher-better')) improved += 1;
    else deteriorated += 1;
  }
  return {
    rci_threshold: 1.96 * sDiff,
    rci_improved: improved,
    rci_unchanged: n - improved - deteriorated,
    rci_deteriorated: deteriorated,
  };
}

/**
 * Cronbach's alpha over complete cases: α = k/(k-1) · (1 - Σ var(item) / var(total)), sample
 * variances (two-pass). Null with fewer than 2 items or 2 complete cases, or no variance in the totals.
 */
export function cronbachAlpha(itemScores: readonly (readonly (number | null)[])[]): number | null {
  const complete = itemScores.filter(
    (row) => row.length > 0 && row.every((value) => typeof value === 'number' && Number.isFinite(value)),
  ) as number[][];
  const k = complete[0]?.length ?? 0;
  if (k < 2 || complete.length < 2 || complete.some((row) => row.length !== k)) return null;
  const variance = (values: number[]): number => sampleStandardDeviation(values) ** 2;
  const itemVariance = sum(Array.from({ length: k }, (_, item) => variance(complete.map((row) => row[item] ?? 0))));
  const totalVariance = variance(complete.map((row) => sum(row)));
  if (!(totalVariance > 0)) return null;
  return (k / (k - 1)) * (1 - itemVariance / totalVariance);
}

/**
 * Hake's (1998) normalised gain for percent scores: g = (post% - pre%) / (100 - pre%), of the
 * means and the mean of individual gains (undefined at 100% before; those are counted).
 */
export function normalisedGain(
  pre: readonly number[],
  post: readonly number[],
): { gain_of_averages: number | null; average_of_gains: number | null; gain_undefined: number } {
  const n = Math.min(pre.length, post.length);
  if (n === 0) return { gain_of_averages: null, average_of_gains: null, gain_undefined: 0 };
  const meanPre = mean(pre.slice(0, n));
  const meanPost = mean(post.slice(0, n));
  const gains: number[] = [];
  let undefinedCount = 0;
  for (let index = 0; index < n; index += 1) {
    const before = pre[index] ?? 0;
    if (before >= 100) undefinedCount += 1;
    else gains.push(((post[index] ?? 0) - before) / (100 - before));
  }
  return {
    gain_of_averages: meanPre >= 100 ? null : (meanPost - meanPre) / (100 - meanPre),
    average_of_gains: gains.length === 0 ? null : mean(gains),
    gain_undefined: undefinedCount,
  };
}

const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** The paired t test and the t-based 95% interval of the mean change (Student), from its definition. */
function tInterval(meanChange: number | null, sdChange: number | null, n: number) {
  const df = n < 2 ? null : n - 1;
  if (df === null || meanChange === null || sdChange === null)
    return { ci95_low: null, ci95_high: null, t: null, df, p_t: null };
  const standardError = sdChange / Math.sqrt(n);
  const margin = tQuantile(0.975, df) * standardError;
  const t = standardError > 0 ? meanChange / standardError : null;
  return {
    ci95_low: finiteOrNull(meanChange - margin),
    ci95_high: finiteOrNull(meanChange + margin),
    t: t === null ? null : finiteOrNull(t),
    df,
    p_t: t === null ? null : finiteOrNull(Math.min(1, 2 * tCdf(-Math.abs(t), df))),
  };
}

/** Lakens (2013) d_z (eq. 6), d_av (eq. 10) and Hedges' g_av = d_av · J(df) (eq. 4). */
function effectSizes(
  meanChange: number | null,
  sdChange: number | null,
  sdPre: number | null,
  sdPost: number | null,
  df: number | null,
) {
  const dZ = meanChange !== null && sdChange !== null && sdChange > 0 ? meanChange / sdChange : null;
  const averageSd = sdPre !== null && sdPost !== null ? (sdPre + sdPost) / 2 : null;
  const dAv = meanChange !== null && averageSd !== null && averageSd > 0 ? meanChange / averageSd : null;
  const j = df === null || df < 2 ? null : Math.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / Math.sqrt(df / 2);
  return { d_z: dZ, d_av: dAv, g_av: dAv === null || j === null ? null : dAv * j };
}
