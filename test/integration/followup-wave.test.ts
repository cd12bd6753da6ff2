/**
 * A session's follow-up wave, months after its post wave, end to end against the embedded
 * DynamoDB: its own link per participant, its own window (not open yet: a neutral 410), its page
 * named by when it comes, a submission stored at its own wave, drafts, erasure of every wave,
 * and the export that `prepost import` reads back. Dones Mentores asks again six months after
 * the end of its mentoring cycle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { parseCsv } from '#core/csv.ts';
import { readImportCsv } from '#core/import-csv.ts';
import type { IndicatorRow, LinkTarget, StoredResponse } from '#core/model.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { exportResponses } from '#use-cases/export-responses.ts';
import { importResponses } from '#use-cases/import-responses.ts';
import { addCohort } from '#use-cases/manage-cohorts.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { answerAll, startTestStack, storedWave } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const SESSION = 'mentoring-cycle';
/** Every wave open now, the follow-up included (a cohort whose six months have passed). */
const OPEN = 'vic-2027';
/** The follow-up at its default: six months after the post window closes, not open yet. */
const LATER = 'berga-2027';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let open: IssuedLink[];
let later: IssuedLink[];

function day(offset: number): string {
  return new Date(stack.deps.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
}

function linkOf(links: readonly IssuedLink[], number: number, wave: IssuedLink['wave']): IssuedLink {
  const found = links.find((link) => link.number === number && link.wave === wave);
  if (found === undefined) throw new Error(`no ${wave} link for ${number}`);
  return found;
}

function targetOf(link: IssuedLink, cohort = OPEN): LinkTarget {
  return { programme: PROGRAMME, cohort, participant: link.participant, session: link.session, wave: link.wave };
}

async function answer(link: IssuedLink, cohort: string, pick: number): Promise<Response> {
  const context = await storedWave(stack.deps, PROGRAMME, cohort, SESSION, link.wave);
  return fetch(`${stack.url}/s/${link.code}`, {
    method: 'POST',
    headers: FORM,
    body: answerAll(context, stack.deps.catalog, pick).toString(),
    redirect: 'manual',
  });
}

beforeAll(async () => {
  stack = await startTestStack();
  const now = { opens: day(-1), closes: day(60) };
  await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, {
    id: OPEN,
    name: 'Vic 2027',
    windows: { [`${SESSION}:pre`]: now, [`${SESSION}:post`]: now, [`${SESSION}:followup`]: now },
  });
  await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, {
    id: LATER,
    name: 'Berga 2027',
    windows: { [`${SESSION}:pre`]: now, [`${SESSION}:post`]: now },
  });
  ({ links: open } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, OPEN, 3, { language: 'en' }));
  ({ links: later } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, LATER, 1));
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a follow-up wave', () => {
  it('gives each participant a third link, its own, besides the start and the end', () => {
    expect(open).toHaveLength(3 * 3);
    for (const number of [1, 2, 3])
      expect(open.filter((link) => link.number === number).map((link) => link.wave)).toEqual([
        'pre',
        'post',
        'followup',
      ]);
    expect(new Set(open.map((link) => link.code)).size).toBe(open.length);
  });

  it('opens on its own window: before its day, its link says it is not open, in the programme language', async () => {
    const window = (await stack.deps.cohorts.getCohort(PROGRAMME, LATER))?.cohort.windows[`${SESSION}:followup`];
    expect(window?.opens).toBeDefined();
    expect(window?.opens && window.opens > day(180)).toBe(true);
    const page = await fetch(`${stack.url}/s/${linkOf(later, 1, 'followup').code}`);
    expect(page.status).toBe(410);
    expect(page.headers.get('cache-control')).toBe('no-store');
    // Its start and end links are open meanwhile.
    expect((await fetch(`${stack.url}/s/${linkOf(later, 1, 'pre').code}`)).status).toBe(200);
    // Nothing is taken before it opens.
    expect((await answer(linkOf(later, 1, 'followup'), LATER, 0)).status).toBe(410);
    expect(await stack.deps.responses.getResponse(targetOf(linkOf(later, 1, 'followup'), LATER))).toBeUndefined();
  });

  it('names the wave by when it comes on its page, in each language of the programme', async () => {
    const code = linkOf(open, 1, 'followup').code;
    const words = {
      ca: 'Cicle de mentoria · 6 mesos després del final',
      es: 'Ciclo de mentoría · 6 meses después del final',
      en: 'Mentoring cycle · 6 months after the end',
    };
    for (const [language, heading] of Object.entries(words)) {
      const page = await fetch(`${stack.url}/s/${code}?lang=${language}`);
      expect(page.status).toBe(200);
      expect(await page.text(), language).toContain(heading);
    }
  });

  it('stores an answer at its own wave, beside the start and the end, once', async () => {
    for (const wave of ['pre', 'post', 'followup'] as const)
      expect((await answer(linkOf(open, 1, wave), OPEN, wave === 'pre' ? 0 : 2)).status, wave).toBe(303);
    const stored = await stack.deps.responses.getResponse(targetOf(linkOf(open, 1, 'followup')));
    expect(stored?.wave).toBe('followup');
    expect(stored?.session).toBe(SESSION);
    expect(Object.keys(stored?.answers ?? {}).sort()).toEqual([
      'general-self-efficacy',
      'mood',
      'personal-safety',
      'rosenberg-self-esteem',
      'ucla-loneliness-3',
    ]);
    // The same link again: the thank-you page, nothing new.
    const again = await answer(linkOf(open, 1, 'followup'), OPEN, 0);
    expect(again.status).toBe(303);
    expect((await stack.deps.responses.getResponse(targetOf(linkOf(open, 1, 'followup'))))?.receipt).toBe(
      stored?.receipt,
    );
    const waves = (await stack.deps.responses.listCohortResponses(PROGRAMME, OPEN)).map((response) => response.wave);
    expect(waves.sort()).toEqual(['followup', 'post', 'pre']);
  });

  it('reads follow-up answers into the follow-up keys only: the pre-post figures stay as they were', async () => {
    const programme = await loadProgramme(stack.deps, PROGRAMME);
    const responses = await stack.deps.responses.listCohortResponses(PROGRAMME, OPEN);
    const without = responses.filter((response: StoredResponse) => response.wave !== 'followup');
    expect(without.length).toBeLessThan(responses.length);
    const followupKeys = /followup|sustained|all_waves/;
    const prePost = (rows: readonly IndicatorRow[]): unknown[] =>
      rows.map((row) => ({
        ...row,
        indicators: Object.fromEntries(Object.entries(row.indicators).filter(([key]) => !followupKeys.test(key))),
      }));
    const withFollowups = computeCohortIndicators(programme, stack.deps.catalog, OPEN, responses);
    const withoutFollowups = computeCohortIndicators(programme, stack.deps.catalog, OPEN, without);
    expect(prePost(withFollowups)).toEqual(prePost(withoutFollowups));
    // The follow-up answered is counted where its instruments are, and nowhere without it.
    expect(withFollowups.some((row) => (row.indicators.n_followup ?? 0) > 0)).toBe(true);
    expect(withoutFollowups.every((row) => (row.indicators.n_followup ?? 0) === 0)).toBe(true);
  });

  it('keeps a draft at its own wave, and erasure removes the follow-up with every other wave', async () => {
    const followup = targetOf(linkOf(open, 2, 'followup'));
    expect((await answer(linkOf(open, 2, 'pre'), OPEN, 1)).status).toBe(303);
    const draft = {
      step: 1,
      fields: { consent: 'x' },
      language: 'ca',
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
    };
    expect(await stack.deps.responses.saveDraft(followup, draft)).toBe('saved');
    expect((await stack.deps.responses.getWaveRecord(followup)).kind).toBe('draft');
    const report = await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, OPEN, followup.participant);
    expect(report).toMatchObject({ found: true, responses: 1, links: 3 });
    for (const wave of ['pre', 'post', 'followup'] as const)
      expect((await stack.deps.responses.getWaveRecord({ ...followup, wave })).kind, wave).toBe('withdrawn');
    // Its follow-up link leads nowhere now, like the others.
    expect((await fetch(`${stack.url}/s/${linkOf(open, 2, 'followup').code}`)).status).toBe(410);
  });

  it('exports its rows with wave followup, and an import of the export finds every row already present', async () => {
    const { csv, rows } = await exportResponses(stack.deps, SYSTEM_ACTOR, PROGRAMME, OPEN);
    const table = parseCsv(csv);
    expect(rows).toBe(3);
    expect(
      table
        .slice(1)
        .map((row) => row[2])
        .sort(),
    ).toEqual(['followup', 'post', 'pre']);
    const programme = await loadProgramme(stack.deps, PROGRAMME);
    expect(readImportCsv(csv, programme, OPEN, stack.deps.catalog).problems).toEqual([]);
    const again = await importResponses(stack.deps, SYSTEM_ACTOR, PROGRAMME, OPEN, csv, { dryRun: false });
    expect(again).toMatchObject({ imported: [], problems: [] });
    expect(again.present).toHaveLength(3);
  });

  it('imports a follow-up given on paper, stored as the web stores it', async () => {
    const link = linkOf(open, 3, 'followup');
    const header = 'participant,session,wave,consent,mood.mood-last-week';
    const report = await importResponses(
      stack.deps,
      SYSTEM_ACTOR,
      PROGRAMME,
      OPEN,
      `${header}\n${link.participant},${SESSION},followup,yes,4\n`,
      { dryRun: false },
    );
    expect(report).toMatchObject({ imported: [2], problems: [] });
    const stored = await stack.deps.responses.getResponse(targetOf(link));
    expect(stored?.wave).toBe('followup');
    expect(stored?.answers.mood).toEqual({ 'mood-last-week': 'good' });
  });
});
