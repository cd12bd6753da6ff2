/**
 * Plain-language readings: conventions as documented (Cohen's effect labels, Hake's gain
 * labels), direction-aware, and honest about intervals that include no change; and their facts,
 * which the workspace words in four languages (the same decisions as the English sentences; a
 * baseline alpha below .70 or negative flagged and never the reliability).
 */
import { describe, expect, it } from 'vitest';
import {
  changeFacts,
  effectLabel,
  gainLabel,
  readChange,
  readGain,
  readReliableChange,
  reliabilityFacts,
  type ChangeFigures,
} from '#core/readings.ts';
import type { Indicators } from '#core/model.ts';
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
const selfEsteem = { name: 'Self-esteem', direction: 'higher-better', percent: false } as const;
const loneliness = { name: 'Loneliness', direction: 'lower-better', percent: false } as const;

describe('readings', () => {
  it('labels effects and gains at the documented thresholds', () => {
    expect([0.19, 0.2, 0.49, 0.5, 0.79, 0.8, -0.8].map(effectLabel)).toEqual([
      'negligible',
      'small',
      'small',
      'medium',
      'medium',
      'large',
      'large',
    ]);
    expect([0.29, 0.3, 0.69, 0.7].map(gainLabel)).toEqual(['low', 'medium', 'medium', 'high']);
  });

  it('reads a clear improvement with its interval and effect size', () => {
    expect(readChange(selfEsteem, base)).toBe(
      'Self-esteem rose by 3.2 points (95% CI 1.1 to 5.3), a large effect: an improvement (from 15.0 to 18.2; 12 ' +
        'people answered before and after).',
    );
  });

  it('knows that a fall is an improvement when lower is better', () => {
    const text = readChange(loneliness, {
      ...base,
      mean_change: -1.5,
      ci95_low: -2.5,
      ci95_high: -0.5,
      g_av: -0.4,
      mean_post_paired: 13.5,
    });
    expect(text).toContain('fell by 1.5 points');
    expect(text).toContain('a small effect: an improvement');
  });

  it('does not call a change an improvement when the interval includes no change', () => {
    const text = readChange(selfEsteem, { ...base, ci95_low: -0.4, ci95_high: 6.8 });
    expect(text).toContain('this may be chance');
    expect(text).not.toContain('improvement');
  });

  it(
    'says when there are too few people for an interval, a ' + 'negative gain, and no change below the shown precision',
    () => {
      expect(
        readChange(selfEsteem, { ...base, n_paired: 1, ci95_low: null, ci95_high: null, g_av: null, d_z: null }),
      ).toContain('too few people to tell');
      expect(readGain({ gain_of_averages: -0.25 } as Indicators)).toBe(
        'Normalised gain -0.25: knowledge fell on average (Hake).',
      );
      expect(readChange(selfEsteem, { ...base, mean_change: 0.02, ci95_low: 0.01, ci95_high: 0.03 })).toContain(
        'did not change noticeably',
      );
    },
  );

  it('has nothing to say without completers, and counts reliable change', () => {
    expect(readChange(selfEsteem, { ...base, n_paired: 0, mean_change: null })).toBeUndefined();
    const indicators = { n_paired: 12, rci_improved: 7, rci_deteriorated: 1, gain_of_averages: 0.45 } as Indicators;
    expect(readReliableChange(indicators)).toBe('7 of 12 improved reliably, 1 deteriorated reliably.');
    expect(readGain(indicators)).toBe('Normalised gain 0.45, a medium gain (Hake).');
  });
});

describe('changeFacts', () => {
  it('decides as readChange words it', () => {
    const cases: [ChangeFigures, typeof selfEsteem | typeof loneliness, string, string][] = [
      [base, selfEsteem, 'improvement', 'an improvement'],
      [{ ...base, mean_change: -1.5, ci95_low: -2.5, ci95_high: -0.5 }, loneliness, 'improvement', 'an improvement'],
      [{ ...base, mean_change: -1.5, ci95_low: -2.5, ci95_high: -0.5 }, selfEsteem, 'deterioration', 'a deterioration'],
      [{ ...base, ci95_low: -0.4 }, selfEsteem, 'may-be-chance', 'this may be chance'],
      [{ ...base, ci95_low: null, ci95_high: null }, selfEsteem, 'too-few', 'too few people'],
      [{ ...base, mean_change: 0.02 }, selfEsteem, 'none', 'did not change noticeably'],
    ];
    for (const [figures, context, verdict, words] of cases) {
      expect(changeFacts(context, figures)?.verdict).toBe(verdict);
      expect(readChange(context, figures)).toContain(words);
    }
    expect(changeFacts(selfEsteem, base)?.effect).toEqual({ value: 0.85, label: 'large' });
    expect(changeFacts(selfEsteem, { ...base, g_av: null })?.effect).toEqual({ value: 1.1, label: 'large' });
    expect(changeFacts(selfEsteem, { ...base, n_paired: 0 })).toBeUndefined();
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
