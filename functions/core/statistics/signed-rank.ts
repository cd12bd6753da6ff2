/**
 * The Wilcoxon signed-rank test on paired changes, as R's `wilcox.test(post, pre, paired =
 * TRUE)` with its defaults: zeros dropped; average ranks for ties; the exact distribution when
 * fewer than 50 non-zero changes and no ties or zeros, otherwise the normal approximation with
 * the tie correction of the variance and a continuity correction. Two-sided. Checked against
 * R's `sleep` and `?wilcox.test` outputs and SciPy's Darwin example
 * (test/core/paired-statistics.test.ts).
 *
 * One documented difference from R (README, Indicators): changes are differences of
 * floating-point scores (prorated sums, scaled data), so equal changes can differ in the last
 * bits. They are compared at 9 significant digits of the largest change, or ties and zeros
 * would go unseen and the method would change with the representation.
 *
 * In accumulator form: a column's changes are put in buckets, one per distinct |change| (at
 * that precision), ranked once; each cell then only counts its changes per bucket.
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

/** The distinct |change| values of a column, at 9 significant digits of its largest |change| (`scale`). */
export class RankBuckets {
  /** Magnitude key (|change| / scale · 10^9, rounded: small integers, fast Map keys) -> bucket. */
  private readonly keys = new Map<number, number>();
  /** Each bucket's |change|: the first seen. */
  private readonly magnitudes: number[] = [];

  constructor(private readonly scale: number) {}

  /** The bucket of a change, or -1 when it is zero at the compared precision (or missing). */
  bucketOf(change: number): number {
    if (Number.isNaN(change) || this.scale === 0) return -1;
    const magnitude = Math.abs(Math.round((change / this.scale) * 1e9));
    if (magnitude === 0) return -1;
    let bucket = this.keys.get(magnitude);
    if (bucket === undefined) {
      bucket = this.keys.size;
      this.keys.set(magnitude, bucket);
      this.magnitudes.push(Math.abs(change));
    }
    return bucket;
  }

  /** Each bucket's rank (0: the smallest |change|), and each rank's |change|. */
  rank(): { readonly rankOf: Int32Array; readonly magnitudes: readonly number[] } {
    const ascending = [...this.keys.keys()].sort((a, b) => a - b);
    const rankOf = new Int32Array(this.keys.size);
    ascending.forEach((magnitude, rank) => {
      rankOf[this.keys.get(magnitude) as number] = rank;
    });
    return {
      rankOf,
      magnitudes: ascending.map((magnitude) => this.magnitudes[this.keys.get(magnitude) as number] as number),
    };
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

/** The signed-rank test of a list of changes (post - pre). */
export function wilcoxonSignedRank(changes: readonly number[]): SignedRank {
  const scale = changes.reduce((largest, change) => Math.max(largest, Math.abs(change)), 0);
  const buckets = new RankBuckets(scale);
  const bucketOf = changes.map((change) => buckets.bucketOf(change));
  const { rankOf } = buckets.rank();
  const counts = new RankCounts(rankOf.length);
  changes.forEach((change, index) => {
    const bucket = bucketOf[index] as number;
    counts.add(bucket < 0 ? -1 : (rankOf[bucket] as number), change);
  });
  return signedRank(counts, changes.length);
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
