/**
 * What makes a cohort valid for its programme, beyond its schema: windows for waves that exist,
 * in order, and attributes that are options of the programme's cohort subgroups. One set of rules
 * for the seed files (checked with the catalogue) and for cohorts made at run time (the console
 * and `prepost cohorts`), each problem named by its field.
 */
import type { Cohort, ProgrammeDefinition, Session, Window } from './schema.ts';

/** What is wrong with a cohort's field, for a form to say it in its reader's language. */
export type CohortProblemReason =
  | 'no-such-wave'
  | 'opens-missing'
  | 'closes-missing'
  | 'closes-before-opens'
  | 'post-opens-early'
  | 'post-closes-early'
  | 'followup-opens-early'
  | 'followup-closes-early'
  | 'closes-after-expiry'
  | 'not-a-subgroup'
  | 'not-an-option';

/** A problem with one field of a cohort: its path (`windows.mentoring-cycle:post.closes`), why, and in words. */
export interface CohortProblem {
  readonly field: string;
  readonly reason: CohortProblemReason;
  readonly message: string;
}

/** A session's waves in the order they are answered: pre, post, then its follow-up when it has one. */
export function sessionWaves(session: Pick<Session, 'followup'>): readonly ('pre' | 'post' | 'followup')[] {
  return session.followup === undefined ? ['pre', 'post'] : ['pre', 'post', 'followup'];
}

/** Every wave id of a programme, in order: each session's pre, post and follow-up (when it has one). */
export function waveIdsOf(programme: Pick<ProgrammeDefinition, 'sessions'>): string[] {
  return programme.sessions.flatMap((session) => sessionWaves(session).map((wave) => `${session.id}:${wave}`));
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
    const order = windowOrderProblem(pre, post, 'pre', 'post');
    if (order !== undefined)
      problem(
        `windows.${session.id}:post.${order.bound}`,
        order.bound === 'opens' ? 'post-opens-early' : 'post-closes-early',
        order.message(session.id),
      );
    const followup = session.followup === undefined ? undefined : cohort.windows[`${session.id}:followup`];
    const followupOrder = followup === undefined ? undefined : windowOrderProblem(post, followup, 'post', 'followup');
    if (followupOrder !== undefined)
      problem(
        `windows.${session.id}:followup.${followupOrder.bound}`,
        followupOrder.bound === 'opens' ? 'followup-opens-early' : 'followup-closes-early',
        followupOrder.message(session.id),
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
 * taken before anyone could give the answers before it. A follow-up stands to the post wave as
 * the post wave to the pre wave (sharing days is allowed: a demo opens every wave at once).
 */
function windowOrderProblem(
  earlier: Window,
  later: Window,
  earlierWave: string,
  laterWave: string,
): { readonly bound: 'opens' | 'closes'; message(session: string): string } | undefined {
  if (earlier.opens !== undefined && later.opens !== undefined && later.opens < earlier.opens)
    return {
      bound: 'opens',
      message: (session) =>
        `${session}:${laterWave} opens (${later.opens}) before ${session}:${earlierWave} opens (${earlier.opens})`,
    };
  if (earlier.closes !== undefined && later.closes !== undefined && later.closes < earlier.closes)
    return {
      bound: 'closes',
      message: (session) =>
        `${session}:${laterWave} closes (${later.closes}) before ${session}:${earlierWave} closes (${earlier.closes})`,
    };
  return undefined;
}
