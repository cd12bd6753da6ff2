/**
 * The Wilcoxon signed-rank test on paired changes, as R's `wilcox.test(post, pre, paired =
 * TRUE)` with its defaults: zeros dropped; average ranks for ties; the exact distribution when
 * fewer than 50 non-zero changes and no ties or zeros, otherwise the normal approximation with
 * the tie correction of the variance and a continuity correction. Two-sided. Checked against
 * R's `sleep` and `?wilcox.test` outputs, SciPy's Darwin example and R on changes of very
 * different sizes (test/core/paired-statistics.test.ts).
 *
 * One documented difference from R (README, Indicators): scores are floating-point numbers
 * (prorated sums, decimals typed from paper), so a change that is zero, or two changes that are
 * equal, can differ from it in the last bits (7.11 - 6.99 = 0.1200000000000001, 9.95 - 9.83 =
 * 0.11999999999999922). R compares exactly; here zero and ties are judged relative to each
 * pair's own scores, whose size the noise scales with:
 * - a change is zero when |post - pre| <= 1e-12 · max(|pre|, |post|);
 * - two changes tie when their sizes differ by at most 1e-12 · the larger scale of their pairs
 *   (after sorting, each change is compared with the smallest of its tie group, so a tie group
 *   never chains beyond that tolerance).
 * Noise of a few units in the last place (about 1e-16 relative) stays far inside 1e-12, and a
 * change of 3e-4 beside one of 1e6 stays a change (a tolerance of the largest change, as
 * before, dropped it as a zero).
 *
 * In accumulator form: a column's changes are put in buckets, one per distinct |change|, ranked
 * once into tie groups; each cell then only counts its changes per rank.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import signrankCdf from '@stdlib/stats-base-dists-signrank-cdf';
import type { Indicators } from '../model.ts';

/** How the Wilcoxon p was obtained, as R's `wilcox.test` decides by default. */
export type WilcoxonMethod = Indicators['wilcoxon_method'];

/** The signed-rank statistic: V (the sum of the ranks of the positive changes), its p and how p was had. */
export interface SignedRank {
  readonly v: number | null;
  readonly p: number | null;
  readonly method: WilcoxonMethod;
}

/**
 * Relative tolerance of zero and of ties: far above the rounding noise of scores (a few units
 * in the last place, about 1e-16 each), far below any difference a measure means.
 */
export const RELATIVE_TOLERANCE = 1e-12;

/** True when post - pre is zero relative to the pair's own scores (NaN: missing, so not zero either). */
export function isZeroChange(before: number, after: number): boolean {
  return Math.abs(after - before) <= RELATIVE_TOLERANCE * Math.max(Math.abs(before), Math.abs(after));
}

/** The distinct |change| values of a column, each with the largest scale of the pairs it came from. */
export class RankBuckets {
  /** Exact |change| -> bucket. */
  private readonly keys = new Map<number, number>();
  /** Each bucket's |change|, and the largest max(|pre|, |post|) among its pairs. */
  private readonly magnitudes: number[] = [];
  private readonly scales: number[] = [];

  /** The bucket of a pair's change, or -1 when it is zero relative to its scores (or missing). */
  bucketOf(before: number, after: number): number {
    const magnitude = Math.abs(after - before);
    const scale = Math.max(Math.abs(before), Math.abs(after));
    // isZeroChange, inlined for the hot loop; NaN fails the comparison and is left out too.
    if (!(magnitude > RELATIVE_TOLERANCE * scale)) return -1;
    const bucket = this.keys.get(magnitude);
    if (bucket === undefined) {
      const created = this.magnitudes.length;
      this.keys.set(magnitude, created);
      this.magnitudes.push(magnitude);
      this.scales.push(scale);
      return created;
    }
    if (scale > (this.scales[bucket] as number)) this.scales[bucket] = scale;
    return bucket;
  }

  /**
   * Each bucket's rank (0: the smallest |change|; buckets that tie share one), and each rank's
   * |change|: the member written with the fewest digits (the smallest among equally short ones),
   * so decimal data show 0.12 rather than its noisy neighbour 0.1200000000000001.
   */
  rank(): { readonly rankOf: Int32Array; readonly magnitudes: readonly number[] } {
    const ascending = Float64Array.from(this.magnitudes).sort();
    const rankOf = new Int32Array(this.magnitudes.length);
    const representatives: number[] = [];
    let anchor = -1;
    let anchorScale = 0;
    let shortest = 0;
    for (const magnitude of ascending) {
      const bucket = this.keys.get(magnitude) as number;
      const scale = this.scales[bucket] as number;
      const digits = String(magnitude).length;
      if (anchor < 0 || magnitude - anchor > RELATIVE_TOLERANCE * Math.max(anchorScale, scale)) {
        anchor = magnitude;
        anchorScale = scale;
        shortest = digits;
        representatives.push(magnitude);
      } else if (digits < shortest) {
        shortest = digits;
        representatives[representatives.length - 1] = magnitude;
      }
      rankOf[bucket] = representatives.length - 1;
    }
    return { rankOf, magnitudes: representatives };
  }
}

/** A cell's changes counted per rank: how many, how many positive, and the zeros. */
export class RankCounts {
  readonly count: Int32Array;
  readonly positive: Int32Array;
  zeros = 0;

  constructor(ranks: number) {
    this.count = new Int32Array(ranks);
    this.positive = new Int32Array(ranks);
  }

  /** Counts a change at its rank (-1: a zero change). */
  add(rank: number, change: number): void {
    if (rank < 0) {
      this.zeros += 1;
      return;
    }
    this.count[rank] = (this.count[rank] as number) + 1;
    if (change > 0) this.positive[rank] = (this.positive[rank] as number) + 1;
  }
}

/**
 * The signed-rank test from a cell's counts (`paired`: its number of changes): V with average
 * ranks for ties, and the p of {@link signedRankPValue}. Without a non-zero change, V is 0 (null
 * without any change) and there is no p.
 */
export function signedRank(counts: RankCounts, paired: number): SignedRank {
  let n = 0;
  let v = 0;
  let ties = 0;
  let hasTies = false;
  for (let rank = 0; rank < counts.count.length; rank += 1) {
    const count = counts.count[rank] as number;
    if (count === 0) continue;
    const averageRank = n + (count + 1) / 2;
    v += (counts.positive[rank] as number) * averageRank;
    n += count;
    if (count > 1) hasTies = true;
    ties += count ** 3 - count;
  }
  if (n === 0) return { v: paired === 0 ? null : 0, p: null, method: 'none' };
  return { v, ...signedRankPValue(v, n, n < 50 && !hasTies && counts.zeros === 0, ties) };
}

/**
 * The signed-rank test of pairs (equal lengths; a NaN on either side leaves the pair out), with
 * zero and ties judged relative to each pair's scores. For a list of changes alone, pass zeros
 * as `pre`: each change is then its own scale (zero only when exactly zero).
 */
export function wilcoxonSignedRank(pre: readonly number[], post: readonly number[]): SignedRank {
  const buckets = new RankBuckets();
  const n = Math.min(pre.length, post.length);
  const bucketOf = Array.from({ length: n }, (_, index) =>
    buckets.bucketOf(pre[index] as number, post[index] as number),
  );
  const { rankOf } = buckets.rank();
  const counts = new RankCounts(rankOf.length);
  let paired = 0;
  for (let index = 0; index < n; index += 1) {
    const change = (post[index] as number) - (pre[index] as number);
    if (Number.isNaN(change)) continue;
    paired += 1;
    const bucket = bucketOf[index] as number;
    counts.add(bucket < 0 ? -1 : (rankOf[bucket] as number), change);
  }
  return signedRank(counts, paired);
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
