/**
 * Browser helpers for the participant pages: the words a participant clicks in each language,
 * answering a questionnaire screen by screen as a person would, the neutral site the exit
 * control goes to (served by the test, since the machine has no internet), and what a page
 * left in the browser's storage.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { StoredResponse } from '#core/model.ts';

/** The four languages of the participant pages. */
export type PageLanguage = 'en' | 'ro' | 'es' | 'ca';

/** What a participant reads and clicks, written out here rather than taken from the string table. */
export const WORDS: Readonly<
  Record<
    PageLanguage,
    {
      title: string;
      next: string;
      submit: string;
      thanks: string;
      back: string;
      name: string;
      /** The note's button on a screen left with nothing answered. */
      anyway: string;
      /** The thank-you page's way out of the study, and the confirmation's destructive button. */
      withdraw: string;
      confirmWithdraw: string;
      /** The start of the page after withdrawing, and what any link of that participant says after. */
      withdrawn: string;
      inactive: string;
      tryAgain: string;
    }
  >
> = {
  en: {
    title: 'Questionnaire',
    next: 'Continue',
    submit: 'Send my answers',
    thanks: 'Thank you',
    back: 'Back',
    name: 'English',
    anyway: 'Continue without answering',
    withdraw: 'Withdraw and delete my answers',
    confirmWithdraw: 'Yes, delete my answers',
    withdrawn: 'Your answers to every session have been deleted',
    inactive: 'This link is no longer active.',
    tryAgain: 'Try again',
  },
  ro: {
    title: 'Chestionar',
    next: 'Continuă',
    submit: 'Trimit răspunsurile',
    thanks: 'Vă mulțumim',
    back: 'Înapoi',
    name: 'Română',
    anyway: 'Continui fără să răspund',
    withdraw: 'Mă retrag și îmi șterg răspunsurile',
    confirmWithdraw: 'Da, șterge răspunsurile mele',
    withdrawn: 'Răspunsurile dumneavoastră de la toate sesiunile au fost șterse',
    inactive: 'Acest link nu mai este activ.',
    tryAgain: 'Încercați din nou',
  },
  es: {
    title: 'Cuestionario',
    next: 'Continuar',
    submit: 'Enviar mis respuestas',
    thanks: 'Gracias',
    back: 'Atrás',
    name: 'Español',
    anyway: 'Continuar sin responder',
    withdraw: 'Retirarme y borrar mis respuestas',
    confirmWithdraw: 'Sí, borrar mis respuestas',
    withdrawn: 'Se han borrado tus respuestas de todas las sesiones',
    inactive: 'Este enlace ya no está activo.',
    tryAgain: 'Intentar de nuevo',
  },
  ca: {
    title: 'Qüestionari',
    next: 'Continua',
    submit: 'Enviar les meves respostes',
    thanks: 'Gràcies',
    back: 'Enrere',
    name: 'Català',
    anyway: 'Continuar sense respondre',
    withdraw: 'Retirar-me i esborrar les meves respostes',
    confirmWithdraw: 'Sí, esborra les meves respostes',
    withdrawn: 'S’han esborrat les teves respostes de totes les sessions',
    inactive: 'Aquest enllaç ja no està actiu.',
    tryAgain: 'Torna-ho a provar',
  },
};

/** The exit control's destination (functions/web/participant-page.ts EXIT_URL), intercepted. */
export const NEUTRAL_SITE = 'https://www.google.com/**';
export const NEUTRAL_BODY = 'neutral page served by the test';

/** Serves the neutral site from the test in a context, so the exit control has somewhere to land. */
export async function serveNeutralSite(context: BrowserContext): Promise<void> {
  await context.route(NEUTRAL_SITE, (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain', body: NEUTRAL_BODY }),
  );
}

/** How long one screen may take to come back on a busy machine (a save, a redirect, a swap). */
export const SCREEN_TIMEOUT = 20_000;

/**
 * Clicks a control that leads to another participant page (a form button, the language
 * switcher, a link of the questionnaire), or runs `action`, and waits until that page is shown,
 * however it comes: with JavaScript off the browser posts, follows the 303 and loads the page;
 * with it on the page's script fetches (following the redirect) and swaps the body in place.
 * Returns the status of the page finally shown (never the 303 in between).
 */
export async function followTo(
  page: Page,
  action: Locator | (() => Promise<unknown>),
  timeout = SCREEN_TIMEOUT,
  origin = new URL(page.url()).origin,
): Promise<number> {
  // The page on screen now is marked; whatever replaces it (a swap or a new document) is not.
  await page.locator('main').evaluate((main) => main.setAttribute('data-walk-left', ''));
  const shown = page.waitForResponse(
    (response) => response.url().startsWith(`${origin}/s/`) && (response.status() < 300 || response.status() >= 400),
    { timeout },
  );
  await (typeof action === 'function' ? action() : action.click({ timeout }));
  const response = await shown;
  await page.locator('main:not([data-walk-left])').waitFor({ state: 'attached', timeout });
  await page.waitForLoadState('load', { timeout });
  // The page's address is the page shown (the script's history.replaceState reaches the test
  // after the swap itself).
  await page.waitForURL((url) => url.href === response.url(), { timeout });
  return response.status();
}

/**
 * Sends `fields` from the page as a plain HTML form would (a native submission the page's script
 * does not see): what a second tab or an old copy of the form sends. Needs JavaScript on.
 */
export function submitNatively(page: Page, action: string, fields: URLSearchParams): Promise<number> {
  const entries = JSON.stringify([...fields]);
  return followTo(
    page,
    () =>
      page.evaluate(`(() => {
      const form = document.createElement('form');
      form.method = 'post';
      form.action = ${JSON.stringify(action)};
      for (const [name, value] of ${entries}) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        form.appendChild(input);
      }
      document.body.appendChild(form);
      form.submit();
    })()`),
    SCREEN_TIMEOUT,
    // The form may post to another server (a second stack that fails on purpose).
    new URL(action).origin,
  );
}

/** The screen a questionnaire page shows (its form's `step`), or undefined on a page without one. */
export async function currentStep(page: Page): Promise<number | undefined> {
  const step = page.locator('form#survey input[name=step]');
  return (await step.count()) === 0 ? undefined : Number(await step.getAttribute('value'));
}

/** The radios checked on the page now: field name -> value. */
export async function checkedAnswers(page: Page): Promise<Map<string, string>> {
  const pairs = await page
    .locator('main input[type=radio]:checked')
    .evaluateAll((inputs) =>
      inputs.map((input) => [input.getAttribute('name') ?? '', input.getAttribute('value') ?? ''] as const),
    );
  return new Map(pairs);
}

/** One screen as the walk met it. */
export interface ScreenSeen {
  readonly index: number;
  /** The screen's section heading (consent, about you, the instrument's participant-facing title). */
  readonly heading: string;
  /** The status of the page that showed this screen. */
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
 * last screen's button sends. Works with JavaScript on (screens swapped in place) or off
 * (post/redirect/get); each Continue must lead to the next screen with status 200.
 */
export async function walkSurvey(page: Page, language: PageLanguage, options: WalkOptions = {}): Promise<WalkResult> {
  const words = WORDS[language];
  const pick = options.pick ?? ((n, count) => n % count);
  const fields = new Map<string, string>();
  const screens: ScreenSeen[] = [];
  let status = 200;
  let question = 0;
  for (let index = 0; index < 30; index += 1) {
    const screen: ScreenSeen = {
      index,
      heading: (await page.locator('main form h2').first().innerText()).trim(),
      status,
    };
    screens.push(screen);
    await options.beforeAnswer?.(page, screen);
    const step = await currentStep(page);
    const consent = page.locator('input[type=checkbox][name=consent]');
    if ((await consent.count()) > 0) await consent.check();
    // The questions and their options in one look, then one click per question.
    const questions = await page.locator('main fieldset').evaluateAll((groups) =>
      groups.map((group) =>
        Array.from(
          group.querySelectorAll('input[type=radio]'),
          (input: { id: string; getAttribute(name: string): string | null }) => ({
            id: input.id,
            name: input.getAttribute('name') ?? '',
            value: input.getAttribute('value') ?? '',
          }),
        ),
      ),
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
    status = await followTo(page, button);
    if (last) {
      // Post/redirect/get (or the script's fetch following it): the thank-you page at the link itself.
      const thanksUrl = new RegExp(`/s/[^/?]+\\?lang=${language}$`);
      await page.waitForURL(thanksUrl, { timeout: SCREEN_TIMEOUT });
      const heading = (await page.locator('main h1').innerText()).trim();
      if (heading !== words.thanks)
        throw new Error(`the last screen led to "${heading}" (${status}): ${await page.locator('main').innerText()}`);
      return { screens, fields, thanksStatus: status };
    }
    const next = await currentStep(page);
    if (status !== 200 || step === undefined || next !== step + 1)
      throw new Error(
        `screen ${index + 1} (step ${step}) led to step ${next} with ${status}: ` +
          `${await page.locator('main').innerText()}`,
      );
  }
  throw new Error('no last screen after 30 screens');
}

/** The answers a walk chose, in the shape the store keeps them (a then-test's apart, as `then`). */
export function expectedAnswers(
  fields: ReadonlyMap<string, string>,
): Pick<StoredResponse, 'answers' | 'groups'> & { thenTest: Record<string, Record<string, string>> } {
  const answers: Record<string, Record<string, string>> = {};
  const thenTest: Record<string, Record<string, string>> = {};
  const groups: Record<string, string> = {};
  for (const [field, value] of fields) {
    const answer = /^([at])\.([^.]+)\.(.+)$/.exec(field);
    const group = /^g\.(.+)$/.exec(field);
    const [, kind, instrument, item] = answer ?? [];
    if (instrument !== undefined && item !== undefined) {
      const into = kind === 't' ? thenTest : answers;
      into[instrument] = { ...into[instrument], [item]: value };
    } else if (group?.[1] !== undefined) groups[group[1]] = value;
    else throw new Error(`unexpected field ${field}`);
  }
  return { answers, groups, thenTest };
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
