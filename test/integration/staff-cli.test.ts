/**
 * The admin command line as an admin uses it: `staff`, `tokens` and `audit`, run as processes in a
 * fresh folder (its `.data/` holds the local provider's accounts) against a local stack's
 * embedded DynamoDB, so a token the command prints is tried on the stack's `/api/impact`. Then the
 * data commands, each of which must leave an audit entry that names no participant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { AuditAction, type AuditEvent } from '#core/access.ts';
import { parseCsv } from '#core/csv.ts';
import { LocalDirectory, accountsFile } from '#local/local-directory.ts';
import { createApiToken } from '#use-cases/api-tokens.ts';
import { runEntry, type RunResult } from '../support/run.ts';
import { startTestStack } from '../support/stack.ts';

const PROGRAMME = 'justrom3-mentoring';
const COHORT = 'iasi-2020';
const ADMIN = 'admin@example.org';
const EVALUATOR = 'eva@example.org';
const COORDINATOR = 'coco@example.org';
/** What a personal API token looks like (api-tokens.ts). */
const TOKEN = /^pp_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let cwd: string;
let env: Record<string, string>;
/** The actor the commands record: this process's user, as theirs. */
const actor = `cli:${userInfo().username}`;
/** The entries the stack wrote loading its seed cohorts and funders, before any command ran: not this file's. */
let seedEntries = 0;

beforeAll(async () => {
  stack = await startTestStack();
  cwd = await mkdtemp(join(tmpdir(), 'prepost-staff-cli-'));
  // The stack's own DynamoDB and table, and its link key, so links the commands make open on it;
  // USER_POOL_ID empty: the local provider's accounts in this folder's .data/.
  env = {
    DYNAMODB_ENDPOINT: stack.environment.endpoint,
    TABLE_NAME: stack.environment.tableName,
    LINK_KEY: (await readFile(join(stack.environment.dataDir, 'link-key'), 'utf8')).trim(),
    USER_POOL_ID: '',
  };
  const seeded = await auditLog();
  expect(seeded.length).toBeGreaterThan(0);
  for (const entry of seeded) {
    expect(entry.actor).toBe('system');
    expect(['cohort-created', 'funder-added']).toContain(entry.action);
  }
  seedEntries = seeded.length;
});

afterAll(async () => {
  await stack?.stop();
  if (cwd !== undefined) await rm(cwd, { recursive: true, force: true });
});

function prepost(...args: string[]): Promise<RunResult> {
  return runEntry('prepost', args, cwd, env);
}

function accounts(): LocalDirectory {
  return new LocalDirectory(accountsFile(join(cwd, '.data')));
}

async function auditLog(): Promise<AuditEvent[]> {
  const now = Date.now();
  // In time order (the store lists newest first).
  return (await stack.deps.audit.list({ since: new Date(now - 86_400_000), until: new Date(now + 60_000) }))
    .reverse()
    .slice(seedEntries);
}

/** Everything a staff or token command could write: members, tokens, the audit log, the accounts file. */
async function written(): Promise<unknown> {
  const file = accountsFile(join(cwd, '.data'));
  return {
    staff: await stack.deps.staff.list(),
    tokens: await stack.deps.apiTokens.list(),
    audit: await auditLog(),
    accounts: existsSync(file) ? await readFile(file, 'utf8') : '',
  };
}

/** The command is refused with exit 2, the message naming what is wrong, and nothing is written. */
async function expectRefused(args: string[], message: string): Promise<void> {
  const before = await written();
  const result = await prepost(...args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
  expect(result.stderr).toContain(message);
  expect(result.stdout).toBe('');
  expect(await written(), args.join(' ')).toEqual(before);
}

function impact(token: string, programme = PROGRAMME): Promise<Response> {
  return fetch(`${stack.url}/api/impact?programme=${programme}`, { headers: { authorization: `Bearer ${token}` } });
}

// Each test runs commands as processes, seconds each on a busy machine: a generous limit per test.
describe('npm run prepost -- staff, tokens, audit', { timeout: 300_000 }, () => {
  it('lists the commands, and each answers --help', async () => {
    const help = await prepost('--help');
    for (const command of ['staff', 'tokens', 'audit']) {
      expect(help.stdout).toContain(command);
      const own = await prepost(command, '--help');
      expect(own.code).toBe(0);
      expect(own.stdout).toContain(`npm run prepost -- ${command}`);
    }
    // The audit help names every action the log can hold.
    const audit = await prepost('audit', '--help');
    for (const action of AuditAction.options) expect(audit.stdout.replaceAll(/\s+/g, ' ')).toContain(action);
  });

  it('adds the first admin: the local account password alone on standard output, and it signs in', async () => {
    const added = await prepost('staff', 'add', '--email', 'Admin@Example.org', '--role', 'admin');
    expect(added.code, added.stderr).toBe(0);
    const password = added.stdout.trim();
    expect(added.stdout).toBe(`${password}\n`);
    expect(password.length).toBeGreaterThanOrEqual(16);
    expect(added.stderr).toContain(`added ${ADMIN} (admin)`);
    expect(accounts().verify(ADMIN, password)?.email).toBe(ADMIN);
    expect(accounts().verify(ADMIN, `${password}x`)).toBeUndefined();
    expect((await stack.deps.staff.findByEmail(ADMIN))?.grants).toEqual([{ role: 'admin', programme: '*' }]);
  });

  it('adds an evaluator of two programmes and a coordinator, and lists them with programme names', async () => {
    const evaluator = await prepost(
      'staff',
      'add',
      '--email',
      EVALUATOR,
      '--role',
      'evaluator',
      '--programme',
      PROGRAMME,
      '--programme',
      'dones-mentores',
    );
    expect(evaluator.code, evaluator.stderr).toBe(0);
    const coordinator = await prepost(
      'staff',
      'add',
      '--email',
      COORDINATOR,
      '--role',
      'coordinator',
      '--programme',
      'migrant-voices-heard',
    );
    expect(coordinator.code, coordinator.stderr).toBe(0);
    expect(accounts().verify(COORDINATOR, coordinator.stdout.trim())?.email).toBe(COORDINATOR);
    const list = await prepost('staff', 'list');
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+ADDED\s+GRANTS$/);
    const today = new Date().toISOString().slice(0, 10);
    const line = (email: string): string => lines.find((candidate) => candidate.startsWith(email)) ?? '';
    expect(line(ADMIN)).toMatch(new RegExp(`^${ADMIN}\\s+${today}\\s+admin$`));
    expect(line(EVALUATOR)).toContain(
      `evaluator:${PROGRAMME} (JUSTROM3 mentoring), evaluator:dones-mentores (Dones Mentores)`,
    );
    expect(line(COORDINATOR)).toContain('coordinator:migrant-voices-heard (MigrantVoicesHeard capacity-building)');
  });

  it('grants and revokes roles', async () => {
    const granted = await prepost(
      'staff',
      'grant',
      '--email',
      EVALUATOR,
      '--role',
      'coordinator',
      '--programme',
      PROGRAMME,
    );
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toContain(`coordinator:${PROGRAMME}`);
    const revoked = await prepost(
      'staff',
      'revoke',
      '--email',
      EVALUATOR,
      '--role',
      'evaluator',
      '--programme',
      'dones-mentores',
    );
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await stack.deps.staff.findByEmail(EVALUATOR))?.grants).toEqual([
      { role: 'evaluator', programme: PROGRAMME },
      { role: 'coordinator', programme: PROGRAMME },
    ]);
  });

  it('refuses bad staff input with the field named, exit 2, and writes nothing', async () => {
    await expectRefused(['staff', 'add', '--email', 'x@example.org', '--role', 'boss'], 'role: "boss" is not one of');
    await expectRefused(
      ['staff', 'add', '--email', 'x@example.org', '--role', 'evaluator', '--programme', 'nope'],
      'programme: unknown programme nope',
    );
    await expectRefused(
      ['staff', 'add', '--email', 'x@example.org', '--role', 'evaluator'],
      'programme: a evaluator needs at least one programme',
    );
    await expectRefused(
      ['staff', 'add', '--email', 'x@example.org', '--role', 'admin', '--programme', PROGRAMME],
      'programme: the admin role is for every programme',
    );
    await expectRefused(
      ['staff', 'add', '--email', 'EVA@example.org', '--role', 'funder', '--programme', PROGRAMME],
      `email: ${EVALUATOR} is already a staff member`,
    );
    await expectRefused(['staff', 'add', '--email', 'not an email', '--role', 'admin'], 'email: "not an email"');
    await expectRefused(['staff', 'remove', '--email', 'nobody@example.org'], 'email: no staff member has the email');
    await expectRefused(
      ['staff', 'grant', '--email', 'nobody@example.org', '--role', 'funder', '--programme', PROGRAMME],
      'email: no staff member has the email nobody@example.org',
    );
    await expectRefused(
      ['staff', 'revoke', '--email', EVALUATOR, '--role', 'funder', '--programme', PROGRAMME],
      `grant: ${EVALUATOR} does not hold funder:${PROGRAMME}`,
    );
    await expectRefused(['staff', 'remove', '--email', ADMIN], `${ADMIN} is the last admin`);
    await expectRefused(['staff', 'revoke', '--email', ADMIN, '--role', 'admin'], `${ADMIN} is the last admin`);
    await expectRefused(['staff', 'add', '--role', 'admin'], '--email is required');
    await expectRefused(['staff', 'list', '--email', ADMIN], '--email does not go with list');
    await expectRefused(['staff', 'promote', '--email', ADMIN], 'unknown action "promote"');
  });

  it('removes a member and their account', async () => {
    const removed = await prepost('staff', 'remove', '--email', COORDINATOR);
    expect(removed.code, removed.stderr).toBe(0);
    expect(await stack.deps.staff.findByEmail(COORDINATOR)).toBeUndefined();
    expect(
      accounts()
        .accounts()
        .map((account) => account.email),
    ).toEqual([ADMIN, EVALUATOR]);
  });

  let tokenId = '';
  let token = '';

  it('creates a token that reads its programme on /api/impact, and prints only the token', async () => {
    const created = await prepost(
      'tokens',
      'create',
      '--email',
      EVALUATOR,
      '--programme',
      PROGRAMME,
      '--days',
      '7',
      '--label',
      'R script',
    );
    expect(created.code, created.stderr).toBe(0);
    token = created.stdout.trim();
    expect(created.stdout).toBe(`${token}\n`);
    expect(token).toMatch(TOKEN);
    tokenId = token.slice(3, 15);
    expect(created.stderr).toContain(`API token ${tokenId} for ${EVALUATOR}`);
    expect((await impact(token)).status).toBe(200);
    // Granted one programme only: another is refused, though its owner once evaluated it.
    expect((await impact(token, 'dones-mentores')).status).toBe(403);
    const stored = await stack.deps.apiTokens.find(tokenId);
    // Both of the owner's read roles on the programme named.
    expect(stored?.grants).toEqual([
      { role: 'evaluator', programme: PROGRAMME },
      { role: 'coordinator', programme: PROGRAMME },
    ]);
    expect(stored?.label).toBe('R script');
    expect(Date.parse(stored?.expiresAt ?? '') - Date.parse(stored?.createdAt ?? '')).toBe(7 * 86_400_000);
  });

  it('refuses bad token input with the field named, exit 2, and writes nothing', async () => {
    await expectRefused(['tokens', 'create', '--email', EVALUATOR, '--days', '0'], 'days: a token lives 1 to 90 days');
    await expectRefused(['tokens', 'create', '--email', EVALUATOR, '--days', '91'], 'days: a token lives 1 to 90 days');
    await expectRefused(['tokens', 'create', '--email', EVALUATOR, '--days', 'ten'], '--days must be a whole number');
    await expectRefused(
      ['tokens', 'create', '--email', EVALUATOR, '--programme', 'migrant-voices-heard'],
      `programme: ${EVALUATOR} is not an evaluator or coordinator of migrant-voices-heard`,
    );
    await expectRefused(
      ['tokens', 'create', '--email', EVALUATOR, '--programme', 'nope'],
      'unknown programme "nope"; known:',
    );
    await expectRefused(['tokens', 'create', '--email', ADMIN], `email: ${ADMIN} is neither an evaluator nor`);
    await expectRefused(
      ['tokens', 'create', '--email', 'nobody@example.org'],
      'email: no staff member has the email nobody@example.org',
    );
    await expectRefused(['tokens', 'revoke', '--id', 'ABCDEFGHJKMN'], 'id: no API token ABCDEFGHJKMN');
    await expectRefused(['tokens', 'revoke'], '--id is required');
  });

  it('lists tokens with their status, never their hash; revoked and expired tokens get 401', async () => {
    // A token made 40 days ago for a day, as time would leave it.
    const past = new Date(Date.now() - 40 * 86_400_000);
    const expired = await createApiToken(
      { ...stack.deps, clock: { now: () => past } },
      { id: 'cli:test' },
      { ownerEmail: EVALUATOR, programmes: [PROGRAMME], days: 1, label: 'old' },
    );
    expect((await impact(expired.token)).status).toBe(401);

    const revoked = await prepost('tokens', 'revoke', '--id', tokenId);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toContain(`revoked API token ${tokenId} of ${EVALUATOR}`);
    expect((await impact(token)).status).toBe(401);
    await expectRefused(['tokens', 'revoke', '--id', tokenId], `id: API token ${tokenId} was revoked`);

    const list = await prepost('tokens', 'list');
    expect(list.code, list.stderr).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+OWNER\s+STATUS\s+CREATED\s+MADE BY\s+EXPIRES\s+GRANTS\s+LABEL$/);
    const line = (id: string): string => lines.find((candidate) => candidate.startsWith(id)) ?? '';
    expect(line(tokenId)).toMatch(new RegExp(`^${tokenId}\\s+${EVALUATOR}\\s+revoked\\s+`));
    // Made by a command, not by its owner: the owner can see someone else held the secret.
    expect(line(tokenId)).toMatch(/\scli:\S+\s/);
    expect(line(tokenId)).toContain(`evaluator:${PROGRAMME} (JUSTROM3 mentoring)`);
    expect(line(tokenId)).toMatch(/R script$/);
    expect(line(expired.record.id)).toMatch(new RegExp(`^${expired.record.id}\\s+${EVALUATOR}\\s+expired\\s+`));
    for (const stored of await stack.deps.apiTokens.list()) expect(list.stdout).not.toContain(stored.secretHash);
    expect(list.stdout).not.toContain(token.slice(16));

    // A token made now works until its owner loses the role, then gets 401 at once.
    const fresh = (await prepost('tokens', 'create', '--email', EVALUATOR)).stdout.trim();
    expect((await impact(fresh)).status).toBe(200);
    expect(
      (await prepost('staff', 'revoke', '--email', EVALUATOR, '--role', 'evaluator', '--programme', PROGRAMME)).code,
    ).toBe(0);
    // Still a coordinator: the token carries nothing of the indicators any more.
    expect((await impact(fresh)).status).toBe(403);
    expect((await prepost('staff', 'remove', '--email', EVALUATOR)).code).toBe(0);
    expect((await impact(fresh)).status).toBe(401);
  });

  it('records every staff and token change, as the command user', async () => {
    const events = await auditLog();
    const actions = events.map((event) => `${event.action} ${event.detail ?? ''}`);
    expect(actions).toEqual([
      `staff-added ${ADMIN} admin:*`,
      `staff-added ${EVALUATOR} evaluator:${PROGRAMME}, evaluator:dones-mentores`,
      `staff-added ${COORDINATOR} coordinator:migrant-voices-heard`,
      `grant-added ${EVALUATOR} coordinator`,
      `grant-revoked ${EVALUATOR} evaluator`,
      `staff-removed ${COORDINATOR}`,
      `token-created ${tokenId} for ${EVALUATOR}, 7 days, evaluator:${PROGRAMME}, coordinator:${PROGRAMME}`,
      `token-revoked ${tokenId} of ${EVALUATOR}`,
      expect.stringMatching(/^token-created \w{12} for eva@example.org, 30 days/),
      `grant-revoked ${EVALUATOR} evaluator`,
      `staff-removed ${EVALUATOR}`,
    ]);
    // The token made in the past, by the test itself, is older than this window.
    expect(events.every((event) => event.actor === actor)).toBe(true);
    expect(events.find((event) => event.action === 'grant-added')?.programme).toBe(PROGRAMME);
  });

  it('records each data command with counts and the cohort, never a participant id or a code', async () => {
    const before = (await auditLog()).length;
    const links = await prepost(
      'links',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--count',
      '2',
      '--out',
      'l.csv',
    );
    expect(links.code, links.stderr).toBe(0);
    const rows = parseCsv(await readFile(join(cwd, 'l.csv'), 'utf8')).slice(1);
    const participants = [...new Set(rows.map((row) => row[0] ?? ''))];
    const codes = rows.map((row) => row[3] ?? '');
    expect(participants).toHaveLength(2);

    // One participant's first wave on paper, every answer the first option.
    const template = await prepost(
      'import',
      '--template',
      '--programme',
      PROGRAMME,
      '--session',
      'individual-meeting-1',
      '--wave',
      'pre',
    );
    const header = template.stdout.trim();
    const answers = header
      .split(',')
      .slice(5)
      .map(() => '1');
    await writeFile(
      join(cwd, 'paper.csv'),
      `${header}\n${[participants[0], 'individual-meeting-1', 'pre', 'yes', '', ...answers].join(',')}\n`,
    );
    const imported = await prepost('import', '--programme', PROGRAMME, '--cohort', COHORT, 'paper.csv');
    expect(imported.code, imported.stderr).toBe(0);
    const exported = await prepost('export', '--programme', PROGRAMME, '--cohort', COHORT, '--out', 'x.csv');
    expect(exported.code, exported.stderr).toBe(0);
    const erased = await prepost(
      'erase',
      '--programme',
      PROGRAMME,
      '--cohort',
      COHORT,
      '--participant',
      participants[0] ?? '',
    );
    expect(erased.code, erased.stderr).toBe(0);
    const summaries = await prepost('summaries', '--programme', PROGRAMME, '--period', '2026-11', '--out', 'out');
    expect(summaries.code, summaries.stderr).toBe(0);

    const data = (await auditLog()).slice(before);
    expect(data.map((event) => [event.actor, event.action, event.programme, event.detail])).toEqual([
      [actor, 'links-created', PROGRAMME, `cohort ${COHORT}: 2 participants, 12 links, cards in ro`],
      [actor, 'import', PROGRAMME, `cohort ${COHORT}: 1 responses imported, 0 already present`],
      [actor, 'export', PROGRAMME, `cohort ${COHORT}: 1 responses`],
      [actor, 'erasure', PROGRAMME, `cohort ${COHORT}: 1 responses, 6 links`],
      [actor, 'summary-sent', PROGRAMME, '2026-11: 1 of 1 funders emailed, 0 already sent'],
    ]);

    // As the command prints it, and as JSON: no participant id, no code, anywhere in the log.
    const shown = await prepost('audit', '--programme', PROGRAMME);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('erasure');
    expect(shown.stdout).not.toContain('staff-added');
    const json = await prepost('audit', '--json');
    // Every entry, the seed's included.
    expect((JSON.parse(json.stdout) as AuditEvent[]).length).toBe(seedEntries + (await auditLog()).length);
    for (const text of [shown.stdout, json.stdout, JSON.stringify(await auditLog())])
      for (const secret of [...participants, ...codes]) expect(text).not.toContain(secret);
  });

  it('reads the log since a day, and refuses a day that is not one', async () => {
    const future = await prepost('audit', '--since', '2999-01-01');
    expect(future.code, future.stderr).toBe(0);
    expect(future.stdout.trim()).toBe('no audit entries since 2999-01-01');
    const bad = await prepost('audit', '--since', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since must be a day, YYYY-MM-DD');
    const unknown = await prepost('audit', '--programme', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown programme "nope"');
  });
});
