/**
 * What makes a cohort valid for its programme, beyond its schema: windows for waves that exist,
 * in order, and attributes that are options of the programme's cohort subgroups. One set of rules
 * for the seed files (checked with the catalogue) and for cohorts made at run time (the console
 * and `prepost cohorts`), each problem named by its field.
 */
import type { Cohort, ProgrammeDefinition, Window } from './schema.ts';

/** What is wrong with a cohort's field, for a form to say it in its reader's language. */
export type CohortProblemReason =
  | 'no-such-wave'
  | 'opens-missing'
  | 'closes-missing'
  | 'closes-before-opens'
  | 'post-opens-early'
  | 'post-closes-early'
  | 'closes-after-expiry'
  | 'not-a-subgroup'
  | 'not-an-option';

/** A problem with one field of a cohort: its path (`windows.mentoring-cycle:post.closes`), why, and in words. */
export interface CohortProblem {
  readonly field: string;
  readonly reason: CohortProblemReason;
  readonly message: string;
}

/** Every wave id of a programme, in order: each session's pre then post. */
export function waveIdsOf(programme: Pick<ProgrammeDefinition, 'sessions'>): string[] {
  return programme.sessions.flatMap((session) => [`${session.id}:pre`, `${session.id}:post`]);
}

/** The problems of a cohort in its programme, none when it is valid. */
export function cohortProblems(
  programme: Pick<ProgrammeDefinition, 'sessions' | 'subgroups'>,
  cohort: Pick<Cohort, 'attributes' | 'windows'>,
  options: {
    /** Every wave needs a window with both dates (cohorts made at run time). */
    readonly windowsRequired: boolean;
    /**
     * The first day this cohort's links no longer work (those made today, or already handed out,
     * expire with the programme's retention): no wave may close on or after it.
     */
    readonly linksExpire?: string | undefined;
  },
): CohortProblem[] {
  const problems: CohortProblem[] = [];
  const problem = (field: string, reason: CohortProblemReason, message: string): void => {
    problems.push({ field, reason, message });
  };
  const waves = waveIdsOf(programme);
  for (const waveId of Object.keys(cohort.windows))
    if (!waves.includes(waveId))
      problem(`windows.${waveId}`, 'no-such-wave', `there is no wave "${waveId}" in this programme`);
  for (const waveId of waves) {
    const window = cohort.windows[waveId];
    const field = `windows.${waveId}`;
    if (options.windowsRequired) {
      if (window?.opens === undefined)
        problem(`${field}.opens`, 'opens-missing', `the opening date of ${waveId} is missing`);
      if (window?.closes === undefined)
        problem(`${field}.closes`, 'closes-missing', `the closing date of ${waveId} is missing`);
    }
    if (window?.opens !== undefined && window.closes !== undefined && window.closes < window.opens)
      problem(
        `${field}.closes`,
        'closes-before-opens',
        `${waveId} closes (${window.closes}) before it opens (${window.opens})`,
      );
    else if (window?.closes !== undefined && options.linksExpire !== undefined && window.closes >= options.linksExpire)
      problem(
        `${field}.closes`,
        'closes-after-expiry',
        `${waveId} closes (${window.closes}) on or after the day this cohort's links expire ` +
          `(${options.linksExpire}, the programme's retention): close it earlier`,
      );
  }
  for (const session of programme.sessions) {
    const pre = cohort.windows[`${session.id}:pre`];
    const post = cohort.windows[`${session.id}:post`];
    if (pre === undefined || post === undefined) continue;
    const order = windowOrderProblem(pre, post);
    if (order !== undefined)
      problem(
        `windows.${session.id}:post.${order.bound}`,
        order.bound === 'opens' ? 'post-opens-early' : 'post-closes-early',
        order.message(session.id),
      );
  }
  for (const [attribute, value] of Object.entries(cohort.attributes)) {
    const subgroup = programme.subgroups.find((candidate) => candidate.id === attribute);
    if (subgroup === undefined || subgroup.source !== 'cohort')
      problem(`attributes.${attribute}`, 'not-a-subgroup', `there is no cohort subgroup "${attribute}"`);
    else if (!subgroup.options.some((option) => option.value === value))
      problem(`attributes.${attribute}`, 'not-an-option', `"${value}" is not an option of "${attribute}"`);
  }
  return problems;
}

/**
 * A session's "after" window may share days with its "before" one (a one-day training asks both
 * on the same day) but may not start or end before it: answers after the session would then be
 * taken before anyone could give the answers before it.
 */
function windowOrderProblem(
  pre: Window,
  post: Window,
): { readonly bound: 'opens' | 'closes'; message(session: string): string } | undefined {
  if (pre.opens !== undefined && post.opens !== undefined && post.opens < pre.opens)
    return {
      bound: 'opens',
      message: (session) => `${session}:post opens (${post.opens}) before ${session}:pre opens (${pre.opens})`,
    };
  if (pre.closes !== undefined && post.closes !== undefined && post.closes < pre.closes)
    return {
      bound: 'closes',
      message: (session) => `${session}:post closes (${post.closes}) before ${session}:pre closes (${pre.closes})`,
    };
  return undefined;
}
