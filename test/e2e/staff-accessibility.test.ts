/**
 * axe-core on every kind of staff page at 360 px wide, in each of the four languages, reached as a
 * staff member reaches them (forms filled and sent in the browser): the staff page, a refused add
 * form, the new member's password shown once, the removal's confirmation; the tokens page, a
 * refused create form, the new token shown once; the audit log and a refused filter; the
 * dashboard's first page in the staff frame; the 403 and the 401 pages. No finding of any impact
 * is allowed, and no page may scroll sideways at 360 px (WCAG 2.2 SC 1.4.10, reflow). Every finding
 * is also written to test-artifacts/axe-staff-<language>.json for review.
 *
 * The scans run in a browser context with `bypassCSP: true`, the only way to inject axe; the
 * session is the cookie a sign-in would have set, sent with every request of the context.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { Language } from '#surveys/schema.ts';
import { STAFF_STRINGS } from '#web/staff-strings.ts';
import { AXE_CONTEXT, describeFindings, scanPage, type AxeFinding } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import { addMember, sessionFor, signedIn } from '../support/staff.ts';

const NARROW = { width: 360, height: 740 };
const ARTIFACTS = 'test-artifacts';
const PROGRAMME = 'justrom3-mentoring';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let admin: string;
let evaluator: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  await mkdir(ARTIFACTS, { recursive: true });
  // An admin who also reads a programme (a token of their own) and coordinates another (the
  // dashboard's first page then lists its response rates too).
  const member = await addMember(
    stack.deps,
    [
      { role: 'admin', programme: '*' },
      { role: 'evaluator', programme: PROGRAMME },
      { role: 'coordinator', programme: 'dones-mentores' },
    ],
    'admin.with-a-long-address-for-narrow-screens@example.org',
  );
  admin = await sessionFor(stack.deps, member);
  evaluator = await signedIn(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const CASES: readonly { readonly language: Language; readonly locale: string }[] = [
  { language: 'en', locale: 'en-GB' },
  { language: 'ro', locale: 'ro-RO' },
  { language: 'es', locale: 'es-ES' },
  { language: 'ca', locale: 'ca-ES' },
];

/** Presses a form's button and waits for the page that answers (after any redirect); its status. */
async function press(page: Page, button: Locator): Promise<number> {
  const answered = page.waitForResponse(
    (response) => response.request().isNavigationRequest() && response.status() !== 303,
  );
  await button.click();
  const response = await answered;
  await page.waitForLoadState('load');
  return response.status();
}

async function open(page: Page, path: string): Promise<number> {
  return (await page.goto(`${stack.url}${path}`))?.status() ?? 0;
}

/** A browser context in the language, at 360 px, signed in with the cookie (none: signed out). */
function contextFor(locale: string, cookie: string | undefined): Promise<BrowserContext> {
  return browser.newContext({
    ...AXE_CONTEXT,
    viewport: NARROW,
    locale,
    ...(cookie === undefined ? {} : { extraHTTPHeaders: { cookie } }),
  });
}

async function scanStaffPages(
  language: Language,
  locale: string,
): Promise<{ findings: AxeFinding[]; pages: string[] }> {
  const words = STAFF_STRINGS[language];
  const findings: AxeFinding[] = [];
  const pages: string[] = [];
  const scan = async (page: Page, label: string): Promise<void> => {
    expect(await page.getAttribute('html', 'lang'), label).toBe(language);
    // Reflow: nothing wider than the screen.
    expect(await page.evaluate('document.documentElement.scrollWidth'), label).toBeLessThanOrEqual(NARROW.width);
    pages.push(label);
    findings.push(...(await scanPage(page, `${language} ${label}`)));
  };

  const context = await contextFor(locale, admin);
  try {
    const page = await context.newPage();
    expect(await open(page, '/staff')).toBe(200);
    await scan(page, 'staff');

    // Add a member: refused first (a role that needs a programme, none ticked), then added.
    const email = `new.${language}@example.org`;
    const addForm = page.locator('form:has(input[name=action][value=add])');
    await addForm.locator('input[name=email]').fill(email);
    await addForm.locator('input[name=role][value=evaluator]').check();
    expect(await press(page, addForm.getByRole('button', { name: words['staff.addButton'] }))).toBe(400);
    expect(await page.getByRole('alert').count()).toBe(1);
    await scan(page, 'staff, add form refused');
    const refusedForm = page.locator('form:has(input[name=action][value=add])');
    await refusedForm.locator(`input[name=programme][value=${PROGRAMME}]`).check();
    expect(await press(page, refusedForm.getByRole('button', { name: words['staff.addButton'] }))).toBe(200);
    expect(await page.locator('textarea#password').inputValue()).not.toBe('');
    await scan(page, 'member added, password shown once');

    // Remove: asked once.
    expect(await open(page, '/staff')).toBe(200);
    const removeForm = page.locator(`form:has(input[name=action][value=remove]):has(input[value="${email}"])`);
    expect(await press(page, removeForm.getByRole('button'))).toBe(200);
    await scan(page, 'remove confirmation');

    // Tokens: the list, a refused create form (no programme ticked), then the token shown once.
    expect(await open(page, '/tokens')).toBe(200);
    await scan(page, 'tokens');
    const create = () => page.locator('form:has(input[name=action][value=create])');
    await create().locator('input[name=label]').fill(`Power BI (${language})`);
    expect(await press(page, create().getByRole('button', { name: words['tokens.createButton'] }))).toBe(400);
    await scan(page, 'tokens, create form refused');
    await create().locator(`input[name=programme][value=${PROGRAMME}]`).check();
    expect(await press(page, create().getByRole('button', { name: words['tokens.createButton'] }))).toBe(200);
    expect(await page.locator('textarea#token').inputValue()).toMatch(/^pp_/);
    await scan(page, 'token shown once');
    expect(await open(page, '/tokens')).toBe(200);
    expect(await page.getByRole('button', { name: new RegExp(`^${words['tokens.revoke']}`) }).count()).toBeGreaterThan(
      0,
    );
    await scan(page, 'tokens, with tokens');

    expect(await open(page, '/staff/audit')).toBe(200);
    expect(await page.locator('main ol.cards > li').count()).toBeGreaterThan(0);
    await scan(page, 'audit log');
    expect(await open(page, '/staff/audit?since=2026-02-30')).toBe(400);
    await scan(page, 'audit log, filter refused');

    expect(await open(page, '/dashboard')).toBe(200);
    expect(await page.locator('main a[href*="table=response-rates"]').count()).toBeGreaterThan(0);
    await scan(page, 'dashboard first page');
  } finally {
    await context.close();
  }

  const forbidden = await contextFor(locale, evaluator);
  try {
    const page = await forbidden.newPage();
    expect(await open(page, '/staff')).toBe(403);
    expect(await page.locator('main').innerText()).toContain(words['error.forbidden']);
    await scan(page, '403');
  } finally {
    await forbidden.close();
  }

  const signedOut = await contextFor(locale, undefined);
  try {
    const page = await signedOut.newPage();
    expect(await open(page, '/staff/audit')).toBe(401);
    expect(await page.getByRole('link', { name: words['error.signIn'] }).getAttribute('href')).toBe(
      '/sign-in?next=%2Fstaff%2Faudit',
    );
    await scan(page, '401');
  } finally {
    await signedOut.close();
  }
  return { findings, pages };
}

describe('axe-core at 360 px on every staff page', () => {
  it.each(CASES)(
    '$language: every staff page kind has no finding of any impact and no sideways scrolling',
    async ({ language, locale }) => {
      const { findings, pages } = await scanStaffPages(language, locale);
      await writeFile(`${ARTIFACTS}/axe-staff-${language}.json`, `${JSON.stringify({ pages, findings }, null, 2)}\n`);
      expect(pages).toHaveLength(13);
      expect(findings, describeFindings(findings)).toEqual([]);
    },
  );
});
