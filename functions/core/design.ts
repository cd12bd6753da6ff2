/**
 * What a programme's definition says of the designs of issue 14, read in one place by the summary
 * and the pages: which cohorts are comparison groups, and when a session's follow-up wave is due.
 * Kept apart from the readings so that what imports it (the summary, which the ports' types name)
 * does not reach the statistics engine.
 */
import type { Programme } from './model.ts';
import { defaultFollowupWindow, waveId } from './waves.ts';

/**
 * Whether a cohort is a comparison group (a waiting list, not yet in the programme): it is left out
 * of the programme's pool and set against it, and every page that lists it says so.
 */
export function isComparisonCohort(cohort: Programme['cohorts'][number] | undefined): boolean {
  return cohort?.comparison === true;
}

/**
 * When a cell's follow-up wave is due, in months after the end, for its sentence ("6 months later"):
 * its session's, or for the pool (session null) the one every session with a follow-up agrees on;
 * undefined when no session defines one or they differ.
 */
export function followupMonths(programme: Programme, session: string | null): number | undefined {
  const months = programme.sessions
    .filter((candidate) => session === null || candidate.id === session)
    // Read loosely until the session schema's `followup` wave is merged (issue 14).
    .map((candidate) => (candidate as { readonly followup?: { readonly monthsAfter?: number } }).followup?.monthsAfter)
    .filter((value): value is number => value !== undefined);
  const [first] = months;
  return first !== undefined && months.every((value) => value === first) ? first : undefined;
}

/**
 * Whether every follow-up a cell counts has closed by the end of `period` (YYYY-MM): its cohort's
 * (the programme's cohorts in the programme's pool, comparison cohorts left out), each session's
 * follow-up window as stored or by default after its post window, or the cohort closed. Until
 * then, someone who has not answered the follow-up is not yet lost to it.
 */
export function followupClosedBy(programme: Programme, cohortId: string | null, period: string): boolean {
  const lastDay = `${period}-31`;
  const cohorts = programme.cohorts.filter((cohort) =>
    cohortId === null ? !isComparisonCohort(cohort) : cohort.id === cohortId,
  );
  const sessions = programme.sessions.filter((session) => session.followup !== undefined);
  return cohorts.every(
    (cohort) =>
      cohort.status === 'closed' ||
      sessions.every((session) => {
        const stored = cohort.windows[waveId(session.id, 'followup')];
        if (stored?.closed === true) return true;
        const window =
          stored ??
          defaultFollowupWindow(cohort.windows[waveId(session.id, 'post')], session.followup?.monthsAfter ?? 0);
        return window?.closes !== undefined && window.closes <= lastDay;
      }),
  );
}
