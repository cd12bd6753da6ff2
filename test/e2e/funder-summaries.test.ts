/**
 * The funders' pages in Chromium at 360 px: axe on the list of programmes and on a programme's
 * months, in each of the four languages (no violation of any impact; every finding also written
 * to test-artifacts/axe-summaries-<language>.json), nothing wider than the screen; a published
 * summary under its real content security policy, its inline styles applied and not one refused;
 * and each seed programme's summary as published, axe clean at 360 px and photographed
 * (test-artifacts/summary-<programme>.png).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXE_CONTEXT, describeFindings, scanPage, type AxeFinding } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { answerCohorts, publishPeriods } from '../support/published.ts';
import { startTestStack } from '../support/stack.ts';
import { signedIn } from '../support/staff.ts';

const PROGRAMME = 'justrom3-mentoring';
const NARROW = { width: 360, height: 740 };
const ARTIFACTS = 'test-artifacts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let cookie: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
  await answerCohorts(stack, PROGRAMME);
  await publishPeriods(stack, PROGRAMME, ['2026-01', '2026-02']);
  // Two programmes on the first page; the other has nothing published yet (its empty page is scanned too).
  cookie = await signedIn(stack.deps, [
    { role: 'funder', programme: PROGRAMME },
    { role: 'funder', programme: 'migrant-voices-heard' },
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A browser context signed in as the funder, in a locale. */
async function signedInContext(locale: string, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...options, viewport: NARROW, locale });
  const [name = '', value = ''] = cookie.split('=');
  // By host and path: Chromium refuses a Secure cookie set by an http `url`, though it sends one to 127.0.0.1.
  const domain = new URL(stack.url).hostname;
  await context.addCookies([{ name, value, domain, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
  return context;
}

const LANGUAGES = [
  { language: 'en', locale: 'en-GB', month: 'February 2026' },
  { language: 'ro', locale: 'ro-RO', month: 'Februarie 2026' },
  { language: 'es', locale: 'es-ES', month: 'Febrero de 2026' },
  { language: 'ca', locale: 'ca-ES', month: 'Febrer del 2026' },
] as const;

describe('the funders’ pages at 360 px', () => {
  for (const { language, locale, month } of LANGUAGES)
    it(`pass axe and fit the screen in ${language}`, async () => {
      const context = await signedInContext(locale, AXE_CONTEXT);
      const findings: AxeFinding[] = [];
      try {
        const page = await context.newPage();
        const pages = [
          { label: 'programmes', path: '/summaries' },
          { label: 'months', path: `/summaries?programme=${PROGRAMME}` },
          { label: 'no months yet', path: '/summaries?programme=migrant-voices-heard' },
        ];
        for (const { label, path } of pages) {
          const response = await page.goto(`${stack.url}${path}`);
          expect(response?.status(), label).toBe(200);
          expect(await page.getAttribute('html', 'lang'), label).toBe(language);
          expect(
            await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
            `${label} is wider than the screen`,
          ).toBe(true);
          findings.push(...(await scanPage(page, `${language} ${label}`)));
        }
        // The months page is the one scanned with months on it, named in the reader's language.
        await page.goto(`${stack.url}/summaries?programme=${PROGRAMME}`);
        expect(await page.getByRole('link', { name: month }).count()).toBe(1);
        await page.screenshot({ path: `${ARTIFACTS}/summaries-360px-${language}.png`, fullPage: true });
      } finally {
        await context.close();
      }
      await writeFile(`${ARTIFACTS}/axe-summaries-${language}.json`, `${JSON.stringify(findings, null, 2)}\n`);
      expect(findings, describeFindings(findings)).toEqual([]);
    });
});

describe('a published summary in Chromium', () => {
  it('is shown under its own policy: every inline style applied, nothing refused', async () => {
    const context = await signedInContext('en-GB');
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(`${stack.url}/summaries?programme=${PROGRAMME}`);
      await page.getByRole('link', { name: 'February 2026' }).click();
      await page.waitForURL(/period=2026-02$/);
      // Published in the programme's language (Romanian), whatever the reader's.
      await expect(page.locator('h1').innerText()).resolves.toBe('Mentorat JUSTROM3: rezumatul lunii februarie 2026');
      // Inline styles that a refused policy would have dropped: the column's width (the 640 px table that
      // holds the page's main landmark, as Outlook keeps it) and its tables' borders.
      const applied = await page.evaluate<{ maxWidth: string; collapse: string; main: boolean }>(`({
        maxWidth: getComputedStyle(document.querySelector('table[width="640"]')).maxWidth,
        collapse: getComputedStyle(document.querySelector('table')).borderCollapse,
        main: document.querySelector('table[width="640"] main') !== null,
      })`);
      expect(applied).toEqual({ maxWidth: '640px', collapse: 'collapse', main: true });
      // Charts are bars of table cells, as mail programs show them: no SVG, no image.
      expect(await page.locator('svg, img').count()).toBe(0);
      expect(await page.locator('td[width][style*="background:#2e7d32"]').count()).toBeGreaterThan(0);
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('each seed programme’s summary as published, at 360 px', () => {
  const PROGRAMMES = ['justrom3-mentoring', 'dones-mentores', 'migrant-voices-heard'] as const;
  let everyProgramme: string;

  // Published only now, so the first scans above still find a programme with no month published.
  beforeAll(async () => {
    for (const programme of PROGRAMMES.slice(1)) {
      await answerCohorts(stack, programme);
      await publishPeriods(stack, programme, ['2026-02']);
    }
    everyProgramme = await signedIn(
      stack.deps,
      PROGRAMMES.map((programme) => ({ role: 'funder' as const, programme })),
    );
  }, 300_000);

  for (const programme of PROGRAMMES)
    it(`${programme}: passes axe, fits the screen, and is photographed`, async () => {
      const context = await browser.newContext({ ...AXE_CONTEXT, viewport: NARROW, locale: 'en-GB' });
      try {
        const [name = '', value = ''] = everyProgramme.split('=');
        const domain = new URL(stack.url).hostname;
        await context.addCookies([{ name, value, domain, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
        const page = await context.newPage();
        const response = await page.goto(`${stack.url}/summaries?programme=${programme}&period=2026-02`);
        expect(response?.status()).toBe(200);
        // A headline that reads results, and the methods box, whatever the programme.
        await expect(page.locator('h2').count()).resolves.toBeGreaterThanOrEqual(4);
        expect(await page.locator('main').innerText()).toMatch(/NHLBI/);
        expect(
          await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'),
          'the summary is wider than the screen',
        ).toBe(true);
        await page.screenshot({ path: `${ARTIFACTS}/summary-${programme}.png`, fullPage: true });
        // What a phone shows first: the headline and the first findings (the README's picture).
        await page.screenshot({ path: `${ARTIFACTS}/summary-${programme}-first-screen.png` });
        const findings = await scanPage(page, `summary ${programme}`);
        await writeFile(`${ARTIFACTS}/axe-summary-${programme}.json`, `${JSON.stringify(findings, null, 2)}\n`);
        expect(findings, describeFindings(findings)).toEqual([]);
      } finally {
        await context.close();
      }
    });
});
