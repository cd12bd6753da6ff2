/**
 * The stored distribution of individual change: exact within the table's bound, reduced to
 * equal-width bins past it so that the table's DynamoDB item stays under 400 KB.
 */
import { describe, expect, it } from 'vitest';
import {
  boundDistributions,
  equalWidthBins,
  TABLE_CHANGE_PAIRS,
  type ChangeCounts,
} from '#core/statistics/distribution.ts';
import { dynamoItemSize } from '../../../bench/dynamo-item-size.ts';

/** `length` distinct changes of awkward decimals (the longest JSON numbers), `count` each. */
const spread = (length: number, count = 1): ChangeCounts =>
  Array.from({ length }, (_, index) => [(index - length / 3) / 7 + 1e-9 * index, count]);
const people = (distribution: ChangeCounts): number => distribution.reduce((sum, [, count]) => sum + count, 0);

describe('equalWidthBins', () => {
  it('counts every change into equal-width bins over the range, at their centres, the highest in the last', () => {
    expect(
      equalWidthBins(
        [
          [-2, 1],
          [-1, 2],
          [0, 3],
          [1, 4],
          [2, 5],
        ],
        2,
      ),
    ).toEqual([
      [-1, 3],
      [1, 12],
    ]);
    expect(equalWidthBins([[3, 2]], 40)).toEqual([[3, 2]]);
    expect(equalWidthBins([], 40)).toEqual([]);
  });
});

describe('boundDistributions', () => {
  it('keeps every distribution exact within the bound', () => {
    const distributions = [spread(2_000), spread(3_000), spread(900)];
    expect(boundDistributions(distributions)).toEqual(distributions);
  });

  it('past the bound, bins the longest to the same number of bins and keeps the short ones exact', () => {
    const short = spread(50, 3);
    const distributions = [spread(20_000, 2), short, spread(9_000)];
    const bounded = boundDistributions(distributions);
    expect(bounded[1]).toEqual(short);
    expect(bounded.reduce((sum, distribution) => sum + distribution.length, 0)).toBeLessThanOrEqual(TABLE_CHANGE_PAIRS);
    expect((bounded[0] as ChangeCounts).length).toBeGreaterThan(60);
    bounded.forEach((distribution, index) => {
      expect(people(distribution)).toBe(people(distributions[index] as ChangeCounts));
    });
  });

  it("keeps a table's distributions far below DynamoDB's 400 KB item limit, whatever their length", () => {
    const bounded = boundDistributions(Array.from({ length: 8 }, () => spread(100_000, 1_234_567)));
    expect(dynamoItemSize({ rows: JSON.stringify(bounded) })).toBeLessThan(200_000);
  });
});
