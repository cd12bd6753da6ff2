/**
 * The distribution of individual change stored with a whole-group cell ([change, how many],
 * ascending, no ids), for the evaluator's chart and export. It is exact (changes that tie,
 * relative to their pairs' own scores, count as one: signed-rank.ts), with one bound, for storage only: a table is
 * stored as one DynamoDB item, and an item holds at most 400 KB. How the dashboard draws a
 * distribution (bins past 60 values) is the chart's business (web/charts.ts).
 */
import type { RankCounts } from './signed-rank.ts';

/** [change, how many] pairs in ascending order of change. */
export type ChangeCounts = [number, number][];

/**
 * The most [change, count] pairs the distributions of one table keep. A pair is at most about
 * 32 bytes of JSON (17 significant digits, a sign, a count), so 6,000 pairs stay under 200 KB
 * of the item and leave the rest for the table's rows (about 1.2 KB each). The benchmark's
 * cohort (Dones Mentores, 5 instruments) holds 1,369 pairs, 28 KB, at 10^6 responses; but the
 * schema bounds neither items nor options, and a fine-grained scale gives up to one distinct
 * change per participant.
 */
export const TABLE_CHANGE_PAIRS = 6_000;

/**
 * A reduced distribution keeps more pairs than the dashboard draws (60), so the chart still
 * applies its own binning to it: the bound above then holds for tables of up to 100 instruments.
 */
const FEWEST_KEPT = 61;

/** The exact distribution from a cell's signed-rank counts and each rank's |change|. */
export function changeDistribution(ranks: RankCounts, magnitudes: readonly number[]): ChangeCounts {
  const negative: ChangeCounts = [];
  const positive: ChangeCounts = [];
  magnitudes.forEach((value, rank) => {
    const count = ranks.count[rank] as number;
    const up = ranks.positive[rank] as number;
    if (count - up > 0) negative.push([-value, count - up]);
    if (up > 0) positive.push([value, up]);
  });
  negative.reverse();
  return [...negative, ...(ranks.zeros > 0 ? [[0, ranks.zeros] as [number, number]] : []), ...positive];
}

/**
 * Equal-width bins over [lowest, highest] change, each given at its centre with the count of
 * the changes in it (the highest change in the last bin); empty bins are left out.
 */
export function equalWidthBins(counts: readonly (readonly [number, number])[], bins: number): ChangeCounts {
  const first = counts[0];
  const last = counts[counts.length - 1];
  if (first === undefined || last === undefined) return [];
  const low = first[0];
  const width = (last[0] - low) / bins;
  if (!(width > 0)) return counts.map(([value, count]) => [value, count]);
  const binned = new Map<number, number>();
  for (const [value, count] of counts) {
    const bin = Math.min(bins - 1, Math.floor((value - low) / width));
    binned.set(bin, (binned.get(bin) ?? 0) + count);
  }
  return [...binned.entries()].sort(([a], [b]) => a - b).map(([bin, count]) => [low + (bin + 0.5) * width, count]);
}

/**
 * Bounds the distributions of one table to {@link TABLE_CHANGE_PAIRS} pairs in all: when they
 * hold more, the longest are reduced to equal-width bins, all to the same number of bins,
 * as many as fit (at least 61). Within the bound every distribution stays exact.
 */
export function boundDistributions(distributions: readonly ChangeCounts[]): ChangeCounts[] {
  const total = distributions.reduce((sum, distribution) => sum + distribution.length, 0);
  if (total <= TABLE_CHANGE_PAIRS) return [...distributions];
  // The largest bin count that fits: the short distributions keep theirs, the rest share what is left.
  const lengths = distributions.map((distribution) => distribution.length).sort((a, b) => a - b);
  let left = TABLE_CHANGE_PAIRS;
  let kept = Number.POSITIVE_INFINITY;
  for (const [index, length] of lengths.entries()) {
    const share = Math.floor(left / (lengths.length - index));
    if (length > share) {
      kept = Math.max(FEWEST_KEPT, share);
      break;
    }
    left -= length;
  }
  return distributions.map((distribution) =>
    distribution.length <= kept ? distribution : equalWidthBins(distribution, kept),
  );
}
