/**
 * The evaluator workspace in real Chromium, on a stack with answers: Dones Mentores' two cohorts
 * answered by simulated participants over HTTP (subgroups asked), and one JUSTROM3 cohort that has
 * answered only its first session. An evaluator opens the overview, a cohort's page and the
 * programme pool's page at 360 and 1280 px, in English and Catalan: nothing is wider than the
 * screen (no finding card outside the viewport: only the full table scrolls, inside its own
 * scroller), axe finds nothing, labels are the definitions' words (never an id such as
 * "age-band"), sessions without answers are one line, the full table comes closed, and chart text
 * is at least 12 px. Screenshots go to test-artifacts/dashboard-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { SYSTEM_ACTOR } from '#core/access.ts';
import type { Language } from '#surveys/schema.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { openLink } from '#use-cases/open-link.ts';
import { advanceSurvey } from '#use-cases/submit-response.ts';
import { WORKSPACE_STRINGS } from '#web/workspace-strings.ts';
import { AXE_CONTEXT, describeFindings, scanPage, type AxeFinding } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { answerAll, startTestStack, storedWave } from '../support/stack.ts';
import { answerCohorts } from '../support/published.ts';
import { signedIn } from '../support/staff.ts';

const ARTIFACTS = 'test-artifacts';
const DONES = 'dones-mentores';
const JUSTROM = 'justrom3-mentoring';
const FIRST_SESSION = 'individual-meeting-1';
const PAGES = {
  overview: '/dashboard',
  cohort: `/dashboard?programme=${DONES}&cohort=barcelona-2026`,
  pool: `/dashboard?programme=${DONES}&cohort=pooled`,
} as const;
/** Ids that must never reach a reader: subgroups, options and cohorts are shown by their labels. */
const IDS = ['age-band', 'migrant-background', 'reverse-mentoring', 'barcelona-2026', 'mentoring-cycle'];
/** The definitions' words for the Dones Mentores subgroup "age band", per language. */
const AGE_BAND: Readonly<Record<'en' | 'ca', string>> = { en: 'Age band', ca: "Franja d'edat" };
const CASES = [
  { language: 'en', locale: 'en-GB' },
  { language: 'ca', locale: 'ca-ES' },
] as const;
const WIDTHS = [360, 1280] as const;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let evaluator: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
  await answerCohorts(stack, DONES, 14);
  // Six JUSTROM3 participants answer their first session only, before and after, with different
  // answers (so the change has a spread): the two later sessions have no answers.
  const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, JUSTROM, 'iasi-2020', 6);
  const participants = [...new Set(links.map((link) => link.participant))];
  for (const link of links.filter((candidate) => candidate.session === FIRST_SESSION)) {
    const context = await storedWave(stack.deps, JUSTROM, 'iasi-2020', link.session, link.wave);
    const index = participants.indexOf(link.participant);
    const pick = link.wave === 'pre' ? index % 3 : (index % 3) + (index % 2);
    const fields = Object.fromEntries(answerAll(context, stack.deps.catalog, pick));
    await advanceSurvey(stack.deps, await openLink(stack.deps, link.code), fields, 'en');
  }
  await aggregate(stack.deps, { programme: DONES });
  await aggregate(stack.deps, { programme: JUSTROM });
  evaluator = await signedIn(stack.deps, [
    { role: 'evaluator', programme: DONES },
    { role: 'evaluator', programme: JUSTROM },
  ]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** What the full table's scroller shows once scrolled (see the test of the scrolled table). */
interface Scrolled {
  readonly box: { readonly left: number; readonly right: number; readonly top: number };
  readonly scrolled: { readonly left: number; readonly top: number };
  readonly measures: readonly {
    readonly name: string;
    readonly left: number;
    readonly right: number;
    readonly painted: boolean;
  }[];
  readonly labels: readonly number[];
  readonly heading: number;
}

/** Opens a page in a fresh context of the language and width, signed in as the evaluator. */
async function openAs(path: string, locale: string, width: number): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext({
    ...AXE_CONTEXT,
    viewport: { width, height: 900 },
    locale,
    extraHTTPHeaders: { cookie: evaluator },
  });
  const page = await context.newPage();
  const response = await page.goto(`${stack.url}${path}`, { timeout: 60_000 });
  expect(response?.status(), path).toBe(200);
  return { page, close: () => context.close() };
}

/** What a page must hold at any width and in any language: reflow, cards inside, charts readable. */
async function checkLayout(page: Page, label: string, width: number): Promise<void> {
  expect(await page.evaluate('document.documentElement.scrollWidth'), label).toBeLessThanOrEqual(width);
  const cards = await page.locator('main ul.cards > li').evaluateAll((items) =>
    items.map((item) => {
      const box = item.getBoundingClientRect();
      return { left: box.left, right: box.right };
    }),
  );
  for (const card of cards) {
    expect(card.left, label).toBeGreaterThanOrEqual(0);
    expect(card.right, label).toBeLessThanOrEqual(width);
  }
  // Chart text at its drawn size: the font size in the chart's units times the chart's scale.
  const sizes = await page.evaluate<number[]>(
    `[...document.querySelectorAll('svg.plot text')].map((text) =>
      Number(text.getAttribute('font-size')) * (text.ownerSVGElement?.getScreenCTM()?.a ?? 0))`,
  );
  for (const size of sizes) expect(size, `${label}: chart text`).toBeGreaterThanOrEqual(12);
}

describe('the evaluator workspace in Chromium', () => {
  it.each(CASES)(
    '$language: overview, cohort and pool fit 360 and 1280 px, are axe clean and speak in labels',
    async ({ language, locale }) => {
      const words = WORKSPACE_STRINGS[language as Language];
      const findings: AxeFinding[] = [];
      for (const width of WIDTHS)
        for (const [name, path] of Object.entries(PAGES)) {
          const label = `${language} ${name} ${width}`;
          const { page, close } = await openAs(path, locale, width);
          try {
            expect(await page.getAttribute('html', 'lang'), label).toBe(language);
            await checkLayout(page, label, width);
            const text = await page.locator('main').innerText();
            for (const id of IDS) expect(text, `${label}: ${id}`).not.toContain(id);
            if (name === 'overview') {
              expect(await page.locator('main h2').allInnerTexts()).toEqual(['JUSTROM3 mentoring', 'Dones Mentores']);
              expect(text).toContain(words.completers);
            } else {
              // Findings first: a card per measure, a reading, before the subgroups and the table.
              expect(await page.locator('ul.findings > li').count(), label).toBe(5);
              expect(await page.locator('ul.findings svg.plot').count(), label).toBeGreaterThanOrEqual(10);
              expect(text, label).toContain(AGE_BAND[language]);
              const order = await page.evaluate<number[]>(
                `['ul.findings', 'table.full'].map((selector) =>
                  [...document.querySelectorAll('main *')].indexOf(document.querySelector(selector)))`,
              );
              expect(order[0], label).toBeLessThan(order[1] ?? -1);
              // The full table, one value a cell, comes closed inside its details.
              const closed = await page
                .locator('table.full')
                .evaluateAll((tables) =>
                  tables.map((table) => table.closest('details') !== null && !table.closest('details')?.open),
                );
              expect(closed.length, label).toBeGreaterThan(0);
              expect(closed.every(Boolean), label).toBe(true);
              expect(await page.locator('main a[href^="/dashboard/csv?"]').count(), label).toBeGreaterThan(0);
              // Open, the table scrolls inside its scroller and the page still does not.
              await page.locator('details summary', { hasText: words.fullTable }).first().click();
              expect(await page.evaluate('document.documentElement.scrollWidth'), label).toBeLessThanOrEqual(width);
              await page.locator('details summary', { hasText: words.fullTable }).first().click();
            }
            if (language === 'en' && width === 360 && name !== 'pool')
              await page.screenshot({ path: `${ARTIFACTS}/dashboard-${name}-360.png`, fullPage: true });
            if (language === 'en' && width === 1280 && name === 'cohort')
              await page.screenshot({ path: `${ARTIFACTS}/dashboard-cohort-1280.png`, fullPage: true });
            findings.push(...(await scanPage(page, label)));
          } finally {
            await close();
          }
        }
      expect(findings, describeFindings(findings)).toEqual([]);
    },
    300_000,
  );

  it('collapses a session without answers to one line, and opens one session on its own page', async () => {
    const words = WORKSPACE_STRINGS.en;
    const cohort = `/dashboard?programme=${JUSTROM}&cohort=iasi-2020`;
    const { page, close } = await openAs(cohort, 'en-GB', 360);
    try {
      const empty = await page.locator('main p.empty').allInnerTexts();
      expect(empty).toEqual([
        'No answers yet for Group session 1 (self-awareness games, role play).',
        'No answers yet for Individual meeting 2.',
      ]);
      // One session with answers: its section, and the only table of the page.
      expect(await page.locator('main section h2').allInnerTexts()).toEqual(['Individual meeting 1']);
      expect(await page.locator('table.full').count()).toBe(1);
      await page.getByRole('link', { name: 'Individual meeting 1' }).click();
      await page.waitForURL((url) => url.searchParams.get('session') === FIRST_SESSION, { timeout: 60_000 });
      expect(await page.locator('main p.empty').count()).toBe(0);
      expect(await page.getByRole('link', { name: words.allSessions }).count()).toBe(1);
      await checkLayout(page, 'session page', 360);
      expect(await scanPage(page, 'session page')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps each measure named, and the column headings in view, while the full table scrolls at 360 px', async () => {
    const { page, close } = await openAs(PAGES.cohort, 'en-GB', 360);
    try {
      await page.locator('details summary', { hasText: WORKSPACE_STRINGS.en.fullTable }).first().click();
      // Scrolled to its far right, and down to each measure in turn: what shows at its left edge and top.
      const seen = await page.evaluate<Scrolled>(`(() => {
        const element = document.querySelector('details[open] .scroll');
        element.scrollIntoView({ block: 'start' });
        element.scrollLeft = element.scrollWidth;
        const box = element.getBoundingClientRect();
        const headings = element.querySelector('thead').getBoundingClientRect().height;
        const measures = [...element.querySelectorAll('tbody')].map((body) => {
          const name = body.querySelector('th[scope=colgroup] span');
          if (name === null) return { name: '', left: -1, right: -1, painted: false };
          // The measure's heading row just under the column headings.
          element.scrollTop = body.querySelector('tr').offsetTop - headings;
          const rect = name.getBoundingClientRect();
          const atLeft = document.elementFromPoint(box.left + 12, rect.top + rect.height / 2);
          const painted = atLeft !== null && name.contains(atLeft);
          return { name: name.textContent, left: rect.left, right: rect.right, painted };
        });
        // Each row's label, and the column headings, stay inside the scroller.
        const labels = [...element.querySelectorAll('th[scope=row]')].map((cell) => cell.getBoundingClientRect().left);
        const scrolled = { left: element.scrollLeft, top: element.scrollTop };
        const heading = element.querySelector('thead th:last-child').getBoundingClientRect().top;
        return { box: { left: box.left, right: box.right, top: box.top }, scrolled, measures, labels, heading };
      })()`);
      expect(seen.scrolled.left).toBeGreaterThan(0);
      expect(seen.measures.length).toBeGreaterThan(0);
      for (const measure of seen.measures) {
        expect(measure.name).not.toBe('');
        expect(measure.left, measure.name).toBeGreaterThanOrEqual(seen.box.left);
        expect(measure.right, measure.name).toBeLessThanOrEqual(seen.box.right);
        expect(measure.painted, measure.name).toBe(true);
      }
      for (const left of seen.labels) expect(Math.abs(left - seen.box.left)).toBeLessThanOrEqual(2);
      // Scrolled down inside its scroller (five measures are taller than it), the headings stay at its top.
      expect(seen.scrolled.top).toBeGreaterThan(0);
      expect(Math.abs(seen.heading - seen.box.top)).toBeLessThanOrEqual(2);
      await page.screenshot({ path: `${ARTIFACTS}/dashboard-table-scrolled-360.png` });
    } finally {
      await close();
    }
  });

  it("previews a programme's funder summary from the overview: the page as a funder reads it", async () => {
    // An English reader: the page comes in the programme's language (what is published), the notice in English.
    const { page, close } = await openAs('/dashboard', 'en-GB', 360);
    try {
      const words = WORKSPACE_STRINGS.en;
      const section = page.locator('main section', { has: page.locator('h2', { hasText: 'Dones Mentores' }) });
      await section.getByRole('button', { name: words.previewSummary }).click();
      await page.waitForURL((url) => url.pathname === '/summaries/preview', { timeout: 60_000 });
      expect(await page.getAttribute('html', 'lang')).toBe('ca');
      const notice = page.locator('main div[lang="en"]').first();
      expect(await notice.innerText()).toContain('Preview: nothing has been sent or recorded.');
      expect(await notice.getByRole('link', { name: 'Back to the results' }).getAttribute('href')).toBe('/dashboard');
      expect(await page.locator('svg').count()).toBe(0);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      expect(await scanPage(page, 'summary preview')).toEqual([]);
      expect(await stack.deps.publications.latestPublication('dones-mentores')).toBeUndefined();
    } finally {
      await close();
    }
  });
});
