/**
 * What makes a cohort valid for its programme, beyond its schema: windows for waves that exist,
 * in order, and attributes that are options of the programme's cohort subgroups. One set of rules
 * for the seed files (checked with the catalogue) and for cohorts made at run time (the console
 * and `prepost cohorts`), each problem named by its field.
 */
import type { Cohort, ProgrammeDefinition, Window } from './schema.ts';

/** A problem with one field of a cohort: its path (`windows.mentoring-cycle:post.closes`) and what is wrong. */
export interface CohortProblem {
  readonly field: string;
  readonly message: string;
}

/** Every wave id of a programme, in order: each session's pre then post. */
export function waveIdsOf(programme: Pick<ProgrammeDefinition, 'sessions'>): string[] {
  return programme.sessions.flatMap((session) => [`${session.id}:pre`, `${session.id}:post`]);
}

/**
 * The problems of a cohort in its programme, none when it is valid.
 * @param options.windowsRequired every wave needs a window with both dates (cohorts made at run time)
 */
export function cohortProblems(
  programme: Pick<ProgrammeDefinition, 'sessions' | 'subgroups'>,
  cohort: Pick<Cohort, 'attributes' | 'windows'>,
  options: { readonly windowsRequired: boolean },
): CohortProblem[] {
  const problems: CohortProblem[] = [];
  const waves = waveIdsOf(programme);
  for (const waveId of Object.keys(cohort.windows))
    if (!waves.includes(waveId))
      problems.push({ field: `windows.${waveId}`, message: `there is no wave "${waveId}" in this programme` });
  for (const waveId of waves) {
    const window = cohort.windows[waveId];
    if (options.windowsRequired) {
      if (window?.opens === undefined)
        problems.push({ field: `windows.${waveId}.opens`, message: `the opening date of ${waveId} is missing` });
      if (window?.closes === undefined)
        problems.push({ field: `windows.${waveId}.closes`, message: `the closing date of ${waveId} is missing` });
    }
    if (window?.opens !== undefined && window.closes !== undefined && window.closes < window.opens)
      problems.push({
        field: `windows.${waveId}.closes`,
        message: `${waveId} closes (${window.closes}) before it opens (${window.opens})`,
      });
  }
  for (const session of programme.sessions) {
    const pre = cohort.windows[`${session.id}:pre`];
    const post = cohort.windows[`${session.id}:post`];
    if (pre === undefined || post === undefined) continue;
    const order = windowOrderProblem(pre, post);
    if (order !== undefined)
      problems.push({ field: `windows.${session.id}:post.${order.bound}`, message: order.message(session.id) });
  }
  for (const [attribute, value] of Object.entries(cohort.attributes)) {
    const subgroup = programme.subgroups.find((candidate) => candidate.id === attribute);
    if (subgroup === undefined || subgroup.source !== 'cohort')
      problems.push({ field: `attributes.${attribute}`, message: `there is no cohort subgroup "${attribute}"` });
    else if (!subgroup.options.some((option) => option.value === value))
      problems.push({ field: `attributes.${attribute}`, message: `"${value}" is not an option of "${attribute}"` });
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
