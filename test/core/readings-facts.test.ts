/**
 * The readings' facts, which the workspace words in four languages: the same decisions as the
 * English sentences, and a baseline alpha below .70 or negative flagged and never the reliability.
 */
import { describe, expect, it } from 'vitest';
import { changeFacts, readChange, reliabilityFacts, type ChangeFigures } from '#core/readings.ts';
import { LEAST_RELIABILITY } from '#core/statistics/reliability.ts';

const base: ChangeFigures = {
  n_paired: 12,
  mean_pre_paired: 15,
  mean_post_paired: 18.2,
  mean_change: 3.2,
  ci95_low: 1.1,
  ci95_high: 5.3,
  g_av: 0.85,
  d_z: 1.1,
};
const higher = { name: 'Self-esteem', direction: 'higher-better', percent: false } as const;
const lower = { name: 'Loneliness', direction: 'lower-better', percent: false } as const;

describe('changeFacts', () => {
  it('decides as readChange words it', () => {
    const cases: [ChangeFigures, typeof higher | typeof lower, string, string][] = [
      [base, higher, 'improvement', 'an improvement'],
      [{ ...base, mean_change: -1.5, ci95_low: -2.5, ci95_high: -0.5 }, lower, 'improvement', 'an improvement'],
      [{ ...base, mean_change: -1.5, ci95_low: -2.5, ci95_high: -0.5 }, higher, 'deterioration', 'a deterioration'],
      [{ ...base, ci95_low: -0.4 }, higher, 'may-be-chance', 'this may be chance'],
      [{ ...base, ci95_low: null, ci95_high: null }, higher, 'too-few', 'too few people'],
      [{ ...base, mean_change: 0.02 }, higher, 'none', 'did not change noticeably'],
    ];
    for (const [figures, context, verdict, words] of cases) {
      expect(changeFacts(context, figures)?.verdict).toBe(verdict);
      expect(readChange(context, figures)).toContain(words);
    }
    expect(changeFacts(higher, base)?.effect).toEqual({ value: 0.85, label: 'large' });
    expect(changeFacts(higher, { ...base, g_av: null })?.effect).toEqual({ value: 1.1, label: 'large' });
    expect(changeFacts(higher, { ...base, n_paired: 0 })).toBeUndefined();
  });
});

describe('reliabilityFacts', () => {
  it('flags a negative or low baseline alpha, and reports the reliability used as it is', () => {
    const cell = (alpha: number | null, reliability: number | null) =>
      reliabilityFacts({
        alpha_baseline: alpha,
        reliability,
        reliability_source: reliability === null ? null : 'published',
      });
    expect(cell(-0.74, null)).toEqual({ alpha: -0.74, alphaFlag: 'negative', used: null, source: null });
    expect(cell(LEAST_RELIABILITY - 0.0001, 0.88).alphaFlag).toBe('low');
    expect(cell(LEAST_RELIABILITY - 0.0001, 0.88).used).toBe(0.88);
    expect(cell(LEAST_RELIABILITY, null).alphaFlag).toBeNull();
    expect(cell(null, null).alphaFlag).toBeNull();
  });
});
