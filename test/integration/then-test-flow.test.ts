/**
 * A then-test end to end: a participant answers MigrantVoicesHeard's post wave over HTTP, screen
 * by screen as the form posts them (no JavaScript needed), the then-test on its own screen under
 * the prompt; the answers land in the post response's `then`, written once; they leave in the
 * export's `then.<instrument>.<item>` columns and come back through import unchanged; an erasure
 * takes them with the rest. The demo's simulated participants answer it too, looking back a little
 * lower than they answered before (response shift).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_FIELD, thenField } from '#core/answers.ts';
import { parseCsv } from '#core/csv.ts';
import { scoreInstrument } from '#core/scoring.ts';
import { surveySteps } from '#core/steps.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { seededRandom, simulateCohort } from '#local/simulation.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { exportResponses } from '#use-cases/export-responses.ts';
import { importResponses } from '#use-cases/import-responses.ts';
import { addCohort } from '#use-cases/manage-cohorts.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { seedWave } from '../support/programmes.ts';
import { answerAll, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'migrant-voices-heard';
const COHORT = 'cluj-2021';
const SESSION = 'action-planning';
const CONFIDENCE = 'participation-confidence';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PAGE_BUDGET = 30 * 1024;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let links: IssuedLink[];

const linkOf = (index: number, wave: 'pre' | 'post'): IssuedLink => {
  const participant = [...new Set(links.map((link) => link.participant))][index];
  const found = links.find(
    (link) => link.participant === participant && link.session === SESSION && link.wave === wave,
  );
  if (found === undefined) throw new Error('no such link');
  return found;
};
const targetOf = (link: IssuedLink) => ({
  programme: PROGRAMME,
  cohort: COHORT,
  participant: link.participant,
  session: link.session,
  wave: link.wave,
});
const send = (code: string, fields: Record<string, string>): Promise<Response> =>
  fetch(`${stack.url}/s/${code}`, {
    method: 'POST',
    headers: FORM,
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

beforeAll(async () => {
  stack = await startTestStack();
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 3));
});

afterAll(async () => {
  await stack.stop();
});

describe('a post wave with a then-test', () => {
  it('asks it on its own screen, under the prompt, and stores it once in the post response', async () => {
    const link = linkOf(0, 'post');
    const context = seedWave(PROGRAMME, COHORT, SESSION, 'post', stack.deps.catalog);
    const steps = surveySteps(context, stack.deps.catalog);
    expect(steps.map((step) => step.kind)).toEqual(['consent', 'instrument', 'instrument', 'then']);
    const all = answerAll(context, stack.deps.catalog, 3);
    let carried: Record<string, string> = { lang: 'en' };
    for (const [index, step] of steps.slice(0, 3).entries()) {
      for (const field of step.fields) carried = { ...carried, [field]: all.get(field) ?? '' };
      const moved = await send(link.code, { ...carried, step: String(index), nav: 'next' });
      expect(moved.status).toBe(303);
    }
    const screen = await fetch(`${stack.url}/s/${link.code}?lang=en`);
    const page = await screen.text();
    expect(screen.status).toBe(200);
    expect(page).toContain('name="step" value="3"');
    expect(page).toContain('<h2>Think back to just before this training started.');
    expect(page).toContain(`name="${thenField(CONFIDENCE, 'give-opinion')}"`);
    // The post answers ride along in hidden fields; the whole page keeps the budget.
    expect(page).toContain(`<input type="hidden" name="a.${CONFIDENCE}.give-opinion" value="very-confident">`);
    expect(Buffer.byteLength(page)).toBeLessThan(PAGE_BUDGET);

    const looking = {
      [thenField(CONFIDENCE, 'give-opinion')]: 'slightly-confident',
      [thenField(CONFIDENCE, 'take-part-in-decisions')]: 'not-at-all-confident',
    };
    const submitted = await send(link.code, { ...carried, ...looking, step: '3', nav: 'next' });
    expect(submitted.status).toBe(303);
    const stored = await stack.deps.responses.getResponse(targetOf(link));
    expect(stored?.answers[CONFIDENCE]).toEqual({
      'give-opinion': 'very-confident',
      'take-part-in-decisions': 'very-confident',
      'contact-local-authority': 'very-confident',
      'propose-solution': 'very-confident',
    });
    expect(stored?.then).toEqual({
      [CONFIDENCE]: { 'give-opinion': 'slightly-confident', 'take-part-in-decisions': 'not-at-all-confident' },
    });
    // The same answers again (a double tap) give the same receipt; other then-test answers are refused.
    const whole = { ...carried, ...looking, [CONSENT_FIELD]: context.programme.consent.version };
    const again = await send(link.code, { ...whole });
    expect(again.status).toBe(303);
    expect(await (await fetch(`${stack.url}${again.headers.get('location') ?? ''}`)).text()).toContain(
      stored?.receipt ?? 'no receipt',
    );
    const changed = await send(link.code, { ...whole, [thenField(CONFIDENCE, 'give-opinion')]: 'very-confident' });
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toContain('answered=elsewhere');
    expect((await stack.deps.responses.getResponse(targetOf(link)))?.then).toEqual(stored?.then);
  });

  it('refuses a then-test answer in the pre wave, which asks none, storing nothing', async () => {
    const link = linkOf(1, 'pre');
    const context = seedWave(PROGRAMME, COHORT, SESSION, 'pre', stack.deps.catalog);
    const fields = Object.fromEntries(answerAll(context, stack.deps.catalog, 1));
    const refused = await send(link.code, {
      ...fields,
      lang: 'en',
      [thenField(CONFIDENCE, 'give-opinion')]: 'very-confident',
    });
    expect(refused.status).toBe(400);
    expect(await stack.deps.responses.getResponse(targetOf(link))).toBeUndefined();
  });

  it('leaves in then.<instrument>.<item> export columns, which import reads back as already present', async () => {
    const link = linkOf(0, 'post');
    const { csv } = await exportResponses(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT);
    const [header = [], ...rows] = parseCsv(csv);
    const column = header.indexOf(`then.${CONFIDENCE}.give-opinion`);
    expect(column).toBeGreaterThan(header.indexOf(`${CONFIDENCE}.propose-solution`));
    const row = rows.find((cells) => cells[0] === link.participant && cells[2] === 'post');
    expect(row?.[column]).toBe('slightly-confident');
    expect(row?.[header.indexOf(`then.${CONFIDENCE}.propose-solution`)]).toBe('');
    const back = await importResponses(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, csv, { dryRun: false });
    expect(back.problems).toEqual([]);
    expect(back.imported).toEqual([]);
    expect(back.present).toHaveLength(rows.length);
  });

  it('is imported from paper into the post response, and erased with the participant', async () => {
    const link = linkOf(2, 'post');
    const csv = [
      `participant,session,wave,consent,${CONFIDENCE}.give-opinion,then.${CONFIDENCE}.give-opinion`,
      `${link.participant},${SESSION},post,yes,5,2`,
    ].join('\n');
    const report = await importResponses(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, csv, { dryRun: false });
    expect(report.problems).toEqual([]);
    expect(report.imported).toEqual([2]);
    const stored = await stack.deps.responses.getResponse(targetOf(link));
    expect(stored?.then).toEqual({ [CONFIDENCE]: { 'give-opinion': 'slightly-confident' } });
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, link.participant);
    expect((await stack.deps.responses.getWaveRecord(targetOf(link))).kind).toBe('withdrawn');
    const listed = await stack.deps.responses.listCohortResponses(PROGRAMME, COHORT);
    expect(listed.some((response) => response.participant === link.participant)).toBe(false);
  });
});

describe("the demo's simulated participants", () => {
  it('answer the then-test of every post wave, looking back a little lower than they answered before', async () => {
    const windows = Object.fromEntries(
      waveIdsOf(stack.deps.catalog.programmes.get(PROGRAMME) ?? { sessions: [] }).map((wave) => [
        wave,
        { opens: new Date().toISOString().slice(0, 10), closes: new Date().toISOString().slice(0, 10) },
      ]),
    );
    await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, { id: 'cluj-simulated', name: 'Cluj simulated', windows });
    const batch = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'cluj-simulated', 40);
    await simulateCohort(stack.url, batch.programme, stack.deps.catalog, batch.links, seededRandom(14));
    const responses = await stack.deps.responses.listCohortResponses(PROGRAMME, 'cluj-simulated');
    const instrument = stack.deps.catalog.instruments.get(CONFIDENCE);
    if (instrument === undefined) throw new Error('no instrument');
    const score = (answers: Readonly<Record<string, string>> | undefined): number | null =>
      answers === undefined ? null : scoreInstrument(instrument, answers).score;
    const shifts: number[] = [];
    for (const response of responses.filter((candidate) => candidate.wave === 'post')) {
      expect(Object.keys(response.then ?? {})).toEqual([CONFIDENCE]);
      const before = responses.find(
        (candidate) =>
          candidate.wave === 'pre' &&
          candidate.participant === response.participant &&
          candidate.session === response.session,
      );
      const then = score(response.then?.[CONFIDENCE]);
      const pre = score(before?.answers[CONFIDENCE]);
      if (then !== null && pre !== null) shifts.push(then - pre);
    }
    expect(shifts.length).toBeGreaterThan(50);
    // Response shift: on average the then-test lies below the pre-test, by less than one item's step.
    const mean = shifts.reduce((sum, shift) => sum + shift, 0) / shifts.length;
    expect(mean).toBeLessThan(0);
    expect(mean).toBeGreaterThan(-4);
  });
});
