/**
 * axe-core on every kind of participant page, at 320 px wide, in each of the four languages:
 * the consent screen, every question screen, the error re-renders (400: consent not ticked, a
 * value that is not an option), the thank-you page and the unknown-link page (404). No serious
 * or critical violation is allowed; every finding, whatever its impact, is also written to
 * test-artifacts/axe-<language>.json for review. Two WCAG 2.2 checks axe cannot make (focus
 * and targets must not hide under the sticky exit bar) are tested directly.
 *
 * The scans run in a browser context with `bypassCSP: true`, the only way to inject axe into
 * pages whose content security policy allows nothing but their own hashed script; the other
 * browser tests run the pages under their real policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import { AXE_CONTEXT, describeFindings, scanPage, seriousOrCritical, type AxeFinding } from '../support/axe.ts';
import { WORDS, serveNeutralSite, walkSurvey, type PageLanguage } from '../support/survey-walk.ts';

const NARROW = { width: 320, height: 640 };
const ARTIFACTS = 'test-artifacts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface Case {
  readonly language: PageLanguage;
  readonly programme: string;
  readonly cohort: string;
  readonly session: string;
  readonly wave: 'pre' | 'post';
  readonly locale: string;
}

const CASES: readonly Case[] = [
  { language: 'en', programme: 'migrant-voices-heard', cohort: 'cluj-2021', session: 'action-planning', wave: 'pre', locale: 'en-GB' },
  { language: 'ro', programme: 'justrom3-mentoring', cohort: 'iasi-2020', session: 'individual-meeting-1', wave: 'pre', locale: 'ro-RO' },
  { language: 'es', programme: 'dones-mentores', cohort: 'barcelona-2026', session: 'mentoring-cycle', wave: 'pre', locale: 'es-ES' },
  { language: 'ca', programme: 'dones-mentores', cohort: 'girona-2026', session: 'mentoring-cycle', wave: 'post', locale: 'ca-ES' },
];

async function post(page: Page, name: string): Promise<number> {
  const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), page.getByRole('button', { name, exact: true }).click()]);
  await page.waitForLoadState('load');
  return response.status();
}

/** Scans every page a participant of `scenario` can meet, and returns every finding. */
async function scanJourney(scenario: Case): Promise<{ findings: AxeFinding[]; pages: string[] }> {
  const { language } = scenario;
  const links: IssuedLink[] = await createLinks(stack.deps, scenario.programme, scenario.cohort, 1);
  const link = links.find((candidate) => candidate.session === scenario.session && candidate.wave === scenario.wave);
  if (link === undefined) throw new Error('no link');
  const context = await browser.newContext({ ...AXE_CONTEXT, viewport: NARROW, locale: scenario.locale });
  await serveNeutralSite(context);
  const page = await context.newPage();
  const findings: AxeFinding[] = [];
  const pages: string[] = [];
  const scan = async (label: string): Promise<void> => {
    expect(await page.getAttribute('html', 'lang'), label).toBe(language);
    pages.push(label);
    findings.push(...(await scanPage(page, `${language} ${label}`)));
  };
  try {
    await page.goto(`${stack.url}/s/${link.code}`);
    // The consent screen refused: nothing ticked.
    expect(await post(page, WORDS[language].next)).toBe(400);
    await scan('consent screen, 400 consent not ticked');
    await walkSurvey(page, language, {
      quick: true,
      beforeAnswer: async (current, screen) => {
        await scan(`screen ${screen.index + 1} (${screen.heading})`);
        if (screen.index !== 1) return;
        // A question screen refused: a value that is not an option (only a crafted post can send one).
        await current
          .locator('main fieldset input[type=radio]')
          .first()
          .evaluate((input) => {
            input.setAttribute('value', 'not-an-option');
            input.click();
          });
        expect(await post(current, WORDS[language].next)).toBe(400);
        await scan(`screen ${screen.index + 1} (${screen.heading}), 400 invalid option`);
      },
    });
    expect(await page.locator('main h1').innerText()).toBe(WORDS[language].thanks);
    await scan('thank-you page');
    const unknown = await page.goto(`${stack.url}/s/NOT-A-REAL-CODE`);
    expect(unknown?.status()).toBe(404);
    await scan('404 unknown link');
    return { findings, pages };
  } finally {
    await context.close();
  }
}

describe('axe-core at 320 px on every participant page', () => {
  it.each(CASES)('$language ($programme): consent, every question screen, the 400 re-renders, thank-you and 404 have no serious or critical violation', async (scenario) => {
    const { findings, pages } = await scanJourney(scenario);
    await writeFile(`${ARTIFACTS}/axe-${scenario.language}.json`, `${JSON.stringify({ pages, findings }, null, 2)}\n`);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    const serious = seriousOrCritical(findings);
    expect(serious, describeFindings(serious)).toEqual([]);
  });

  /** Where the focused element and the sticky exit bar are, in viewport pixels. */
  const OVERLAP = `(() => {
    const rect = (element) => { const box = element.getBoundingClientRect(); return { top: Math.round(box.top), bottom: Math.round(box.bottom) }; };
    const target = location.hash === '' ? null : document.querySelector(location.hash + ' legend');
    return { bar: rect(document.querySelector('.exit')), focused: rect(document.activeElement), legend: target === null ? null : rect(target) };
  })()`;

  async function questionScreen(): Promise<Page> {
    const links = await createLinks(stack.deps, 'dones-mentores', 'barcelona-2026', 1);
    const link = links.find((candidate) => candidate.wave === 'post');
    if (link === undefined) throw new Error('no link');
    const context = await browser.newContext({ viewport: NARROW, locale: 'es-ES' });
    await serveNeutralSite(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}/s/${link.code}`);
    await page.locator('input[type=checkbox][name=consent]').check();
    expect(await post(page, WORDS.es.next)).toBe(200);
    return page;
  }

  // WCAG 2.2 SC 2.4.11 (Focus Not Obscured): the sticky exit bar must not cover what focus or an
  // error link brings into view (html has a scroll-padding-top as tall as the bar).
  it('WCAG 2.2 SC 2.4.11: at 320 px an error link does not scroll its question under the sticky exit bar', async () => {
    const page = await questionScreen();
    try {
      await page
        .locator('main fieldset')
        .nth(6)
        .locator('input[type=radio]')
        .first()
        .evaluate((input) => {
          input.setAttribute('value', 'not-an-option');
          input.click();
        });
      expect(await post(page, WORDS.es.next)).toBe(400);
      await page.getByRole('alert').getByRole('link').click();
      const { bar, legend } = await page.evaluate<{ bar: { bottom: number }; legend: { bottom: number } }>(OVERLAP);
      // The question's text must not be entirely hidden behind the bar.
      expect(legend.bottom).toBeGreaterThan(bar.bottom);
    } finally {
      await page.context().close();
    }
  });

  it('WCAG 2.2 SC 2.4.11: at 320 px Shift+Tab back to a question does not leave its focused option under the sticky exit bar', async () => {
    const page = await questionScreen();
    try {
      for (let presses = 0; presses < 12; presses += 1) await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      const { bar, focused } = await page.evaluate<{ bar: { bottom: number }; focused: { bottom: number } }>(OVERLAP);
      expect(focused.bottom).toBeGreaterThan(bar.bottom);
    } finally {
      await page.context().close();
    }
  });

  it('the scan itself sees a planted violation (an unlabelled radio, touch targets under 24 px)', async () => {
    const context = await browser.newContext({ ...AXE_CONTEXT, viewport: NARROW });
    try {
      const page = await context.newPage();
      await page.goto(`${stack.url}/s/NOT-A-REAL-CODE`);
      await page.locator('main').evaluate((main) => {
        main.insertAdjacentHTML('beforeend', '<input type="radio" name="planted"><p><button style="all:unset;display:inline-block;width:8px;height:8px;background:#1d5e2a" aria-label="one"></button><button style="all:unset;display:inline-block;width:8px;height:8px;background:#1d5e2a" aria-label="two"></button></p>');
      });
      const rules = seriousOrCritical(await scanPage(page, 'planted')).map((finding) => finding.rule);
      expect(rules).toEqual(expect.arrayContaining(['label', 'target-size']));
    } finally {
      await context.close();
    }
  });
});
