/**
 * The participant and evaluator routes end to end: HTTP requests to the local server, which
 * calls the deployed handler modules, which talk to the embedded DynamoDB.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { cohortKey, responseKey } from '#adapters/table-design.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { surveySteps } from '#core/steps.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { addCohort } from '#use-cases/manage-cohorts.ts';
import { answerAll, startTestStack } from '../support/stack.ts';
import { seedWave } from '../support/programmes.ts';
import { apiTokenWith, signedIn } from '../support/staff.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'justrom3-mentoring';
const COHORT = 'iasi-2020';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let links: IssuedLink[];
let token: string;

const linkFor = (participantIndex: number, session: string, wave: 'pre' | 'post'): IssuedLink => {
  const participants = [...new Set(links.map((link) => link.participant))];
  const found = links.find(
    (link) => link.participant === participants[participantIndex] && link.session === session && link.wave === wave,
  );
  if (found === undefined) throw new Error('no such link');
  return found;
};
/** A wave's questions, to answer it: the same in every cohort of the programme. */
const contextOf = (session: string, wave: 'pre' | 'post') =>
  seedWave(PROGRAMME, COHORT, session, wave, stack.deps.catalog);
const post = (code: string, body: string, headers: Record<string, string> = FORM): Promise<Response> =>
  fetch(`${stack.url}/s/${code}`, { method: 'POST', headers, body, redirect: 'manual' });

async function storedResponses(cohort = COHORT): Promise<number> {
  const client = createDocumentClient(stack.environment.endpoint);
  const { Count } = await client.send(
    new QueryCommand({
      TableName: stack.environment.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      // Drafts and erasure markers share the prefix; only responses count.
      FilterExpression: '#type = :response',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':pk': cohortKey(PROGRAMME, cohort), ':prefix': 'RESP#', ':response': 'response' },
      Select: 'COUNT',
    }),
  );
  return Count ?? 0;
}

/** Follows a 303 as a browser does: the page at the location, with its status. */
async function follow(response: Response): Promise<{ status: number; page: string; location: string }> {
  expect(response.status).toBe(303);
  const location = response.headers.get('location') ?? '';
  const next = await fetch(`${stack.url}${location}`, { headers: { 'accept-language': 'en' } });
  return { status: next.status, page: await next.text(), location };
}

beforeAll(async () => {
  stack = await startTestStack();
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 3));
  token = await apiTokenWith(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]);
});

afterAll(async () => {
  await stack.stop();
});

describe('links', () => {
  it('gives each participant one code per wave, 26 Crockford base32 symbols, stored only as a keyed hash', async () => {
    const sessions = stack.deps.catalog.programmes.get(PROGRAMME)?.sessions.length ?? 0;
    expect(sessions).toBe(3);
    expect(links).toHaveLength(3 * sessions * 2);
    for (const link of links) expect(link.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(new Set(links.map((link) => link.code)).size).toBe(links.length);
    const client = createDocumentClient(stack.environment.endpoint);
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: stack.environment.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': cohortKey(PROGRAMME, COHORT) },
      }),
    );
    const dump = JSON.stringify(Items);
    for (const link of links) expect(dump).not.toContain(link.code);
  });
});

describe('GET /s/{code}', () => {
  it('renders the form in the programme language with the protective headers', async () => {
    const link = linkFor(0, 'individual-meeting-1', 'pre');
    const response = await fetch(`${stack.url}/s/${link.code}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('set-cookie')).toBeNull();
    const page = await response.text();
    expect(page).toContain('<html lang="ro">');
    expect(page).toContain('<title>Chestionar</title>');
    // The first screen is consent; the questions come one instrument a screen after it.
    expect(page).toContain('name="consent"');
    expect(page).toContain('name="step" value="0"');
    expect(page).not.toContain('name="a.rosenberg-self-esteem.');
    expect(page).not.toContain('<script src');
  });

  it('moves screen by screen, each screen saved as a draft and redirected to the link, with Back', async () => {
    const link = linkFor(2, 'individual-meeting-2', 'pre');
    const context = contextOf('individual-meeting-2', 'pre');
    const before = await storedResponses();
    const all = answerAll(context, stack.deps.catalog, 1);
    const consent = all.get('consent') ?? '';
    const second = await post(
      link.code,
      new URLSearchParams({ lang: 'en', step: '0', nav: 'next', consent }).toString(),
    );
    // Post/redirect/get: a reload or Back never resubmits.
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(`/s/${link.code}?lang=en`);
    const page = await (await fetch(`${stack.url}/s/${link.code}?lang=en`)).text();
    expect(page).toContain('name="step" value="1"');
    expect(page).toContain(`<input type="hidden" name="consent" value="${consent}">`);
    expect(page).toContain('Step 2 of');
    // Opening the link again (a lost connection, a closed tab) finds the same screen.
    expect(await (await fetch(`${stack.url}/s/${link.code}`)).text()).toContain('name="step" value="1"');
    const back = await follow(
      await post(link.code, new URLSearchParams({ lang: 'en', step: '1', nav: 'back', consent }).toString()),
    );
    expect(back.page).toContain('name="step" value="0"');
    expect(back.page).toMatch(/name="consent" value="[^"]+" checked/);
    expect(await storedResponses()).toBe(before);
    const record = await stack.deps.responses.getWaveRecord({
      programme: PROGRAMME,
      cohort: COHORT,
      participant: link.participant,
      session: 'individual-meeting-2',
      wave: 'pre',
    });
    expect(record.kind).toBe('draft');
  });

  it('keeps nothing before consent, and keeps every answer and the screen when the language changes', async () => {
    const link = linkFor(1, 'individual-meeting-2', 'post');
    const context = contextOf('individual-meeting-2', 'post');
    const target = {
      programme: PROGRAMME,
      cohort: COHORT,
      participant: link.participant,
      session: 'individual-meeting-2',
      wave: 'post' as const,
    };
    const switched = await post(link.code, new URLSearchParams({ lang: 'en', step: '0', nav: 'lang:ro' }).toString());
    expect(switched.headers.get('location')).toBe(`/s/${link.code}?lang=ro`);
    expect((await stack.deps.responses.getWaveRecord(target)).kind).toBe('none');
    const steps = surveySteps(context, stack.deps.catalog);
    const all = answerAll(context, stack.deps.catalog, 2);
    const consent = all.get('consent') ?? '';
    await post(link.code, new URLSearchParams({ lang: 'ro', step: '0', nav: 'next', consent }).toString());
    const screen = steps[1];
    const [firstField] = screen?.fields ?? [];
    const chosen = all.get(firstField ?? '') ?? '';
    // A language button on screen 2, with one answer ticked there and not yet sent.
    const moved = await follow(
      await post(
        link.code,
        new URLSearchParams({ lang: 'ro', step: '1', nav: 'lang:en', consent, [firstField ?? '']: chosen }).toString(),
      ),
    );
    expect(moved.location).toBe(`/s/${link.code}?lang=en`);
    expect(moved.page).toContain('<html lang="en">');
    expect(moved.page).toContain('name="step" value="1"');
    expect(moved.page).toMatch(
      new RegExp(`name="${(firstField ?? '').replace(/\./g, '\\.')}" value="${chosen}" id="[^"]+" checked`),
    );
    // The draft remembers the language: opening the link again without ?lang= speaks English
    // although the browser asks for Romanian.
    expect(
      await (await fetch(`${stack.url}/s/${link.code}`, { headers: { 'accept-language': 'ro' } })).text(),
    ).toContain('<html lang="en">');
  });

  it('takes unticked consent as consent taken back, and restarts at consent when its text has changed', async () => {
    const link = linkFor(2, 'group-session-1', 'post');
    const context = contextOf('group-session-1', 'post');
    const target = {
      programme: PROGRAMME,
      cohort: COHORT,
      participant: link.participant,
      session: 'group-session-1',
      wave: 'post' as const,
    };
    const all = answerAll(context, stack.deps.catalog, 1);
    const consent = all.get('consent') ?? '';
    const steps = surveySteps(context, stack.deps.catalog);
    const [field] = steps[1]?.fields ?? [];
    await post(link.code, new URLSearchParams({ lang: 'en', step: '0', nav: 'next', consent }).toString());
    await post(
      link.code,
      new URLSearchParams({
        lang: 'en',
        step: '1',
        nav: 'next',
        consent,
        [field ?? '']: all.get(field ?? '') ?? '',
      }).toString(),
    );
    expect((await stack.deps.responses.getWaveRecord(target)).kind).toBe('draft');
    // Back to consent, untick, Continue: what was kept goes, and consent is asked for again.
    const unticked = await follow(
      await post(
        link.code,
        new URLSearchParams({
          lang: 'en',
          step: '0',
          nav: 'next',
          [field ?? '']: all.get(field ?? '') ?? '',
        }).toString(),
      ),
    );
    expect(unticked.page).toContain('Please tick the box');
    expect(unticked.page).not.toMatch(/name="consent" value="[^"]+" checked/);
    expect((await stack.deps.responses.getWaveRecord(target)).kind).toBe('none');
    // A draft consented to an older text of the consent resumes at the consent screen, answers kept.
    await stack.deps.responses.saveDraft(target, {
      step: 2,
      fields: { consent: 'an-older-version', [field ?? '']: all.get(field ?? '') ?? '' },
      language: 'en',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const resumed = await (await fetch(`${stack.url}/s/${link.code}`)).text();
    expect(resumed).toContain('name="step" value="0"');
    expect(resumed).toContain(`<input type="hidden" name="${field ?? ''}" value="${all.get(field ?? '') ?? ''}">`);
    expect(resumed).not.toMatch(/name="consent" value="[^"]+" checked/);
    // A draft that does not read as one (another version's, or damaged) is no draft: the
    // questionnaire starts again at consent instead of failing on every visit.
    for (const draft of ['{"step":"two"}', 'not json']) {
      await createDocumentClient(stack.environment.endpoint).send(
        new PutCommand({
          TableName: stack.environment.tableName,
          Item: { ...responseKey(target), type: 'draft', draft, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
        }),
      );
      expect((await stack.deps.responses.getWaveRecord(target)).kind).toBe('none');
      const restarted = await fetch(`${stack.url}/s/${link.code}`);
      expect(restarted.status).toBe(200);
      expect(await restarted.text()).toContain('name="step" value="0"');
    }
  });

  it(
    'asks once before leaving a screen with nothing ' + 'answered, and never stores a questionnaire with no answer',
    async () => {
      const link = linkFor(0, 'group-session-1', 'pre');
      const context = contextOf('group-session-1', 'pre');
      const steps = surveySteps(context, stack.deps.catalog);
      const consent = answerAll(context, stack.deps.catalog).get('consent') ?? '';
      const before = await storedResponses();
      await post(link.code, new URLSearchParams({ lang: 'en', step: '0', nav: 'next', consent }).toString());
      const asked = await follow(
        await post(link.code, new URLSearchParams({ lang: 'en', step: '1', nav: 'next', consent }).toString()),
      );
      expect(asked.page).toContain('You have not answered anything on this screen');
      expect(asked.page).toContain('name="step" value="1"');
      let index = 1;
      for (; index < steps.length; index += 1) {
        const next = await follow(
          await post(
            link.code,
            new URLSearchParams({ lang: 'en', step: String(index), nav: 'next-anyway', consent }).toString(),
          ),
        );
        if (index < steps.length - 1) expect(next.page).toContain(`name="step" value="${index + 1}"`);
        else expect(next.page).toContain('there is nothing to send yet');
      }
      expect(await storedResponses()).toBe(before);
      // The wave is not used up: a real answer is still taken.
      expect((await post(link.code, answerAll(context, stack.deps.catalog, 1).toString())).status).toBe(303);
      expect(await storedResponses()).toBe(before + 1);
    },
  );
  it('follows ?lang= and Accept-Language among the programme languages', async () => {
    const link = linkFor(0, 'individual-meeting-1', 'pre');
    expect(await (await fetch(`${stack.url}/s/${link.code}?lang=en`)).text()).toContain('<html lang="en">');
    expect(
      await (await fetch(`${stack.url}/s/${link.code}`, { headers: { 'accept-language': 'fr-FR, en;q=0.8' } })).text(),
    ).toContain('<html lang="en">');
    expect(await (await fetch(`${stack.url}/s/${link.code}?lang=ca`)).text()).toContain('<html lang="ro">');
  });

  it('answers 404 with a plain message for unknown and malformed codes, lower-case and hyphens accepted', async () => {
    const unknown = await fetch(`${stack.url}/s/${'0'.repeat(26)}`, { headers: { 'accept-language': 'es' } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Este enlace no es válido');
    expect((await fetch(`${stack.url}/s/not-a-code`)).status).toBe(404);
    expect((await fetch(`${stack.url}/s/%ZZ`)).status).toBe(404);
    expect((await fetch(`${stack.url}/s/${'A'.repeat(5000)}`)).status).toBe(404);
    const link = linkFor(1, 'individual-meeting-1', 'pre');
    const typed = link.code.toLowerCase().replace(/(.{4})/g, '$1-');
    expect((await fetch(`${stack.url}/s/${typed}`)).status).toBe(200);
  });
});

describe('POST /s/{code}', () => {
  it('stores one response, redirects to the thank-you page, and treats an identical resubmit as the same', async () => {
    const link = linkFor(0, 'individual-meeting-1', 'pre');
    const before = await storedResponses();
    const body = answerAll(contextOf('individual-meeting-1', 'pre'), stack.deps.catalog, 1).toString();
    const first = await post(link.code, body);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/s/${link.code}?lang=ro`);
    const thanks = await (await fetch(`${stack.url}${first.headers.get('location') ?? ''}`)).text();
    const receipt = /<strong>([0-9A-Z]{10})<\/strong>/.exec(thanks)?.[1];
    expect(receipt).toBeDefined();
    const again = await post(link.code, body);
    expect(again.status).toBe(303);
    expect(await storedResponses()).toBe(before + 1);
    expect(await (await fetch(`${stack.url}/s/${link.code}`)).text()).toContain(receipt ?? 'missing');
  });

  it(
    'refuses different answers for an answered wave with ' + '409, leading back to the receipt, and keeps the first',
    async () => {
      const link = linkFor(0, 'individual-meeting-1', 'pre');
      const before = await storedResponses();
      // Through the link's page (post/redirect/get): reload and Back never resubmit.
      const response = await follow(
        await post(link.code, answerAll(contextOf('individual-meeting-1', 'pre'), stack.deps.catalog, 2).toString()),
      );
      expect(response.location).toBe(`/s/${link.code}?lang=ro&answered=elsewhere`);
      expect(response.status).toBe(409);
      const { page } = response;
      expect(page).toContain('deja');
      expect(page).toContain(`href="/s/${link.code}?lang=ro"`);
      expect(await storedResponses()).toBe(before);
    },
  );

  it(
    'names each problem of a crafted screen, keeps the ' + 'answers, echoes no unknown field, and stores nothing',
    async () => {
      const link = linkFor(1, 'individual-meeting-1', 'pre');
      const before = await storedResponses();
      const fields = answerAll(contextOf('individual-meeting-1', 'pre'), stack.deps.catalog, 1);
      const noConsent = await follow(
        await post(link.code, new URLSearchParams({ lang: 'en', step: '0', nav: 'next' }).toString()),
      );
      expect(noConsent.location).toBe(`/s/${link.code}?lang=en&problem=consent`);
      expect(noConsent.page).toContain('Please tick the box');
      // The personal-safety screen, with one answer out of range and a field that is no question.
      const steps = surveySteps(contextOf('individual-meeting-1', 'pre'), stack.deps.catalog);
      const safety = steps.findIndex((step) => step.instrument === 'personal-safety');
      const [firstSafety, secondSafety] = steps[safety]?.fields ?? [];
      fields.set(firstSafety ?? '', 'nonsense');
      fields.set('a.unknown.item', 'x');
      fields.set('lang', 'en');
      fields.set('step', String(safety));
      fields.set('nav', 'next');
      const response = await post(link.code, fields.toString());
      expect(response.status).toBe(400);
      const page = await response.text();
      expect(page).toContain('Please choose one of the options.');
      expect(page).toContain('does not belong to this questionnaire');
      expect(page).not.toContain('name="a.unknown.item"');
      const keptField = secondSafety;
      expect(keptField).toBeDefined();
      expect(page).toMatch(
        new RegExp(
          `name="${(keptField ?? '').replace(/\./g, '\\.')}" value="${fields.get(keptField ?? '')}" id="[^"]+" checked`,
        ),
      );
      expect(await storedResponses()).toBe(before);
      // 16 KB of unknown fields: named once each at most, never sent back as hidden fields.
      const junk = new URLSearchParams({ lang: 'en', step: '1', nav: 'next', consent: fields.get('consent') ?? '' });
      for (let index = 0; junk.toString().length < 15_500; index += 1) junk.set(`zz${index}`, 'y'.repeat(40));
      const flooded = await post(link.code, junk.toString());
      expect(flooded.status).toBe(400);
      const floodedPage = await flooded.text();
      expect(floodedPage).not.toContain('yyyyyyyyyy');
      expect(floodedPage).not.toContain('zz1');
      // Short names are the worst case: thousands of them, still one line on the page.
      const short = new URLSearchParams({ lang: 'en', step: '1', nav: 'next', consent: fields.get('consent') ?? '' });
      for (let index = 0; short.toString().length < 15_500; index += 1) short.set(`z${index}`, '1');
      const shortFlood = await post(link.code, short.toString());
      expect(shortFlood.status).toBe(400);
      const shortPage = await shortFlood.text();
      expect(shortPage).not.toContain('z10');
      expect(shortPage.length).toBeLessThan(30 * 1024);
    },
  );

  it('answers 415 for a wrong content type and 413 for a body over 16 KB, storing nothing', async () => {
    const link = linkFor(2, 'individual-meeting-1', 'pre');
    const before = await storedResponses();
    expect((await post(link.code, '{}', { 'content-type': 'application/json' })).status).toBe(415);
    expect((await post(link.code, 'consent=x')).status).not.toBe(500);
    const answers = answerAll(contextOf('individual-meeting-1', 'pre'), stack.deps.catalog).toString();
    const big = `${answers}&pad=${'x'.repeat(17 * 1024)}`;
    const response = await post(link.code, big);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain('prea mare');
    expect(await storedResponses()).toBe(before);
  });

  it('answers 410 in the participant language when the wave is closed or not yet open', async () => {
    // A cohort whose first meeting took its "before" answers in 2021 and takes its "after" ones
    // from next month: as a coordinator makes it, with every other wave open now.
    const today = stack.deps.clock.now();
    const day = (offset: number): string => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const windows = {
      ...Object.fromEntries(
        waveIdsOf(contextOf('individual-meeting-1', 'pre').programme).map((wave) => [
          wave,
          { opens: day(-1), closes: day(60) },
        ]),
      ),
      'individual-meeting-1:pre': { opens: '2021-03-01', closes: '2021-03-31' },
      'individual-meeting-1:post': { opens: day(31), closes: day(60) },
    };
    await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, { id: 'windows-2027', name: 'Windows 2027', windows });
    const { links: issued } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'windows-2027', 1);
    const codeOf = (wave: 'pre' | 'post'): string =>
      issued.find((link) => link.session === 'individual-meeting-1' && link.wave === wave)?.code ?? '';
    const closed = await fetch(`${stack.url}/s/${codeOf('pre')}?lang=en`);
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('This questionnaire is closed.');
    const early = await fetch(`${stack.url}/s/${codeOf('post')}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(contextOf('individual-meeting-1', 'post'), stack.deps.catalog).toString(),
    });
    expect(early.status).toBe(410);
    expect(await early.text()).toContain('nu este încă deschis');
    expect(await storedResponses('windows-2027')).toBe(0);
  });
});

describe('evaluator routes', () => {
  it('refuse a missing or wrong token with 401', async () => {
    expect((await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}`)).status).toBe(401);
    expect(
      (
        await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}`, {
          headers: { authorization: `Bearer ${'x'.repeat(43)}` },
        })
      ).status,
    ).toBe(401);
    expect((await fetch(`${stack.url}/dashboard`)).status).toBe(401);
  });

  it('show a submitted pair after aggregation, as JSON, CSV and on the dashboard', async () => {
    const pre = linkFor(2, 'individual-meeting-2', 'pre');
    const postLink = linkFor(2, 'individual-meeting-2', 'post');
    expect(
      (await post(pre.code, answerAll(contextOf('individual-meeting-2', 'pre'), stack.deps.catalog, 2).toString()))
        .status,
    ).toBe(303);
    expect(
      (
        await post(
          postLink.code,
          answerAll(contextOf('individual-meeting-2', 'post'), stack.deps.catalog, 0).toString(),
        )
      ).status,
    ).toBe(303);
    await aggregate(stack.deps, { programme: PROGRAMME });

    const auth = { authorization: `Bearer ${token}` };
    const json = (await (
      await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}&cohort=${COHORT}`, { headers: auth })
    ).json()) as {
      rows: {
        session: string;
        instrument: string;
        dimension: string | null;
        n_paired: number;
        mean_change: number | null;
      }[];
    };
    const rosenberg = json.rows.find(
      (row) =>
        row.session === 'individual-meeting-2' && row.instrument === 'rosenberg-self-esteem' && row.dimension === null,
    );
    expect(rosenberg?.n_paired).toBe(1);
    // Option 2 then option 0 on every item: positive items 1 -> 3 (+2), reversed items 2 -> 0 (-2); 5 of each.
    expect(rosenberg?.mean_change).toBe(0);
    const quiz = json.rows.find(
      (row) =>
        row.session === 'individual-meeting-2' && row.instrument === 'rights-justice-quiz' && row.dimension === null,
    );
    expect(quiz?.n_paired).toBe(1);

    const csv = await (
      await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}&cohort=${COHORT}`, {
        headers: { ...auth, accept: 'text/csv' },
      })
    ).text();
    expect(csv.split('\r\n')[0]).toContain('programme,cohort,session,instrument');
    expect(csv).toContain(`${PROGRAMME},${COHORT},individual-meeting-2,rosenberg-self-esteem,,,`);

    const session = { cookie: await signedIn(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]) };
    const index = await (await fetch(`${stack.url}/dashboard`, { headers: session })).text();
    expect(index).toContain(`/dashboard?programme=${PROGRAMME}&amp;cohort=${COHORT}`);
    const dashboard = await fetch(`${stack.url}/dashboard?programme=${PROGRAMME}&cohort=${COHORT}`, {
      headers: session,
    });
    expect(dashboard.status).toBe(200);
    const page = await dashboard.text();
    expect(page).toContain('Drop-outs');
    const rates = await (
      await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}&cohort=${COHORT}&format=csv&table=response-rates`, {
        headers: auth,
      })
    ).text();
    expect(rates.split('\r\n')[0]).toBe('programme,cohort,session,wave,answered,participants');
    expect(rates).toContain(`${PROGRAMME},${COHORT},individual-meeting-2,post,1,3`);
    expect(page).toContain('Rosenberg Self-Esteem Scale');
    expect(page).toContain('Individual meeting 2');
  });

  it('answers 400 without a programme, and 403 for a programme the token does not grant, known or not', async () => {
    const auth = { authorization: `Bearer ${token}` };
    expect((await fetch(`${stack.url}/api/impact`, { headers: auth })).status).toBe(400);
    expect((await fetch(`${stack.url}/api/impact?programme=nope`, { headers: auth })).status).toBe(403);
    expect((await fetch(`${stack.url}/api/impact?programme=dones-mentores`, { headers: auth })).status).toBe(403);
  });
});

describe('withdrawal through the same link', () => {
  it('asks once more, then erases every answer and link, and every link then says it is no longer active', async () => {
    const pre = linkFor(1, 'individual-meeting-1', 'pre');
    const otherLink = linkFor(1, 'group-session-1', 'post');
    expect(
      (await post(pre.code, answerAll(contextOf('individual-meeting-1', 'pre'), stack.deps.catalog, 1).toString()))
        .status,
    ).toBe(303);
    const before = await storedResponses();
    const thanks = await (await fetch(`${stack.url}/s/${pre.code}?lang=en`)).text();
    expect(thanks).toContain(`href="/s/${pre.code}?lang=en&amp;withdraw=1"`);
    const confirm = await fetch(`${stack.url}/s/${pre.code}?lang=en&withdraw=1`);
    expect(confirm.status).toBe(200);
    const confirmPage = await confirm.text();
    expect(confirmPage).toContain('Yes, delete my answers');
    expect(confirmPage).toContain('to every session');
    expect(confirmPage).toContain('for the other sessions too');
    expect(confirmPage).toMatch(/value="withdraw-confirm" class="warn"/);
    expect(await storedResponses()).toBe(before);
    const done = await follow(
      await post(pre.code, new URLSearchParams({ lang: 'en', nav: 'withdraw-confirm' }).toString()),
    );
    expect(done.status).toBe(410);
    expect(done.page).toContain('Your answers to every session have been deleted');
    expect(await storedResponses()).toBe(before - 1);
    // The other links answer neutrally, in the programme's language, with the programme's frame.
    const other = await fetch(`${stack.url}/s/${otherLink.code}`);
    expect(other.status).toBe(410);
    const otherPage = await other.text();
    expect(otherPage).toContain('Acest link nu mai este activ.');
    expect(otherPage).not.toContain('șterse');
    expect(other.headers.get('cache-control')).toBe('no-store');
    // A late post on any link stores nothing, and leads to the link's page.
    const late = await follow(
      await post(otherLink.code, answerAll(contextOf('group-session-1', 'post'), stack.deps.catalog, 1).toString()),
    );
    expect(late.status).toBe(410);
    expect(await storedResponses()).toBe(before - 1);
    expect(await stack.deps.participants.countParticipants(PROGRAMME, COHORT)).toBe(2);
  });
});
