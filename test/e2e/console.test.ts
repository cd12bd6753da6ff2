/**
 * The "Done when", in real Chromium at phone width: a coordinator signs in through the
 * local OpenID Connect provider, opens the console, creates cohort "tarragona-2027" for Dones
 * Mentores with its windows (a mistake first: refused at its field, nothing lost), adds 12
 * participants with Spanish cards, downloads the Spanish sheet and the CSV, a participant answers
 * one link from the CSV in the browser, and the console then shows 1 of 12 answered for that wave
 * and the 11 numbers still to answer; last, marking the cohort as a comparison cohort (a waiting
 * list) with the edit form's box is refused at its field, since it has participants. Each console
 * page is checked with axe (no finding of any impact) and for sideways scrolling at 360 px. The
 * downloads go to a temporary folder, the stack's data to another: the repository is as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { STAFF_STRINGS } from '#web/staff-strings.ts';
import { AXE_CONTEXT, describeFindings, scanPage, type AxeFinding } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import { addMember } from '../support/staff.ts';
import { walkSurvey } from '../support/survey-walk.ts';

const PHONE = { width: 360, height: 740 };
const PROGRAMME = 'dones-mentores';
const COHORT = 'tarragona-2027';
/** The coordinator reads the console in Spanish, as the cards are. */
const WORDS = STAFF_STRINGS.es;
const START = 'Ciclo de mentoría · Al inicio';
const END = 'Ciclo de mentoría · Al final';
/** How long a page may take to show what is waited for: generous, as the machine may be busy. */
const POLL = { timeout: 20_000 };
const REPOSITORY = new URL('../..', import.meta.url).pathname;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let downloads: string;
let email: string;
let password: string;
let statusBefore: string;

/** The repository's changes as git sees them. */
function gitStatus(): string {
  return execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: REPOSITORY, encoding: 'utf8' });
}

beforeAll(async () => {
  statusBefore = gitStatus();
  stack = await startTestStack();
  browser = await launchBrowser();
  downloads = await mkdtemp(join(tmpdir(), 'prepost-console-downloads-'));
  const member = await addMember(stack.deps, [{ role: 'coordinator', programme: PROGRAMME }]);
  email = member.email;
  password = (await stack.directory.createAccount(email)).password ?? '';
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (downloads !== undefined) await rm(downloads, { recursive: true, force: true });
});

/** YYYY-MM-DD, `days` from today. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Presses a form's button and waits for the page that answers (after any redirect); its status. */
async function press(page: Page, button: Locator): Promise<number> {
  const answered = page.waitForResponse(
    (response) => response.request().isNavigationRequest() && response.status() !== 303,
    POLL,
  );
  await button.click();
  const response = await answered;
  await page.waitForLoadState('load');
  return response.status();
}

/** Presses a download button: the file's suggested name and its text, saved in the temporary folder. */
async function download(page: Page, label: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download', POLL),
    page.getByRole('button', { name: label, exact: true }).click(),
  ]);
  const name = file.suggestedFilename();
  const path = join(downloads, name);
  await file.saveAs(path);
  return { name, text: await readFile(path, 'utf8') };
}

describe('in Chromium at 360 px', () => {
  it('a coordinator makes tarragona-2027, hands out Spanish cards, and sees one answer come in', async () => {
    const findings: AxeFinding[] = [];
    const scanned: string[] = [];
    const check = async (page: Page, label: string): Promise<void> => {
      expect(await page.getAttribute('html', 'lang'), label).toBe('es');
      // Reflow (WCAG 1.4.10): nothing wider than the phone.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), label).toBeLessThanOrEqual(
        PHONE.width,
      );
      scanned.push(label);
      findings.push(...(await scanPage(page, label)));
    };

    const context = await browser.newContext({
      ...AXE_CONTEXT,
      viewport: PHONE,
      locale: 'es-ES',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    try {
      // Sign in through the local provider's login form; a coordinator lands on the console.
      await page.goto(`${stack.url}/sign-in`);
      expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\//);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/console', POLL);
      await expect.poll(() => page.locator('main h1').innerText(), POLL).toBe(WORDS['console.title']);
      await check(page, 'console');

      await page.getByRole('link', { name: 'Dones Mentores' }).click();
      await page.waitForURL((url) => url.pathname === `/console/${PROGRAMME}`, POLL);
      await check(page, 'programme');

      // The cohort, with a mistake first: the end questionnaire closing before the start one.
      await page.locator('#new-cohort').fill(COHORT);
      await page.locator('#new-name').fill('Tarragona 2027');
      await page.locator('#new-site').fill('Tarragona');
      await page.locator('#new-windows-mentoring-cycle-pre-opens').fill(day(-1));
      await page.locator('#new-windows-mentoring-cycle-pre-closes').fill(day(90));
      await page.locator('#new-windows-mentoring-cycle-post-opens').fill(day(-1));
      await page.locator('#new-windows-mentoring-cycle-post-closes').fill(day(30));
      const create = page.getByRole('button', { name: WORDS['console.createButton'] });
      expect(await press(page, create)).toBe(400);
      await expect.poll(() => page.getByRole('alert').innerText(), POLL).toContain(WORDS['problem.postClosesEarly']);
      expect(await page.locator('#new-cohort').inputValue()).toBe(COHORT);
      expect(await page.locator('#new-windows-mentoring-cycle-pre-closes').inputValue()).toBe(day(90));
      await check(page, 'programme, create form refused');
      await page.locator('#new-windows-mentoring-cycle-post-closes').fill(day(180));
      expect(await press(page, create)).toBe(200);
      expect(new URL(page.url()).pathname).toBe(`/console/${PROGRAMME}/${COHORT}`);
      expect(await page.getByRole('status').first().innerText()).toBe(WORDS['console.done.created']);
      await check(page, 'cohort, new');

      // 12 participants with Spanish cards.
      await page.locator('#add-count').fill('12');
      await page.locator('#add-language').selectOption('es');
      // A second tap while the first send is on its way goes nowhere: the page's one script cancels
      // a second submit of the add form (else the browser would show the answer to the second,
      // "already sent", and lose this batch's only copy of the codes). Seen from a listener after
      // the page's own, which cancels every send itself so that nothing leaves here.
      const cancelled = await page.evaluate(`(() => {
        const seen = [];
        const watch = (event) => { seen.push(event.defaultPrevented); event.preventDefault(); };
        document.addEventListener('submit', watch);
        const form = document.querySelector('form[data-once]');
        form.requestSubmit();
        form.requestSubmit();
        document.removeEventListener('submit', watch);
        form.removeAttribute('data-sent');
        return seen;
      })()`);
      expect(cancelled).toEqual([false, true]);
      expect(await press(page, page.getByRole('button', { name: WORDS['console.addButton'] }))).toBe(200);
      expect(await page.locator('main').innerText()).toContain(WORDS['console.batchOnce']);
      expect((await stack.deps.participants.cohortRoll(PROGRAMME, COHORT)).participants).toHaveLength(12);
      await check(page, 'batch made');

      const sheet = await download(page, WORDS['console.downloadSheet']);
      expect(sheet.name).toMatch(new RegExp(`^${COHORT}-\\d{4}-\\d{2}-\\d{2}-es-cards\\.html$`));
      expect(sheet.text).toContain('<html lang="es">');
      expect(sheet.text).toContain(`${START} (12)`);
      expect(sheet.text).toContain('Enlaces al cuestionario · Tarragona 2027');
      const csv = await download(page, WORDS['console.downloadCsv']);
      expect(csv.name).toMatch(new RegExp(`^${COHORT}-\\d{4}-\\d{2}-\\d{2}-es-links\\.csv$`));
      const [heading, ...rows] = csv.text
        .trim()
        .split(/\r?\n/)
        .map((line) => line.split(','));
      // Numbers, never the pseudonymous ids: the coordinator knows who holds which card.
      expect(heading).toEqual(['number', 'session', 'wave', 'code', 'url']);
      // Three links each: the start, the end, and the follow-up six months later.
      expect(rows).toHaveLength(36);
      expect(rows.filter((row) => row[2] === 'followup')).toHaveLength(12);
      // Still the batch page: the files are attachments.
      expect(new URL(page.url()).pathname).toBe(`/console/${PROGRAMME}/${COHORT}`);

      // Participant number 5's first link, answered in a browser of their own (the pages' real policy).
      const link = rows.find((row) => row[2] === 'pre' && row[0] === '5');
      const url = link?.[4] ?? '';
      expect(url).toMatch(new RegExp(`^${stack.url}/s/[0-9A-Z]{26}$`));
      const participant = await browser.newContext({ viewport: PHONE, locale: 'es-ES' });
      try {
        const survey = await participant.newPage();
        await survey.goto(url);
        expect((await walkSurvey(survey, 'es', { quick: true })).thanksStatus).toBe(200);
      } finally {
        await participant.close();
      }

      // The console: 1 of 12 answered at the start, and the 11 numbers without an answer.
      await page.goto(`${stack.url}/console/${PROGRAMME}/${COHORT}`);
      const answered = (label: string): Locator => page.locator(`main h3:text-is("${label}") + p`).first();
      expect(await answered(START).innerText()).toBe('1 de 12 han respondido');
      expect(await answered(END).innerText()).toBe('0 de 12 han respondido');
      expect(await answered('Ciclo de mentoría · 6 meses después del final').innerText()).toBe(
        '0 de 12 han respondido',
      );
      const pending = page.locator('main p.numbers');
      expect(await pending.first().innerText()).toBe('1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12');
      expect(await pending.nth(1).innerText()).toBe('1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12');
      expect(await page.locator('main h4').first().innerText()).toBe('Lote 1 (tarjetas en español): 11 sin respuesta');
      await check(page, 'cohort, one answer in');
      // The reminders unfolded too: ready to copy, one per number, without a link.
      await page.evaluate(`document.querySelectorAll('details').forEach((details) => { details.open = true; })`);
      const reminders = await page.locator('main pre').first().innerText();
      expect(reminders.match(/^# N\.º \d+ · Ciclo de mentoría · Al inicio$/gm)).toHaveLength(11);
      expect(reminders).not.toContain('/s/');
      await check(page, 'cohort, reminders open');

      // Marking it a comparison cohort (a waiting list) through the edit form's box, found by its
      // words, is refused now that it has participants: their answers may be in a funder's summary.
      const comparison = page.getByLabel(WORDS['console.comparisonChoice']);
      expect(await comparison.isChecked()).toBe(false);
      await comparison.check();
      expect(await press(page, page.getByRole('button', { name: WORDS['console.saveButton'] }))).toBe(400);
      expect(await page.locator('main').innerText()).toContain(WORDS['problem.comparisonFixed']);
      expect((await stack.deps.cohorts.getCohort(PROGRAMME, COHORT))?.cohort.comparison).toBe(false);
      await check(page, 'cohort, comparison refused');

      expect(scanned).toHaveLength(8);
      expect(findings, describeFindings(findings)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('leaves the repository as it was', () => {
    expect(gitStatus()).toBe(statusBefore);
  });
});
