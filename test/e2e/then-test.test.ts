/**
 * A then-test in real Chromium at phone width: a MigrantVoicesHeard participant answers a post
 * wave, the confidence questions and then, on the next screen, the same questions again under the
 * prompt ("Think back to just before this training started ..."). With JavaScript off (the form
 * alone, post/redirect/get) the answers land in the response, the then-test apart in `then`; with
 * it on, in Romanian, the then-test screen has no accessibility finding of any impact and nothing
 * wider than the phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { AXE_CONTEXT, describeFindings, scanPage, type AxeFinding } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import { expectedAnswers, serveNeutralSite, walkSurvey } from '../support/survey-walk.ts';

const PHONE = { width: 360, height: 740 };
const PROGRAMME = 'migrant-voices-heard';
const COHORT = 'cluj-2021';
const CONFIDENCE = 'participation-confidence';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let links: IssuedLink[];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 2));
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The post link of the `nth` participant for a session. */
function postLink(nth: number, session: string): IssuedLink {
  const participant = [...new Set(links.map((link) => link.participant))][nth];
  const link = links.find((one) => one.participant === participant && one.session === session && one.wave === 'post');
  if (link === undefined) throw new Error(`no post link ${nth} ${session}`);
  return link;
}

const targetOf = (link: IssuedLink) => ({
  programme: PROGRAMME,
  cohort: COHORT,
  participant: link.participant,
  session: link.session,
  wave: link.wave,
});

describe('a then-test in Chromium at 360 px', () => {
  it('is answered with JavaScript off, on its own screen under the prompt, and stored apart', async () => {
    const link = postLink(0, 'advocacy');
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-GB', javaScriptEnabled: false });
    try {
      await serveNeutralSite(context);
      const page = await context.newPage();
      await page.goto(`${stack.url}/s/${link.code}`);
      const walk = await walkSurvey(page, 'en', { pick: (n, count) => (n * 3) % count });
      expect(walk.thanksStatus).toBe(200);
      expect(walk.screens.map((screen) => screen.heading)).toEqual([
        'Before you start',
        expect.any(String),
        'Having your say in decisions',
        'Think back to just before this training started. How confident were you then that you could do each of ' +
          'the following?',
      ]);
      const expected = expectedAnswers(walk.fields);
      expect(Object.keys(expected.thenTest[CONFIDENCE] ?? {})).toHaveLength(4);
      const stored = await stack.deps.responses.getResponse(targetOf(link));
      expect(stored?.answers).toEqual(expected.answers);
      expect(stored?.then).toEqual(expected.thenTest);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('has no accessibility finding and fits the phone, in Romanian with JavaScript on', async () => {
    const link = postLink(1, 'legal-system');
    const context = await browser.newContext({ ...AXE_CONTEXT, viewport: PHONE, locale: 'ro-RO' });
    const findings: AxeFinding[] = [];
    let seen = false;
    try {
      await serveNeutralSite(context);
      const page = await context.newPage();
      await page.goto(`${stack.url}/s/${link.code}`);
      const walk = await walkSurvey(page, 'ro', {
        beforeAnswer: async (current: Page, screen) => {
          if (!screen.heading.startsWith('Gândiți-vă la cum era chiar înainte')) return;
          seen = true;
          expect(await current.locator('main').innerText()).toContain('Aceleași întrebări din nou, intenționat');
          expect(await current.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
            PHONE.width,
          );
          findings.push(...(await scanPage(current, 'then-test screen, ro')));
        },
      });
      expect(walk.thanksStatus).toBe(200);
      expect(seen).toBe(true);
      expect(findings, describeFindings(findings)).toEqual([]);
      expect((await stack.deps.responses.getResponse(targetOf(link)))?.then?.[CONFIDENCE]).toEqual(
        expectedAnswers(walk.fields).thenTest[CONFIDENCE],
      );
    } finally {
      await context.close();
    }
  }, 180_000);
});
