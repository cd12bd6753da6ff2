/**
 * The staff pages end to end: HTTP requests to the local server, which calls the deployed handler
 * modules, which talk to the embedded DynamoDB and the local identity provider's accounts file.
 * Who may open each page, what each form changes and audits, what a refused form leaves (nothing),
 * a cross-site post, and the 401 and 403 pages in the reader's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import type { AuditEvent, Grant } from '#core/access.ts';
import { makeStaffAdminHandler } from '#handlers/staff-admin.ts';
import { accountsFile, LocalDirectory } from '#local/local-directory.ts';
import { startLocalServer } from '#local/server.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { cognitoAnswering } from '../support/cognito.ts';
import { startTestStack } from '../support/stack.ts';
import { addMember, sessionFor, signedIn } from '../support/staff.ts';

const PROGRAMME = 'justrom3-mentoring';
const OTHER = 'dones-mentores';
const ADMIN: Grant[] = [{ role: 'admin', programme: '*' }];
const EVALUATOR: Grant[] = [{ role: 'evaluator', programme: PROGRAMME }];
/** What a browser says of a form posted from one of the site's own pages. */
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let admin: string;
let started: Date;

beforeAll(async () => {
  stack = await startTestStack();
  admin = await signedIn(stack.deps, ADMIN);
  started = new Date(Date.now() - 1000);
});

afterAll(async () => {
  await stack?.stop();
});

type Fields = Record<string, string | readonly string[]>;

function formBody(fields: Fields): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
  return body.toString();
}

function post(path: string, cookie: string, fields: Fields, headers: Record<string, string> = SAME_ORIGIN) {
  return fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: formBody(fields),
    redirect: 'manual',
  });
}

function get(path: string, cookie?: string, language = 'en'): Promise<Response> {
  return fetch(`${stack.url}${path}`, {
    headers: { 'accept-language': language, ...(cookie === undefined ? {} : { cookie }) },
    redirect: 'manual',
  });
}

/** The audit entries written since the tests started. */
async function auditEntries(): Promise<AuditEvent[]> {
  // In time order (the store lists newest first).
  return (await stack.deps.audit.list({ since: started, until: new Date(Date.now() + 60_000) })).reverse();
}

/** Everything the forms could write: the staff, the tokens, the audit log and the accounts. */
async function snapshot(): Promise<string> {
  const directory = new LocalDirectory(accountsFile(stack.environment.dataDir));
  return JSON.stringify({
    staff: await stack.deps.staff.list(),
    tokens: await stack.deps.apiTokens.list(),
    audit: await auditEntries(),
    accounts: directory.accounts().map((account) => account.email),
  });
}

const shownToken = (page: string): string => /<textarea id="token"[^>]*>([^<]+)<\/textarea>/.exec(page)?.[1] ?? '';
/** A token's parts: `pp_<12-character id>_<secret>` (the secret may itself hold `_`). */
const idOf = (token: string): string => token.slice(3, 15);
const secretOf = (token: string): string => token.slice(16);

describe('who may open the staff pages', () => {
  it('/staff and /staff/audit: 200 for an admin, 403 for every other role, 401 without a session', async () => {
    const others = await Promise.all(
      (['coordinator', 'evaluator', 'funder'] as const).map((role) => signedIn(stack.deps, [{ role, programme: '*' }])),
    );
    for (const path of ['/staff', '/staff/audit']) {
      expect((await get(path, admin)).status, path).toBe(200);
      for (const cookie of others) expect((await get(path, cookie)).status, path).toBe(403);
      expect((await get(path)).status, path).toBe(401);
    }
    for (const cookie of others) expect((await post('/staff', cookie, { action: 'remove' })).status).toBe(403);
  });

  it('/tokens: 200 for any signed-in member, 401 without a session', async () => {
    expect((await get('/tokens', admin)).status).toBe(200);
    expect((await get('/tokens', await signedIn(stack.deps, [{ role: 'funder', programme: OTHER }]))).status).toBe(200);
    expect((await get('/tokens')).status).toBe(401);
    expect((await post('/tokens', '', { action: 'create' })).status).toBe(401);
  });

  it('shows each member the pages their grants open, and a sign-out form that posts to /sign-out', async () => {
    const links = (page: string): string[] =>
      [...(/<nav[^>]*>([\s\S]*?)<\/nav>/.exec(page)?.[1] ?? '').matchAll(/href="([^"]+)"/g)].map(
        (match) => match[1] ?? '',
      );
    const evaluator = await signedIn(stack.deps, EVALUATOR);
    // Evaluators read the published summaries too (what they sign must match what funders got).
    expect(links(await (await get('/tokens', evaluator)).text())).toEqual(['/dashboard', '/summaries', '/tokens']);
    const adminPage = await (await get('/staff', admin)).text();
    expect(links(adminPage)).toEqual(['/staff', '/staff/audit', '/tokens']);
    expect(adminPage).toContain('<a href="/staff" aria-current="page">');
    expect(adminPage).toContain('<form method="post" action="/sign-out">');
    const dashboard = await (await get('/dashboard', evaluator, 'ca')).text();
    expect(dashboard).toContain('<html lang="ca">');
    // The workspace speaks the reader's language too: no English island in the page.
    expect(dashboard).toContain('<main><h1>Resultats</h1>');
    expect(dashboard).toContain('Totes les cohorts juntes');
    expect(links(dashboard)).toEqual(['/dashboard', '/summaries', '/tokens']);
    expect(dashboard).toContain('Tanca la sessió');
  });

  it('/dashboard: a coordinator finds each cohort’s response rates (CSV), of their programmes only', async () => {
    const programme = await loadProgramme(stack.deps, PROGRAMME);
    const { cohorts } = programme;
    expect(cohorts.length).toBeGreaterThan(0);
    const coordinator = await signedIn(stack.deps, [{ role: 'coordinator', programme: PROGRAMME }]);
    const page = await (await get('/dashboard', coordinator)).text();
    expect(page).toContain(`<h2>${programme.name.en}</h2>`);
    // The rates are a CSV here; the console, where a coordinator works, shows them on the page.
    expect(page).toContain('The console shows the same on the page.');
    expect(page).toContain(`<a href="/console/${PROGRAMME}">Console</a>`);
    expect(page).not.toContain('You have no programme');
    const csvLinks = [...page.matchAll(/href="(\/dashboard\/csv\?[^"]+)"/g)].map((match) =>
      (match[1] ?? '').replaceAll('&amp;', '&'),
    );
    expect(csvLinks).toEqual(
      cohorts.map((cohort) => `/dashboard/csv?programme=${PROGRAMME}&cohort=${cohort.id}&table=response-rates`),
    );
    for (const link of csvLinks) expect((await get(link, coordinator)).status, link).toBe(200);
    // No other programme's, and no link to indicators the role does not read.
    expect(page).not.toContain(OTHER);
    expect(page).not.toContain('href="/dashboard?programme=');

    // An evaluator of one programme and coordinator of another: indicators of the first, rates of the second.
    const both = await signedIn(stack.deps, [
      { role: 'evaluator', programme: PROGRAMME },
      { role: 'coordinator', programme: OTHER },
    ]);
    const bothPage = await (await get('/dashboard', both)).text();
    expect(bothPage).toContain(`href="/dashboard?programme=${PROGRAMME}"`);
    expect(bothPage).toContain(`programme=${OTHER}&amp;cohort=`);
    expect(bothPage).not.toContain(`programme=${PROGRAMME}&amp;cohort=${cohorts[0]?.id}&amp;table=response-rates`);
    const funder = await signedIn(stack.deps, [{ role: 'funder', programme: PROGRAMME }]);
    expect(await (await get('/dashboard', funder)).text()).toContain(
      'You have no programme whose results you may read.',
    );
  });
});

describe('the staff forms', () => {
  it('add (password shown once), grant, revoke, remove: each changes the store and is audited', async () => {
    const adminMember = (await stack.deps.staff.list()).find((member) => member.grants.some((g) => g.role === 'admin'));
    const email = 'new.evaluator@example.org';
    const added = await post('/staff', admin, { action: 'add', email, role: 'evaluator', programme: [PROGRAMME] });
    expect(added.status).toBe(200);
    expect(added.headers.get('cache-control')).toBe('no-store');
    const page = await added.text();
    const password = /<textarea id="password"[^>]*>([^<]+)<\/textarea>/.exec(page)?.[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    const directory = new LocalDirectory(accountsFile(stack.environment.dataDir));
    expect(directory.verify(email, password)?.email).toBe(email);
    expect((await stack.deps.staff.findByEmail(email))?.grants).toEqual([{ role: 'evaluator', programme: PROGRAMME }]);

    const granted = await post('/staff', admin, { action: 'grant', email, role: 'coordinator', programme: [OTHER] });
    expect(granted.status).toBe(303);
    expect(granted.headers.get('location')).toBe('/staff?done=granted');
    expect((await stack.deps.staff.findByEmail(email))?.grants).toContainEqual({
      role: 'coordinator',
      programme: OTHER,
    });
    expect(await (await get('/staff?done=granted', admin)).text()).toContain(
      '<p class="note" role="status">Access given.',
    );
    // Listed in words: names from the catalogue, roles translated, never ids.
    const listed = await (await get('/staff', admin, 'ro')).text();
    expect(listed).toContain('Evaluator pentru Mentorat JUSTROM3');
    expect(listed).toContain('Coordonator pentru Dones Mentores');

    const revoked = await post('/staff', admin, { action: 'revoke', email, role: 'evaluator', programme: PROGRAMME });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/staff?done=revoked');
    expect((await stack.deps.staff.findByEmail(email))?.grants).toEqual([{ role: 'coordinator', programme: OTHER }]);

    // Asked once: the first press only asks.
    const asked = await post('/staff', admin, { action: 'remove', email });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('name="confirm" value="yes"');
    expect(await stack.deps.staff.findByEmail(email)).toBeDefined();
    const removed = await post('/staff', admin, { action: 'remove', email, confirm: 'yes' });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toBe('/staff?done=removed');
    expect(await stack.deps.staff.findByEmail(email)).toBeUndefined();
    expect(directory.verify(email, password)).toBeUndefined();

    const audited = (await auditEntries()).filter((entry) => entry.detail?.includes(email));
    expect(audited.map((entry) => [entry.action, entry.programme])).toEqual([
      ['staff-added', undefined],
      ['grant-added', OTHER],
      ['grant-revoked', PROGRAMME],
      ['staff-removed', undefined],
    ]);
    for (const entry of audited) {
      expect(entry.actor).toBe(adminMember?.id);
      expect(entry.actorEmail).toBe(adminMember?.email);
    }
  });

  it('refuse bad input with 400, the field named, what was entered kept, and nothing written', async () => {
    const existing = await addMember(stack.deps, EVALUATOR);
    const cases: { fields: Fields; field: string; says: string }[] = [
      {
        fields: { action: 'add', email: 'not-an-email', role: 'funder', programme: OTHER },
        field: 'add-email',
        says: 'Enter an email address',
      },
      {
        fields: { action: 'add', email: 'a@example.org', role: 'evaluator' },
        field: 'add-programmes',
        says: 'at least one programme',
      },
      { fields: { action: 'add', email: 'a@example.org', programme: OTHER }, field: 'add-role', says: 'Choose a role' },
      {
        fields: { action: 'add', email: 'a@example.org', role: 'evaluator', programme: 'no-such-programme' },
        field: 'add-programmes',
        says: 'Choose programmes from the list',
      },
      {
        fields: { action: 'add', email: existing.email, role: 'funder', programme: OTHER },
        field: 'add-email',
        says: 'already a staff member',
      },
      {
        fields: { action: 'grant', email: existing.email, role: 'coordinator' },
        field: 'programmes',
        says: 'at least one programme',
      },
      {
        fields: { action: 'add', email: 'a@example.org', role: 'admin', programme: OTHER },
        field: 'add-programmes',
        says: 'An admin holds every programme',
      },
    ];
    for (const { fields, field, says } of cases) {
      const before = await snapshot();
      const refused = await post('/staff', admin, fields);
      const page = await refused.text();
      expect(refused.status, says).toBe(400);
      expect(page, says).toContain(says);
      expect(page, says).toMatch(new RegExp(`<a href="#[a-z0-9-]*${field}">`));
      expect(page, says).toMatch(new RegExp(`id="[a-z0-9-]*${field}-error"`));
      expect(await snapshot(), says).toBe(before);
    }
    const kept = await (await post('/staff', admin, cases[0]?.fields ?? {})).text();
    expect(kept).toContain('value="not-an-email"');
    expect(kept).toMatch(/value="dones-mentores" id="add-programmes-\d+" checked/);
  });

  it('refuse to revoke a grant not held (another admin revoked it, the button was pressed twice): 400', async () => {
    const member = await addMember(stack.deps, EVALUATOR);
    const fields = { action: 'revoke', email: member.email, role: 'evaluator', programme: PROGRAMME };
    expect((await post('/staff', admin, fields)).status).toBe(303);
    const before = await snapshot();
    const again = await post('/staff', admin, fields);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This member no longer holds that access');
    expect(await snapshot()).toBe(before);
  });

  it('refuse an email whose account the identity provider already has (made by hand), naming it', async () => {
    // Cognito answering as it does for an account made in its console: the deployed adapter throws.
    const cognito = cognitoAnswering(
      () => new UsernameExistsException({ message: 'User account already exists', $metadata: {} }),
    );
    const server = await startLocalServer(
      { routes: new Map([['staff-admin', makeStaffAdminHandler({ ...stack.deps, directory: cognito })]]) },
      '127.0.0.1',
      0,
    );
    try {
      const before = await snapshot();
      const refused = await fetch(`${server.url}/staff`, {
        method: 'POST',
        headers: { cookie: admin, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN },
        body: formBody({ action: 'add', email: 'made.by.hand@example.org', role: 'funder', programme: OTHER }),
        redirect: 'manual',
      });
      const page = await refused.text();
      expect(refused.status).toBe(400);
      expect(page).toContain('The sign-in service already has an account with this email');
      expect(page).not.toContain('last admin');
      expect(page).toMatch(/<a href="#add-email">/);
      expect(await snapshot()).toBe(before);
    } finally {
      await server.close();
    }
  });

  it('refuse to take the last admin’s admin grant or account (400, nothing written)', async () => {
    const lone = await startTestStack();
    try {
      const member = await addMember(lone.deps, ADMIN);
      const cookie = await sessionFor(lone.deps, member);
      const send = (fields: Fields) =>
        fetch(`${lone.url}/staff`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN },
          body: formBody(fields),
          redirect: 'manual',
        });
      const attempts: Fields[] = [
        { action: 'revoke', email: member.email, role: 'admin', programme: '*' },
        { action: 'remove', email: member.email, confirm: 'yes' },
      ];
      const lastDay = { since: new Date(Date.now() - 86_400_000), until: new Date(Date.now() + 60_000) };
      // The stack audited loading its seed cohorts and funders; the refusals must add nothing to that.
      const audited = await lone.deps.audit.list(lastDay);
      expect(audited.every((entry) => entry.actor === 'system')).toBe(true);
      for (const fields of attempts) {
        const refused = await send(fields);
        expect(refused.status).toBe(400);
        expect(await refused.text()).toContain('This is the last admin.');
        expect((await lone.deps.staff.findByEmail(member.email))?.grants).toEqual(ADMIN);
      }
      expect(await lone.deps.audit.list(lastDay)).toEqual(audited);
    } finally {
      await lone.stop();
    }
  });

  it('refuse a post from another site (403) and write nothing; accept an Origin of this site', async () => {
    const crossSite: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://sub.attacker.example' },
      { origin: 'https://attacker.example' },
      {},
    ];
    for (const headers of crossSite) {
      const before = await snapshot();
      const add = await post('/staff', admin, { action: 'add', email: 'x@example.org', role: 'admin' }, headers);
      expect(add.status).toBe(403);
      expect(await add.text()).toContain('sent from another site');
      const token = await post('/tokens', admin, { action: 'create', days: '30', programme: PROGRAMME }, headers);
      expect(token.status).toBe(403);
      expect(await snapshot()).toBe(before);
    }
    const evaluator = await signedIn(stack.deps, EVALUATOR);
    const fromHere = await post(
      '/tokens',
      evaluator,
      { action: 'create', days: '7', programme: PROGRAMME },
      {
        origin: stack.url,
      },
    );
    expect(fromHere.status).toBe(200);
  });
});

describe('API tokens', () => {
  it('a token made on the page reads the impact API, and stops (401) once revoked on the page', async () => {
    const evaluator = await signedIn(stack.deps, EVALUATOR);
    const created = await post('/tokens', evaluator, {
      action: 'create',
      label: 'Power BI',
      days: '30',
      programme: PROGRAMME,
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const page = await created.text();
    const token = shownToken(page);
    expect(token).toMatch(/^pp_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(page).toContain(
      `curl -H "Authorization: Bearer &lt;token&gt;" "${stack.url}/api/impact?programme=${PROGRAMME}"`,
    );
    expect(page).toContain('It reads JUSTROM3 mentoring and expires on');
    const impact = () =>
      fetch(`${stack.url}/api/impact?programme=${PROGRAMME}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await impact()).status).toBe(200);

    const list = await (await get('/tokens', evaluator)).text();
    expect(list).toContain('<h3>Power BI</h3>');
    expect(list).toContain('<dd>Active</dd>');
    // Shown once: the list never carries the secret.
    expect(list).not.toContain(secretOf(token));
    const id = idOf(token);
    const revoked = await post('/tokens', evaluator, { action: 'revoke', id });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/tokens?done=revoked');
    expect((await impact()).status).toBe(401);
    expect(await (await get('/tokens?done=revoked', evaluator)).text()).toContain('<dd>Revoked</dd>');
    const audited = (await auditEntries()).filter((entry) => entry.detail?.startsWith(id));
    expect(audited.map((entry) => entry.action)).toEqual(['token-created', 'token-revoked']);
  });

  it('revokes only the member’s own tokens, an admin’s anyone’s', async () => {
    const owner = await signedIn(stack.deps, EVALUATOR);
    const token = shownToken(
      await (await post('/tokens', owner, { action: 'create', days: '1', programme: PROGRAMME })).text(),
    );
    const id = idOf(token);
    const strangerSession = await signedIn(stack.deps, EVALUATOR);
    const before = await snapshot();
    const stranger = await post('/tokens', strangerSession, { action: 'revoke', id });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('no such token');
    expect(await snapshot()).toBe(before);
    expect(await (await get('/tokens', admin)).text()).toContain(`value="${id}"`);
    expect((await post('/tokens', admin, { action: 'revoke', id })).status).toBe(303);
    expect((await stack.deps.apiTokens.find(id))?.revokedAt).toBeDefined();
  });

  it('refuses bad input with 400 and the field named, and writes nothing', async () => {
    const evaluator = await signedIn(stack.deps, EVALUATOR);
    const cases: { fields: Fields; field: string; says: string }[] = [
      { fields: { action: 'create', days: '0', programme: PROGRAMME }, field: 'token-days', says: 'from 1 to 90' },
      { fields: { action: 'create', days: '91', programme: PROGRAMME }, field: 'token-days', says: 'from 1 to 90' },
      { fields: { action: 'create', days: '2.5', programme: PROGRAMME }, field: 'token-days', says: 'from 1 to 90' },
      { fields: { action: 'create', days: '', programme: PROGRAMME }, field: 'token-days', says: 'from 1 to 90' },
      { fields: { action: 'create', days: 'ten', programme: PROGRAMME }, field: 'token-days', says: 'from 1 to 90' },
      { fields: { action: 'create', days: '30' }, field: 'token-programmes', says: 'at least one programme you read' },
      {
        fields: { action: 'create', days: '30', programme: OTHER },
        field: 'token-programmes',
        says: 'at least one programme you read',
      },
    ];
    for (const { fields, field, says } of cases) {
      const before = await snapshot();
      const refused = await post('/tokens', evaluator, fields);
      const page = await refused.text();
      expect(refused.status, `${field} ${says}`).toBe(400);
      expect(page).toContain(says);
      expect(page).toContain(`<a href="#${field}">`);
      expect(await snapshot()).toBe(before);
    }
  });

  it('an admin makes a token for another member, within their grants; others only for themselves', async () => {
    const evaluator = await addMember(stack.deps, EVALUATOR);
    const adminPage = await (await get('/tokens', admin)).text();
    expect(adminPage).toContain('<label for="token-owner">For (email)</label>');
    const evaluatorSession = await sessionFor(stack.deps, evaluator);
    expect(await (await get('/tokens', evaluatorSession)).text()).not.toContain('name="owner"');

    const created = await post('/tokens', admin, {
      action: 'create',
      owner: evaluator.email.toUpperCase(),
      label: 'For the monthly report',
      days: '7',
      programme: PROGRAMME,
    });
    expect(created.status).toBe(200);
    const token = shownToken(await created.text());
    const record = await stack.deps.apiTokens.find(idOf(token));
    expect(record?.ownerId).toBe(evaluator.id);
    expect(record?.grants).toEqual(EVALUATOR);
    const impact = await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(impact.status).toBe(200);
    // Audited as any token: by the admin who made it, naming whose it is.
    const adminMember = (await stack.deps.staff.list()).find((member) => member.grants.some((g) => g.role === 'admin'));
    const [entry, ...others] = (await auditEntries()).filter((event) => event.detail?.startsWith(idOf(token)));
    expect(others).toEqual([]);
    expect(entry?.action).toBe('token-created');
    expect(entry?.actor).toBe(adminMember?.id);
    expect(entry?.detail).toContain(`for ${evaluator.email}`);
    // The owner sees it among their own, and that the admin made it (the admin has seen its secret).
    const ownersPage = await (await get('/tokens', evaluatorSession)).text();
    expect(ownersPage).toContain('<h3>For the monthly report</h3>');
    expect(record?.createdBy).toBe(adminMember?.email);
    expect(ownersPage).toContain(`<dt>Made by</dt><dd>${adminMember?.email}</dd>`);

    const cases: { fields: Fields; field: string; says: string }[] = [
      {
        fields: { action: 'create', owner: 'not-an-email', days: '7', programme: PROGRAMME },
        field: 'token-owner',
        says: 'Enter an email address',
      },
      {
        fields: { action: 'create', owner: 'nobody-here@example.org', days: '7', programme: PROGRAMME },
        field: 'token-owner',
        says: 'No staff member has this email',
      },
      {
        fields: { action: 'create', owner: evaluator.email, days: '7', programme: OTHER },
        field: 'token-programmes',
        says: 'programme its owner reads',
      },
      {
        fields: { action: 'create', owner: evaluator.email, days: '120', programme: PROGRAMME },
        field: 'token-days',
        says: 'from 1 to 90',
      },
    ];
    for (const { fields, field, says } of cases) {
      const before = await snapshot();
      const refused = await post('/tokens', admin, fields);
      const page = await refused.text();
      expect(refused.status, says).toBe(400);
      expect(page, says).toContain(says);
      expect(page, says).toContain(`<a href="#${field}">`);
      // What was entered is kept.
      expect(page, says).toContain(`value="${fields.owner}"`);
      expect(await snapshot(), says).toBe(before);
    }

    // An owner posted by someone who is not an admin is ignored: the token is their own.
    const other = await addMember(stack.deps, EVALUATOR);
    const own = await post('/tokens', evaluatorSession, {
      action: 'create',
      owner: other.email,
      days: '1',
      programme: PROGRAMME,
    });
    expect(own.status).toBe(200);
    expect((await stack.deps.apiTokens.find(idOf(shownToken(await own.text()))))?.ownerId).toBe(evaluator.id);
  });
});

describe('the audit log page', () => {
  it('lists entries newest first, in words, filtered by programme and first day; a bad day is 400', async () => {
    const email = 'audited@example.org';
    await post('/staff', admin, { action: 'add', email, role: 'funder', programme: [OTHER] });
    await post('/staff', admin, { action: 'grant', email, role: 'coordinator', programme: [OTHER] });
    const page = await (await get('/staff/audit', admin, 'es')).text();
    const added = page.indexOf(`${email} funder:${OTHER}`);
    const granted = page.indexOf(`${email} coordinator`);
    expect(added).toBeGreaterThan(0);
    expect(granted).toBeGreaterThan(0);
    expect(granted).toBeLessThan(added);
    expect(page).toContain('Miembro añadido');
    expect(page).toContain('Acceso dado');
    expect(page).toMatch(/<time datetime="[^"]+">\d{1,2} [a-z]{3,4}\.? \d{4}, \d{2}:\d{2} UTC<\/time>/);
    const filtered = await (await get(`/staff/audit?programme=${OTHER}`, admin)).text();
    expect(filtered).toContain(`<dd>Dones Mentores</dd>`);
    expect(filtered).not.toContain('Staff member added');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await (await get(`/staff/audit?since=${tomorrow}`, admin)).text()).toContain('Nothing was recorded');
    for (const bad of ['2026-02-30', 'yesterday']) {
      const refused = await get(`/staff/audit?since=${bad}`, admin);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('<a href="#audit-since">');
    }
    expect((await get('/staff/audit?programme=nope', admin)).status).toBe(400);
  });
});

describe('refusals in the reader’s language', () => {
  const WORDS = {
    ro: { signedOut: 'Nu sunteți conectat', signIn: 'Conectare', forbidden: 'nu are acces la această pagină' },
    es: { signedOut: 'No has iniciado sesión', signIn: 'Iniciar sesión', forbidden: 'no tiene acceso a esta página' },
    ca: { signedOut: 'No has iniciat sessió', signIn: 'Inicia la sessió', forbidden: 'no té accés a aquesta pàgina' },
  } as const;

  it.each(Object.keys(WORDS) as (keyof typeof WORDS)[])(
    '%s: 401 with a link to sign in and come back, 403 saying to ask an admin; both never cached',
    async (language) => {
      const words = WORDS[language];
      const signedOut = await get(`/staff/audit?programme=${OTHER}`, undefined, `${language}-XX,en;q=0.5`);
      expect(signedOut.status).toBe(401);
      expect(signedOut.headers.get('cache-control')).toBe('no-store');
      const page = await signedOut.text();
      expect(page).toContain(`<html lang="${language}">`);
      expect(page).toContain(words.signedOut);
      expect(page).toContain(
        `<a href="/sign-in?next=${encodeURIComponent(`/staff/audit?programme=${OTHER}`)}">${words.signIn}</a>`,
      );
      const forbidden = await get('/staff', await signedIn(stack.deps, EVALUATOR), language);
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers.get('cache-control')).toBe('no-store');
      expect(await forbidden.text()).toContain(words.forbidden);
    },
  );

  it('keeps the impact API’s answers JSON', async () => {
    const evaluator = await signedIn(stack.deps, EVALUATOR);
    const token = shownToken(
      await (await post('/tokens', evaluator, { action: 'create', days: '1', programme: PROGRAMME })).text(),
    );
    const refused = await fetch(`${stack.url}/api/impact?programme=${OTHER}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'ro' },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect(await refused.json()).toEqual({ error: 'this token does not grant that programme or table' });
  });
});
