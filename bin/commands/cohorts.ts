/** `prepost cohorts`: a programme's cohorts and their wave windows, made, changed, closed and reopened at run time. */
import { CohortInputError, type CohortInputProblem } from '#core/errors.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { openLocalStore } from '#local/stack.ts';
import { isWaveKind } from '#core/model.ts';
import { FOLLOWUP_WINDOW_DAYS, sessionWaves, waveId } from '#core/waves.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { shippedCatalog } from '#surveys/index.ts';
import type { Cohort, ProgrammeDefinition } from '#surveys/schema.ts';
import { readProgrammeProgress, type CohortProgress } from '#use-cases/cohort-progress.ts';
import {
  SEED_WINDOW_DAYS,
  addCohort,
  changeCohort,
  seedCohorts,
  setCohortStatus,
  setWaveClosed,
  type ClosingNotice,
  type NewCohort,
  type WindowInput,
} from '#use-cases/manage-cohorts.ts';
import { cliActor } from '../cli/actor.ts';
import { englishText, waveLabel, windowLabel } from '../cli/cohort-labels.ts';
import { chooseAction, required, type OptionValues } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';
import { formatColumns, indent, plural } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = "list, add and change a programme's cohorts and their wave windows; close and reopen them";

/** `prepost cohorts --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- cohorts list --programme P [--json]
       npm run prepost -- cohorts add --programme P --cohort C --name N [--site S]
                                      --window SESSION:WAVE=YYYY-MM-DD..YYYY-MM-DD...
                                      [--attribute SUBGROUP=VALUE]... [--comparison yes|no]
       npm run prepost -- cohorts edit --programme P --cohort C [--name N] [--site S]
                                       [--window SESSION:WAVE=YYYY-MM-DD..YYYY-MM-DD]...
                                       [--attribute SUBGROUP=VALUE]... [--comparison yes|no]
       npm run prepost -- cohorts close|reopen --programme P --cohort C
       npm run prepost -- cohorts close-wave|reopen-wave --programme P --cohort C --wave SESSION:WAVE
       npm run prepost -- cohorts seed

A cohort is a group of participants who go through a programme together, in one place and
time. Cohorts are data kept in the table, made and changed here or in the console
(/console), with no redeploy; the programme itself (sessions, questionnaires) is defined
in surveys/programmes/.

  list         each cohort: id, name, site, comparison cohort or not, open or closed,
               participants, and per wave its window and how many answered
               (\`prepost pending\` says who has not)
  add          makes a cohort; every wave needs a window (see \`prepost programmes\` for
               the sessions: each has a pre and a post wave, some a follow-up), but a
               follow-up given none opens its months after its session's post window
               closes, for ${FOLLOWUP_WINDOW_DAYS} days
  edit         changes the name, the site, subgroup values, the windows given or the
               comparison mark; what is not given keeps its value, and a wave closed
               early stays closed
  close        the cohort takes no answers and no new participants until reopened;
               says which funders will still receive its results, and in which summary
  reopen       its windows apply again
  close-wave   closes one wave now, whatever its dates: its links answer "closed"
  reopen-wave  its dates apply again
  seed         loads the seed cohorts and funders of surveys/seed/ that are not in the
               table yet, each wave open from today for ${SEED_WINDOW_DAYS} days (a follow-up
               as add gives it when none is given): the step after
               deploying a new stack (see the README). What is there is left alone.

  --programme P        programme id (see \`prepost programmes\`)
  --cohort C           cohort id: lower-case letters, digits and single hyphens
                       (tarragona-2027); it cannot be changed later
  --name N             the cohort's name, as staff pages show it ("Tarragona 2027")
  --site S             where it runs, in words (a town, a centre); --site "" removes it
  --window W=A..B      wave W (SESSION:pre, SESSION:post or SESSION:followup) takes answers
                       from day A to day B, both included (UTC); once per wave. A session's
                       post window may share days with its pre window but not open or close
                       before it; a follow-up's stands so to the post window
  --attribute S=V      the cohort's value of the programme's cohort subgroup S (its
                       option V), for subgroup tables: justrom3-mentoring's site=iasi
  --comparison yes|no  yes: a comparison cohort, a waiting list of people not yet in the
                       programme who answer the same questionnaires, so that the programme
                       cohorts' change can be set beside change without the programme;
                       no (the default for add): a cohort in the programme
  --wave W             the wave to close or reopen (SESSION:pre, SESSION:post or
                       SESSION:followup)
  --json               list: the cohorts and their progress as one JSON array

A mistake (an id already used, a window closing before it opens or missing, a wave given
twice, an unknown wave or subgroup value) names the option, exits 2 and writes nothing.
Every change goes to the audit log as cli:<your user name>.`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  name: { type: 'string' },
  site: { type: 'string' },
  window: { type: 'string', multiple: true },
  attribute: { type: 'string', multiple: true },
  comparison: { type: 'string' },
  wave: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** It takes the action (list, add, edit, close, reopen, close-wave, reopen-wave, seed). */
export const allowPositionals = true;

const ACTIONS = {
  list: ['programme', 'json'],
  add: ['programme', 'cohort', 'name', 'site', 'window', 'attribute', 'comparison'],
  edit: ['programme', 'cohort', 'name', 'site', 'window', 'attribute', 'comparison'],
  close: ['programme', 'cohort'],
  reopen: ['programme', 'cohort'],
  'close-wave': ['programme', 'cohort', 'wave'],
  'reopen-wave': ['programme', 'cohort', 'wave'],
  seed: [],
} as const;

/** `--window` as it is typed: the wave, `=`, the first day, `..`, the last day. */
const WINDOW = /^([a-z0-9]+(?:-[a-z0-9]+)*:(?:pre|post|followup))=(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** Checks the arguments, then lists or changes the cohorts. */
export async function run(values: OptionValues<typeof options>, positionals: string[]): Promise<void> {
  const action = chooseAction(positionals, values, ACTIONS);
  if (action === 'seed') return seed();
  // Checked before the table is opened: a mistake writes nothing and waits for nothing.
  const definition = findProgramme(shippedCatalog(), required(values.programme, '--programme'), { listKnown: true });
  if (action === 'list') return list(definition, values.json === true);
  const cohortId = required(values.cohort, '--cohort');
  switch (action) {
    case 'add':
      return add(definition, {
        id: cohortId,
        name: required(values.name, '--name'),
        site: values.site === '' ? undefined : values.site,
        attributes: parseAttributes(values.attribute ?? []),
        windows: parseWindows(values.window ?? []),
        comparison: parseComparison(values.comparison) ?? false,
      });
    case 'edit':
      return edit(definition, cohortId, values);
    case 'close':
    case 'reopen':
      return setStatus(definition, cohortId, action === 'close' ? 'closed' : 'open');
    case 'close-wave':
    case 'reopen-wave':
      return setWave(definition, cohortId, required(values.wave, '--wave'), action === 'close-wave');
  }
}

async function list(definition: ProgrammeDefinition, json: boolean): Promise<void> {
  const { deps, environment } = await openLocalStore();
  try {
    const progress = await readProgrammeProgress(deps, definition.id);
    if (json) {
      console.log(JSON.stringify(progress.map(progressJson), null, 2));
      return;
    }
    const programmeName = englishText(definition.name, definition.id);
    if (progress.length === 0) {
      console.log(
        `${programmeName} has no cohorts yet: npm run prepost -- cohorts add --programme ${definition.id} ` +
          '--cohort C --name N --window SESSION:WAVE=YYYY-MM-DD..YYYY-MM-DD...',
      );
      return;
    }
    const blocks = progress.map(({ cohort, ...counts }) => {
      const participants =
        counts.participants === 0
          ? 'no participants yet'
          : `${plural(counts.participants, 'participant')} in ${plural(counts.batches.length, 'batch')}`;
      const last = counts.lastAnswer === undefined ? '' : `, last answer ${counts.lastAnswer.slice(0, 10)}`;
      const heading = `${cohort.id}  ${describeCohort(cohort)}: ${cohort.status}, ${participants}${last}`;
      const waves = formatColumns(
        ['WAVE', 'WINDOW', 'ANSWERED', 'NAME'],
        counts.waves.map((wave) => {
          const id = waveId(wave.session.id, wave.wave);
          return [
            id,
            windowLabel(cohort.windows[id]),
            `${wave.answered} of ${wave.participants}`,
            waveLabel(wave.session, wave.wave),
          ];
        }),
      );
      return `${heading}\n${indent(waves)}`;
    });
    console.log(`${programmeName} (${definition.id}): ${plural(progress.length, 'cohort')}\n\n${blocks.join('\n\n')}`);
  } finally {
    await environment.close();
  }
}

async function add(definition: ProgrammeDefinition, input: NewCohort): Promise<void> {
  const { deps, environment } = await openLocalStore();
  try {
    const cohort = await addCohort(deps, cliActor(), definition.id, input).catch((error: unknown) => {
      throw inCommandWords(error, definition, input.windows);
    });
    console.log(
      `added cohort ${cohort.id} (${describeCohort(cohort)}) to ${englishText(definition.name, definition.id)}, ` +
        `open:\n${windowTable(definition, cohort)}\n` +
        `Next, its participants and their links: npm run -s prepost -- links --programme ${definition.id} ` +
        `--cohort ${cohort.id} --count N --out links.csv`,
    );
  } finally {
    await environment.close();
  }
}

async function edit(
  definition: ProgrammeDefinition,
  cohortId: string,
  values: OptionValues<typeof options>,
): Promise<void> {
  if (
    [values.name, values.site, values.window, values.attribute, values.comparison].every((value) => value === undefined)
  )
    throw new UsageError('say what to change: --name, --site, --window, --attribute or --comparison');
  if (values.name === '') throw new UsageError('--name cannot be empty');
  const windows = parseWindows(values.window ?? []);
  const attributes = parseAttributes(values.attribute ?? []);
  const comparison = parseComparison(values.comparison);
  const { deps, environment } = await openLocalStore();
  try {
    // Only what was given: the use case applies it to the cohort as stored when it writes.
    const change = {
      name: values.name,
      site: values.site === '' ? null : values.site,
      attributes: values.attribute === undefined ? undefined : attributes,
      windows: values.window === undefined ? undefined : windows,
      comparison,
    };
    const cohort = await changeCohort(deps, cliActor(), definition.id, cohortId, change).catch((error: unknown) => {
      // Every wave has its window already: a problem with one not given here is about its stored days.
      throw inCommandWords(error, definition, Object.fromEntries(waveIdsOf(definition).map((wave) => [wave, true])));
    });
    console.log(
      `changed cohort ${cohort.id} (${describeCohort(cohort)}), ${cohort.status}:\n${windowTable(definition, cohort)}`,
    );
  } finally {
    await environment.close();
  }
}

async function setStatus(definition: ProgrammeDefinition, cohortId: string, status: Cohort['status']): Promise<void> {
  const { deps, environment } = await openLocalStore();
  try {
    const { cohort, notice } = await setCohortStatus(deps, cliActor(), definition.id, cohortId, status);
    if (status === 'open') {
      console.log(`reopened cohort ${cohort.id} (${describeCohort(cohort)}): its wave windows apply again`);
      return;
    }
    console.log(
      `closed cohort ${cohort.id} (${describeCohort(cohort)}): its links take no more answers and it takes no ` +
        `new participants until it is reopened.\n${closingWords(notice)}`,
    );
  } finally {
    await environment.close();
  }
}

async function setWave(
  definition: ProgrammeDefinition,
  cohortId: string,
  wave: string,
  closed: boolean,
): Promise<void> {
  const { deps, environment } = await openLocalStore();
  try {
    const cohort = await setWaveClosed(deps, cliActor(), definition.id, cohortId, wave, closed).catch(
      (error: unknown) => {
        throw inCommandWords(error, definition, {});
      },
    );
    const [sessionId, kind] = wave.split(':');
    const session = definition.sessions.find((candidate) => candidate.id === sessionId);
    const label =
      session === undefined || !isWaveKind(kind) || session[kind] === undefined ? wave : waveLabel(session, kind);
    console.log(
      closed
        ? `closed wave ${wave} (${label}) of ${cohort.id}: its links answer "closed" from now`
        : `reopened wave ${wave} (${label}) of ${cohort.id}: ${windowLabel(cohort.windows[wave])} applies again`,
    );
  } finally {
    await environment.close();
  }
}

async function seed(): Promise<void> {
  const { deps, environment } = await openLocalStore({ seed: false });
  try {
    const loaded = await seedCohorts(deps, cliActor());
    console.log(
      loaded.cohorts === 0 && loaded.funders === 0
        ? 'nothing to load: every seed cohort and funder (surveys/seed/) is in the table already'
        : `loaded ${plural(loaded.cohorts, 'cohort')} and ${plural(loaded.funders, 'funder')} from surveys/seed/ ` +
            `(each wave open from today for ${SEED_WINDOW_DAYS} days, a follow-up from its months after that ` +
            `for ${FOLLOWUP_WINDOW_DAYS}); what was there already is left alone`,
    );
  } finally {
    await environment.close();
  }
}

/** What closing means for the funders: who still receives the cohort's results, and in the summary of which month. */
function closingWords(notice: ClosingNotice | undefined): string {
  if (notice === undefined) return 'The programme has no funders: no summary carries its results.';
  const funders = notice.funders.map((funder) => `${funder.name} <${funder.email}>`).join(', ');
  return (
    `Its results as they stand still go to ${plural(notice.funders.length, 'funder')} in the summary for ` +
    `${notice.period}: ${funders}`
  );
}

/** Each `--window`, checked for its form and its days; a wave given twice is a mistake, not a correction. */
function parseWindows(given: readonly string[]): Record<string, WindowInput> {
  const windows: Record<string, WindowInput> = {};
  for (const value of given) {
    const match = WINDOW.exec(value);
    const [, wave = '', opens = '', closes = ''] = match ?? [];
    if (match === null)
      throw new UsageError(
        `--window "${value}" is not SESSION:WAVE=YYYY-MM-DD..YYYY-MM-DD (WAVE pre, post or followup, ` +
          'e.g. mentoring-cycle:pre=2027-01-11..2027-02-12)',
      );
    for (const day of [opens, closes])
      if (!isDay(day)) throw new UsageError(`--window ${wave}: ${day} is not a day of the calendar`);
    if (Object.hasOwn(windows, wave)) throw new UsageError(`--window ${wave} is given twice`);
    windows[wave] = { opens, closes };
  }
  return windows;
}

/** `--comparison yes|no` as a mark, undefined when not given. */
function parseComparison(given: string | undefined): boolean | undefined {
  if (given === undefined) return undefined;
  const answer = given.trim().toLowerCase();
  if (answer === 'yes') return true;
  if (answer === 'no') return false;
  throw new UsageError(
    `--comparison "${given}" is neither yes (a waiting list, not yet in the programme) nor no (in the programme)`,
  );
}

/** Each `--attribute SUBGROUP=VALUE`; the programme's rules judge the subgroup and the value. */
function parseAttributes(given: readonly string[]): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const value of given) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    if (match === null) throw new UsageError(`--attribute "${value}" is not SUBGROUP=VALUE (e.g. site=iasi)`);
    const [, subgroup = '', option = ''] = match;
    if (Object.hasOwn(attributes, subgroup)) throw new UsageError(`--attribute ${subgroup} is given twice`);
    attributes[subgroup] = option;
  }
  return attributes;
}

function isDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * A refusal in this command's terms: a wave no `--window` gave is one "missing" problem (not its
 * two missing dates), and a wave the programme does not have comes with the waves it has.
 */
function inCommandWords(
  error: unknown,
  definition: ProgrammeDefinition,
  windows: Readonly<Record<string, unknown>>,
): unknown {
  if (!(error instanceof CohortInputError)) return error;
  const waves = waveIdsOf(definition);
  const problems: CohortInputProblem[] = [];
  for (const problem of error.fieldProblems) {
    const wave = /^windows\.([^.]+)/.exec(problem.field)?.[1];
    if (problem.field === 'wave' || (wave !== undefined && !waves.includes(wave)))
      problems.push({ ...problem, message: `${problem.message} (its waves: ${waves.join(', ')})` });
    else if (wave === undefined || Object.hasOwn(windows, wave)) problems.push(problem);
    else if (!problems.some((known) => known.field === `windows.${wave}`))
      problems.push({
        field: `windows.${wave}`,
        reason: 'opens-missing',
        message: `missing: every wave needs its days (--window ${wave}=YYYY-MM-DD..YYYY-MM-DD)`,
      });
  }
  return new CohortInputError(problems);
}

/** "Tarragona 2027, Tarragona": the name, the site when there is one, and the comparison mark. */
function describeCohort(cohort: Cohort): string {
  const named = cohort.site === undefined ? cohort.name : `${cohort.name}, ${cohort.site}`;
  return cohort.comparison ? `${named}, comparison cohort (waiting list)` : named;
}

/** Every wave of the programme with the cohort's window, as add and edit confirm them. */
function windowTable(definition: ProgrammeDefinition, cohort: Cohort): string {
  return indent(
    formatColumns(
      ['WAVE', 'WINDOW', 'NAME'],
      definition.sessions.flatMap((session) =>
        sessionWaves(session).map((wave) => {
          const id = waveId(session.id, wave);
          return [id, windowLabel(cohort.windows[id]), waveLabel(session, wave)];
        }),
      ),
    ),
  );
}

/** A cohort's progress for `list --json`: counts per wave, never who (that is `pending`). */
function progressJson(progress: CohortProgress): unknown {
  const { cohort } = progress;
  return {
    id: cohort.id,
    name: cohort.name,
    site: cohort.site ?? null,
    status: cohort.status,
    comparison: cohort.comparison,
    attributes: cohort.attributes,
    participants: progress.participants,
    batches: progress.batches,
    lastAnswer: progress.lastAnswer ?? null,
    waves: progress.waves.map((wave) => {
      const id = waveId(wave.session.id, wave.wave);
      return {
        wave: id,
        name: waveLabel(wave.session, wave.wave),
        window: cohort.windows[id] ?? null,
        answered: wave.answered,
        participants: wave.participants,
      };
    }),
  };
}
