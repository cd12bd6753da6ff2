/**
 * Browser helpers for the participant pages: the words a participant clicks in each language,
 * answering a questionnaire screen by screen as a person would, the neutral site the exit
 * control goes to (served by the test, since the machine has no internet), and what a page
 * left in the browser's storage.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { StoredResponse } from '#ports/store.ts';

/** The four languages of the participant pages. */
export type PageLanguage = 'en' | 'ro' | 'es' | 'ca';

/** What a participant reads and clicks, written out here rather than taken from the string table. */
export const WORDS: Readonly<Record<PageLanguage, { title: string; next: string; submit: string; thanks: string; back: string; name: string }>> = {
  en: { title: 'Questionnaire', next: 'Continue', submit: 'Send my answers', thanks: 'Thank you', back: 'Back', name: 'English' },
  ro: { title: 'Chestionar', next: 'Continuă', submit: 'Trimit răspunsurile', thanks: 'Vă mulțumim', back: 'Înapoi', name: 'Română' },
  es: { title: 'Cuestionario', next: 'Continuar', submit: 'Enviar mis respuestas', thanks: 'Gracias', back: 'Atrás', name: 'Español' },
  ca: { title: 'Qüestionari', next: 'Continua', submit: 'Enviar les meves respostes', thanks: 'Gràcies', back: 'Enrere', name: 'Català' },
};

/** The exit control's destination (functions/web/participant-page.ts EXIT_URL), intercepted. */
export const NEUTRAL_SITE = 'https://www.google.com/**';
export const NEUTRAL_BODY = 'neutral page served by the test';

/** Serves the neutral site from the test in a context, so the exit control has somewhere to land. */
export async function serveNeutralSite(context: BrowserContext): Promise<void> {
  await context.route(NEUTRAL_SITE, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: NEUTRAL_BODY }));
}

/** One screen as the walk met it. */
export interface ScreenSeen {
  readonly index: number;
  /** The screen's section heading (consent, about you, the instrument's name). */
  readonly heading: string;
  readonly status: number;
}

export interface WalkResult {
  readonly screens: ScreenSeen[];
  /** Every radio answered: field name -> value. */
  readonly fields: Map<string, string>;
  /** Status of the thank-you page. */
  readonly thanksStatus: number;
}

export interface WalkOptions {
  /** Which option of a question with `count` options to choose (question `n` counted over the whole walk). */
  readonly pick?: (n: number, count: number) => number;
  /** Called on each screen before it is answered (screenshots, accessibility scans). */
  readonly beforeAnswer?: (page: Page, screen: ScreenSeen) => Promise<void>;
  /**
   * Tick the answers from the page's own script in one step instead of a click each (for walks
   * whose subject is not answering, such as the accessibility scans). Needs JavaScript on.
   */
  readonly quick?: boolean;
  /** Called on each screen once answered, before moving on. */
  readonly afterAnswer?: (page: Page, screen: ScreenSeen) => Promise<void>;
}

/**
 * Answers the questionnaire open in `page` from its current screen to the thank-you page:
 * ticks consent, chooses one option per question, moves on with the forward button until the
 * last screen's button sends. Works with JavaScript on or off.
 */
export async function walkSurvey(page: Page, language: PageLanguage, options: WalkOptions = {}): Promise<WalkResult> {
  const words = WORDS[language];
  const pick = options.pick ?? ((n, count) => n % count);
  const fields = new Map<string, string>();
  const screens: ScreenSeen[] = [];
  let status = 200;
  let question = 0;
  for (let index = 0; index < 30; index += 1) {
    const screen: ScreenSeen = { index, heading: (await page.locator('main form h2').first().innerText()).trim(), status };
    screens.push(screen);
    await options.beforeAnswer?.(page, screen);
    const consent = page.locator('input[type=checkbox][name=consent]');
    if ((await consent.count()) > 0) await consent.check();
    // The questions and their options in one look, then one click per question.
    const questions = await page.locator('main fieldset').evaluateAll((groups) =>
      groups.map((group) => Array.from(group.querySelectorAll('input[type=radio]'), (input: { id: string; getAttribute(name: string): string | null }) => ({ id: input.id, name: input.getAttribute('name') ?? '', value: input.getAttribute('value') ?? '' }))),
    );
    const chosenIds: string[] = [];
    for (const group of questions) {
      const chosen = group[pick(question, group.length)];
      question += 1;
      if (chosen === undefined) continue;
      if (options.quick !== true) await page.locator(`[id="${chosen.id}"]`).check();
      chosenIds.push(chosen.id);
      fields.set(chosen.name, chosen.value);
    }
    if (options.quick === true) {
      await page.locator('main form').evaluate((form, ids: string[]) => {
        for (const id of ids) form.querySelector(`[id="${id}"]`).checked = true;
      }, chosenIds);
    }
    await options.afterAnswer?.(page, screen);
    const send = page.getByRole('button', { name: words.submit, exact: true });
    const last = (await send.count()) > 0;
    const button = last ? send : page.getByRole('button', { name: words.next, exact: true });
    if (last) {
      // Post/redirect/get: the 303 leads to the thank-you page at the link itself.
      const thanksUrl = new RegExp(`/s/[^/?]+\\?lang=${language}$`);
      const [thanks] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'GET' && thanksUrl.test(candidate.url())), button.click()]);
      await page.waitForURL(thanksUrl);
      await page.waitForLoadState('load');
      return { screens, fields, thanksStatus: thanks.status() };
    }
    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), button.click()]);
    status = response.status();
    await page.waitForLoadState('load');
    if (status !== 200) throw new Error(`screen ${index + 1} answered with ${status}: ${await page.locator('main').innerText()}`);
  }
  throw new Error('no last screen after 30 screens');
}

/** The answers a walk chose, in the shape the store keeps them. */
export function expectedAnswers(fields: ReadonlyMap<string, string>): Pick<StoredResponse, 'answers' | 'groups'> {
  const answers: Record<string, Record<string, string>> = {};
  const groups: Record<string, string> = {};
  for (const [field, value] of fields) {
    const answer = /^a\.([^.]+)\.(.+)$/.exec(field);
    const group = /^g\.(.+)$/.exec(field);
    if (answer?.[1] !== undefined && answer[2] !== undefined) (answers[answer[1]] ??= {})[answer[2]] = value;
    else if (group?.[1] !== undefined) groups[group[1]] = value;
    else throw new Error(`unexpected field ${field}`);
  }
  return { answers, groups };
}

/** What the page's origin keeps in the browser: all zero and empty after a survey. */
export interface BrowserTraces {
  readonly cookie: string;
  readonly localStorage: number;
  readonly sessionStorage: number;
  readonly indexedDb: number;
  readonly cacheStorage: number;
  readonly serviceWorkers: number;
}

/** Reads the page's storage (needs JavaScript on in the page's context). */
export function browserTraces(page: Page): Promise<BrowserTraces> {
  // A string, not a function: the project's tsconfig has no DOM types.
  return page.evaluate<BrowserTraces>(`(async () => ({
    cookie: document.cookie,
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).length,
    cacheStorage: 'caches' in self ? (await caches.keys()).length : 0,
    serviceWorkers: 'serviceWorker' in navigator ? (await navigator.serviceWorker.getRegistrations()).length : 0,
  }))()`);
}
