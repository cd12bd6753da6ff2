/**
 * Reliability: Cronbach's alpha of the baseline item scores, which instrument definitions may
 * name as the reliability for reliable change, and the Jacobson-Truax standard error of a
 * difference that reliable change is judged by.
 */
import type { Indicators } from '../model.ts';

/** Where the reliability used for reliable change comes from: a known value, or the baseline alpha. */
export type ReliabilitySource =
  | { readonly method: 'published'; readonly value: number }
  | { readonly method: 'cronbach-alpha-baseline' };

/** Sums for Cronbach's alpha over complete baseline cases, accumulated in participant order. */
export interface AlphaSums {
  count: number;
  readonly itemSum: Float64Array;
  readonly itemSquares: Float64Array;
  totalSum: number;
  totalSquares: number;
}

/** Empty sums for an instrument of `items` items. */
export function emptyAlphaSums(items: number): AlphaSums {
  return {
    count: 0,
    itemSum: new Float64Array(items),
    itemSquares: new Float64Array(items),
    totalSum: 0,
    totalSquares: 0,
  };
}

/** Adds one complete case: its item scores are the first `itemSum.length` values of `items`. */
export function addAlphaCase(sums: AlphaSums, items: Float64Array | readonly number[]): void {
  let total = 0;
  for (let item = 0; item < sums.itemSum.length; item += 1) {
    const value = items[item] as number;
    sums.itemSum[item] = (sums.itemSum[item] as number) + value;
    sums.itemSquares[item] = (sums.itemSquares[item] as number) + value * value;
    total += value;
  }
  sums.count += 1;
  sums.totalSum += total;
  sums.totalSquares += total * total;
}

/**
 * Cronbach's (1951) alpha from the sums of complete cases: α = k/(k-1) · (1 - Σ var(item) /
 * var(total)), sample variances. Null with fewer than 2 items or 2 complete cases, or no
 * variance in the totals. Checked by hand-worked examples (test/core/paired-statistics.test.ts)
 * and against a two-pass computation (test/core/indicators-equivalence.test.ts).
 */
export function alphaFromSums(sums: AlphaSums): number | null {
  const k = sums.itemSum.length;
  const n = sums.count;
  if (k < 2 || n < 2) return null;
  // Item scores are small numbers, so these sums are exact and the one-pass variance is too.
  const variance = (sum: number, squares: number): number => (squares - (sum * sum) / n) / (n - 1);
  let itemVariance = 0;
  for (let item = 0; item < k; item += 1)
    itemVariance += variance(sums.itemSum[item] as number, sums.itemSquares[item] as number);
  const totalVariance = variance(sums.totalSum, sums.totalSquares);
  if (!(totalVariance > 0)) return null;
  return (k / (k - 1)) * (1 - itemVariance / totalVariance);
}

/**
 * Cronbach's alpha of item scores (one row per case), complete cases only, as
 * {@link alphaFromSums}: rows with a missing value are left out, and rows of another length
 * than the first complete one make the data unusable (null).
 */
export function cronbachAlpha(itemScores: readonly (readonly (number | null)[])[]): number | null {
  const complete = itemScores.filter(
    (row): row is readonly number[] =>
      row.length > 0 && row.every((value) => typeof value === 'number' && Number.isFinite(value)),
  );
  const k = complete[0]?.length ?? 0;
  if (complete.some((row) => row.length !== k)) return null;
  const sums = emptyAlphaSums(k);
  for (const row of complete) addAlphaCase(sums, row);
  return alphaFromSums(sums);
}

/**
 * The least reliability reliable change is computed with: .70, the conventional floor for
 * group comparisons (Nunnally 1978; Cortina 1993). A baseline alpha below it (or negative, which
 * says the items do not measure one thing in this group) is reported and flagged, never used:
 * a low r_xx shrinks nothing but widens S_diff until no change is reliable, and a negative one
 * gives no S_diff at all.
 */
export const LEAST_RELIABILITY = 0.7;

/**
 * The reliability reliable change uses (a known value, or the baseline alpha when it reaches
 * {@link LEAST_RELIABILITY}), and its source.
 */
export function reliabilityOf(
  source: ReliabilitySource | undefined,
  alpha: number | null,
): { reliability: number | null; source: Indicators['reliability_source'] } {
  const usableAlpha = alpha !== null && alpha >= LEAST_RELIABILITY ? alpha : null;
  const reliability =
    source?.method === 'published' ? source.value : source?.method === 'cronbach-alpha-baseline' ? usableAlpha : null;
  return { reliability, source: reliability === null ? null : (source?.method ?? null) };
}

/**
 * Jacobson & Truax (1991) standard error of a difference: S_diff = SD_pre · √2 · √(1 - r_xx).
 * A change is reliable when |change| / S_diff > 1.96. Null without a reliability strictly
 * between 0 and 1 or without a baseline SD.
 */
export function standardErrorOfDifference(sdPre: number | null, reliability: number | null): number | null {
  if (reliability === null || !(reliability > 0 && reliability < 1) || sdPre === null) return null;
  return sdPre * Math.SQRT2 * Math.sqrt(1 - reliability);
}
