/**
 * The coordinator's command line as issue 11's "Done when" has it: `cohorts add` makes
 * tarragona-2027 for Dones Mentores with its windows, `links` makes 12 participants with Spanish
 * cards, one participant answers over HTTP on a running local stack, and `pending` shows 1 of 12
 * answered and the 11 other numbers. Then the rest of `cohorts`, `funders`, `programmes`, and
 * `cohorts seed` on a table that has never been seeded (as on a new deployment). Every mistake
 * exits 2 naming its option and writes nothing. The commands run as processes (seconds each), in
 * one folder, against the stack's DynamoDB and table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { AuditEvent } from '#core/access.ts';
import { parseCsv } from '#core/csv.ts';
import { defaultFollowupWindow, resolveWave } from '#core/waves.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { storesOn } from '#adapters/deps.ts';
import { DynamoTable, ensureTable } from '#adapters/dynamo-table.ts';
import { runEntry, type RunResult } from '../support/run.ts';
import { answerAll, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'tarragona-2027';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let cwd: string;
let env: Record<string, string>;
const actor = `cli:${userInfo().username}`;

/** A day `days` from today (UTC), as `--window` takes it. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

// The pre wave is open today (a participant answers it); the post wave opens in two months.
const PRE = `${day(0)}..${day(30)}`;
const POST = `${day(60)}..${day(120)}`;

beforeAll(async () => {
  stack = await startTestStack();
  cwd = await mkdtemp(join(tmpdir(), 'prepost-cohorts-cli-'));
  // The stack's own DynamoDB, table and link key, so the links the commands make open on it.
  env = {
    DYNAMODB_ENDPOINT: stack.environment.endpoint,
    TABLE_NAME: stack.environment.tableName,
    LINK_KEY: (await readFile(join(stack.environment.dataDir, 'link-key'), 'utf8')).trim(),
    USER_POOL_ID: '',
  };
});

afterAll(async () => {
  await stack?.stop();
  if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
});

function prepost(...args: string[]): Promise<RunResult> {
  return runEntry('prepost', args, cwd, env);
}

async function auditLog(): Promise<AuditEvent[]> {
  const now = Date.now();
  return (await stack.deps.audit.list({ since: new Date(now - 86_400_000), until: new Date(now + 60_000) })).reverse();
}

/** Everything a cohort, link or funder command could write: cohorts, funders, the new cohort's roll, the audit log. */
async function written(): Promise<unknown> {
  return {
    cohorts: await stack.deps.cohorts.listCohorts(PROGRAMME),
    funders: await stack.deps.cohorts.listFunders(PROGRAMME),
    roll: await stack.deps.participants.cohortRoll(PROGRAMME, COHORT),
    audit: await auditLog(),
  };
}

/** The command is refused with exit 2, the message naming the option, and nothing is written. */
async function expectRefused(args: string[], message: string): Promise<void> {
  const before = await written();
  const result = await prepost(...args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stdout).toBe('');
  expect(await written(), args.join(' ')).toEqual(before);
}

function addTarragona(...windows: string[]): string[] {
  return [
    'cohorts',
    'add',
    '--programme',
    PROGRAMME,
    '--cohort',
    COHORT,
    '--name',
    'Tarragona 2027',
    '--site',
    'Tarragona',
    ...windows.flatMap((window) => ['--window', window]),
  ];
}

/** The links CSV's rows as objects. */
interface LinkRow {
  readonly session: string;
  readonly wave: string;
  readonly code: string;
  readonly number: number;
}

let links: LinkRow[] = [];

function linkOf(number: number, wave: 'pre' | 'post'): LinkRow {
  const link = links.find((row) => row.number === number && row.wave === wave);
  if (link === undefined) throw new Error(`no ${wave} link for participant ${number}`);
  return link;
}

// Each test runs commands as processes, seconds each on a busy machine: a generous limit per test.
describe('npm run prepost -- programmes, cohorts, funders, pending', { timeout: 300_000 }, () => {
  it('lists the commands, and each answers --help', async () => {
    const help = await prepost('--help');
    expect(help.code).toBe(0);
    for (const command of ['programmes', 'cohorts', 'funders', 'pending']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      const own = await prepost(command, '--help');
      expect(own.code, own.stderr).toBe(0);
      expect(own.stdout).toContain(`npm run prepost -- ${command}`);
    }
  });

  it('lists the programmes with their languages, k, sessions and the seed cohorts and funders', async () => {
    const listed = await prepost('programmes');
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+ORGANISATION\s+LANGUAGES\s+K\s+COHORTS\s+FUNDERS\s+SESSIONS$/);
    expect(lines).toHaveLength(1 + stack.deps.catalog.programmes.size);
    expect(lines.find((line) => line.startsWith(PROGRAMME))).toMatch(
      new RegExp(
        '^dones-mentores\\s+Dones Mentores\\s+.+\\s+ca\\*, es, en\\s+10\\s+2 open, 0 closed\\s+1\\s+' +
          'mentoring-cycle \\(cycle, follow-up after 6 months\\)$',
      ),
    );
  });

  it('refuses a missing, reversed, malformed or repeated window, or a used id, and writes nothing', async () => {
    await expectRefused(
      addTarragona(`mentoring-cycle:pre=${PRE}`),
      '--window mentoring-cycle:post: missing: every wave needs its days (--window mentoring-cycle:post=',
    );
    await expectRefused(
      addTarragona(`mentoring-cycle:pre=${PRE}`, 'mentoring-cycle:post=2027-02-01..2027-01-01'),
      '--window mentoring-cycle:post: closes (2027-01-01) before it opens (2027-02-01)',
    );
    await expectRefused(
      addTarragona(`mentoring-cycle:pre=${PRE}`, 'mentoring-cycle:post=2027-02-01'),
      '--window "mentoring-cycle:post=2027-02-01" is not SESSION:WAVE=YYYY-MM-DD..YYYY-MM-DD',
    );
    await expectRefused(
      addTarragona(`mentoring-cycle:pre=${PRE}`, `mentoring-cycle:pre=${PRE}`, `mentoring-cycle:post=${POST}`),
      '--window mentoring-cycle:pre is given twice',
    );
    await expectRefused(
      addTarragona(`mentoring-cycle:pre=${PRE}`, `mentoring-cycle:post=${POST}`, `mentoring-cycle:followup=${PRE}`),
      `--window mentoring-cycle:followup: opens (${day(0)}) before mentoring-cycle:post opens (${day(60)})`,
    );
    await expectRefused(
      [
        ...addTarragona(`mentoring-cycle:pre=${PRE}`, `mentoring-cycle:post=${POST}`).map((arg) =>
          arg === COHORT ? 'barcelona-2026' : arg,
        ),
      ],
      '--cohort: "barcelona-2026" is already a cohort of dones-mentores',
    );
  });

  it('adds tarragona-2027 with its windows, recorded as the command user', async () => {
    const added = await prepost(...addTarragona(`mentoring-cycle:pre=${PRE}`, `mentoring-cycle:post=${POST}`));
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('added cohort tarragona-2027 (Tarragona 2027, Tarragona) to Dones Mentores');
    expect(added.stdout).toMatch(
      new RegExp(`mentoring-cycle:pre\\s+${PRE.replace('..', '\\.\\.')}\\s+Mentoring cycle`),
    );
    expect((await stack.deps.cohorts.getCohort(PROGRAMME, COHORT))?.cohort).toEqual({
      id: COHORT,
      name: 'Tarragona 2027',
      site: 'Tarragona',
      attributes: {},
      status: 'open',
      comparison: false,
      // Given no --window, the follow-up opens six months after the post window closes, for four weeks.
      windows: {
        'mentoring-cycle:pre': { opens: day(0), closes: day(30) },
        'mentoring-cycle:post': { opens: day(60), closes: day(120) },
        'mentoring-cycle:followup': defaultFollowupWindow({ closes: day(120) }, 6),
      },
    });
    expect(added.stdout).toMatch(
      /mentoring-cycle:followup\s+\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}\s+Mentoring cycle · 6 months after the end/,
    );
    const last = (await auditLog()).at(-1);
    expect([last?.actor, last?.action, last?.programme]).toEqual([actor, 'cohort-created', PROGRAMME]);
  });

  it('makes 12 participants with Spanish cards; refuses over 500, or a language not the programme’s', async () => {
    const made = await prepost(
      'links',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--count',
      '12',
      '--language',
      'es',
      '--out',
      'links.csv',
    );
    expect(made.code, made.stderr).toBe(0);
    const [header, ...rows] = parseCsv(await readFile(join(cwd, 'links.csv'), 'utf8'));
    expect(header).toEqual(['participant', 'session', 'wave', 'code', 'url', 'number']);
    links = rows.map(([, session = '', wave = '', code = '', , number = '']) => ({
      session,
      wave,
      code,
      number: Number(number),
    }));
    expect(links).toHaveLength(12 * 3);
    expect(links.filter((link) => link.wave === 'followup')).toHaveLength(12);
    expect(new Set(links.map((link) => link.number))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i + 1)));
    const sheet = await readFile(join(cwd, 'links-sheet.html'), 'utf8');
    expect(sheet).toContain('<html lang="es">');
    expect(sheet).toContain('Enlaces al cuestionario');
    expect(sheet).toContain('Al inicio');
    expect(await readFile(join(cwd, 'links-messages.txt'), 'utf8')).toContain('Tu cuestionario (unos minutos)');

    const batch = ['links', '--programme', PROGRAMME, '--cohort', COHORT, '--out', 'more.csv'];
    await expectRefused([...batch, '--count', '501'], '--count: must be a whole number from 1 to 500');
    await expectRefused(
      [...batch, '--count', '2', '--language', 'ro'],
      '--language: ro is not a language of this programme (ca, es, en)',
    );
  });

  it('shows 1 of 12 answered once one participant answers, and the 11 others by number', async () => {
    const link = linkOf(1, 'pre');
    const stored = await stack.deps.cohorts.getCohort(PROGRAMME, COHORT);
    const context = resolveWave(stack.deps.catalog.programmes.get(PROGRAMME), stored?.cohort, link.session, 'pre');
    if (context === undefined) throw new Error('no wave');
    const answered = await fetch(`${stack.url}/s/${link.code}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(context, stack.deps.catalog).toString(),
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);

    const roll = await stack.deps.participants.cohortRoll(PROGRAMME, COHORT);
    const made = roll.batches[0]?.createdAt.slice(0, 10);
    const others = Array.from({ length: 11 }, (_, i) => i + 2).join(', ');
    const all = `1, ${others}`;
    const followup = defaultFollowupWindow({ closes: day(120) }, 6);
    const pending = await prepost('pending', '--programme', PROGRAMME, '--cohort', COHORT);
    expect(pending.code, pending.stderr).toBe(0);
    expect(pending.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Tarragona 2027 \(tarragona-2027\), Dones Mentores, open: 12 participants in 1 batch, last answer \d{4}-/,
      ),
      `Mentoring cycle · At the start (mentoring-cycle:pre, open until ${day(30)}): 1 of 12 answered`,
      `  batch 1 (${made}, es): ${others}`,
      `Mentoring cycle · At the end (mentoring-cycle:post, opens ${day(60)}): 0 of 12 answered`,
      `  batch 1 (${made}, es): ${all}`,
      `Mentoring cycle · 6 months after the end (mentoring-cycle:followup, opens ${followup?.opens}): ` +
        '0 of 12 answered',
      `  batch 1 (${made}, es): ${all}`,
    ]);

    const json = await prepost('pending', '--programme', PROGRAMME, '--cohort', COHORT, '--json');
    expect(json.code, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout) as { participants: number; waves: unknown[] };
    expect(parsed.participants).toBe(12);
    expect(parsed.waves).toEqual([
      expect.objectContaining({
        wave: 'mentoring-cycle:pre',
        name: 'Mentoring cycle · At the start',
        answered: 1,
        participants: 12,
        pending: [{ batch: 1, numbers: Array.from({ length: 11 }, (_, i) => i + 2) }],
      }),
      expect.objectContaining({ wave: 'mentoring-cycle:post', answered: 0, participants: 12 }),
      expect.objectContaining({
        wave: 'mentoring-cycle:followup',
        name: 'Mentoring cycle · 6 months after the end',
        window: followup,
        answered: 0,
        participants: 12,
      }),
    ]);
    // Numbers only: no participant id, no code.
    for (const participant of roll.participants)
      for (const text of [pending.stdout, json.stdout]) expect(text).not.toContain(participant.participant);
    for (const row of links) expect(pending.stdout + json.stdout).not.toContain(row.code);
  });

  it('lists the cohorts with their windows and answers per wave', async () => {
    const listed = await prepost('cohorts', 'list', '--programme', PROGRAMME);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('Dones Mentores (dones-mentores): 3 cohorts');
    expect(listed.stdout).toContain('barcelona-2026  Barcelona 2026, Barcelona: open, no participants yet');
    const block = listed.stdout.slice(listed.stdout.indexOf(`${COHORT}  `));
    expect(block).toMatch(
      /^tarragona-2027 {2}Tarragona 2027, Tarragona: open, 12 participants in 1 batch, last answer/,
    );
    expect(block).toMatch(
      new RegExp(`mentoring-cycle:pre\\s+${day(0)}\\.\\.${day(30)}\\s+1 of 12\\s+Mentoring cycle · At the start`),
    );
    expect(block).toMatch(
      new RegExp(`mentoring-cycle:post\\s+${day(60)}\\.\\.${day(120)}\\s+0 of 12\\s+Mentoring cycle · At the end`),
    );
  });

  it('edits what is given, keeps the rest; a closed wave answers 410; closing says what funders get', async () => {
    const edited = await prepost(
      'cohorts',
      'edit',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--name',
      'Tarragona 2027 (spring)',
      '--window',
      `mentoring-cycle:post=${day(61)}..${day(121)}`,
    );
    expect(edited.code, edited.stderr).toBe(0);
    expect((await stack.deps.cohorts.getCohort(PROGRAMME, COHORT))?.cohort).toMatchObject({
      name: 'Tarragona 2027 (spring)',
      site: 'Tarragona',
      windows: {
        'mentoring-cycle:pre': { opens: day(0), closes: day(30) },
        'mentoring-cycle:post': { opens: day(61), closes: day(121) },
      },
    });

    const waveClosed = await prepost(
      'cohorts',
      'close-wave',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--wave',
      'mentoring-cycle:pre',
    );
    expect(waveClosed.code, waveClosed.stderr).toBe(0);
    expect(waveClosed.stdout).toContain('closed wave mentoring-cycle:pre (Mentoring cycle · At the start)');
    // Participant 2's "at the start" link, inside its dates, is closed from now.
    expect((await fetch(`${stack.url}/s/${linkOf(2, 'pre').code}`)).status).toBe(410);

    const closed = await prepost('cohorts', 'close', '--programme', PROGRAMME, '--cohort', COHORT);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain('closed cohort tarragona-2027 (Tarragona 2027 (spring), Tarragona)');
    expect(closed.stdout).toContain(
      `Its results as they stand still go to 1 funder in the summary for ${new Date().toISOString().slice(0, 7)}: ` +
        'Funder contact <funder-dones@example.org>',
    );
    expect((await stack.deps.cohorts.getCohort(PROGRAMME, COHORT))?.cohort.status).toBe('closed');
    const changes = (await auditLog()).filter((event) => event.action === 'cohort-changed');
    expect(changes.map((event) => [event.actor, event.detail])).toEqual([
      [actor, `cohort ${COHORT}: name, windows`],
      [actor, `cohort ${COHORT}: wave mentoring-cycle:pre closed`],
      [actor, `cohort ${COHORT}: closed`],
    ]);
  });

  it('adds and removes a funder, and refuses a language the programme does not have', async () => {
    const added = await prepost(
      'funders',
      'add',
      '--programme',
      PROGRAMME,
      '--email',
      'Fundacio@Example.org',
      '--language',
      'es',
    );
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(
      'added funder fundacio@example.org of Dones Mentores (dones-mentores): summary language es',
    );
    expect(await stack.deps.cohorts.listFunders(PROGRAMME)).toContainEqual({
      name: 'fundacio@example.org',
      email: 'fundacio@example.org',
      language: 'es',
    });
    await expectRefused(
      ['funders', 'add', '--programme', PROGRAMME, '--email', 'other@example.org', '--language', 'ro'],
      '--language: ro is not a language of this programme (ca, es, en)',
    );
    const removed = await prepost('funders', 'remove', '--programme', PROGRAMME, '--email', 'fundacio@example.org');
    expect(removed.code, removed.stderr).toBe(0);
    expect((await stack.deps.cohorts.listFunders(PROGRAMME)).map((funder) => funder.email)).toEqual([
      'funder-dones@example.org',
    ]);
    const events = (await auditLog()).filter((event) => event.actor === actor && event.action.startsWith('funder-'));
    expect(events.map((event) => [event.actor, event.action, event.detail])).toEqual([
      [actor, 'funder-added', 'fundacio@example.org'],
      [actor, 'funder-removed', 'fundacio@example.org'],
    ]);
  });

  it('erases a participant named by batch and number, as a coordinator knows them, never showing the id', async () => {
    const roll = async (): Promise<readonly { participant: string; number?: number | undefined }[]> =>
      (await stack.deps.participants.cohortRoll(PROGRAMME, COHORT)).participants;
    const third = (await roll()).find((entry) => entry.number === 3)?.participant ?? '';
    expect(third).not.toBe('');
    const erased = await prepost(
      'erase',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--batch',
      '1',
      '--number',
      '3',
    );
    expect(erased.code, erased.stderr).toBe(0);
    expect(erased.stdout).toContain('erased participant 3 of batch 1:');
    expect(erased.stdout + erased.stderr).not.toContain(third);
    expect((await roll()).map((entry) => entry.number)).not.toContain(3);
    expect(await roll()).toHaveLength(11);
    // Again: nobody is number 3 any more; nothing changes, exit 2.
    const again = await prepost('erase', '--programme', PROGRAMME, '--cohort', COHORT, '--batch', '1', '--number', '3');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no participant 3 in batch 1');
    // One way or the other, not both.
    const both = await prepost(
      'erase',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--participant',
      third,
      '--batch',
      '1',
      '--number',
      '3',
    );
    expect(both.code).toBe(2);
    expect(await roll()).toHaveLength(11);
  });

  it('marks a comparison cohort (a waiting list) with --comparison yes, lists it, and unmarks it', async () => {
    const help = await prepost('cohorts', '--help');
    expect(help.stdout).toContain('[--comparison yes|no]');
    expect(help.stdout).toContain('--comparison yes|no  yes: a comparison cohort, a waiting list');
    const waiting = 'tortosa-waiting-2027';
    const windows = [`mentoring-cycle:pre=${PRE}`, `mentoring-cycle:post=${POST}`].flatMap((w) => ['--window', w]);
    const add = ['cohorts', 'add', '--programme', PROGRAMME, '--cohort', waiting, '--name', 'Tortosa waiting list'];
    await expectRefused([...add, ...windows, '--comparison', 'maybe'], '--comparison "maybe" is neither yes');

    const added = await prepost(...add, ...windows, '--comparison', 'yes');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(
      `added cohort ${waiting} (Tortosa waiting list, comparison cohort (waiting list)) to Dones Mentores`,
    );
    expect((await stack.deps.cohorts.getCohort(PROGRAMME, waiting))?.cohort.comparison).toBe(true);
    expect((await auditLog()).at(-1)?.detail).toBe(`cohort ${waiting}: 3 wave windows, comparison (waiting list)`);

    const listed = await prepost('cohorts', 'list', '--programme', PROGRAMME);
    expect(listed.stdout).toContain(`${waiting}  Tortosa waiting list, comparison cohort (waiting list): open`);
    const json = await prepost('cohorts', 'list', '--programme', PROGRAMME, '--json');
    const cohorts = JSON.parse(json.stdout) as { id: string; comparison: boolean }[];
    expect(cohorts.map((cohort) => [cohort.id, cohort.comparison])).toContainEqual([waiting, true]);
    expect(cohorts.find((cohort) => cohort.id === 'barcelona-2026')?.comparison).toBe(false);

    // Only what is given changes: the name and windows stay, the mark goes.
    const edited = await prepost(
      'cohorts',
      'edit',
      '--programme',
      PROGRAMME,
      '--cohort',
      waiting,
      '--comparison',
      'no',
    );
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toContain(`changed cohort ${waiting} (Tortosa waiting list), open`);
    expect((await stack.deps.cohorts.getCohort(PROGRAMME, waiting))?.cohort).toMatchObject({
      name: 'Tortosa waiting list',
      comparison: false,
      windows: { 'mentoring-cycle:pre': { opens: day(0), closes: day(30) } },
    });
    expect((await auditLog()).at(-1)?.detail).toBe(`cohort ${waiting}: comparison`);
  });

  it('seeds a table that has never been seeded, as after deploying a new stack, and only once', async () => {
    // A deployment's table: named in TABLE_NAME, so no command loads the seed unasked.
    const tableName = `prepost-deployed-${process.pid}`;
    const client = createDocumentClient(stack.environment.endpoint);
    await ensureTable(client, tableName);
    const deployed = storesOn(new DynamoTable(client, tableName));
    const seeds = [...stack.deps.catalog.seeds.values()];
    const cohorts = seeds.reduce((sum, seed) => sum + seed.cohorts.length, 0);
    const funders = seeds.reduce((sum, seed) => sum + seed.funders.length, 0);

    const first = await runEntry('prepost', ['cohorts', 'seed'], cwd, { ...env, TABLE_NAME: tableName });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`loaded ${cohorts} cohorts and ${funders} funders from surveys/seed/`);
    expect((await deployed.cohorts.listCohorts(PROGRAMME)).map((stored) => stored.cohort.id)).toEqual([
      'barcelona-2026',
      'girona-2026',
    ]);
    expect(await deployed.cohorts.isSeeded('dones-mentores')).toBe(true);

    await deployed.cohorts.removeFunder(PROGRAMME, 'funder-dones@example.org');
    const again = await runEntry('prepost', ['cohorts', 'seed'], cwd, { ...env, TABLE_NAME: tableName });
    expect(again.code, again.stderr).toBe(0);
    // What is missing is loaded again; what is there is left alone.
    expect(again.stdout).toContain('loaded 0 cohorts and 1 funder from surveys/seed/');
  });
});
