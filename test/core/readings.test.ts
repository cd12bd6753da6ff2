/**
 * Plain-language readings: conventions as documented (Cohen's effect labels, Hake's gain
 * labels), direction-aware, and honest about intervals that include no change; and their facts,
 * which the workspace words in four languages (the same decisions as the English sentences; a
 * baseline alpha below .70 or negative flagged and never the reliability).
 */
import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_LOSS,
  changeFacts,
  effectLabel,
  evaluationFacts,
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

describe('evaluationFacts', () => {
  it('says nothing for a plain before-after design (the keys absent)', () => {
    expect(evaluationFacts({ n_paired: 12, n_pre: 14, n_pre_only: 2 })).toEqual({});
  });

  it('judges the share lost against NHLBI’s 20% and keeps the Manski bounds, on every row', () => {
    const within = evaluationFacts({ n_pre: 10, n_pre_only: 2, lost_share: 0.2, bounds_low: -1.5, bounds_high: 3.5 });
    expect(ACCEPTED_LOSS).toBe(0.2);
    expect(within.attrition).toEqual({
      share: 0.2,
      lost: 2,
      started: 10,
      over: false,
      bounds: { low: -1.5, high: 3.5 },
    });
    // Without an instrument range there are no bounds; the share alone (the funder summary has no counts).
    expect(evaluationFacts({ lost_share: 0.25 }).attrition).toEqual({
      share: 0.25,
      lost: null,
      started: null,
      over: true,
      bounds: null,
    });
  });

  it('reads follow-up, then-test, clinically significant change and comparison only where computed', () => {
    const facts = evaluationFacts({
      n_paired: 20,
      n_followup: 15,
      mean_change_followup: 2.5,
      ci95_low_followup: 0.5,
      ci95_high_followup: 4.5,
      n_post_followup: 14,
      mean_change_post_followup: -0.4,
      ci95_low_post_followup: -1.2,
      ci95_high_post_followup: 0.4,
      n_all_waves: 14,
      n_sustained: 9,
      lost_share_followup: 0.25,
      n_then: 18,
      mean_change_then: 4.1,
      ci95_low_then: 2,
      ci95_high_then: 6.2,
      n_shift: 18,
      mean_response_shift: -1.3,
      ci95_low_shift: -2.1,
      ci95_high_shift: -0.5,
      csc_cutoff: 15.5,
      csc_criterion: 'c',
      rci_recovered: 4,
      typical_pre_share: 0.3,
      typical_post_share: 0.55,
      n_comparison: 11,
      did_estimate: 1.8,
      did_ci95_low: -0.2,
      did_ci95_high: 3.8,
      did_g: 0.52,
    });
    expect(facts.followup).toEqual({
      fromStart: { n: 15, value: 2.5, low: 0.5, high: 4.5 },
      fromEnd: { n: 14, value: -0.4, low: -1.2, high: 0.4 },
      sustained: { kept: 9, of: 14 },
      lostShare: 0.25,
    });
    expect(facts.thenTest).toEqual({
      shift: { n: 18, value: -1.3, low: -2.1, high: -0.5 },
      change: { n: 18, value: 4.1, low: 2, high: 6.2 },
    });
    expect(facts.clinical).toEqual({
      cutoff: 15.5,
      criterion: 'c',
      recovered: 4,
      of: 20,
      typicalBefore: 0.3,
      typicalAfter: 0.55,
    });
    expect(facts.comparison).toEqual({ difference: { n: 11, value: 1.8, low: -0.2, high: 3.8 }, g: 0.52 });
    // Asked but not computable (null): nothing to read.
    const none = evaluationFacts({
      n_followup: 0,
      mean_change_followup: null,
      n_post_followup: 0,
      mean_change_post_followup: null,
      n_all_waves: 0,
      n_sustained: 0,
      n_comparison: 0,
      did_estimate: null,
      csc_cutoff: null,
      csc_criterion: null,
    });
    expect(none).toEqual({});
  });
});
