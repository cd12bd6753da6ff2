/**
 * The coordinators' console over HTTP against the local stack (embedded DynamoDB, the handler the
 * Lambda deploys): each page renders for a coordinator of the programme; the issue's bad inputs,
 * sent through the forms, are answered 400 (or 403) naming the field, with what was typed kept and
 * nothing written; a batch's downloads are the sheet, the messages and the CSV in the batch's
 * language, as attachments, and a batch posted back with its seal altered or out of date is
 * refused; the changes appear in the audit log; no code appears in an address or a log line.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { sealOf, type SealedBatch } from '#shared/sealed-batch.ts';
import { defaultFollowupWindow } from '#core/waves.ts';
import { STAFF_STRINGS } from '#web/staff-strings.ts';
import { answerAll, startTestStack, storedWave } from '../support/stack.ts';
import { signedIn } from '../support/staff.ts';

const P = 'dones-mentores';
/** A seed cohort of P, and a programme the coordinator is not granted. */
const SEEDED = 'barcelona-2026';
const NOT_GRANTED = 'justrom3-mentoring';
const PRE = 'mentoring-cycle:pre';
const POST = 'mentoring-cycle:post';
const FOLLOWUP = 'mentoring-cycle:followup';
const EN = STAFF_STRINGS.en;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let coordinator: string;

beforeAll(async () => {
  stack = await startTestStack();
  coordinator = await signedIn(stack.deps, [{ role: 'coordinator', programme: P }]);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

/** A page, as the coordinator's browser asks for it (in English unless said). */
async function get(path: string, language = 'en'): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${stack.url}${path}`, {
    headers: { cookie: coordinator, 'accept-language': language },
    redirect: 'manual',
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** A form sent from a page of the site, as the coordinator's browser sends it. */
async function post(path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${stack.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      cookie: coordinator,
      'accept-language': 'en',
      'content-type': 'application/x-www-form-urlencoded',
      'sec-fetch-site': 'same-origin',
      origin: stack.url,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** YYYY-MM-DD, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The create form as a coordinator fills it, windows open from yesterday. */
function cohortForm(id: string, changes: Record<string, string> = {}): Record<string, string> {
  return {
    action: 'create-cohort',
    cohort: id,
    name: `Cohort ${id}`,
    site: 'Tarragona',
    [`windows.${PRE}.opens`]: day(-1),
    [`windows.${PRE}.closes`]: day(60),
    [`windows.${POST}.opens`]: day(-1),
    [`windows.${POST}.closes`]: day(120),
    ...changes,
  };
}

/** What a refused form must leave untouched: P's cohorts, funders, a cohort's participants, the audit log. */
async function stored(cohort = SEEDED): Promise<unknown> {
  const { deps } = stack;
  const audit = await deps.audit.list({
    since: new Date(Date.now() - 3_600_000),
    until: new Date(Date.now() + 60_000),
  });
  return {
    cohorts: (await deps.cohorts.listCohorts(P)).map((one) => one.cohort),
    other: (await deps.cohorts.listCohorts(NOT_GRANTED)).map((one) => one.cohort),
    funders: await deps.cohorts.listFunders(P),
    participants: await deps.participants.countParticipants(P, cohort),
    audit: audit.length,
  };
}

/** The hidden fields of a page's forms: name -> value (HTML entities of the values undone). */
function hiddenFields(page: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name = '', value = ''] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[name] = value
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return fields;
}

/** Makes a batch through the form; the batch page's download fields. */
async function makeBatch(
  cohort: string,
  count: number,
  language: string,
): Promise<{ fields: Record<string, string>; page: string }> {
  // The add form's one-use token, as the cohort page gives it.
  const once = hiddenFields((await get(`/console/${P}/${cohort}`)).body).once ?? '';
  const response = await post(`/console/${P}/${cohort}`, {
    action: 'add-participants',
    once,
    count: String(count),
    language,
  });
  const page = await response.text();
  expect(response.status, page).toBe(200);
  return { fields: hiddenFields(page), page };
}

describe('the console pages', () => {
  it('render for a coordinator of the programme, with human labels, never cached', async () => {
    const home = await get('/console');
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('no-store');
    expect(home.body).toContain(`href="/console/${P}"`);
    expect(home.body).toContain('Dones Mentores');
    // Only the programmes granted.
    expect(home.body).not.toContain(`href="/console/${NOT_GRANTED}"`);
    expect(home.body).toContain(`>${EN['nav.console']}<`);

    const programme = await get(`/console/${P}`);
    expect(programme.status).toBe(200);
    expect(programme.headers.get('cache-control')).toBe('no-store');
    expect(programme.body).toContain('Barcelona 2026');
    expect(programme.body).toContain('Mentoring cycle · At the start');
    expect(programme.body).toContain('funder-dones@example.org');

    const cohort = await get(`/console/${P}/${SEEDED}`);
    expect(cohort.status).toBe(200);
    expect(cohort.headers.get('cache-control')).toBe('no-store');
    expect(cohort.body).toContain('<h1>Barcelona 2026</h1>');
    expect(cohort.body).toContain(EN['console.addHeading']);

    // In the member's language.
    const spanish = await get(`/console/${P}/${SEEDED}`, 'es-ES,es;q=0.9');
    expect(spanish.body).toContain('<html lang="es">');
    expect(spanish.body).toContain('Ciclo de mentoría · Al inicio');
    expect(spanish.body).toContain(STAFF_STRINGS.es['console.addHeading']);
  });

  it('an unknown cohort of the programme is 404; a programme not granted is 403', async () => {
    expect((await get(`/console/${P}/no-such-cohort`)).status).toBe(404);
    expect((await get(`/console/${NOT_GRANTED}`)).status).toBe(403);
    expect((await get(`/console/${NOT_GRANTED}/iasi-2020`)).status).toBe(403);
  });
});

describe('bad input through the forms: the field named, what was typed kept, nothing written', () => {
  /** Sends a form that must be refused: its status, the page, and whether anything was written. */
  async function refused(
    path: string,
    fields: Record<string, string>,
    cohort = SEEDED,
  ): Promise<{ status: number; page: string }> {
    const before = await stored(cohort);
    const response = await post(path, fields);
    const page = await response.text();
    expect(await stored(cohort)).toEqual(before);
    return { status: response.status, page };
  }

  /** The problem shown at the top (a link to the field) and at the field itself. */
  function expectProblemAt(page: string, control: string, problem: keyof typeof EN): void {
    expect(page).toContain(`<a href="#${control}">${EN[problem]}</a>`);
    expect(page).toContain(`<p class="msg" id="${control}-error">${EN[problem]}</p>`);
    expect(page).toMatch(new RegExp(`<input id="${control}"[^>]*aria-describedby="[^"]*${control}-error`));
  }

  it('a cohort id already used', async () => {
    const { status, page } = await refused(`/console/${P}`, cohortForm(SEEDED, { name: 'Typed name' }));
    expect(status).toBe(400);
    expectProblemAt(page, 'new-cohort', 'problem.cohortTaken');
    expect(page).toContain(`value="${SEEDED}"`);
    expect(page).toContain('value="Typed name"');
    expect(page).toContain(`value="${day(120)}"`);
  });

  it('a cohort id that is not kebab-case', async () => {
    const { status, page } = await refused(`/console/${P}`, cohortForm('Tarragona 2027'));
    expect(status).toBe(400);
    expectProblemAt(page, 'new-cohort', 'problem.cohortId');
    expect(page).toContain('value="Tarragona 2027"');
  });

  it('an id or a name too long for the table, said as too long', async () => {
    const long = `t${'-a'.repeat(40)}`;
    const id = await refused(`/console/${P}`, cohortForm(long));
    expect(id.status).toBe(400);
    expectProblemAt(id.page, 'new-cohort', 'problem.tooLong');
    const name = await refused(`/console/${P}`, cohortForm('long-name', { name: 'N'.repeat(201) }));
    expect(name.status).toBe(400);
    expectProblemAt(name.page, 'new-name', 'problem.tooLong');
  });

  it('a closing date before the opening date', async () => {
    const form = cohortForm('closes-early', { [`windows.${PRE}.opens`]: day(10), [`windows.${PRE}.closes`]: day(5) });
    const { status, page } = await refused(`/console/${P}`, form);
    expect(status).toBe(400);
    expectProblemAt(page, 'new-windows-mentoring-cycle-pre-closes', 'problem.closesBeforeOpens');
    expect(page).toContain('value="closes-early"');
    expect(page).toContain(`value="${day(5)}"`);
  });

  it('a missing window', async () => {
    const form = cohortForm('no-end', { [`windows.${POST}.opens`]: '', [`windows.${POST}.closes`]: '' });
    const { status, page } = await refused(`/console/${P}`, form);
    expect(status).toBe(400);
    expectProblemAt(page, 'new-windows-mentoring-cycle-post-opens', 'problem.opensMissing');
    expectProblemAt(page, 'new-windows-mentoring-cycle-post-closes', 'problem.closesMissing');
    expect(page).toContain('value="no-end"');
  });

  it('the questionnaire at the end opening before the one at the start', async () => {
    const form = cohortForm('post-first', { [`windows.${POST}.opens`]: day(-5) });
    const { status, page } = await refused(`/console/${P}`, form);
    expect(status).toBe(400);
    expectProblemAt(page, 'new-windows-mentoring-cycle-post-opens', 'problem.postOpensEarly');
    expect(page).toContain(`value="${day(-5)}"`);
  });

  it('a day that is not on the calendar, and a wave closing after the links expire', async () => {
    const impossible = cohortForm('impossible-2027', { 'windows.mentoring-cycle:post.closes': '2027-02-30' });
    const refusedDay = await refused(`/console/${P}`, impossible);
    expect(refusedDay.status).toBe(400);
    expectProblemAt(refusedDay.page, 'new-windows-mentoring-cycle-post-closes', 'problem.date');
    expect(refusedDay.page).toContain('value="2027-02-30"');
    // Dones Mentores keeps data 730 days: links made today are gone before a wave closing in 750.
    const late = cohortForm('late-2027', { 'windows.mentoring-cycle:post.closes': day(750) });
    const refusedLate = await refused(`/console/${P}`, late);
    expect(refusedLate.status).toBe(400);
    expectProblemAt(refusedLate.page, 'new-windows-mentoring-cycle-post-closes', 'problem.closesAfterExpiry');
  });

  it('a count over 500 in one batch', async () => {
    const once = hiddenFields((await get(`/console/${P}/${SEEDED}`)).body).once ?? '';
    const form = { action: 'add-participants', once, count: '501', language: 'es' };
    const { status, page } = await refused(`/console/${P}/${SEEDED}`, form);
    expect(status).toBe(400);
    expectProblemAt(page, 'add-count', 'problem.count');
    expect(page).toContain('value="501"');
    expect(page).toMatch(/<option value="es" selected>/);
  });

  it('a cohort of a programme the coordinator is not granted: 403', async () => {
    const { status } = await refused(`/console/${NOT_GRANTED}`, cohortForm('stolen', { action: 'create-cohort' }));
    expect(status).toBe(403);
    expect((await refused(`/console/${NOT_GRANTED}/iasi-2020`, { action: 'close' })).status).toBe(403);
  });

  it('a funder with no email, and a funder removed who is not one', async () => {
    const added = await refused(`/console/${P}`, {
      action: 'add-funder',
      name: 'Fundació X',
      email: 'nope',
      language: 'ca',
    });
    expect(added.status).toBe(400);
    expectProblemAt(added.page, 'funder-email', 'problem.email');
    expect(added.page).toContain('value="Fundació X"');
    const removed = await refused(`/console/${P}`, { action: 'remove-funder', email: 'nobody@example.org' });
    expect(removed.status).toBe(400);
    expect(removed.page).toContain(EN['problem.notAFunder']);
  });

  it('a form from another site: 403, nothing written', async () => {
    const before = await stored();
    const response = await fetch(`${stack.url}/console/${P}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: coordinator,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: new URLSearchParams(cohortForm('cross-site')).toString(),
    });
    expect(response.status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

describe('a batch and its downloads', () => {
  const COHORT = 'reus-2027';
  let fields: Record<string, string>;
  let batchPage: string;
  /** Every log line the server writes meanwhile, info included: no code may be in one. */
  const logged: string[] = [];
  const quiet = process.env.PREPOST_QUIET;

  beforeAll(async () => {
    const made = await post(`/console/${P}`, cohortForm(COHORT));
    expect(made.status).toBe(303);
    expect(made.headers.get('location')).toBe(`/console/${P}/${COHORT}?done=created`);
    process.env.PREPOST_QUIET = '0';
    for (const method of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, method).mockImplementation((...line: unknown[]) => {
        logged.push(line.map(String).join(' '));
      });
    ({ fields, page: batchPage } = await makeBatch(COHORT, 12, 'es'));
  }, 60_000);

  afterAll(() => {
    vi.restoreAllMocks();
    process.env.PREPOST_QUIET = quiet;
  });

  async function download(file: string, changes: Record<string, string> = {}, cohort = COHORT): Promise<Response> {
    return post(`/console/${P}/${cohort}`, { ...fields, ...changes, file });
  }

  it('the batch page offers the three files and says the codes are shown once', async () => {
    expect(batchPage).toContain(EN['console.batchOnce']);
    expect(batchPage).toContain(`12 participants added to Cohort ${COHORT}, with cards and messages in Spanish.`);
    for (const file of ['sheet', 'messages', 'csv'])
      expect(batchPage).toContain(`<button type="submit" name="file" value="${file}">`);
    // The form posts back to the cohort's page: no code in its address.
    expect(batchPage).toContain(`<form method="post" action="/console/${P}/${COHORT}">`);
    expect(fields.action).toBe('download');
    expect(fields.language).toBe('es');
    expect(fields.seal).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fields.links?.split(' ')).toHaveLength(12);
    expect(await stack.deps.participants.countParticipants(P, COHORT)).toBe(12);
  });

  it('the sheet, the messages and the CSV: attachments named by cohort and day, in Spanish', async () => {
    const today = fields.issued?.slice(0, 10);
    const sheet = await download('sheet');
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(sheet.headers.get('content-disposition')).toBe(`attachment; filename="${COHORT}-${today}-es-cards.html"`);
    expect(sheet.headers.get('cache-control')).toBe('no-store');
    const html = await sheet.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Ciclo de mentoría · Al inicio');
    expect(html).toContain(`Enlaces al cuestionario · Cohort ${COHORT}`);

    const messages = await download('messages');
    expect(messages.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(messages.headers.get('content-disposition')).toBe(
      `attachment; filename="${COHORT}-${today}-es-messages.txt"`,
    );
    expect(await messages.text()).toContain(`Tu cuestionario (unos minutos): ${stack.url}/s/`);

    const csv = await download('csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${COHORT}-${today}-es-links.csv"`);
    const rows = (await csv.text()).trim().split(/\r?\n/);
    expect(rows[0]).toBe('number,session,wave,code,url');
    // Three links each: the start, the end and the follow-up six months later.
    expect(rows).toHaveLength(1 + 12 * 3);
    // The links work: each opens its questionnaire.
    const url = rows[1]?.split(',')[4] ?? '';
    expect(url).toMatch(new RegExp(`^${stack.url}/s/[0-9A-Z]{26}$`));
    expect((await fetch(url, { headers: { 'accept-language': 'es' } })).status).toBe(200);
  });

  it('compressed for a browser that takes gzip', async () => {
    // node:http, not fetch: fetch would undo the encoding itself.
    const body = new URLSearchParams({ ...fields, file: 'csv' }).toString();
    const { encoding, bytes } = await new Promise<{ encoding: string | undefined; bytes: Buffer }>(
      (resolve, reject) => {
        const request = httpRequest(`${stack.url}/console/${P}/${COHORT}`, {
          method: 'POST',
          headers: {
            cookie: coordinator,
            'content-type': 'application/x-www-form-urlencoded',
            'sec-fetch-site': 'same-origin',
            'accept-encoding': 'gzip, deflate, br',
          },
        });
        request.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ encoding: response.headers['content-encoding'], bytes: Buffer.concat(chunks) }),
          );
        });
        request.on('error', reject);
        request.end(body);
      },
    );
    expect(encoding).toBe('gzip');
    expect(gunzipSync(bytes).toString('utf8')).toMatch(/^number,session,wave,code,url/);
  });

  it('a batch whose seal does not match what is posted is refused', async () => {
    const links = fields.links ?? '';
    const altered = links.replace(
      /\.([0-9A-Z])([0-9A-Z]{25})( |$)/,
      (_, first: string, rest: string, end: string) => `.${first === '0' ? '1' : '0'}${rest}${end}`,
    );
    expect(altered).not.toBe(links);
    const tampered: readonly Record<string, string>[] = [
      { links: altered },
      { language: 'ca' },
      { issued: new Date().toISOString() },
      // The first character: all six of its bits are the seal's (the last one's lowest two are padding).
      { seal: `${fields.seal?.startsWith('A') ? 'B' : 'A'}${(fields.seal ?? '').slice(1)}` },
      { seal: '' },
    ];
    for (const changes of tampered) {
      const response = await download('csv', changes);
      expect(response.status, JSON.stringify(changes)).toBe(400);
      expect(response.headers.get('content-disposition')).toBeNull();
      expect(await response.text()).toContain(EN['console.sealRefused']);
    }
    // The same batch posted to another cohort of the programme.
    expect((await download('csv', {}, SEEDED)).status).toBe(400);
  });

  it('a batch sealed more than 2 hours ago is refused as expired', async () => {
    const waves = [PRE, POST, FOLLOWUP];
    const batch: SealedBatch = {
      programme: P,
      cohort: COHORT,
      waves,
      language: 'es',
      issuedAt: new Date(Date.now() - 2 * 3_600_000 - 60_000).toISOString(),
      links: fields.links ?? '',
    };
    const seal = sealOf(await stack.deps.linkKey(), batch);
    const response = await download('sheet', { issued: batch.issuedAt, seal });
    expect(response.status).toBe(410);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(await response.text()).toContain(EN['console.expired']);
    // Just within the 2 hours, the same is served.
    const fresh = { ...batch, issuedAt: new Date(Date.now() - 2 * 3_600_000 + 60_000).toISOString() };
    const served = await download('csv', { issued: fresh.issuedAt, seal: sealOf(await stack.deps.linkKey(), fresh) });
    expect(served.status).toBe(200);
  });

  it('the cohort page shows numbers, never ids or codes', async () => {
    const codes = (fields.links ?? '').split(' ').flatMap((entry) => entry.split('.').slice(1));
    const ids = (await stack.deps.participants.cohortRoll(P, COHORT)).participants.map((one) => one.participant);
    expect(ids).toHaveLength(12);
    // Nor does the batch page: its posted-back links carry numbers, not ids.
    for (const id of ids) expect(JSON.stringify(fields)).not.toContain(id);
    expect(codes).toHaveLength(36);
    const page = (await get(`/console/${P}/${COHORT}`)).body;
    for (const secret of [...codes, ...ids]) expect(page).not.toContain(secret);
    expect(page).toContain('1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12');
    expect(page).toContain(EN['console.answeredOf'].replace('{answered}', '0').replace('{participants}', '12'));
  });

  it('the same add form sent twice (a reload), or twice at once (a double tap), makes one batch', async () => {
    const once = hiddenFields((await get(`/console/${P}/${COHORT}`)).body).once ?? '';
    expect(once).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const form = { action: 'add-participants', once, count: '3', language: 'ca' };
    const sent = await Promise.all([post(`/console/${P}/${COHORT}`, form), post(`/console/${P}/${COHORT}`, form)]);
    expect(sent.map((response) => response.status).sort()).toEqual([200, 400]);
    const again = await post(`/console/${P}/${COHORT}`, form);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(EN['problem.batchRepeated']);
    expect(await stack.deps.participants.countParticipants(P, COHORT)).toBe(15);
    // A form without its token (or one not made by the page) makes nothing.
    expect((await post(`/console/${P}/${COHORT}`, { ...form, once: 'x' })).status).toBe(400);
    expect(await stack.deps.participants.countParticipants(P, COHORT)).toBe(15);
  });

  it('no code in a log line, refusals included (last: the lines of every test above)', () => {
    const codes = (fields.links ?? '').split(' ').flatMap((entry) => entry.split('.').slice(1));
    expect(logged.some((line) => line.includes('batch download refused'))).toBe(true);
    for (const code of codes) expect(logged.join('\n')).not.toContain(code);
  });
});

describe('changes and the audit log', () => {
  const COHORT = 'lleida-2027';

  it('windows, a wave closed, the cohort closed (saying what the funders receive), funders: each audited', async () => {
    // From now: the seed cohorts loaded when the stack started (a second ago on an idle machine) are not ours.
    const since = new Date();
    const path = `/console/${P}/${COHORT}`;
    expect((await post(`/console/${P}`, cohortForm(COHORT))).status).toBe(303);
    await makeBatch(COHORT, 2, 'en');

    // The follow-up, given no dates, opened six months after the post window closes, for four weeks.
    const made = (await stack.deps.cohorts.getCohort(P, COHORT))?.cohort.windows[FOLLOWUP];
    expect(made).toEqual(defaultFollowupWindow({ closes: day(120) }, 6));
    // The edit form sends every wave, the follow-up with the days it holds: left so, it moves with the post wave.
    const changed = await post(path, {
      action: 'change',
      name: 'Lleida 2027',
      site: 'Lleida',
      ...Object.fromEntries(Object.entries(cohortForm(COHORT)).filter(([name]) => name.startsWith('windows.'))),
      [`windows.${POST}.closes`]: day(150),
      [`windows.${FOLLOWUP}.opens`]: made?.opens ?? '',
      [`windows.${FOLLOWUP}.closes`]: made?.closes ?? '',
    });
    expect(changed.headers.get('location')).toBe(`${path}?done=changed`);
    expect((await stack.deps.cohorts.getCohort(P, COHORT))?.cohort).toMatchObject({
      name: 'Lleida 2027',
      windows: { [POST]: { closes: day(150) }, [FOLLOWUP]: defaultFollowupWindow({ closes: day(150) }, 6) },
    });

    // A refused change keeps the typed values.
    const refused = await post(path, { action: 'change', name: '', site: 'Lleida', [`windows.${PRE}.opens`]: day(1) });
    const refusedPage = await refused.text();
    expect(refused.status).toBe(400);
    expect(refusedPage).toContain(`<a href="#edit-name">${EN['problem.cohortName']}</a>`);
    expect(refusedPage).toContain(`value="${day(1)}"`);

    expect((await post(path, { action: 'close-wave', wave: PRE })).headers.get('location')).toBe(
      `${path}?done=waveClosed`,
    );
    expect((await stack.deps.cohorts.getCohort(P, COHORT))?.cohort.windows[PRE]?.closed).toBe(true);
    const closedWave = await get(`${path}?done=waveClosed`);
    expect(closedWave.body).toContain(EN['console.waveClosedEarly']);
    expect(closedWave.body).toContain(EN['console.reopenWave']);

    // Beside the close button: the funders and the month; after closing, the same on the page.
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(),
    );
    const open = (await get(path)).body;
    expect(open).toContain('Funder contact');
    expect(open).toContain(`in the summary of ${month}`);
    expect((await post(path, { action: 'close' })).headers.get('location')).toBe(`${path}?done=closed`);
    const closed = (await get(`${path}?done=closed`)).body;
    expect(closed).toContain(EN['console.done.closed']);
    expect(closed).toContain(
      `Its funders (Funder contact) receive this cohort’s results as they stand in the summary of ${month}`,
    );
    expect(closed).toContain(EN['console.closedNoAdd']);
    expect((await stack.deps.cohorts.getCohort(P, COHORT))?.cohort.status).toBe('closed');
    // A closed cohort takes no participants: refused at the form, nothing written.
    const addToken = hiddenFields((await get(path)).body).once ?? '';
    const add = await post(path, { action: 'add-participants', once: addToken, count: '1', language: 'en' });
    expect(add.status).toBe(400);
    expect(await add.text()).toContain(EN['problem.cohortClosed']);
    expect(await stack.deps.participants.countParticipants(P, COHORT)).toBe(2);
    expect((await post(path, { action: 'reopen' })).headers.get('location')).toBe(`${path}?done=reopened`);

    const funder = { action: 'add-funder', name: 'Ajuntament de Lleida', email: 'Lleida@Example.org', language: 'ca' };
    expect((await post(`/console/${P}`, funder)).headers.get('location')).toBe(
      `/console/${P}?done=funderAdded#funders`,
    );
    const listed = (await get(`/console/${P}?done=funderAdded`)).body;
    expect(listed).toContain('Ajuntament de Lleida');
    expect(listed).toContain('lleida@example.org');
    expect((await post(`/console/${P}`, { action: 'remove-funder', email: 'lleida@example.org' })).status).toBe(303);
    expect((await stack.deps.cohorts.listFunders(P)).map((one) => one.email)).not.toContain('lleida@example.org');

    const audit = await stack.deps.audit.list({ since, until: new Date(Date.now() + 60_000), programme: P });
    const actions = audit.map((entry) => `${entry.action} ${entry.detail ?? ''}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^cohort-created cohort ${COHORT}`)),
        expect.stringMatching(new RegExp(`^links-created cohort ${COHORT}: 2 participants`)),
        `cohort-changed cohort ${COHORT}: name, site, windows, comparison`,
        `cohort-changed cohort ${COHORT}: wave ${PRE} closed`,
        `cohort-changed cohort ${COHORT}: closed`,
        `cohort-changed cohort ${COHORT}: reopened`,
        'funder-added lleida@example.org',
        'funder-removed lleida@example.org',
      ]),
    );
    // Every entry is the coordinator's, by their staff id.
    expect(
      audit.filter((entry) => !entry.actor.startsWith('st-')),
      JSON.stringify(audit.filter((entry) => !entry.actor.startsWith('st-'))),
    ).toEqual([]);
  });
});

describe('a comparison cohort', () => {
  const COHORT = 'reus-waiting-2027';
  const path = `/console/${P}/${COHORT}`;
  const comparisonOf = async (): Promise<boolean | undefined> =>
    (await stack.deps.cohorts.getCohort(P, COHORT))?.cohort.comparison;
  const ticked = (page: string, prefix: string): boolean =>
    new RegExp(`<input type="checkbox" name="comparison" value="yes" id="${prefix}-comparison-0" checked>`).test(page);

  it('is offered by the create form, said in the reader language; left unticked, a cohort is not one', async () => {
    for (const language of ['en', 'ro', 'es', 'ca'] as const) {
      const page = (await get(`/console/${P}`, language)).body;
      const strings = STAFF_STRINGS[language];
      expect(page).toContain(`<legend>${strings['console.comparison']}<span class="hint">`);
      expect(page).toContain(strings['console.comparisonChoice'].replace(/'/g, '&#39;'));
      expect(page).toContain('<input type="checkbox" name="comparison" value="yes" id="new-comparison-0">');
    }
    expect((await post(`/console/${P}`, cohortForm('salou-2027'))).status).toBe(303);
    expect((await stack.deps.cohorts.getCohort(P, 'salou-2027'))?.cohort.comparison).toBe(false);
  });

  it('is marked with the box ticked, shown on the programme and cohort pages, kept by a refused form', async () => {
    const made = await post(`/console/${P}`, cohortForm(COHORT, { comparison: 'yes' }));
    expect(made.headers.get('location')).toBe(`${path}?done=created`);
    expect(await comparisonOf()).toBe(true);
    const card = (await get(`/console/${P}`)).body;
    const cardOf = card.slice(card.indexOf(`href="${path}"`));
    expect(cardOf.slice(0, cardOf.indexOf('</ul>'))).toContain(`<strong>${EN['console.comparisonBadge']}</strong>`);
    const page = (await get(path)).body;
    const about = `Tarragona · ${EN['console.comparisonBadge']} · ${EN['console.open']}`;
    expect(page).toContain(`<p class="muted">${about}</p>`);
    expect(ticked(page, 'edit')).toBe(true);
    // Refused for another field, the box stays as it was sent.
    const refused = await post(`/console/${P}`, cohortForm('reus-again', { comparison: 'yes', name: '' }));
    expect(refused.status).toBe(400);
    expect(ticked(await refused.text(), 'new')).toBe(true);
    expect(await stack.deps.cohorts.getCohort(P, 'reus-again')).toBeUndefined();
  });

  it('is not one when its stored item predates the mark: read back as a programme cohort', async () => {
    const { comparison: _none, ...older } = {
      ...((await stack.deps.cohorts.getCohort(P, SEEDED))?.cohort ?? { id: '', name: '', attributes: {}, windows: {} }),
      id: 'older-2020',
      status: 'open' as const,
      comparison: false,
    };
    // As an item written before the field existed: no `comparison` at all.
    expect(
      await stack.deps.cohorts.createCohort(P, older as typeof older & { comparison: boolean }, '2020-01-01'),
    ).toBe(true);
    expect((await stack.deps.cohorts.getCohort(P, 'older-2020'))?.cohort.comparison).toBe(false);
    expect((await get(`/console/${P}/older-2020`)).body).not.toContain(EN['console.comparisonBadge']);
  });

  it('is unmarked by the edit form sent with the box unticked, and marked again with it ticked', async () => {
    const windows = Object.fromEntries(
      Object.entries(cohortForm(COHORT)).filter(([name]) => name.startsWith('windows.')),
    );
    const edit = { action: 'change', name: 'Reus waiting list', site: 'Reus', ...windows };
    expect((await post(path, edit)).headers.get('location')).toBe(`${path}?done=changed`);
    expect(await comparisonOf()).toBe(false);
    expect((await get(path)).body).not.toContain(EN['console.comparisonBadge']);
    expect((await post(path, { ...edit, comparison: 'yes' })).headers.get('location')).toBe(`${path}?done=changed`);
    expect(await comparisonOf()).toBe(true);
    const created = await stack.deps.audit.list({
      since: new Date(Date.now() - 3_600_000),
      until: new Date(Date.now() + 60_000),
      programme: P,
    });
    expect(created.map((entry) => entry.detail)).toContain(
      `cohort ${COHORT}: 3 wave windows, comparison (waiting list)`,
    );
  });
});

describe('a follow-up wave in the console', () => {
  const COHORT = 'olot-2027';

  it('the create form says what an empty follow-up window does; the page counts it, with reminders', async () => {
    const form = (await get(`/console/${P}`)).body;
    expect(form).toContain('<legend>Mentoring cycle · 6 months after the end</legend>');
    expect(form).toContain(EN['console.followupHint'].replace('{months}', '6 months'));
    expect(form).toContain(`name="windows.${FOLLOWUP}.opens"`);
    // Opened at once (a coordinator may choose any days on or after the post window's).
    const made = await post(
      `/console/${P}`,
      cohortForm(COHORT, { [`windows.${FOLLOWUP}.opens`]: day(-1), [`windows.${FOLLOWUP}.closes`]: day(130) }),
    );
    expect(made.status).toBe(303);
    const { fields } = await makeBatch(COHORT, 3, 'en');
    // The packed links follow the programme's waves: number, then the codes of pre, post and follow-up.
    const third = (fields.links ?? '').split(' ')[2]?.split('.') ?? [];
    expect(third).toHaveLength(4);
    const followup = await storedWave(stack.deps, P, COHORT, 'mentoring-cycle', 'followup');
    const answered = await fetch(`${stack.url}/s/${third[3] ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: answerAll(followup, stack.deps.catalog).toString(),
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    const page = (await get(`/console/${P}/${COHORT}`)).body;
    const section = page.slice(page.indexOf('<h3>Mentoring cycle · 6 months after the end</h3>'));
    expect(section).toContain('1 of 3 answered');
    expect(section).toContain('<p class="numbers">1, 2</p>');
    expect(section).toContain('# No. 1 · Mentoring cycle · 6 months after the end');
    expect(section).toContain('# No. 2 · Mentoring cycle · 6 months after the end');
    expect(section).not.toContain('# No. 3 ·');
    // The edit form holds its window like the others'.
    expect(page).toContain(`name="windows.${FOLLOWUP}.closes" value="${day(130)}"`);
  });
});
