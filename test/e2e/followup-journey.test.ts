/**
 * A follow-up questionnaire in real Chromium at phone width, months after the mentoring cycle:
 * the page names the wave by when it comes ("6 mesos després del final"), the whole form works
 * with JavaScript off as with it on, the answer is stored at its own wave, nothing is left in the
 * browser, and axe finds nothing serious on its first screen. Dones Mentores asks again six
 * months after the end of its cycle; the seed cohort's follow-up is opened today for the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { changeCohort } from '#use-cases/manage-cohorts.ts';
import { AXE_CONTEXT, describeFindings, scanPage, seriousOrCritical } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import { WORDS, browserTraces, expectedAnswers, walkSurvey } from '../support/survey-walk.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const SESSION = 'mentoring-cycle';
const PHONE = { width: 360, height: 740 };
const NO_TRACES = { cookie: '', localStorage: 0, sessionStorage: 0, indexedDb: 0, cacheStorage: 0, serviceWorkers: 0 };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let links: IssuedLink[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  const today = stack.deps.clock.now().toISOString().slice(0, 10);
  const post = (await stack.deps.cohorts.getCohort(PROGRAMME, COHORT))?.cohort.windows[`${SESSION}:post`];
  await changeCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, {
    windows: { [`${SESSION}:followup`]: { opens: today, closes: post?.closes ?? today } },
  });
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 3));
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.stop();
});

function followupOf(number: number): IssuedLink {
  const link = links.find((candidate) => candidate.number === number && candidate.wave === 'followup');
  if (link === undefined) throw new Error(`no follow-up link for ${number}`);
  return link;
}

describe('a follow-up questionnaire on a phone', () => {
  for (const javaScriptEnabled of [false, true])
    it(`is named by when it comes, answered to the end, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const link = followupOf(javaScriptEnabled ? 1 : 2);
      const context = await browser.newContext({ viewport: PHONE, locale: 'ca-ES', javaScriptEnabled });
      contexts.push(context);
      const page = await context.newPage();
      const response = await page.goto(`${stack.url}/s/${link.code}`);
      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe('ca');
      expect(await page.title()).toBe(WORDS.ca.title);
      expect(await page.locator('main h1').innerText()).toContain('Cicle de mentoria · 6 mesos després del final');
      const walk = await walkSurvey(page, 'ca');
      expect(walk.thanksStatus).toBe(200);
      expect(await page.locator('main h1').innerText()).toBe(WORDS.ca.thanks);
      const stored = await stack.deps.responses.getResponse({
        programme: PROGRAMME,
        cohort: COHORT,
        participant: link.participant,
        session: SESSION,
        wave: 'followup',
      });
      if (stored === undefined) throw new Error('follow-up not stored');
      const expected = expectedAnswers(walk.fields);
      expect(stored.answers).toEqual(expected.answers);
      // The follow-up asks no about-you questions: those were asked at the start.
      expect(stored.groups).toEqual({});
      expect(await context.cookies()).toEqual([]);
      expect(await browserTraces(page)).toEqual(NO_TRACES);
    }, 120_000);

  it('has no serious or critical axe finding on its first screen, in Spanish', async () => {
    const context = await browser.newContext({ ...AXE_CONTEXT, viewport: PHONE, locale: 'es-ES' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}/s/${followupOf(3).code}?lang=es`);
    expect(await page.locator('main h1').innerText()).toContain('Ciclo de mentoría · 6 meses después del final');
    const findings = seriousOrCritical(await scanPage(page, 'followup-es'));
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 60_000);
});
