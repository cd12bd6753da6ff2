/**
 * What a programme's definition says of the designs of issue 14, read in one place by the summary
 * and the pages: which cohorts are comparison groups, and when a session's follow-up wave is due.
 * Kept apart from the readings so that what imports it (the summary, which the ports' types name)
 * does not reach the statistics engine.
 */
import type { Programme } from './model.ts';

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
