/**
 * The signed-rank buckets: zero and ties relative to each pair's own scores (issue 14), in the
 * accumulator form the impact tables use. The R references are in test/core/paired-statistics.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isZeroChange, RankBuckets, wilcoxonSignedRank } from '#core/statistics/signed-rank.ts';

function ranked(pairs: readonly (readonly [number, number])[]): { ranks: number[]; magnitudes: readonly number[] } {
  const buckets = new RankBuckets();
  const bucketOf = pairs.map(([before, after]) => buckets.bucketOf(before, after));
  const { rankOf, magnitudes } = buckets.rank();
  return { ranks: bucketOf.map((bucket) => (bucket < 0 ? -1 : (rankOf[bucket] as number))), magnitudes };
}

describe('RankBuckets', () => {
  it('leaves out zeros relative to the scores and missing pairs, and keeps small changes of small scores', () => {
    const { ranks } = ranked([
      [0.1 + 0.2, 0.3],
      [Number.NaN, 2],
      [5, 5],
      [1e-9, 2e-9],
      [5, 5.0003],
    ]);
    expect(ranks).toEqual([-1, -1, -1, 0, 1]);
    expect(isZeroChange(0.1 + 0.2, 0.3)).toBe(true);
    expect(isZeroChange(Number.NaN, 1)).toBe(false);
  });

  it('ties decimal noise and shows the tie at its shortest value', () => {
    // 7.11 - 6.99 = 0.1200000000000001; 9.95 - 9.83 = 0.11999999999999922; 1.12 - 1 = 0.1200000000000001.
    const { ranks, magnitudes } = ranked([
      [6.99, 7.11],
      [9.95, 9.83],
      [0, 0.12],
      [1, 3],
    ]);
    expect(ranks).toEqual([0, 0, 0, 1]);
    expect(magnitudes).toEqual([0.12, 2]);
  });

  it('compares each change with the smallest of its tie group, so ties do not chain', () => {
    // Scores near 1e3: tolerance 1e-9. Steps of 0.6e-9 would chain three values into one group.
    const { ranks } = ranked([
      [1000, 1001],
      [1000, 1001 + 0.6e-9],
      [1000, 1001 + 1.2e-9],
    ]);
    expect(ranks[0]).toBe(ranks[1]);
    expect(ranks[2]).toBe((ranks[0] as number) + 1);
  });

  it('gives the same test whatever the order of the participants', () => {
    const pair = fc.tuple(
      fc.integer({ min: 0, max: 60 }).map((value) => value / 3),
      fc.integer({ min: 0, max: 60 }).map((value) => value / 3),
    );
    fc.assert(
      fc.property(fc.array(pair, { minLength: 1, maxLength: 60 }), fc.integer(), (pairs, seed) => {
        const shuffled = [...pairs].sort(
          (a, b) => ((a[0] * 31 + a[1] * 17 + seed) % 7) - ((b[0] * 31 + b[1] * 17 + seed) % 7),
        );
        const forward = wilcoxonSignedRank(
          pairs.map(([before]) => before),
          pairs.map(([, after]) => after),
        );
        const again = wilcoxonSignedRank(
          shuffled.map(([before]) => before),
          shuffled.map(([, after]) => after),
        );
        expect(again).toEqual(forward);
      }),
      { numRuns: 200 },
    );
  });
});
