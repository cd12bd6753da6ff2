/**
 * What issue 14's designs add to the evaluator workspace and the funder summary, in real Chromium:
 * a cohort page and the pool's whose rows carry attrition and its bounds, a follow-up wave, a
 * then-test, a cut-off and a comparison group (and a comparison cohort's own page), rendered by the
 * server code from an impact table as aggregation stores it, and a summary carrying the same,
 * at 360 and 1280 px in English and Catalan: nothing wider than the screen (the full table, with its
 * new columns, scrolls inside its own scroller), the findings' sentences inside their cards, and
 * axe finds nothing. Screenshots go to test-artifacts/evaluation-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { INDICATOR_COLUMNS, type Impact, type ImpactRow } from '#core/impact-table.ts';
import type { Indicators } from '#core/model.ts';
import { lostShare, SUMMARY_SCHEMA, type Summary } from '#core/summary.ts';
import { shippedCatalog } from '#surveys/index.ts';
import type { Language, Programme } from '#surveys/schema.ts';
import { renderScopePage } from '#web/dashboard-page.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { WORKSPACE_STRINGS } from '#web/workspace-strings.ts';
import { AXE_CONTEXT, describeFindings, scanPage, type AxeFinding } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { shippedProgramme } from '../support/programmes.ts';

const ARTIFACTS = 'test-artifacts';
const catalog = shippedCatalog();
const dones = shippedProgramme('dones-mentores', catalog);
/** Dones Mentores with a follow-up wave 6 months after, and a waiting list as a comparison group. */
const programme: Programme = {
  ...dones,
  sessions: dones.sessions.map((session) => ({ ...session, followup: { monthsAfter: 6 } })) as Programme['sessions'],
  cohorts: [
    ...dones.cohorts,
    {
      ...(dones.cohorts[0] as Programme['cohorts'][number]),
      id: 'waiting-2026',
      name: 'Waiting list 2026',
      comparison: true,
    } as Programme['cohorts'][number],
  ],
};
const [cohort] = dones.cohorts;
const [session] = dones.sessions;
if (cohort === undefined || session === undefined) throw new Error('Dones Mentores has no cohort or session');

const empty = Object.fromEntries(INDICATOR_COLUMNS.map((column) => [column, null])) as unknown as Required<Indicators>;
function row(fields: Partial<ImpactRow>): ImpactRow {
  return {
    ...empty,
    n_pre: 24,
    n_post: 21,
    n_paired: 20,
    n_pre_only: 4,
    wilcoxon_method: 'exact',
    mean_pre_paired: 18.1,
    sd_pre_paired: 4.2,
    mean_post_paired: 21.4,
    sd_post_paired: 3.9,
    mean_change: 3.3,
    sd_change: 3.1,
    ci95_low: 1.8,
    ci95_high: 4.8,
    g_av: 0.78,
    lost_share: 1 / 6,
    bounds_low: -1.6,
    bounds_high: 4.4,
    n_followup: 15,
    mean_change_followup: 2.4,
    sd_change_followup: 2.9,
    ci95_low_followup: 0.8,
    ci95_high_followup: 4,
    n_post_followup: 15,
    mean_change_post_followup: -0.8,
    ci95_low_post_followup: -2,
    ci95_high_post_followup: 0.4,
    n_all_waves: 15,
    n_sustained: 10,
    lost_share_followup: 0.375,
    n_then: 20,
    mean_change_then: 4.6,
    ci95_low_then: 3.1,
    ci95_high_then: 6.1,
    n_shift: 20,
    mean_response_shift: -1.3,
    ci95_low_shift: -2.4,
    ci95_high_shift: -0.2,
    csc_cutoff: 15,
    csc_criterion: 'c',
    rci_improved: 8,
    rci_unchanged: 12,
    rci_deteriorated: 0,
    rci_threshold: 3.1,
    reliability: 0.88,
    reliability_source: 'published',
    rci_recovered: 5,
    typical_pre_share: 0.45,
    typical_post_share: 0.7,
    programme: programme.id,
    cohort: cohort?.id ?? '',
    session: session?.id ?? '',
    instrument: 'rosenberg-self-esteem',
    part: null,
    dimension: null,
    value: null,
    ...fields,
  };
}
const comparison: Partial<ImpactRow> = {
  cohort: null,
  session: null,
  n_comparison: 12,
  mean_change_comparison: 0.6,
  did_estimate: 2.7,
  did_ci95_low: 0.4,
  did_ci95_high: 5,
  did_df: 27.4,
  did_g: 0.71,
};
const at = '2026-11-04T10:15:00.000Z';
const impact: Impact = {
  programme: programme.id,
  rows: [
    row({}),
    row({ instrument: 'ucla-loneliness-3', mean_change: -0.9, ci95_low: -1.5, ci95_high: -0.3, csc_cutoff: null }),
    row({ cohort: 'waiting-2026', mean_change: 0.6, ci95_low: -0.8, ci95_high: 2 }),
    row(comparison),
    row({ ...comparison, instrument: 'ucla-loneliness-3', did_estimate: -0.5, did_ci95_low: -1.1, did_ci95_high: 0.1 }),
  ],
  computedAt: { [cohort.id]: at, 'waiting-2026': at, pooled: at },
  responseRates: {
    [cohort.id]: { participants: 26, answered: { [`${session.id}:pre`]: 24, [`${session.id}:post`]: 21 } },
    'waiting-2026': { participants: 14, answered: {} },
  },
  changes: {},
  recomputing: [],
};
const pages = { cohort: cohort.id, pool: 'pooled', comparison: 'waiting-2026' } as const;

const summary: Summary = {
  schema: SUMMARY_SCHEMA,
  programme: programme.id,
  period: '2026-11',
  k: 10,
  rows: [
    {
      cohort: null,
      session: null,
      instrument: 'rosenberg-self-esteem',
      group: null,
      n_paired: 20,
      n_started: 25,
      lost_share: lostShare(4, 24),
      suppressed: false,
      suppression: null,
      indicators: { mean_pre: 18.1, mean_post: 21.4, mean_change: 3.3, ci95_low: 1.8, ci95_high: 4.8, g_av: 0.78 },
      followup: { n_paired: 15, mean_change: 2.4, ci95_low: 0.8, ci95_high: 4 },
      response_shift: { n_paired: 20, mean_change: -1.3, ci95_low: -2.4, ci95_high: -0.2 },
      then_change: { n_paired: 20, mean_change: 4.6, ci95_low: 3.1, ci95_high: 6.1 },
      clinical: { cutoff: 15, criterion: 'c', recovered: 5 },
      comparison: { difference: 2.7, ci95_low: 0.4, ci95_high: 5, g: 0.71 },
    },
  ],
};

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** Loads server-rendered HTML in a fresh context of the language and width. */
async function load(body: string, locale: string, width: number) {
  const context = await browser.newContext({ ...AXE_CONTEXT, viewport: { width, height: 900 }, locale });
  const page = await context.newPage();
  await page.setContent(body, { timeout: 60_000 });
  return { page, close: () => context.close() };
}

describe('what applies beyond before-after, in Chromium', () => {
  it.each([
    { language: 'en', locale: 'en-GB' },
    { language: 'ca', locale: 'ca-ES' },
  ] as const)(
    '$language: the workspace’s pages fit 360 and 1280 px, keep the sentences in their cards, and are axe clean',
    async ({ language, locale }) => {
      const words = WORKSPACE_STRINGS[language as Language];
      const findings: AxeFinding[] = [];
      for (const width of [360, 1280])
        for (const [name, scope] of Object.entries(pages)) {
          const label = `${language} ${name} ${width}`;
          const body =
            renderScopePage(catalog, programme, impact, { cohort: scope }, { language, path: '/dashboard' }).body ?? '';
          const { page, close } = await load(body, locale, width);
          try {
            expect(await page.evaluate('document.documentElement.scrollWidth'), label).toBeLessThanOrEqual(width);
            const sentences = await page.locator('ul.evaluation > li').evaluateAll((items) =>
              items.map((item) => {
                const box = item.getBoundingClientRect();
                return { left: box.left, right: box.right, text: item.textContent ?? '' };
              }),
            );
            expect(sentences.length, label).toBeGreaterThanOrEqual(4);
            for (const sentence of sentences) {
              expect(sentence.left, label).toBeGreaterThanOrEqual(0);
              expect(sentence.right, label).toBeLessThanOrEqual(width);
            }
            const text = await page.locator('main').innerText();
            if (name === 'pool') expect(text, label).toContain(words['eval.caveat']);
            if (name === 'comparison') expect(text, label).toContain(words.comparisonHint);
            // Open, the full table (with the new columns) scrolls inside its scroller, the page does not.
            await page.locator('details summary', { hasText: words.fullTable }).first().click();
            expect(await page.locator('table.full th').first().locator('xpath=..').allInnerTexts(), label).toEqual(
              expect.arrayContaining([expect.stringContaining(words['col.shift'])]),
            );
            expect(await page.evaluate('document.documentElement.scrollWidth'), label).toBeLessThanOrEqual(width);
            if (language === 'en' && width === 360)
              await page.screenshot({ path: `${ARTIFACTS}/evaluation-${name}-360.png`, fullPage: true });
            findings.push(...(await scanPage(page, label)));
          } finally {
            await close();
          }
        }
      expect(findings, describeFindings(findings)).toEqual([]);
    },
    300_000,
  );

  it('the funder summary page with the same findings fits 360 px and is axe clean, in every language', async () => {
    const renderer = summaryRenderer(catalog);
    const findings: AxeFinding[] = [];
    for (const language of ['en', 'ro', 'es', 'ca'] as const) {
      const { page, close } = await load(renderer.page(summary, programme, language), language, 360);
      try {
        expect(await page.evaluate('document.documentElement.scrollWidth'), language).toBeLessThanOrEqual(360);
        if (language === 'en') {
          expect(await page.locator('main').innerText()).toContain('6 months later the change from the start');
          await page.screenshot({ path: `${ARTIFACTS}/evaluation-summary-360.png`, fullPage: true });
        }
        findings.push(...(await scanPage(page, `summary ${language}`)));
      } finally {
        await close();
      }
    }
    expect(findings, describeFindings(findings)).toEqual([]);
  }, 300_000);
});
