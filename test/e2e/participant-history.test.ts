/**
 * Issue 8 in real Chromium at phone width, where a participant would notice: the browser's own
 * history and reload button, a language switched mid-way, a tab closed or a signal lost, and the
 * Shift shortcut mentioned only where it works. Each journey runs on Dones Mentores (quick exit,
 * Catalan, Spanish, English) with a fresh link and a fresh browser profile.
 *
 * - After "Exit this page" (button or Shift x3, JavaScript on), Back as far as it goes never
 *   shows the questionnaire: the whole questionnaire is one history entry, replaced by the exit.
 * - Reload and Back on any screen, with JavaScript off (post/redirect/get) and on (screens
 *   swapped in place), never resubmit a form, never show an error page, never lose an answer
 *   sent, and never store a response twice.
 * - Switching language on a screen keeps the step, the answers ticked on it and the consent.
 * - Reopening the link (same profile or a fresh one) continues where the participant stopped; a
 *   lost connection keeps the page and its answers, with a message, and Continue works again
 *   once the signal is back.
 * - With JavaScript off no page mentions Shift, and the consent screen says how to leave no trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { createLinks } from '#use-cases/create-links.ts';
import { EXIT_URL } from '#web/participant-page.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import {
  NEUTRAL_BODY,
  NEUTRAL_SITE,
  SCREEN_TIMEOUT,
  WORDS,
  checkedAnswers,
  currentStep,
  followTo,
  serveNeutralSite,
  walkSurvey,
  type PageLanguage,
} from '../support/survey-walk.ts';
import type { LinkTarget } from '#core/model.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PHONE = { width: 360, height: 740 };
const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const SESSION = 'mentoring-cycle';
/** The page open in the tab before the participant follows their link. */
const START = 'https://start.test/';
const START_BODY = 'the page before';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await stack?.stop();
});

/** A new participant's pre link. */
async function newLink(): Promise<{ url: string; target: LinkTarget }> {
  const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 1);
  const link = links.find((candidate) => candidate.session === SESSION && candidate.wave === 'pre');
  if (link === undefined) throw new Error('no link');
  return {
    url: `${stack.url}/s/${link.code}`,
    target: {
      programme: PROGRAMME,
      cohort: COHORT,
      participant: link.participant,
      session: link.session,
      wave: link.wave,
    },
  };
}

/** A fresh browser profile at phone width, with the neutral site and a start page served by the test. */
async function phone(
  options: { locale?: string; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: options.locale ?? 'es-ES',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  contexts.push(context);
  context.setDefaultTimeout(SCREEN_TIMEOUT);
  await serveNeutralSite(context);
  await context.route(`${START}**`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain', body: START_BODY }),
  );
  return { context, page: await context.newPage() };
}

const lang = (page: Page): Promise<string | null> => page.getAttribute('html', 'lang');
const historyLength = (page: Page): Promise<number> => page.evaluate<number>('history.length');
const next = (page: Page, language: PageLanguage = 'es') =>
  page.getByRole('button', { name: WORDS[language].next, exact: true });
const formBack = (page: Page, language: PageLanguage = 'es') =>
  page.getByRole('button', { name: WORDS[language].back, exact: true });

/** Ticks consent and moves on to the first question screen. */
async function consent(page: Page, language: PageLanguage = 'es'): Promise<void> {
  await page.locator('input[type=checkbox][name=consent]').check();
  expect(await followTo(page, next(page, language))).toBe(200);
  expect(await currentStep(page)).toBe(1);
}

/** Ticks option `pick` (or the last one) of every question on the screen; returns what is ticked. */
async function answerScreen(page: Page, pick: number): Promise<Map<string, string>> {
  for (const group of await page.locator('main fieldset').all()) {
    const radios = group.locator('input[type=radio]');
    await radios.nth(Math.min(pick, (await radios.count()) - 1)).check();
  }
  const ticked = await checkedAnswers(page);
  expect(ticked.size).toBeGreaterThan(0);
  return ticked;
}

/** Every answer the page holds: ticked on the screen or carried in the form from other screens. */
async function answersOnPage(page: Page): Promise<Map<string, string>> {
  const carried = await page
    .locator('form#survey input[type=hidden]')
    .evaluateAll((inputs) =>
      inputs.map((input) => [input.getAttribute('name') ?? '', input.getAttribute('value') ?? ''] as const),
    );
  const all = new Map(carried.filter(([name]) => /^(a|g)\./.test(name)));
  for (const [name, value] of await checkedAnswers(page)) all.set(name, value);
  return all;
}

const union = (...maps: ReadonlyMap<string, string>[]): Map<string, string> => new Map(maps.flatMap((map) => [...map]));

/** Not Chromium's error page, nor its "Confirm Form Resubmission" (ERR_CACHE_MISS) page. */
async function expectNoErrorPage(page: Page, label: string): Promise<void> {
  expect(page.url(), label).not.toMatch(/^chrome-error:/);
  const text = await page.locator('body').innerText();
  expect(text, label).not.toMatch(/ERR_[A-Z_]+|Confirm Form Resubmission/);
}

/** A reload: a GET answered 200 with a participant page, never a form posted again. */
async function reload(page: Page, label: string): Promise<Response> {
  const posts: string[] = [];
  const onRequest = (request: { method(): string; url(): string }): void => {
    if (request.method() !== 'GET') posts.push(`${request.method()} ${request.url()}`);
  };
  page.on('request', onRequest);
  const response = await page.reload({ waitUntil: 'load' });
  page.off('request', onRequest);
  if (response === null) throw new Error(`${label}: reload had no response`);
  expect(response.request().method(), label).toBe('GET');
  expect(response.status(), label).toBe(200);
  expect(posts, label).toEqual([]);
  await expectNoErrorPage(page, label);
  return response;
}

/** What shows a questionnaire, or any of its words or answers. */
async function expectNoQuestionnaire(page: Page, surveyUrl: string, label: string): Promise<void> {
  expect(page.url(), label).not.toContain('/s/');
  expect(page.url(), label).not.toBe(surveyUrl);
  expect(await page.locator('form#survey').count(), label).toBe(0);
  expect(await page.locator('input[type=radio]').count(), label).toBe(0);
  expect(await page.locator('input[type=checkbox]').count(), label).toBe(0);
  const text = await page.locator('body').innerText();
  for (const words of [
    'Antes de empezar',
    'He leído esto y acepto participar',
    'Ciclo de mentoría',
    'Sobre ti',
    WORDS.es.title,
  ])
    expect(text, label).not.toContain(words);
}

describe('the browser history of a questionnaire, in Chromium at 360 px', () => {
  it.each(['the exit button', 'Shift pressed three times'] as const)(
    'after leaving by %s (JavaScript on), Back as far as it goes never shows the questionnaire',
    async (how) => {
      const { page } = await phone();
      const link = await newLink();
      await page.goto(START);
      const atStart = await historyLength(page);
      await page.goto(link.url);
      // What was there before, and the questionnaire.
      const entries = atStart + 1;
      expect(await historyLength(page)).toBe(entries);
      await consent(page);
      await answerScreen(page, 0);
      expect(await followTo(page, next(page))).toBe(200);
      await answerScreen(page, 1);
      expect(await followTo(page, next(page))).toBe(200);
      expect(await currentStep(page)).toBe(3);
      // Mid-answer on the fourth screen.
      await page.locator('main fieldset input[type=radio]').first().check();
      // Three screens answered in place: the questionnaire still takes one entry.
      expect(await historyLength(page)).toBe(entries);
      expect(page.url()).toContain('/s/');

      if (how === 'the exit button') await page.getByRole('link', { name: 'Salir de esta página' }).click();
      else for (let presses = 0; presses < 3; presses += 1) await page.keyboard.press('Shift');
      await page.waitForURL(NEUTRAL_SITE);
      expect(await page.locator('body').innerText()).toBe(NEUTRAL_BODY);
      // The exit replaced the questionnaire's entry.
      expect(await historyLength(page)).toBe(entries);

      const visited: string[] = [page.url()];
      for (let steps = 0; steps < 5; steps += 1) {
        await page.goBack({ waitUntil: 'load' });
        visited.push(page.url());
        await expectNoQuestionnaire(page, link.url, `after Back #${steps + 1} (${visited.join(' <- ')})`);
      }
      // Back went through the page before (and the tab's first, blank entry) and no further.
      expect(visited).toContain(START);
      expect(visited.filter((url) => url === START).length).toBe(1);
      // And Forward as far as it goes leads to the neutral site, never back into the questionnaire.
      for (let steps = 0; steps < 5; steps += 1) {
        await page.goForward({ waitUntil: 'load' });
        await expectNoQuestionnaire(page, link.url, `after Forward #${steps + 1}`);
      }
      expect(page.url()).toBe(EXIT_URL);
      expect(await page.locator('body').innerText()).toBe(NEUTRAL_BODY);
    },
  );

  it.each([
    { javaScript: false, how: 'post/redirect/get' },
    { javaScript: true, how: 'screens swapped in place' },
  ])(
    'reload and Back on every screen, JavaScript $javaScript ($how): no resubmission, no error page, no answer lost, ' +
      'one response',
    async ({ javaScript }) => {
      const { page } = await phone({ javaScriptEnabled: javaScript });
      const link = await newLink();
      await page.goto(START);
      const entries = (await historyLength(page)) + 1;
      const first = await page.goto(link.url);
      expect(first?.status()).toBe(200);
      await consent(page);

      // Screen 2 reloaded: the same screen, consent still given.
      await reload(page, 'reload on screen 2');
      expect(await currentStep(page)).toBe(1);
      expect(await lang(page)).toBe('es');
      const aboutYou = await answerScreen(page, 0);
      expect(await followTo(page, next(page))).toBe(200);
      expect(await currentStep(page)).toBe(2);

      // Screen 3 reloaded before answering it: the same screen, screen 2's answers carried.
      await reload(page, 'reload on screen 3');
      expect(await currentStep(page)).toBe(2);
      expect(await answersOnPage(page)).toEqual(aboutYou);
      const selfEsteem = await answerScreen(page, 1);
      expect(await followTo(page, next(page))).toBe(200);
      expect(await currentStep(page)).toBe(3);

      // Back to screen 3 with the form's Back, then reload: its answers ticked.
      expect(await followTo(page, formBack(page))).toBe(200);
      expect(await currentStep(page)).toBe(2);
      expect(await checkedAnswers(page)).toEqual(selfEsteem);
      await reload(page, 'reload on screen 3, answered');
      expect(await currentStep(page)).toBe(2);
      expect(await checkedAnswers(page)).toEqual(selfEsteem);
      expect(await answersOnPage(page)).toEqual(union(aboutYou, selfEsteem));

      // Back to screen 2, then reload: its answers ticked.
      expect(await followTo(page, formBack(page))).toBe(200);
      expect(await currentStep(page)).toBe(1);
      expect(await checkedAnswers(page)).toEqual(aboutYou);
      await reload(page, 'reload on screen 2, answered');
      expect(await currentStep(page)).toBe(1);
      expect(await checkedAnswers(page)).toEqual(aboutYou);
      expect(await answersOnPage(page)).toEqual(union(aboutYou, selfEsteem));
      if (javaScript) expect(await historyLength(page)).toBe(entries);

      // The browser's Back: the previous entry, never an error page nor a form posted again.
      const response = await page.goBack({ waitUntil: 'load' });
      await expectNoErrorPage(page, 'browser Back');
      if (response !== null) {
        expect(response.request().method()).toBe('GET');
        expect(response.status()).toBe(200);
      }
      if (javaScript) {
        // The whole questionnaire is one entry: Back leaves it. On a programme with quick exit a
        // questionnaire reached through history exits at once (it may be an earlier visit after
        // an exit), so Forward lands on the neutral site; opening the link again resumes.
        expect(page.url()).toBe(START);
        const forward = await page.goForward({ waitUntil: 'load' });
        expect(forward?.request().method()).toBe('GET');
        expect(forward?.status()).toBe(200);
        await page.waitForURL(NEUTRAL_SITE);
        await expectNoQuestionnaire(page, link.url, 'browser Forward');
        expect((await page.goto(link.url))?.status()).toBe(200);
      }
      // Every entry of the questionnaire shows where the participant is, with the answers given.
      expect(page.url()).toContain('/s/');
      expect(await currentStep(page)).toBe(1);
      expect(await answersOnPage(page)).toEqual(union(aboutYou, selfEsteem));

      // On to the end from there.
      const walk = await walkSurvey(page, 'es', { pick: (n, count) => (n + 1) % count });
      expect(walk.thanksStatus).toBe(200);
      const receipt = await page.locator('main strong').innerText();
      expect(receipt.length).toBeGreaterThan(4);
      await reload(page, 'reload on the thank-you page');
      expect(await page.locator('main h1').innerText()).toBe(WORDS.es.thanks);
      expect(await page.locator('main strong').innerText()).toBe(receipt);
      const back = await page.goBack({ waitUntil: 'load' });
      await expectNoErrorPage(page, 'browser Back from the thank-you page');
      if (back !== null) expect(back.request().method()).toBe('GET');
      if (page.url().includes('/s/')) {
        expect(back?.status() ?? 200).toBe(200);
        expect(await page.locator('main strong').innerText()).toBe(receipt);
        expect(await page.locator('form#survey').count()).toBe(0);
      } else {
        // The page before (the start page, or the neutral site that replaced the questionnaire
        // reached by Forward above).
        await expectNoQuestionnaire(page, link.url, 'browser Back from the thank-you page');
      }

      const stored = await stack.deps.responses.getResponse(link.target);
      expect(stored?.receipt).toBe(receipt);
      const mine = (await stack.deps.responses.listCohortResponses(PROGRAMME, COHORT)).filter(
        (candidate) => candidate.participant === link.target.participant,
      );
      expect(mine.length).toBe(1);
    },
  );

  it.each([{ javaScript: false }, { javaScript: true }])(
    'switching language mid-way keeps the step, the answers ticked and the consent (JavaScript $javaScript)',
    async ({ javaScript }) => {
      const { page } = await phone({ javaScriptEnabled: javaScript });
      const link = await newLink();
      await page.goto(START);
      const entries = (await historyLength(page)) + 1;
      await page.goto(link.url);
      expect(await lang(page)).toBe('es');
      await consent(page);
      // Ticked, not sent: the language buttons belong to the form.
      const aboutYou = await answerScreen(page, 1);
      expect(
        await followTo(page, page.getByRole('navigation').getByRole('button', { name: WORDS.ca.name, exact: true })),
      ).toBe(200);
      expect(await lang(page)).toBe('ca');
      expect(await page.title()).toBe(WORDS.ca.title);
      expect(page.url()).toMatch(/\?lang=ca$/);
      expect(await currentStep(page)).toBe(1);
      expect(await checkedAnswers(page)).toEqual(aboutYou);
      expect(await page.locator('main h2').first().innerText()).toBe('Sobre tu');

      // Continuing does not ask for consent again.
      expect(await followTo(page, next(page, 'ca'))).toBe(200);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(await currentStep(page)).toBe(2);
      expect(await lang(page)).toBe('ca');

      // And once more, to English, on an instrument's screen.
      const selfEsteem = await answerScreen(page, 2);
      expect(
        await followTo(page, page.getByRole('navigation').getByRole('button', { name: WORDS.en.name, exact: true })),
      ).toBe(200);
      expect(await lang(page)).toBe('en');
      expect(await currentStep(page)).toBe(2);
      expect(await checkedAnswers(page)).toEqual(selfEsteem);
      expect(await answersOnPage(page)).toEqual(union(aboutYou, selfEsteem));
      expect(await followTo(page, formBack(page, 'en'))).toBe(200);
      expect(await currentStep(page)).toBe(1);
      expect(await lang(page)).toBe('en');
      expect(await checkedAnswers(page)).toEqual(aboutYou);
      if (javaScript) expect(await historyLength(page)).toBe(entries);
    },
  );

  it(
    'reopening the link, in the same browser or a fresh one, continues where the participant stopped; a lost ' +
      'connection keeps the page',
    async () => {
      const { context, page } = await phone();
      const link = await newLink();
      await page.goto(link.url);
      await consent(page);
      const aboutYou = await answerScreen(page, 0);
      expect(await followTo(page, next(page))).toBe(200);
      const selfEsteem = await answerScreen(page, 2);
      expect(await followTo(page, next(page))).toBe(200);
      expect(await currentStep(page)).toBe(3);
      await page.close();

      // Another tab of the same browser.
      const again = await context.newPage();
      expect((await again.goto(link.url))?.status()).toBe(200);
      expect(await currentStep(again)).toBe(3);
      expect(await lang(again)).toBe('es');
      expect(await answersOnPage(again)).toEqual(union(aboutYou, selfEsteem));
      await again.close();

      // A fresh browser (the SMS link opened again), whose language is not the one chosen.
      const fresh = await phone({ locale: 'en-GB' });
      const page2 = fresh.page;
      expect((await page2.goto(link.url))?.status()).toBe(200);
      expect(await currentStep(page2)).toBe(3);
      expect(await lang(page2)).toBe('es');
      expect(await answersOnPage(page2)).toEqual(union(aboutYou, selfEsteem));
      expect(await followTo(page2, formBack(page2))).toBe(200);
      expect(await checkedAnswers(page2)).toEqual(selfEsteem);
      expect(await followTo(page2, next(page2))).toBe(200);
      expect(await currentStep(page2)).toBe(3);

      // The signal goes mid-way: Continue keeps the page and its answers, and says so.
      const mood = await answerScreen(page2, 1);
      const urlBefore = page2.url();
      await fresh.context.setOffline(true);
      await next(page2).click();
      const offline = page2.locator('main #offline');
      await offline.waitFor({ state: 'visible' });
      const expected = await page2.locator('main').getAttribute('data-offline');
      expect(expected).toMatch(/^Sin conexión\. Tus respuestas siguen aquí/);
      expect(await offline.innerText()).toBe(expected);
      expect(await offline.getAttribute('role')).toBe('alert');
      expect(page2.url()).toBe(urlBefore);
      expect(await currentStep(page2)).toBe(3);
      expect(await checkedAnswers(page2)).toEqual(mood);
      // A second tap while still offline: still one message, still the answers.
      const failed = page2.waitForEvent('requestfailed');
      await next(page2).click();
      await failed;
      // The script handles the failure in a task after it; one more round trip sees what it did.
      await page2.evaluate('new Promise((resolve) => setTimeout(resolve, 0))');
      expect(await offline.count()).toBe(1);
      expect(await currentStep(page2)).toBe(3);
      expect(await checkedAnswers(page2)).toEqual(mood);

      // Back online: Continue moves on, and the answers of that screen were sent.
      await fresh.context.setOffline(false);
      expect(await followTo(page2, next(page2))).toBe(200);
      expect(await currentStep(page2)).toBe(4);
      expect(await page2.locator('main #offline').count()).toBe(0);
      expect(await answersOnPage(page2)).toEqual(union(aboutYou, selfEsteem, mood));
    },
  );

  /** The visible text of the page (hidden elements excluded). */
  const visibleText = (page: Page): Promise<string> => page.locator('body').innerText();
  /** How each language names the Shift key, in the exit hint and anywhere else. */
  const SHIFT = /shift|mayús|\bmaj\b/i;
  const NO_TRACE: Readonly<Record<'ca' | 'es' | 'en', RegExp[]>> = {
    en: [/private \(incognito\) window/, /clear the browser history/],
    es: [/ventana privada \(incógnito\)/, /borra el historial del navegador/],
    ca: [/finestra privada \(incògnit\)/, /esborra l’historial del navegador/],
  };

  it.each(['ca', 'es', 'en'] as const)(
    'with JavaScript off no page mentions the Shift shortcut, and consent says how to leave no trace (%s)',
    async (language) => {
      const { page } = await phone({ javaScriptEnabled: false, locale: `${language}-ES` });
      const link = await newLink();
      await page.goto(link.url);
      expect(await lang(page)).toBe(language);
      const consentText = await visibleText(page);
      for (const advice of NO_TRACE[language]) expect(consentText).toMatch(advice);
      expect(await page.locator('#exit-hint').isVisible()).toBe(false);
      const screens: string[] = [];
      const texts: string[] = [consentText];
      await walkSurvey(page, language, {
        afterAnswer: async (current, screen) => {
          screens.push(screen.heading);
          if (screen.index > 0) texts.push(await visibleText(current));
        },
      });
      texts.push(await visibleText(page));
      expect(texts.length).toBe(screens.length + 1);
      const mentions = texts.flatMap((text, index) => {
        const at = text.search(SHIFT);
        const where = index === texts.length - 1 ? 'thank-you page' : `screen ${index + 1} (${screens[index]})`;
        return at < 0 ? [] : [`${where}: …${text.slice(Math.max(0, at - 80), at + 40)}…`];
      });
      expect(mentions).toEqual([]);
    },
  );

  it('with JavaScript on the exit hint names the Shift shortcut, on every kind of screen', async () => {
    const { page } = await phone({ locale: 'en-GB' });
    const link = await newLink();
    await page.goto(link.url);
    expect(await lang(page)).toBe('en');
    const hint = page.locator('#exit-hint');
    await hint.waitFor({ state: 'visible' });
    expect(await hint.innerText()).toBe('or press Shift three times');
    await consent(page, 'en');
    // Swapped in place: the new screen's hint is revealed too.
    await hint.waitFor({ state: 'visible' });
    expect(await hint.innerText()).toBe('or press Shift three times');
  });
});

describe('the exit control while a screen is on its way (JavaScript on, weak data)', () => {
  it(
    'a screen that arrives after Exit was pressed never ' +
      'comes back on the blanked page, and the exit still happens',
    async () => {
      const { context, page } = await phone();
      const link = await newLink();
      // What the survey document shows, and when the page's script has read a fetched screen (the
      // task after the body is read runs after whatever the script does with it).
      const shown: string[] = [];
      let bodiesRead = 0;
      let onBodyRead: () => void = () => undefined;
      await page.exposeBinding('reportShown', (_source, html: string) => shown.push(html));
      await page.exposeBinding('reportBodyRead', () => {
        bodiesRead += 1;
        onBodyRead();
      });
      await page.addInitScript(`(() => {
      const text = Response.prototype.text;
      Response.prototype.text = function () {
        return text.call(this).then((body) => { setTimeout(() => reportBodyRead(), 0); return body; });
      };
    })()`);
      await page.goto(START);
      await page.goto(link.url);
      await consent(page);
      await answerScreen(page, 0);

      // The next screen and the neutral site are both slow to come; the test lets each through.
      let releaseScreen: () => void = () => undefined;
      const screenHeld = new Promise<void>((resolve) => (releaseScreen = resolve));
      await page.route(`${stack.url}/s/**`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        await screenHeld;
        return route.continue();
      });
      let releaseNeutral: () => void = () => undefined;
      const neutralHeld = new Promise<void>((resolve) => (releaseNeutral = resolve));
      await context.unroute(NEUTRAL_SITE);
      await context.route(NEUTRAL_SITE, async (route) => {
        await neutralHeld;
        await route.fulfill({ status: 200, contentType: 'text/plain', body: NEUTRAL_BODY });
      });
      try {
        await page.evaluate(
          `new MutationObserver(() => reportShown(document.body ? document.body.innerHTML : ` +
            `'')).observe(document.documentElement, { childList: true, subtree: true })`,
        );
        await next(page).click();
        // The exit link clicked from the page (a Playwright click would wait for the held navigation).
        await page.evaluate(`document.getElementById('exit').click()`);
        await expect.poll(() => shown.includes('')).toBe(true);
        // The screen that was on its way arrives while the neutral site is still loading.
        const read = bodiesRead;
        const screenRead = new Promise<void>((resolve) => (onBodyRead = () => bodiesRead > read && resolve()));
        releaseScreen();
        await screenRead;
        const cameBack = shown.slice(shown.indexOf('')).filter((html) => html !== '');
        // The neutral site arrives: the exit still happens.
        releaseNeutral();
        const left = await page.waitForURL(NEUTRAL_SITE, { timeout: SCREEN_TIMEOUT }).then(
          () => 'left',
          () => `still at ${page.url()}`,
        );
        expect({ cameBack: cameBack.map((html) => html.slice(0, 160)), left }).toEqual({ cameBack: [], left: 'left' });
        expect(await page.locator('body').innerText()).toBe(NEUTRAL_BODY);
        await page.goBack({ waitUntil: 'load' });
        await expectNoQuestionnaire(page, link.url, 'Back after the exit');
      } finally {
        releaseScreen();
        releaseNeutral();
      }
    },
  );
});

describe('Enter in the questionnaire', () => {
  it.each([true, false])(
    'moves on, as the forward button does, never pressing a language button (JavaScript %s)',
    async (javaScriptEnabled) => {
      const { page } = await phone({ javaScriptEnabled });
      const link = await newLink();
      await page.goto(link.url);
      const language = await lang(page);
      await page.locator('input[type=checkbox][name=consent]').check();
      expect(await followTo(page, () => page.locator('input[type=checkbox][name=consent]').press('Enter'))).toBe(200);
      expect(await currentStep(page)).toBe(1);
      expect(await lang(page)).toBe(language);
      await answerScreen(page, 1);
      expect(await followTo(page, () => page.locator('main input[type=radio]:checked').first().press('Enter'))).toBe(
        200,
      );
      expect(await currentStep(page)).toBe(2);
      expect(await lang(page)).toBe(language);
    },
  );
});

describe('a link opened twice in the same tab (a chat app that reuses its tab)', () => {
  it('after Exit, Back to the earlier visit exits again instead of showing the questionnaire', async () => {
    const { page } = await phone();
    const link = await newLink();
    await page.goto(START);
    await page.goto(link.url);
    await consent(page);
    await answerScreen(page, 0);
    expect(await followTo(page, next(page))).toBe(200);
    // The participant opens the link again from the chat, in the same tab: a second entry.
    await page.goto(START);
    await page.goto(link.url);
    expect(await currentStep(page)).toBe(2);
    await page.getByRole('link', { name: 'Salir de esta página' }).click();
    await page.waitForURL(NEUTRAL_SITE);
    const visited: string[] = [page.url()];
    for (let steps = 0; steps < 6; steps += 1) {
      await page.goBack({ waitUntil: 'load' });
      // A questionnaire page reached by Back leaves at once for the neutral site.
      if (page.url().includes('/s/')) await page.waitForURL(NEUTRAL_SITE);
      visited.push(page.url());
      await expectNoQuestionnaire(page, link.url, `after Back #${steps + 1} (${visited.join(' <- ')})`);
    }
    expect(visited).toContain(START);
  });
});
