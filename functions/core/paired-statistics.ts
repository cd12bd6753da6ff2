/**
 * Paired pre/post statistics, each with its formula and the reference it was checked against
 * (test/core/paired-statistics.test.ts). Change is post - pre. Descriptive statistics come from
 * simple-statistics; the t, normal and signed-rank distributions from @stdlib. Every edge case
 * has a defined answer: a statistic that does not exist for the data (an SD of one value, a t
 * with zero spread) is null, never NaN or Infinity.
 */
import { mean, sampleStandardDeviation, sum } from 'simple-statistics';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import signrankCdf from '@stdlib/stats-base-dists-signrank-cdf';
import gammaln from '@stdlib/math-base-special-gammaln';

/** How the Wilcoxon p was obtained, as R's `wilcox.test` decides by default. */
export type WilcoxonMethod = 'exact' | 'normal-approximation' | 'none';

/** The paired indicators of `prepost stats` (PRODUCT.md) and of every impact-table cell. */
export interface PairedStatistics {
  readonly n_paired: number;
  readonly mean_pre: number | null;
  readonly mean_post: number | null;
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

/** Which way is better for a score. */
export type Direction = 'higher-better' | 'lower-better';

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

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
  const wilcoxon = wilcoxonSignedRank(changes);
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
 * The 95% CI of a mean change (mean ± t(0.975, n-1) · sd / √n) and the paired t-test (t =
 * mean / (sd / √n), df = n - 1, two-sided p). With zero spread the interval has no width and
 * t does not exist (null).
 */
export function tInterval(
  meanChange: number | null,
  sdChange: number | null,
  n: number,
): Pick<PairedStatistics, 'ci95_low' | 'ci95_high' | 't' | 'df' | 'p_t'> {
  const df = n < 2 ? null : n - 1;
  if (df === null || meanChange === null || sdChange === null)
    return { ci95_low: null, ci95_high: null, t: null, df, p_t: null };
  const standardError = sdChange / Math.sqrt(n);
  const margin = tQuantile(0.975, df) * standardError;
  const t = standardError > 0 ? meanChange / standardError : null;
  const pT = t === null ? null : Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return {
    ci95_low: finite(meanChange - margin),
    ci95_high: finite(meanChange + margin),
    t: t === null ? null : finite(t),
    df,
    p_t: pT === null ? null : finite(pT),
  };
}

/** Lakens' (2013) d_z and d_av, and Hedges' g_av = d_av · J(df); null where a denominator is 0 or missing. */
export function effectSizes(
  meanChange: number | null,
  sdChange: number | null,
  sdPre: number | null,
  sdPost: number | null,
  df: number | null,
): Pick<PairedStatistics, 'd_z' | 'd_av' | 'g_av'> {
  const dZ = meanChange !== null && sdChange !== null && sdChange > 0 ? meanChange / sdChange : null;
  const averageSd = sdPre !== null && sdPost !== null ? (sdPre + sdPost) / 2 : null;
  const dAv = meanChange !== null && averageSd !== null && averageSd > 0 ? meanChange / averageSd : null;
  const correction = df === null ? null : hedgesJ(df);
  return { d_z: dZ, d_av: dAv, g_av: dAv === null || correction === null ? null : dAv * correction };
}

/** The t-based 95% interval of a mean: mean ± t(0.975, n-1) · sd / √n; null bounds below n = 2. */
export function meanInterval(
  mean: number,
  sd: number | null,
  n: number,
): { mean: number; low: number | null; high: number | null } {
  if (sd === null || n < 2) return { mean, low: null, high: null };
  const margin = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, low: mean - margin, high: mean + margin };
}

/**
 * Hedges' small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df-1)/2)), computed through
 * log-gamma so it stays finite for large df; null for df < 2, where Γ((df-1)/2) has no value.
 */
export function hedgesJ(df: number): number | null {
  if (df < 2) return null;
  return Math.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / Math.sqrt(df / 2);
}

/**
 * Wilcoxon signed-rank test on paired changes, as R's `wilcox.test(post, pre, paired = TRUE)`
 * with its defaults: zeros dropped; average ranks for ties; the exact distribution when fewer
 * than 50 non-zero changes and no ties or zeros, otherwise the normal approximation with the
 * tie correction of the variance and a continuity correction. Two-sided.
 */
export function wilcoxonSignedRank(changes: readonly number[]): {
  v: number | null;
  p: number | null;
  method: WilcoxonMethod;
} {
  // Changes are differences of floating-point scores (prorated sums, scaled data), so equal
  // changes can differ in the last bits: compare them at 9 significant digits of the largest,
  // or ties and zeros would go unseen and the method would change with the representation.
  const scale = changes.reduce((largest, change) => Math.max(largest, Math.abs(change)), 0);
  const nonZero = (scale === 0 ? [] : changes.map((change) => Math.round((change / scale) * 1e9))).filter(
    (change) => change !== 0,
  );
  const hadZeros = nonZero.length !== changes.length;
  const n = nonZero.length;
  if (n === 0) return { v: changes.length === 0 ? null : 0, p: null, method: 'none' };
  const ranks = averageRanks(nonZero.map(Math.abs));
  let v = 0;
  nonZero.forEach((change, index) => {
    if (change > 0) v += ranks[index] ?? 0;
  });
  const tieSizes = tieGroupSizes(nonZero.map(Math.abs));
  const hasTies = tieSizes.some((size) => size > 1);
  return {
    v,
    ...signedRankPValue(v, n, n < 50 && !hasTies && !hadZeros, sum(tieSizes.map((size) => size ** 3 - size))),
  };
}

/**
 * The two-sided p of V for n non-zero changes, as R's wilcox.test: exact from the signed-rank
 * distribution, or the normal approximation with the tie correction (Σ t³ - t over tie groups)
 * and a continuity correction. Tails are taken directly (by the distribution's symmetry, and
 * Φ(-|z|)), so very small p values keep their precision instead of becoming 1 - 1 = 0.
 */
export function signedRankPValue(
  v: number,
  n: number,
  exact: boolean,
  tieCorrection: number,
): { p: number | null; method: WilcoxonMethod } {
  if (exact) {
    // R: p <- if (V > n(n+1)/4) psignrank(V - 1, n, lower.tail = FALSE) else psignrank(V, n); min(2p, 1)
    // P(V >= v) = P(V <= n(n+1)/2 - v), by symmetry.
    const tail = v > (n * (n + 1)) / 4 ? signrankCdf((n * (n + 1)) / 2 - v, n) : signrankCdf(v, n);
    return { p: Math.min(1, 2 * tail), method: 'exact' };
  }
  const centred = v - (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieCorrection / 48;
  if (variance <= 0) return { p: null, method: 'none' };
  const z = (centred - Math.sign(centred) * 0.5) / Math.sqrt(variance);
  return { p: Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1)), method: 'normal-approximation' };
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
 * reliable when |change| / S_diff > 1.96, and counts as improvement in the instrument's better
 * direction. Null when there is no spread at baseline or no usable reliability.
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
 * variances. Null with fewer than 2 items or 2 complete cases, or no variance in the totals.
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
 * Hake's (1998) normalised gain for percent scores: g = (post% - pre%) / (100 - pre%). The gain
 * of the class averages uses the completers' mean pre and post; the average of individual gains
 * leaves out those at 100% before, for whom g is undefined (their count is reported).
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

/**
 * Holm's step-down adjustment of a family of p values (null entries are left out and stay
 * null): sorted ascending, p_(i) · (m - i + 1), made monotone, capped at 1; R's p.adjust "holm".
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null);
  const m = present.length;
  const sorted = [...present].sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number | null>(pValues.length).fill(null);
  let running = 0;
  sorted.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}
