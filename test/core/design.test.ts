/**
 * What a programme's definition says of issue 14's designs: when a follow-up is due (a session's,
 * or the one all agree on for the pool), and which cohorts are comparison groups.
 */
import { describe, expect, it } from 'vitest';
import { followupMonths, isComparisonCohort } from '#core/design.ts';
import type { Programme } from '#core/model.ts';

describe('followupMonths', () => {
  const session = (id: string, monthsAfter?: number) =>
    ({
      id,
      ...(monthsAfter === undefined ? {} : { followup: { monthsAfter } }),
    }) as unknown as Programme['sessions'][number];
  const programme = (sessions: Programme['sessions']) => ({ sessions }) as unknown as Programme;

  it('is the session’s, or for the pool the one every session with a follow-up agrees on', () => {
    const agreed = programme([session('a', 6), session('b', 6), session('c')]);
    expect(followupMonths(agreed, 'a')).toBe(6);
    expect(followupMonths(agreed, 'c')).toBeUndefined();
    expect(followupMonths(agreed, null)).toBe(6);
    expect(followupMonths(programme([session('a', 6), session('b', 12)]), null)).toBeUndefined();
  });
});

describe('isComparisonCohort', () => {
  it('is true only for a cohort marked as a comparison', () => {
    const cohort = (fields: object) => ({ id: 'c', ...fields }) as unknown as Programme['cohorts'][number];
    expect(isComparisonCohort(cohort({ comparison: true }))).toBe(true);
    expect(isComparisonCohort(cohort({ comparison: false }))).toBe(false);
    expect(isComparisonCohort(cohort({}))).toBe(false);
    expect(isComparisonCohort(undefined)).toBe(false);
  });
});
