/**
 * Staff sign-in in real Chromium at phone width, as an evaluator does it after `npm start`: the
 * sign-in link leads to the local OpenID Connect provider's login form, the form signs in and the
 * dashboard shows the programme's indicators; signing out ends both sessions, and Back does not
 * bring the indicators back (staff pages are `Cache-Control: no-store`, and the session is gone).
 * The login form is checked with axe too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { openLink } from '#use-cases/open-link.ts';
import { advanceSurvey } from '#use-cases/submit-response.ts';
import { AXE_CONTEXT, scanPage } from '../support/axe.ts';
import { launchBrowser } from '../support/browser.ts';
import { answerAll, startTestStack, storedWave } from '../support/stack.ts';
import { addMember } from '../support/staff.ts';

const PHONE = { width: 360, height: 740 };
const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const COHORT_PAGE = `/dashboard?programme=${PROGRAMME}&cohort=${COHORT}`;
/** What only the indicator tables show. */
const INDICATOR = 'Rosenberg Self-Esteem Scale';
/** How long a page may take to show what is waited for: generous, as the machine may be busy. */
const POLL = { timeout: 10_000 };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let email: string;
let password: string;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  // One participant's pre and post, aggregated: the cohort page has indicators to show.
  for (const link of (await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 1)).links) {
    const context = await storedWave(stack.deps, PROGRAMME, COHORT, link.session, link.wave);
    const fields = Object.fromEntries(answerAll(context, stack.deps.catalog, link.wave === 'pre' ? 0 : 1));
    await advanceSurvey(stack.deps, await openLink(stack.deps, link.code), fields, 'en');
  }
  await aggregate(stack.deps, { programme: PROGRAMME });
  const member = await addMember(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]);
  email = member.email;
  password = (await stack.directory.createAccount(email)).password;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('in Chromium', () => {
  it('an evaluator signs in through the login form, sees the indicators, signs out, and Back shows none', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    try {
      await page.goto(`${stack.url}/sign-in?next=${encodeURIComponent(COHORT_PAGE)}`);
      expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\//);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      expect(new URL(page.url()).search).toBe(`?programme=${PROGRAMME}&cohort=${COHORT}`);
      await expect.poll(() => page.locator('main').innerText(), POLL).toContain(INDICATOR);

      await page.getByRole('button', { name: 'Sign out' }).click();
      // prepost's page goes on to the provider, which signs out and sends the browser to sign in again.
      await page.waitForURL((url) => url.pathname.startsWith('/oidc/interaction/'));
      await expect.poll(() => page.getByLabel('Password').isVisible(), POLL).toBe(true);
      const cookies = await context.cookies(stack.url);
      expect(cookies.map((cookie) => cookie.name)).not.toContain('__Host-prepost_session');

      // Back, until the dashboard's own entry: no page on the way shows an indicator, and the
      // dashboard, fetched again (no-store), answers 401 without one.
      const visited: string[] = [];
      let status: number | undefined;
      while (new URL(page.url()).pathname !== '/dashboard' && visited.length < 12) {
        status = (await page.goBack({ waitUntil: 'load' }))?.status();
        visited.push(`${page.url()} ${status}`);
        expect(await page.content(), visited.join('\n')).not.toContain(INDICATOR);
      }
      expect(new URL(page.url()).pathname, visited.join('\n')).toBe('/dashboard');
      expect(status, visited.join('\n')).toBe(401);
    } finally {
      await context.close();
    }
  });

  it('the login form has no accessibility violations at phone width, with and without a problem shown', async () => {
    const context = await browser.newContext({ ...AXE_CONTEXT, viewport: PHONE });
    const page = await context.newPage();
    try {
      await page.goto(`${stack.url}/sign-in`);
      expect(await scanPage(page, 'login')).toEqual([]);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').innerText(), POLL).toContain('not right');
      expect(await scanPage(page, 'login, wrong password')).toEqual([]);
      // Nothing wider than the phone's screen.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await context.close();
    }
  });
});
