/**
 * When a month's funder summary is overdue. Each programme's schedule (an EventBridge Scheduler
 * cron in the programme's time zone) publishes the month before the one it runs in; the hourly
 * aggregation counts the programmes whose run this month is past its deadline without a record of
 * last month, and an alarm watches that count. A CloudWatch alarm cannot look back a month for a
 * missing "sent" metric, so the count is what makes a silent month visible.
 */

/** The Scheduler retries a summary for 12 hours (lib/config.ts `summaryMaxEventAge`); one more run, then it is late. */
export const SUMMARY_GRACE_MS = 13 * 60 * 60 * 1000;

/** The month before `now`'s (UTC), `YYYY-MM`: the period a run in `now`'s month publishes. */
export function previousMonth(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/**
 * This month's scheduled run of `cron` in `timeZone`, as an instant. A cron that names its
 * minute, hour and day of the month (`0 8 1 * ? *`) runs then; any other (weekly, the third
 * Monday, the last day) is taken to run by the month's last minute: a late alarm, never a false
 * one.
 */
export function scheduledRunThisMonth(cron: string, timeZone: string, now: Date): Date {
  const fields = cron
    .replace(/^cron\((.*)\)$/, '$1')
    .trim()
    .split(/\s+/);
  const [minute, hour, day] = fields.map((field) => (/^\d+$/.test(field) ? Number(field) : undefined));
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  if (minute === undefined || hour === undefined || day === undefined || fields[3] !== '*')
    return zonedTime(year, month + 1, 0, 23, 59, timeZone);
  return zonedTime(year, month, day, hour, minute, timeZone);
}

/**
 * Whether a programme's summary is overdue at `now`: the latest period that should be recorded
 * by now is last month's once this month's run plus the grace has passed, else the month
 * before (so a month that was never sent stays overdue until it is, across the turn of the
 * month); overdue when the programme had a wave open before the end of that period (something to
 * report) and its latest recorded period is older.
 */
export function isSummaryOverdue(options: {
  readonly cron: string;
  readonly timeZone: string;
  readonly now: Date;
  /** The earliest `opens` of any cohort's wave window (`YYYY-MM-DD`), undefined when none. */
  readonly firstOpens: string | undefined;
  /** The period of the programme's latest publication record, undefined when none. */
  readonly latestPeriod: string | undefined;
}): boolean {
  const { now } = options;
  const due = scheduledRunThisMonth(options.cron, options.timeZone, now).getTime() + SUMMARY_GRACE_MS;
  const lastMonth = previousMonth(now);
  const expected = now.getTime() < due ? previousMonth(new Date(`${lastMonth}-15T00:00:00Z`)) : lastMonth;
  if (options.firstOpens === undefined || options.firstOpens.slice(0, 7) > expected) return false;
  return options.latestPeriod === undefined || options.latestPeriod < expected;
}

/** The instant at which the wall clock in `timeZone` reads the given local time. */
function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month, day, hour, minute);
  // The zone's offset at that wall time, read back through Intl; twice, to settle across a DST change.
  let instant = asUtc;
  for (let pass = 0; pass < 2; pass += 1) instant = asUtc - offsetAt(instant, timeZone);
  return new Date(instant);
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: string): number => Number(parts.find((candidate) => candidate.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return wall - Math.floor(instant / 60_000) * 60_000;
}
