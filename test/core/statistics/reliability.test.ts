/** Which reliability reliable change is computed with: a low or negative baseline alpha is never used. */
import { describe, expect, it } from 'vitest';
import { LEAST_RELIABILITY, reliabilityOf, standardErrorOfDifference } from '#core/statistics/reliability.ts';

describe('reliabilityOf', () => {
  it('uses a baseline alpha of .70 or more, and says so', () => {
    expect(reliabilityOf({ method: 'cronbach-alpha-baseline' }, 0.7)).toEqual({
      reliability: 0.7,
      source: 'cronbach-alpha-baseline',
    });
    expect(reliabilityOf({ method: 'cronbach-alpha-baseline' }, 0.91).reliability).toBe(0.91);
  });

  it.each([0.69, 0.34, 0, -0.74, -3.13])('never uses a baseline alpha of %f: no reliability, no source', (alpha) => {
    expect(alpha).toBeLessThan(LEAST_RELIABILITY);
    expect(reliabilityOf({ method: 'cronbach-alpha-baseline' }, alpha)).toEqual({ reliability: null, source: null });
  });

  it('takes a published reliability as published, and none without a source', () => {
    expect(reliabilityOf({ method: 'published', value: 0.72 }, -1)).toEqual({
      reliability: 0.72,
      source: 'published',
    });
    expect(reliabilityOf(undefined, 0.9)).toEqual({ reliability: null, source: null });
  });

  it('gives no reliable-change threshold without a usable reliability', () => {
    expect(standardErrorOfDifference(4, null)).toBeNull();
    expect(standardErrorOfDifference(4, 0.75)).toBeCloseTo(4 * Math.SQRT2 * Math.sqrt(0.25), 12);
  });
});
