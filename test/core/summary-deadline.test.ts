import { describe, expect, it } from 'vitest';
import { isSummaryOverdue, previousMonth, scheduledRunThisMonth } from '#core/summary-deadline.ts';

const MONTHLY = '0 8 1 * ? *';

describe('scheduledRunThisMonth', () => {
  it("reads a monthly cron in the programme's time zone, summer and winter time alike", () => {
    // 08:00 in Madrid is 07:00 UTC in winter (CET) and 06:00 UTC in summer (CEST).
    expect(scheduledRunThisMonth(MONTHLY, 'Europe/Madrid', new Date('2026-12-03T12:00:00Z')).toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    expect(
      scheduledRunThisMonth(`cron(${MONTHLY})`, 'Europe/Madrid', new Date('2026-07-20T00:00:00Z')).toISOString(),
    ).toBe('2026-07-01T06:00:00.000Z');
    expect(
      scheduledRunThisMonth('30 9 5 * ? *', 'Europe/Bucharest', new Date('2026-03-09T00:00:00Z')).toISOString(),
    ).toBe('2026-03-05T07:30:00.000Z');
  });

  it("takes the month's last minute for a cron that is not one day of every month (never a false alarm)", () => {
    expect(scheduledRunThisMonth('0 8 ? * MON *', 'UTC', new Date('2026-12-20T00:00:00Z')).toISOString()).toBe(
      '2026-12-31T23:59:00.000Z',
    );
    expect(scheduledRunThisMonth('0 8 L * ? *', 'UTC', new Date('2027-02-03T00:00:00Z')).toISOString()).toBe(
      '2027-02-28T23:59:00.000Z',
    );
  });
});

describe('isSummaryOverdue', () => {
  const base = { cron: MONTHLY, timeZone: 'Europe/Madrid', firstOpens: '2026-09-15' } as const;

  it('is overdue once the run and its 13 hours of grace have passed without a record of last month', () => {
    // The run: 2026-12-01T07:00Z; the deadline 20:00Z.
    const at = (iso: string, latestPeriod: string | undefined): boolean =>
      isSummaryOverdue({ ...base, now: new Date(iso), latestPeriod });
    expect(at('2026-12-01T19:59:00Z', '2026-10')).toBe(false);
    // Before this month's deadline, a month never sent (September's, due in October) is still overdue.
    expect(at('2026-12-01T19:59:00Z', '2026-09')).toBe(true);
    expect(at('2026-12-01T19:59:00Z', undefined)).toBe(true);
    expect(at('2026-12-01T20:00:00Z', '2026-10')).toBe(true);
    expect(at('2026-12-01T20:00:00Z', undefined)).toBe(true);
    expect(at('2026-12-01T20:00:00Z', '2026-11')).toBe(false);
    expect(at('2026-12-28T00:00:00Z', '2026-11')).toBe(false);
    expect(at('2026-12-28T00:00:00Z', '2026-09')).toBe(true);
  });

  it('is never overdue for a month before any wave opened', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    expect(isSummaryOverdue({ ...base, now, firstOpens: '2026-12-01', latestPeriod: undefined })).toBe(false);
    expect(isSummaryOverdue({ ...base, now, firstOpens: undefined, latestPeriod: undefined })).toBe(false);
    expect(isSummaryOverdue({ ...base, now, firstOpens: '2026-11-30', latestPeriod: undefined })).toBe(true);
  });

  it('expects the month before the run, also across a year', () => {
    expect(previousMonth(new Date('2027-01-01T10:00:00Z'))).toBe('2026-12');
    expect(isSummaryOverdue({ ...base, now: new Date('2027-01-02T00:00:00Z'), latestPeriod: '2026-11' })).toBe(true);
    expect(isSummaryOverdue({ ...base, now: new Date('2027-01-02T00:00:00Z'), latestPeriod: '2026-12' })).toBe(false);
  });
});
