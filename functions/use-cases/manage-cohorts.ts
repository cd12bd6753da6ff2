/**
 * Coordinators' run-time changes to a programme: cohorts (made, their windows changed, a wave
 * closed, closed and reopened) and funders (added, removed), each checked against the
 * programme's definition before anything is written and recorded in the audit log. The seed
 * cohorts of a new deployment are made through the same steps.
 */
import type * as z from 'zod/mini';
import { describeIssue, valueAt } from '#surveys/catalog.ts';
import { cohortProblems, waveIdsOf } from '#surveys/cohort-rules.ts';
import { Cohort, Funder, type ProgrammeDefinition, type Window } from '#surveys/schema.ts';
import type { Actor } from '#core/access.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { defaultFollowupWindow, waveId } from '#core/waves.ts';
import { CohortChangedError, CohortInputError, UnknownCohortError, type CohortInputProblem } from '#core/errors.ts';
import { recordChange, type AuditDeps } from './audit-trail.ts';
import type { ParticipantStore } from '#ports/store.ts';
import type { ProgrammeDeps } from './programmes.ts';

/** What changing cohorts and funders needs. */
export interface ManageCohortsDeps extends ProgrammeDeps, AuditDeps {
  /** The cohort's batches: a window may not close after links already handed out expire. */
  readonly participants: ParticipantStore;
}

/** A cohort as a coordinator describes it (the console's form, `prepost cohorts add`). */
export interface NewCohort {
  readonly id: string;
  readonly name: string;
  readonly site?: string | undefined;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  /** Every wave's window, by wave id (`session:pre`). */
  readonly windows: Readonly<Record<string, { readonly opens?: string; readonly closes?: string }>>;
  /** A comparison cohort (a waiting list, not yet in the programme); a programme cohort when absent. */
  readonly comparison?: boolean | undefined;
}

/** How many days the seed cohorts' windows stay open from the day they are loaded. */
export const SEED_WINDOW_DAYS = 180;

/**
 * Makes a cohort. Steps: give a follow-up left without dates its default window, check it against
 * the schema and the programme (every wave has a window, in order; attributes are options), store
 * it unless its id is taken, record it.
 * @throws CohortInputError naming each wrong field; nothing is written
 */
export async function addCohort(
  deps: ManageCohortsDeps,
  actor: Actor,
  programmeId: string,
  input: NewCohort,
): Promise<Cohort> {
  const definition = findProgramme(deps.catalog, programmeId, { listKnown: true });
  const cohort = checkedCohort(
    definition,
    {
      ...input,
      attributes: input.attributes ?? {},
      windows: withFollowupWindows(definition, input.windows),
      status: 'open',
      comparison: input.comparison ?? false,
    },
    linksMadeTodayExpire(deps, definition),
  );
  if (!(await deps.cohorts.createCohort(programmeId, cohort, deps.clock.now().toISOString())))
    throw new CohortInputError([
      { field: 'cohort', reason: 'taken', message: `"${cohort.id}" is already a cohort of ${programmeId}` },
    ]);
  await recordChange(deps, actor, {
    action: 'cohort-created',
    programme: programmeId,
    detail:
      `cohort ${cohort.id}: ${Object.keys(cohort.windows).length} wave windows` +
      (cohort.comparison ? ', comparison (waiting list)' : ''),
  });
  return cohort;
}

/**
 * What a coordinator changes in a cohort: only the fields given; `site: null` removes the site;
 * the windows given replace those waves' dates (other waves keep theirs).
 */
export interface CohortChange {
  readonly name?: string | undefined;
  readonly site?: string | null | undefined;
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  readonly windows?: Readonly<Record<string, { readonly opens?: string; readonly closes?: string }>> | undefined;
  /** Whether it is a comparison cohort (a waiting list) or a programme cohort. */
  readonly comparison?: boolean | undefined;
}

/**
 * Changes a cohort's name, site, attributes, some waves' windows or whether it is a comparison,
 * applied to the cohort as stored when it is written (so a change made meanwhile by someone else
 * to another field stands). A wave closed early stays closed when its dates change: `setWaveClosed` reopens it.
 * A follow-up still at its default window moves with its post window, unless given its own; one
 * with no dates at all (a cohort older than its follow-up) gets its default.
 * @throws CohortInputError naming each wrong field; nothing is written
 */
export async function changeCohort(
  deps: ManageCohortsDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  change: CohortChange,
): Promise<Cohort> {
  const definition = findProgramme(deps.catalog, programmeId);
  // No wave may close after the links of this cohort expire: those already handed out, and those made today.
  const batches = change.windows === undefined ? [] : await deps.participants.listBatches(programmeId, cohortId);
  const linksExpire = batches
    .map((batch) => new Date(batch.expiresAt * 1000).toISOString().slice(0, 10))
    .reduce((first, day) => (day < first ? day : first), linksMadeTodayExpire(deps, definition));
  const changed = Object.entries(change)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
  // Moving a cohort in or out of the programme's pool once people have answered would let a funder
  // set this month's figures against last month's and recover a cell kept hidden (review of issue 14).
  const hasParticipants =
    change.comparison !== undefined && (await deps.participants.listBatches(programmeId, cohortId)).length > 0;
  return updateCohort(deps, actor, definition, cohortId, changed.join(', '), (current) => {
    if (hasParticipants && change.comparison !== undefined && change.comparison !== current.comparison)
      throw new CohortInputError([
        {
          field: 'comparison',
          reason: 'comparison-fixed',
          message:
            'whether a cohort is a comparison group can change only before its first participants are added: ' +
            'their answers may already be in a summary funders have received',
        },
      ]);
    const windows = { ...current.windows };
    for (const [wave, window] of Object.entries(change.windows ?? {}))
      windows[wave] = {
        ...(window.opens === undefined ? {} : { opens: window.opens }),
        ...(window.closes === undefined ? {} : { closes: window.closes }),
        ...(current.windows[wave]?.closed === true ? { closed: true } : {}),
      };
    Object.assign(windows, followupsMoved(definition, current.windows, change.windows ?? {}));
    // A cohort made before its programme had a follow-up (or a form leaving its dates empty) gets the default.
    Object.assign(windows, withFollowupWindows(definition, windows));
    const { site: _site, ...rest } = current;
    const site = change.site === undefined ? current.site : (change.site ?? undefined);
    return checkedCohort(
      definition,
      {
        ...rest,
        ...(site === undefined ? {} : { site }),
        name: change.name ?? current.name,
        comparison: change.comparison ?? current.comparison,
        attributes:
          change.attributes === undefined ? current.attributes : { ...current.attributes, ...change.attributes },
        windows,
      },
      // Only a change of windows is held to it: windows set long ago stay as they are.
      change.windows === undefined ? undefined : linksExpire,
    );
  });
}

/**
 * Closes one wave now, whatever its dates (its links answer "closed" from this moment), or
 * reopens it (its dates apply again).
 */
export async function setWaveClosed(
  deps: ManageCohortsDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  waveId: string,
  closed: boolean,
): Promise<Cohort> {
  const definition = findProgramme(deps.catalog, programmeId);
  if (!waveIdsOf(definition).includes(waveId))
    throw new CohortInputError([
      { field: 'wave', reason: 'no-such-wave', message: `there is no wave "${waveId}" in this programme` },
    ]);
  return updateCohort(
    deps,
    actor,
    definition,
    cohortId,
    `wave ${waveId} ${closed ? 'closed' : 'reopened'}`,
    (current) => {
      const { closed: _was, ...window } = current.windows[waveId] ?? {};
      return { ...current, windows: { ...current.windows, [waveId]: closed ? { ...window, closed: true } : window } };
    },
  );
}

/** What closing a cohort means for its funders: who will still receive its results, and for which month. */
export interface ClosingNotice {
  readonly funders: readonly Funder[];
  /** The month whose summary, sent on the first of the next, still carries the cohort's results. */
  readonly period: string;
}

/**
 * Closes a cohort (no answers, no new participants) or reopens it. Closing says what the funders
 * will receive: the cohort's results as they stand, in the summary of this month.
 */
export async function setCohortStatus(
  deps: ManageCohortsDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  status: Cohort['status'],
): Promise<{ readonly cohort: Cohort; readonly notice?: ClosingNotice | undefined }> {
  const definition = findProgramme(deps.catalog, programmeId);
  const cohort = await updateCohort(
    deps,
    actor,
    definition,
    cohortId,
    status === 'closed' ? 'closed' : 'reopened',
    (current) => ({
      ...current,
      status,
    }),
  );
  if (status === 'open') return { cohort };
  const funders = await deps.cohorts.listFunders(programmeId);
  return {
    cohort,
    notice: funders.length === 0 ? undefined : { funders, period: deps.clock.now().toISOString().slice(0, 7) },
  };
}

/**
 * Adds a programme's funder (or changes the name or language of one with that email).
 * @throws CohortInputError naming each wrong field; nothing is written
 */
export async function addFunder(
  deps: ManageCohortsDeps,
  actor: Actor,
  programmeId: string,
  input: { readonly name: string; readonly email: string; readonly language?: string | undefined },
): Promise<Funder> {
  const definition = findProgramme(deps.catalog, programmeId, { listKnown: true });
  const parsed = Funder.safeParse({ ...input, email: input.email.trim().toLowerCase(), name: input.name.trim() });
  const problems = parsed.success ? [] : issueProblems(parsed.error.issues, input);
  if (parsed.success && parsed.data.language !== undefined && !definition.languages.includes(parsed.data.language))
    problems.push({
      field: 'language',
      reason: 'invalid',
      message: `${parsed.data.language} is not a language of this programme (${definition.languages.join(', ')})`,
    });
  if (!parsed.success || problems.length > 0) throw new CohortInputError(problems);
  await deps.cohorts.putFunder(programmeId, parsed.data);
  await recordChange(deps, actor, { action: 'funder-added', programme: programmeId, detail: parsed.data.email });
  return parsed.data;
}

/**
 * Removes a programme's funder by email.
 * @throws CohortInputError when the programme has no funder with that email
 */
export async function removeFunder(
  deps: ManageCohortsDeps,
  actor: Actor,
  programmeId: string,
  email: string,
): Promise<void> {
  findProgramme(deps.catalog, programmeId, { listKnown: true });
  const address = email.trim().toLowerCase();
  if (!(await deps.cohorts.removeFunder(programmeId, address)))
    throw new CohortInputError([
      { field: 'email', reason: 'not-a-funder', message: `${address} is not a funder of ${programmeId}` },
    ]);
  await recordChange(deps, actor, { action: 'funder-removed', programme: programmeId, detail: address });
}

/**
 * Loads the seed cohorts and funders (`surveys/seed/`) that are not there yet: each seed cohort
 * with every pre and post wave open from today for {@link SEED_WINDOW_DAYS} days, and each
 * follow-up at its default window after them ({@link defaultFollowupWindow}). Safe to repeat: what
 * exists (even changed since) is left alone. With `once`, does nothing in a table seeded before
 * (a first `npm start`: cohorts a coordinator closed or funders removed stay so); the table is
 * marked seeded after everything is in, so a run cut short is finished by the next.
 */
export async function seedCohorts(
  deps: ManageCohortsDeps,
  actor: Actor,
  options: { readonly once?: boolean } = {},
): Promise<{ readonly cohorts: number; readonly funders: number }> {
  const today = deps.clock.now();
  const opens = today.toISOString().slice(0, 10);
  const closes = new Date(today.getTime() + SEED_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  let cohorts = 0;
  let funders = 0;
  for (const seed of deps.catalog.seeds.values()) {
    // Per programme: a programme whose seed arrives in a later release is loaded on the next start.
    if (options.once === true && (await deps.cohorts.isSeeded(seed.programme))) continue;
    const definition = findProgramme(deps.catalog, seed.programme);
    const windows = withFollowupWindows(
      definition,
      Object.fromEntries(
        definition.sessions.flatMap((session) => [
          [waveId(session.id, 'pre'), { opens, closes }],
          [waveId(session.id, 'post'), { opens, closes }],
        ]),
      ),
    );
    for (const [index, cohort] of seed.cohorts.entries()) {
      const checked = checkedCohort(definition, { ...cohort, windows, status: 'open' });
      // Made a millisecond apart, so cohorts list in the seed file's order.
      const createdAt = new Date(today.getTime() + index).toISOString();
      // One already there (made since, or by a seeding running at the same time) is left as it is.
      if (!(await deps.cohorts.createCohort(seed.programme, checked, createdAt))) continue;
      await recordChange(deps, actor, {
        action: 'cohort-created',
        programme: seed.programme,
        detail: `cohort ${checked.id}: seed, ${Object.keys(windows).length} wave windows`,
      });
      cohorts += 1;
    }
    const known = new Set((await deps.cohorts.listFunders(seed.programme)).map((funder) => funder.email));
    for (const funder of seed.funders) {
      if (known.has(funder.email.toLowerCase())) continue;
      await addFunder(deps, actor, seed.programme, funder);
      funders += 1;
    }
    await deps.cohorts.markSeeded(seed.programme, today.toISOString());
  }
  return { cohorts, funders };
}

/**
 * The cohort checked by the schema and the programme's rules, or every problem at its field.
 * Name and site are trimmed first: one of spaces only is none.
 */
function checkedCohort(
  definition: ProgrammeDefinition,
  input: Omit<Cohort, 'attributes' | 'windows'> & Pick<NewCohort, 'attributes' | 'windows'>,
  linksExpire?: string,
): Cohort {
  const trimmed = {
    ...input,
    name: input.name.trim(),
    ...(input.site === undefined ? {} : { site: input.site.trim() }),
  };
  const parsed = Cohort.safeParse(trimmed);
  if (!parsed.success) throw new CohortInputError(issueProblems(parsed.error.issues, trimmed));
  const problems = cohortProblems(definition, parsed.data, { windowsRequired: true, linksExpire });
  if (problems.length > 0) throw new CohortInputError(problems);
  return parsed.data;
}

/**
 * Reads the cohort, applies the change and writes it over the revision read; tries again when
 * someone else wrote first.
 */
async function updateCohort(
  deps: ManageCohortsDeps,
  actor: Actor,
  definition: ProgrammeDefinition,
  cohortId: string,
  what: string,
  change: (current: Cohort) => Cohort,
): Promise<Cohort> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const stored = await deps.cohorts.getCohort(definition.id, cohortId);
    if (stored === undefined) throw new UnknownCohortError(definition.id, cohortId);
    const next = change(stored.cohort);
    // Closing what is closed, reopening what is open: nothing to write or record.
    if (JSON.stringify(next) === JSON.stringify(stored.cohort)) return next;
    if (await deps.cohorts.replaceCohort(definition.id, next, stored.revision)) {
      await recordChange(deps, actor, {
        action: 'cohort-changed',
        programme: definition.id,
        detail: `cohort ${cohortId}: ${what}`,
      });
      return next;
    }
  }
  throw new CohortChangedError(cohortId);
}

/** Schema issues as field problems, in the console's and the command line's field names. */
function issueProblems(issues: readonly z.core.$ZodIssue[], input: unknown): CohortInputProblem[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    const field = path[0] === 'id' ? 'cohort' : path.join('.');
    const reason = issue.code === 'too_big' ? 'too-long' : 'invalid';
    return { field, reason, message: describeIssue(issue, valueAt(input, issue.path)) };
  });
}

/**
 * The windows given, with a default for each follow-up given no date at all (the console's empty
 * fields, no `--window`): {@link defaultFollowupWindow} after its session's post window. A
 * follow-up given one date only is left as it is, for the rules to name the other as missing.
 */
function withFollowupWindows(
  definition: ProgrammeDefinition,
  windows: NewCohort['windows'],
): Record<string, { readonly opens?: string; readonly closes?: string }> {
  const filled: Record<string, { readonly opens?: string; readonly closes?: string }> = { ...windows };
  for (const session of definition.sessions) {
    const id = waveId(session.id, 'followup');
    const given = windows[id];
    if (session.followup === undefined || given?.opens !== undefined || given?.closes !== undefined) continue;
    const window = defaultFollowupWindow(windows[waveId(session.id, 'post')], session.followup.monthsAfter);
    if (window !== undefined) filled[id] = window;
  }
  return filled;
}

/**
 * The follow-ups to move when their post windows change: each one the change leaves as it is (not
 * given, or given with its stored days, as the console's whole form sends them) whose stored window
 * is still the default of its post window as stored (nobody chose its days), at the default of the
 * new post window. A follow-up a coordinator set, or closed early, stays as it is.
 */
function followupsMoved(
  definition: ProgrammeDefinition,
  stored: Cohort['windows'],
  changed: NonNullable<CohortChange['windows']>,
): Record<string, Window> {
  const moved: Record<string, Window> = {};
  for (const session of definition.sessions) {
    const id = waveId(session.id, 'followup');
    const post = changed[waveId(session.id, 'post')];
    const current = stored[id];
    const given = changed[id];
    if (session.followup === undefined || post === undefined) continue;
    if (given !== undefined && (given.opens !== current?.opens || given.closes !== current?.closes)) continue;
    const before = defaultFollowupWindow(stored[waveId(session.id, 'post')], session.followup.monthsAfter);
    if (before === undefined || current?.opens !== before.opens || current.closes !== before.closes) continue;
    if (current.closed === true) continue;
    const after = defaultFollowupWindow(post, session.followup.monthsAfter);
    if (after !== undefined) moved[id] = after;
  }
  return moved;
}

/** The day links made today stop working: the programme's retention from today. */
function linksMadeTodayExpire(deps: ManageCohortsDeps, definition: ProgrammeDefinition): string {
  return new Date(deps.clock.now().getTime() + definition.retentionDays * 86_400_000).toISOString().slice(0, 10);
}

/** A window as the console and `--window` give it: both dates, closed only when said. */
export type WindowInput = Pick<Window, 'opens' | 'closes'>;
