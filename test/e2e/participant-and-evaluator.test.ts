/**
 * What a new user does after `npm start`, in a real browser: open a participant link, answer,
 * send, see the thank-you page; aggregate; sign in as evaluator and see the pair counted, in the
 * finding and in the full table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { launchBrowser } from '../support/browser.ts';
import { startTestStack } from '../support/stack.ts';
import { signedIn } from '../support/staff.ts';
import { walkSurvey } from '../support/survey-walk.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
let stack: Awaited<ReturnType<typeof startTestStack>>;
let browser: Browser;
let links: IssuedLink[];

beforeAll(async () => {
  stack = await startTestStack();
  browser = await launchBrowser();
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 1));
  await mkdir('test-artifacts', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function answerInBrowser(code: string, choice: 'first' | 'last', screenshot?: string): Promise<string> {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'es-ES' });
  try {
    await page.goto(`${stack.url}/s/${code}`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    // One screen a group of questions, until the last one sends (screens swapped in place).
    await walkSurvey(page, 'es', {
      pick: (_n, count) => (choice === 'first' ? 0 : Math.max(0, count - 2)),
      afterAnswer: async (current, screen) => {
        if (screenshot !== undefined && screen.index === 1)
          await current.screenshot({ path: `test-artifacts/${screenshot}`, fullPage: false });
      },
    });
    return await page.locator('main').innerText();
  } finally {
    await page.close();
  }
}

describe('in Chromium', () => {
  it('a participant answers pre and post, and the evaluator sees the pair after aggregation', async () => {
    const pre = links.find((link) => link.wave === 'pre');
    const post = links.find((link) => link.wave === 'post');
    if (pre === undefined || post === undefined) throw new Error('links missing');
    expect(await answerInBrowser(pre.code, 'first', 'survey-360px-es.png')).toContain('Gracias');
    expect(await answerInBrowser(post.code, 'last')).toContain('Gracias');

    await aggregate(stack.deps, { programme: PROGRAMME });
    const cookie = await signedIn(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]);
    const [name = '', value = ''] = cookie.split('=');
    const context = await browser.newContext();
    await context.addCookies([
      { name, value, domain: new URL(stack.url).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' },
    ]);
    const page = await context.newPage();
    try {
      await page.goto(`${stack.url}/dashboard`);
      await page.getByRole('link', { name: 'Barcelona 2026', exact: true }).click();
      // The findings first: the measure's card counts the one completer.
      const card = page.locator('ul.findings > li', {
        has: page.getByRole('heading', { name: 'Rosenberg Self-Esteem Scale' }),
      });
      expect(await card.locator('dt:has-text("Answered before and after") + dd').innerText()).toBe('1');
      // The full table comes closed; opened, the whole group's row has n before, after and both.
      await page.locator('summary', { hasText: 'Every indicator (full table)' }).click();
      const measure = page.locator('table.full tbody', {
        has: page.locator('th[scope=colgroup]', { hasText: 'Rosenberg Self-Esteem Scale' }),
      });
      const row = measure.locator('tr', { has: page.locator('th[scope=row]', { hasText: 'Whole group' }) });
      expect((await row.locator('td').allInnerTexts()).slice(0, 3)).toEqual(['1', '1', '1']);
      await page.screenshot({ path: 'test-artifacts/dashboard.png', fullPage: true });
    } finally {
      await context.close();
    }
  });
});
