/** The dashboard's chart of individual change draws a long distribution in 40 bins. */
import { describe, expect, it } from 'vitest';
import { changeDistributionChart } from '#web/charts.ts';

const columnsOf = (svg: string): number => new Set([...svg.matchAll(/<circle cx="([^"]+)"/g)].map((m) => m[1])).size;

describe('changeDistributionChart', () => {
  it('draws up to 60 distinct changes as they are, and more in 40 equal-width bins', () => {
    const distribution = (length: number): [number, number][] =>
      Array.from({ length }, (_, index) => [index / 3 - 10, 1 + (index % 3)]);
    expect(columnsOf(changeDistributionChart('Mood', distribution(60), null).value)).toBe(60);
    const binned = changeDistributionChart('Mood', distribution(200), 2).value;
    expect(columnsOf(binned)).toBe(40);
    // Every person is still counted.
    expect(binned).toContain('individual change, 399 people');
  });
});
