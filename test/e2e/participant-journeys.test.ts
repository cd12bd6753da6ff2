/**
 * The participant's side of issue 5 in real Chromium, at phone width: a whole questionnaire in
 * each of the four languages, problems named at the top and at the question, the form with
 * JavaScript off, the exit control by click and by Shift pressed three times, and nothing left
 * in cookies or browser storage. Screenshots at 360 x 740 land in test-artifacts/. Shift used
 * with another key (Shift+Tab) must not count towards the exit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { EXIT_URL } from '#web/participant-page.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import {
  NEUTRAL_BODY,
  NEUTRAL_SITE,
  WORDS,
  browserTraces,
  expectedAnswers,
  followTo,
  serveNeutralSite,
  walkSurvey,
  type PageLanguage,
} from '../support/survey-walk.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PHONE = { width: 360, height: 740 };
const ARTIFACTS = 'test-artifacts';
const NO_TRACES = { cookie: '', localStorage: 0, sessionStorage: 0, indexedDb: 0, cacheStorage: 0, serviceWorkers: 0 };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
const issued = new Map<string, IssuedLink[]>();
const contexts: BrowserContext[] = [];

/** Cohort of each programme used here. */
const COHORT: Readonly<Record<string, string>> = {
  'migrant-voices-heard': 'cluj-2021',
  'justrom3-mentoring': 'iasi-2020',
  'dones-mentores': 'barcelona-2026',
};

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  for (const [programme, cohort] of Object.entries(COHORT))
    issued.set(programme, (await createLinks(stack.deps, SYSTEM_ACTOR, programme, cohort, 6)).links);
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.stop();
});

/** The link of the `nth` participant of a programme for a session's wave. */
function linkOf(
  programme: string,
  nth: number,
  session: string,
  wave: 'pre' | 'post',
): IssuedLink & { url: string; programme: string; cohort: string } {
  const participants = [...new Set((issued.get(programme) ?? []).map((link) => link.participant))];
  const link = issued
    .get(programme)
    ?.find(
      (candidate) =>
        candidate.participant === participants[nth] && candidate.session === session && candidate.wave === wave,
    );
  if (link === undefined) throw new Error(`no link ${programme} #${nth} ${session}:${wave}`);
  return { ...link, url: `${stack.url}/s/${link.code}`, programme, cohort: COHORT[programme] ?? '' };
}

/** A fresh browser profile at phone width: nothing shared with the other tests. */
async function phone(
  options: { locale?: string; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; setCookies: string[] }> {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: options.locale ?? 'en-GB',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  contexts.push(context);
  await serveNeutralSite(context);
  const page = await context.newPage();
  const setCookies: string[] = [];
  page.on('response', (response) => {
    const cookie = response.headers()['set-cookie'];
    if (cookie !== undefined) setCookies.push(`${response.url()}: ${cookie}`);
  });
  return { context, page, setCookies };
}

const lang = (page: Page): Promise<string | null> => page.getAttribute('html', 'lang');
const focused = (page: Page): Promise<{ tag: string; name: string | null; href: string | null }> =>
  page.evaluate(
    `({ tag: document.activeElement.tagName, name: document.activeElement.getAttribute('name'), href: ` +
      `document.activeElement.getAttribute('href') })`,
  );

/** Presses Tab until `target` has focus (at most 15 times): it is reachable by keyboard. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 15; presses += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === element.ownerDocument.activeElement)) return;
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

/** Clicks a form button and returns the status of the page it leads to (after any redirect or in-place swap). */
const post = (page: Page, button: Locator): Promise<number> => followTo(page, button);

interface Journey {
  readonly language: PageLanguage;
  readonly programme: string;
  readonly session: string;
  readonly wave: 'pre' | 'post';
  /** The browser's language (Accept-Language). */
  readonly locale: string;
  /** How the language is chosen. */
  readonly how: string;
  readonly heading: string;
}

const JOURNEYS: readonly Journey[] = [
  {
    language: 'en',
    programme: 'migrant-voices-heard',
    session: 'action-planning',
    wave: 'pre',
    locale: 'en-GB',
    how: 'Accept-Language',
    heading: 'Before the session',
  },
  {
    language: 'ro',
    programme: 'justrom3-mentoring',
    session: 'individual-meeting-1',
    wave: 'pre',
    locale: 'ro-RO',
    how: 'Accept-Language',
    heading: 'Întâlnire individuală 1 · Înainte de sesiune',
  },
  {
    language: 'es',
    programme: 'dones-mentores',
    session: 'mentoring-cycle',
    wave: 'post',
    locale: 'es-ES',
    how: 'Accept-Language',
    // A mentoring cycle of months ends; it is not a session one answers after.
    heading: 'Ciclo de mentoría · Al final',
  },
  {
    language: 'ca',
    programme: 'dones-mentores',
    session: 'mentoring-cycle',
    wave: 'pre',
    locale: 'es-ES',
    how: 'the language switcher, from Spanish',
    heading: "Cicle de mentoria · A l'inici",
  },
];

describe('a participant in Chromium at 360 px', () => {
  it.each(JOURNEYS)(
    'answers a whole $programme questionnaire in $language (chosen by $how) and the response is stored',
    async (journey) => {
      const { language, programme, session, wave } = journey;
      const link = linkOf(programme, 0, session, wave);
      const { context, page, setCookies } = await phone({ locale: journey.locale });
      const first = await page.goto(link.url);
      expect(first?.status()).toBe(200);
      if (journey.language === 'ca') {
        expect(await lang(page)).toBe('es');
        // On a questionnaire screen the switcher's languages are buttons of the form (answers kept).
        expect(await post(page, page.getByRole('navigation').getByRole('button', { name: WORDS.ca.name }))).toBe(200);
        await page.waitForURL(/\?lang=ca$/);
      }
      expect(await lang(page)).toBe(language);
      expect(await page.title()).toBe(WORDS[language].title);
      expect(await page.locator('main h1').innerText()).toContain(journey.heading);

      const offset = JOURNEYS.indexOf(journey);
      const walk = await walkSurvey(page, language, {
        pick: (n, count) => (n + offset) % count,
        afterAnswer: async (current, screen) => {
          if (screen.index < 2)
            await current.screenshot({ path: `${ARTIFACTS}/phone-360-${language}-screen-${screen.index + 1}.png` });
          if (screen.index === 1)
            await current.screenshot({ path: `${ARTIFACTS}/phone-360-${language}-screen-2-full.png`, fullPage: true });
        },
      });
      expect(walk.screens.length).toBeGreaterThan(2);
      expect(walk.thanksStatus).toBe(200);
      expect(await lang(page)).toBe(language);
      expect(await page.title()).toBe(WORDS[language].title);
      expect(await page.locator('main h1').innerText()).toBe(WORDS[language].thanks);
      await page.screenshot({ path: `${ARTIFACTS}/phone-360-${language}-thanks.png` });

      const stored = await stack.deps.responses.getResponse({
        programme,
        cohort: link.cohort,
        participant: link.participant,
        session,
        wave,
      });
      if (stored === undefined) throw new Error('response not stored');
      expect(stored.language).toBe(language);
      expect(stored.consentVersion).toBe(stack.deps.catalog.programmes.get(programme)?.consent.version);
      const expected = expectedAnswers(walk.fields);
      expect(stored.answers).toEqual(expected.answers);
      expect(stored.groups).toEqual(expected.groups);
      expect(await page.locator('main').innerText()).toContain(stored.receipt);

      expect(setCookies).toEqual([]);
      expect(await context.cookies()).toEqual([]);
      expect(await browserTraces(page)).toEqual(NO_TRACES);
    },
  );

  it('names every problem at the top and at the question, with links that take the keyboard to the field', async () => {
    const link = linkOf('justrom3-mentoring', 1, 'individual-meeting-1', 'pre');
    const { page } = await phone({ locale: 'ro-RO' });
    await page.goto(link.url);
    const next = page.getByRole('button', { name: WORDS.ro.next, exact: true });

    // Consent not ticked: nothing may be kept, so the screen comes back through the redirect (200) with the problem.
    const consentProblem =
      'Vă rugăm să bifați căsuța dacă sunteți de acord sau să închideți pagina dacă nu doriți să participați.';
    expect(await post(page, next)).toBe(200);
    expect(await lang(page)).toBe('ro');
    const summary = page.getByRole('alert');
    expect(await summary.getByRole('heading').innerText()).toBe('Vă rugăm să verificați aceste răspunsuri');
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([consentProblem]);
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#f-consent');
    expect(await page.locator('#f-consent .msg').innerText()).toBe(consentProblem);
    // The summary is above the form, so it is read first.
    expect(await page.locator('main > .err + form, main > .err ~ form').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/phone-360-ro-errors-consent.png` });

    // By keyboard alone: Tab to the problem, Enter follows it, the next Tab is in the field.
    await tabTo(page, summary.getByRole('link'));
    await page.keyboard.press('Enter');
    // A fragment navigation: the browser reports it after the key, so wait for it.
    await page.waitForURL((url) => url.hash === '#f-consent');
    expect(await page.locator('#f-consent').isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', name: 'consent' });
    await page.keyboard.press('Space');
    expect(await post(page, next)).toBe(200);
    expect(await page.getByRole('alert').count()).toBe(0);

    // A question screen: every question may be skipped, so the only problem left is a value
    // that is not one of the options (a crafted or corrupted post).
    const groups = page.locator('main fieldset');
    const kept = groups.nth(0).locator('input[type=radio]').nth(1);
    await kept.check();
    const keptValue = await kept.getAttribute('value');
    const crafted = groups.nth(1);
    const craftedId = await crafted.getAttribute('id');
    const craftedName = await crafted.locator('input[type=radio]').first().getAttribute('name');
    await crafted
      .locator('input[type=radio]')
      .first()
      .evaluate((input) => {
        input.setAttribute('value', 'not-an-option');
        input.click();
      });
    expect(await post(page, next)).toBe(400);
    const optionProblem = 'Vă rugăm să alegeți una dintre variante.';
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([optionProblem]);
    expect(await summary.getByRole('link').getAttribute('href')).toBe(`#${craftedId}`);
    const field = page.locator(`#${craftedId}`);
    expect(await field.locator('.msg').innerText()).toBe(optionProblem);
    // The field's message is tied to it for screen readers.
    const describedBy = await field.getAttribute('aria-describedby');
    expect(describedBy).not.toBeNull();
    expect(await page.locator(`[id="${describedBy}"]`).innerText()).toBe(optionProblem);
    // The answer given on the same screen is kept, the invalid one is not echoed back as chosen.
    expect(await page.locator(`input[type=radio][value="${keptValue}"]`).first().isChecked()).toBe(true);
    expect(await field.locator('input:checked').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/phone-360-ro-errors-option.png` });
    await page.screenshot({ path: `${ARTIFACTS}/phone-360-ro-errors-option-full.png`, fullPage: true });

    await tabTo(page, summary.getByRole('link'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === `#${craftedId}`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'INPUT', name: craftedName });
    await page.keyboard.press('Space');
    const headingBefore = await page.locator('main form h2').innerText();
    expect(await post(page, next)).toBe(200);
    expect(await page.locator('main form h2').innerText()).not.toBe(headingBefore);
    expect(
      await stack.deps.responses.getResponse({
        programme: link.programme,
        cohort: link.cohort,
        participant: link.participant,
        session: link.session,
        wave: link.wave,
      }),
    ).toBeUndefined();
  });

  it('answers a whole questionnaire with JavaScript off, and the exit control is still a plain link out', async () => {
    const link = linkOf('dones-mentores', 2, 'mentoring-cycle', 'pre');
    const { page } = await phone({ locale: 'ca-ES', javaScriptEnabled: false });
    await page.goto(link.url);
    expect(await lang(page)).toBe('ca');
    const walk = await walkSurvey(page, 'ca', {
      afterAnswer: async (current, screen) => {
        if (screen.index === 2) await current.screenshot({ path: `${ARTIFACTS}/phone-360-ca-no-javascript.png` });
      },
    });
    expect(walk.thanksStatus).toBe(200);
    expect(await page.locator('main h1').innerText()).toBe(WORDS.ca.thanks);
    const stored = await stack.deps.responses.getResponse({
      programme: link.programme,
      cohort: link.cohort,
      participant: link.participant,
      session: link.session,
      wave: link.wave,
    });
    expect(stored?.answers).toEqual(expectedAnswers(walk.fields).answers);

    const exit = page.getByRole('link', { name: 'Sortir d’aquesta pàgina' });
    expect(await exit.getAttribute('href')).toBe(EXIT_URL);
    await exit.click();
    await page.waitForURL(NEUTRAL_SITE);
    expect(page.url()).toBe(EXIT_URL);
  });

  /** Opens a Dones Mentores questionnaire after a neutral first page, as a browser with history would. */
  async function openForExit(
    nth: number,
    locale: string,
  ): Promise<{
    page: Page;
    surveyUrl: string;
    historyBefore: number;
    leaving: Promise<{ body: string; title: string }>;
  }> {
    const link = linkOf('dones-mentores', nth, 'mentoring-cycle', 'pre');
    const { context, page } = await phone({ locale });
    await context.route('https://start.test/**', (route) =>
      route.fulfill({ contentType: 'text/plain', body: 'the page before' }),
    );
    await page.goto('https://start.test/');
    await page.goto(link.url);
    const historyBefore = await page.evaluate<number>('history.length');
    // What the survey document shows once the control has acted and before the neutral site
    // replaces it: a MutationObserver reports it to the test when the page's content goes. It
    // reports on the console, not through an exposed binding: Playwright drops a binding call
    // whose document is already gone when it gets to it (the neutral site loads at once here),
    // while a console message is taken as it arrives.
    const LEAVING = 'prepost-test-leaving ';
    const leaving = new Promise<{ body: string; title: string }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the page was never blanked')), 20_000);
      page.on('console', (message) => {
        if (!message.text().startsWith(LEAVING)) return;
        clearTimeout(timer);
        resolve(JSON.parse(message.text().slice(LEAVING.length)) as { body: string; title: string });
      });
    });
    await page.evaluate(`new MutationObserver(() => {
      if (document.querySelector('main') !== null) return;
      const left = { body: document.body.innerHTML, title: document.title };
      console.log(${JSON.stringify(LEAVING)} + JSON.stringify(left));
    }).observe(document.documentElement, { childList: true, subtree: true })`);
    return { page, surveyUrl: link.url, historyBefore, leaving };
  }

  async function expectLeft(
    page: Page,
    surveyUrl: string,
    historyBefore: number,
    leaving: Promise<{ body: string; title: string }>,
    survey: { title: string; heading: string },
  ): Promise<void> {
    await page.waitForURL(NEUTRAL_SITE);
    // Blanked before the browser left: nothing of the survey stays on screen while the neutral site loads.
    expect(await leaving).toEqual({ body: '', title: '' });
    expect(page.url()).toBe(EXIT_URL);
    expect(await page.locator('body').innerText()).toBe(NEUTRAL_BODY);
    expect(await page.title()).not.toBe(survey.title);
    expect(await page.getByText(survey.heading).count()).toBe(0);
    // location.replace: the survey's history entry became the neutral site, none was added.
    expect(await page.evaluate<number>('history.length')).toBe(historyBefore);
    await page.goBack();
    expect(page.url()).toBe('https://start.test/');
    expect(page.url()).not.toBe(surveyUrl);
  }

  it('exit control by click: blanks the page and replaces it with a neutral site, Back does not return', async () => {
    const { page, surveyUrl, historyBefore, leaving } = await openForExit(3, 'es-ES');
    expect(await page.title()).toBe(WORDS.es.title);
    await page.getByRole('link', { name: 'Salir de esta página' }).click();
    await expectLeft(page, surveyUrl, historyBefore, leaving, { title: WORDS.es.title, heading: 'Antes de la sesión' });
  });

  it('exit control by keyboard: Shift pressed three times, even mid-answer', async () => {
    const { page, surveyUrl, historyBefore, leaving } = await openForExit(4, 'ca-ES');
    await page.locator('input[type=checkbox][name=consent]').check();
    // The three presses count within 2 s of each other. The page's clock stands still here, so a
    // busy machine between the test's steps cannot stretch the gap past the window; the next step
    // moves it on past the window to show that slow presses start the count again.
    const start = Date.now();
    await page.clock.setFixedTime(start);
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.clock.setFixedTime(start + 2500);
    await page.keyboard.press('Shift');
    // Neither twice nor three times with a pause: the control acts on the keyup itself, so the page would be blank by
    // now.
    expect(await page.locator('main').count()).toBe(1);
    expect(page.url()).toBe(surveyUrl);
    await page.keyboard.press('Shift');
    expect(await page.locator('main').count()).toBe(1);
    await page.keyboard.press('Shift');
    await expectLeft(page, surveyUrl, historyBefore, leaving, { title: WORDS.ca.title, heading: 'Abans de la sessió' });
  });

  // Only Shift pressed and released on its own counts (as GOV.UK's component does: count on
  // keyup, reset when another key is pressed with or after it).
  it('Shift+Tab pressed three times (going back through the questions) does not exit the survey', async () => {
    const link = linkOf('dones-mentores', 1, 'mentoring-cycle', 'pre');
    const { page } = await phone({ locale: 'es-ES' });
    await page.goto(link.url);
    await page.locator('input[type=checkbox][name=consent]').check();
    expect(await post(page, page.getByRole('button', { name: WORDS.es.next, exact: true }))).toBe(200);
    for (let presses = 0; presses < 6; presses += 1) await page.keyboard.press('Tab');
    for (let presses = 0; presses < 3; presses += 1) await page.keyboard.press('Shift+Tab');
    // The exit acts synchronously in the keyup handler: a round trip to the page after the last
    // key is enough to see it, had it acted.
    await page.evaluate('0');
    expect(page.url()).toBe(`${link.url}?lang=es`);
    expect(await page.locator('main fieldset').count()).toBeGreaterThan(0);
  });

  it('leaves nothing in cookies or browser storage, and no answer to autocomplete', async () => {
    const link = linkOf('dones-mentores', 5, 'mentoring-cycle', 'pre');
    const { context, page, setCookies } = await phone({ locale: 'es-ES' });
    const headers: Record<string, string>[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(stack.url)) headers.push(response.headers());
    });
    await page.goto(link.url);
    const forms: (string | null)[] = [];
    const traces: unknown[] = [];
    await walkSurvey(page, 'es', {
      quick: true,
      afterAnswer: async (current) => {
        forms.push(await current.locator('main form').getAttribute('autocomplete'));
        traces.push(await browserTraces(current));
      },
    });
    expect(await page.locator('main h1').innerText()).toBe(WORDS.es.thanks);
    expect(forms.length).toBeGreaterThan(2);
    expect(new Set(forms)).toEqual(new Set(['off']));
    expect(traces).toEqual(forms.map(() => NO_TRACES));
    await page.reload();
    expect(await browserTraces(page)).toEqual(NO_TRACES);
    expect(await context.cookies()).toEqual([]);
    expect(setCookies).toEqual([]);
    expect(headers.length).toBeGreaterThan(3);
    for (const header of headers) {
      expect(header).toMatchObject({
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
      expect(header['content-security-policy']).toContain("default-src 'none'");
    }
  });
});
