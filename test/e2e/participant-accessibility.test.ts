/**
 * axe-core on every kind of participant page, at 320 px wide, in each of the four languages:
 * the consent screen and its problem (consent not ticked), every question screen, a 400
 * re-render (a value that is not an option), the note on a screen left with nothing answered,
 * the note that there is nothing to send, the 503s when the store fails (the screen kept for
 * one more try, and the retry form when the link could not even be read), the thank-you page,
 * the withdrawal confirmation, the 410 after withdrawing and the 410 of that participant's other
 * links, the 409 when another tab answered first, the 410 of a closed wave and the unknown-link
 * page (404). No serious or critical violation is allowed; every finding, whatever its impact,
 * is also written to test-artifacts/axe-<language>.json for review. Two WCAG 2.2 checks axe
 * cannot make (focus and targets must not hide under the sticky exit bar) are tested directly.
 *
 * The scans run in a browser context with `bypassCSP: true`, the only way to inject axe into
 * pages whose content security policy allows nothing but their own hashed script (it also lets
 * a form post to the second servers below); the other browser tests run the pages under their
 * real policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import type { LocalServer } from '#local/server.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { setWaveClosed } from '#use-cases/manage-cohorts.ts';
import { launchBrowser } from '../support/browser.ts';
import { AXE_CONTEXT, describeFindings, scanPage, seriousOrCritical, type AxeFinding } from '../support/axe.ts';
import { answerAll, depsThrough, startSurveyServer, startTestStack, storedWave } from '../support/stack.ts';
import {
  WORDS,
  currentStep,
  followTo,
  serveNeutralSite,
  submitNatively,
  walkSurvey,
  type PageLanguage,
} from '../support/survey-walk.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

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
  {
    language: 'en',
    programme: 'migrant-voices-heard',
    cohort: 'cluj-2021',
    session: 'action-planning',
    wave: 'pre',
    locale: 'en-GB',
  },
  {
    language: 'ro',
    programme: 'justrom3-mentoring',
    cohort: 'iasi-2020',
    session: 'individual-meeting-1',
    wave: 'pre',
    locale: 'ro-RO',
  },
  {
    language: 'es',
    programme: 'dones-mentores',
    cohort: 'barcelona-2026',
    session: 'mentoring-cycle',
    wave: 'pre',
    locale: 'es-ES',
  },
  {
    language: 'ca',
    programme: 'dones-mentores',
    cohort: 'girona-2026',
    session: 'mentoring-cycle',
    wave: 'post',
    locale: 'ca-ES',
  },
];

async function post(page: Page, name: string): Promise<number> {
  return followTo(page, page.getByRole('button', { name, exact: true }));
}

/** The language's words for the main text of a page, for the checks that the scanned page is the one meant. */
const mainText = (page: Page): Promise<string> => page.locator('main').innerText();

/**
 * A second server over the same table and the same handlers, for the pages a healthy stack
 * cannot show on demand: its DynamoDB client throttles one operation (at the AWS SDK's own
 * middleware, inside the SDK's retry loop, as DynamoDB would).
 */
async function serverWith(options: { readonly throttle?: 'PutItem' | 'GetItem' }): Promise<LocalServer> {
  const client = createDocumentClient(stack.environment.endpoint);
  const { throttle } = options;
  if (throttle !== undefined) {
    client.middlewareStack.add(
      (next) => async (args) => {
        if (
          (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ===
          `DynamoDB_20120810.${throttle}`
        ) {
          throw new ProvisionedThroughputExceededException({
            message: 'simulated throttling (test)',
            $metadata: { httpStatusCode: 400 },
          });
        }
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'throttle' },
    );
  }
  return startSurveyServer(depsThrough(stack, client));
}

/** The fields the screen's form would send with its forward button. */
async function screenFields(page: Page): Promise<URLSearchParams> {
  const fields = new URLSearchParams(
    String(await page.evaluate("new URLSearchParams(new FormData(document.querySelector('form#survey'))).toString()")),
  );
  fields.set('nav', 'next');
  return fields;
}

/** Scans every page a participant of `scenario` can meet, and returns every finding. */
async function scanJourney(scenario: Case): Promise<{ findings: AxeFinding[]; pages: string[] }> {
  const { language } = scenario;
  const words = WORDS[language];
  const issue = async (): Promise<{ link: IssuedLink; other: IssuedLink }> => {
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, scenario.programme, scenario.cohort, 1);
    const link = links.find((candidate) => candidate.session === scenario.session && candidate.wave === scenario.wave);
    const other = links.find((candidate) => candidate.session === scenario.session && candidate.wave !== scenario.wave);
    if (link === undefined || other === undefined) throw new Error('no link');
    return { link, other };
  };
  const first = await issue();
  const second = await issue();
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
    await page.goto(`${stack.url}/s/${first.link.code}`);
    // The consent screen refused: nothing ticked (nothing may be kept, so it comes back through the redirect).
    expect(await post(page, words.next)).toBe(200);
    expect(await page.getByRole('alert').count()).toBe(1);
    await scan('consent screen, consent not ticked');
    await walkSurvey(page, language, {
      quick: true,
      beforeAnswer: async (current, screen) => {
        await scan(`screen ${screen.index + 1} (${screen.heading})`);
        if (screen.index === 1) {
          // A question screen refused: a value that is not an option (only a crafted post can send one).
          await current
            .locator('main fieldset input[type=radio]')
            .first()
            .evaluate((input) => {
              input.setAttribute('value', 'not-an-option');
              input.click();
            });
          expect(await post(current, words.next)).toBe(400);
          await scan(`screen ${screen.index + 1} (${screen.heading}), 400 invalid option`);
          // Continue with nothing answered: asked once whether to go on anyway.
          expect(await post(current, words.next)).toBe(200);
          expect(await current.getByRole('button', { name: words.anyway, exact: true }).count()).toBe(1);
          await scan(`screen ${screen.index + 1} (${screen.heading}), nothing answered on this screen`);
        }
        if (screen.index === 2) {
          // The store fails while saving the screen: 503, the same screen with its answers, for one more try.
          await current.locator('main fieldset input[type=radio]').first().check();
          const fields = await screenFields(current);
          const path = `/s/${first.link.code}`;
          const throttledWrites = await serverWith({ throttle: 'PutItem' });
          const throttledReads = await serverWith({ throttle: 'GetItem' });
          try {
            expect(await submitNatively(current, `${throttledWrites.url}${path}`, fields)).toBe(503);
            expect(await current.locator('main input[type=radio]:checked').count()).toBe(1);
            await scan(`screen ${screen.index + 1} (${screen.heading}), 503 could not save`);
            // The store fails before the link is even read: 503, the answers in a form that sends them again.
            expect(await submitNatively(current, `${throttledReads.url}${path}`, fields)).toBe(503);
            expect(await current.getByRole('button', { name: words.tryAgain, exact: true }).count()).toBe(1);
            await scan(`screen ${screen.index + 1}, 503 could not save (link unread), try again`);
          } finally {
            await throttledWrites.close();
            await throttledReads.close();
          }
          // The same answers sent again to the healthy stack move on.
          expect(await submitNatively(current, `${stack.url}${path}`, fields)).toBe(200);
          expect(await currentStep(current)).toBe(3);
        }
      },
    });
    expect(await page.locator('main h1').innerText()).toBe(words.thanks);
    await scan('thank-you page');

    // Withdrawal: asked once more, then everything goes, and every link of the participant stops.
    expect(await followTo(page, page.getByRole('link', { name: words.withdraw, exact: true }))).toBe(200);
    expect(await page.getByRole('button', { name: words.confirmWithdraw, exact: true }).count()).toBe(1);
    await scan('withdraw confirmation');
    expect(await followTo(page, page.getByRole('button', { name: words.confirmWithdraw, exact: true }))).toBe(410);
    expect(await mainText(page)).toContain(words.withdrawn);
    await scan('410 withdrawn just now');
    const inactive = await page.goto(`${stack.url}/s/${first.other.code}`);
    expect(inactive?.status()).toBe(410);
    expect(await mainText(page)).toContain(words.inactive);
    await scan('410 link no longer active');

    // A second participant sends nothing at all: every screen left empty, then nothing to send.
    await page.goto(`${stack.url}/s/${second.link.code}`);
    await page.locator('input[type=checkbox][name=consent]').check();
    expect(await post(page, words.next)).toBe(200);
    for (let screens = 0; ; screens += 1) {
      if (screens > 30) throw new Error('never reached the note that there is nothing to send');
      const anyway = page.getByRole('button', { name: words.anyway, exact: true });
      if ((await anyway.count()) > 0) {
        expect(await followTo(page, anyway)).toBe(200);
        continue;
      }
      // A note without the button to go on anyway: the last screen's "nothing to send".
      if ((await page.locator('main .note').count()) > 0) break;
      const send = page.getByRole('button', { name: words.submit, exact: true });
      expect(
        await followTo(
          page,
          (await send.count()) > 0 ? send : page.getByRole('button', { name: words.next, exact: true }),
        ),
      ).toBe(200);
    }
    expect(await page.getByRole('button', { name: words.submit, exact: true }).count()).toBe(1);
    expect(await page.locator('main .note').count()).toBe(1);
    await scan('last screen, nothing to send');
    expect(
      await stack.deps.responses.getResponse({
        programme: scenario.programme,
        cohort: scenario.cohort,
        participant: second.link.participant,
        session: second.link.session,
        wave: second.link.wave,
      }),
    ).toBeUndefined();

    // Answered in another tab, then this tab sends different answers: 409, leading back to the receipt.
    const wave = await storedWave(stack.deps, scenario.programme, scenario.cohort, scenario.session, scenario.wave);
    const url = `${stack.url}/s/${second.link.code}`;
    const elsewhere = await page.request.post(url, {
      form: Object.fromEntries(answerAll(wave, stack.deps.catalog, 0)),
    });
    expect(elsewhere.status()).toBe(200);
    expect(
      await stack.deps.responses.getResponse({
        programme: scenario.programme,
        cohort: scenario.cohort,
        participant: second.link.participant,
        session: second.link.session,
        wave: second.link.wave,
      }),
    ).toBeDefined();
    expect(await submitNatively(page, url, answerAll(wave, stack.deps.catalog, 1))).toBe(409);
    await scan('409 answered elsewhere');

    // A wave its coordinator has closed.
    const closedWave = `${scenario.session}:${second.other.wave}`;
    await setWaveClosed(stack.deps, SYSTEM_ACTOR, scenario.programme, scenario.cohort, closedWave, true);
    try {
      const closed = await page.goto(`${stack.url}/s/${second.other.code}`);
      expect(closed?.status()).toBe(410);
      await scan('410 wave closed');
    } finally {
      await setWaveClosed(stack.deps, SYSTEM_ACTOR, scenario.programme, scenario.cohort, closedWave, false);
    }

    const unknown = await page.goto(`${stack.url}/s/NOT-A-REAL-CODE`);
    expect(unknown?.status()).toBe(404);
    await scan('404 unknown link');
    return { findings, pages };
  } finally {
    await context.close();
  }
}

describe('axe-core at 320 px on every participant page', () => {
  it.each(CASES)(
    '$language ($programme): every page kind (screens, problems, notes, 503s, thank-you, withdrawal, 409, 410s, 404) ' +
      'has no serious or critical violation',
    async (scenario) => {
      const { findings, pages } = await scanJourney(scenario);
      await writeFile(
        `${ARTIFACTS}/axe-${scenario.language}.json`,
        `${JSON.stringify({ pages, findings }, null, 2)}\n`,
      );
      expect(pages.length).toBeGreaterThanOrEqual(16);
      const serious = seriousOrCritical(findings);
      expect(serious, describeFindings(serious)).toEqual([]);
    },
  );

  /** Where the focused element and the sticky exit bar are, in viewport pixels. */
  const OVERLAP = `(() => {
    const rect = (element) => {
      const box = element.getBoundingClientRect();
      return { top: Math.round(box.top), bottom: Math.round(box.bottom) };
    };
    const target = location.hash === '' ? null : document.querySelector(location.hash + ' legend');
    return {
      bar: rect(document.querySelector('.exit')),
      focused: rect(document.activeElement),
      legend: target === null ? null : rect(target),
    };
  })()`;

  async function questionScreen(): Promise<Page> {
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, 'dones-mentores', 'barcelona-2026', 1);
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

  it(
    'WCAG 2.2 SC 2.4.11: at 320 px Shift+Tab back to a question does not leave its focused option under the sticky ' +
      'exit bar',
    async () => {
      const page = await questionScreen();
      try {
        for (let presses = 0; presses < 12; presses += 1) await page.keyboard.press('Tab');
        await page.keyboard.press('Shift+Tab');
        const { bar, focused } = await page.evaluate<{ bar: { bottom: number }; focused: { bottom: number } }>(OVERLAP);
        expect(focused.bottom).toBeGreaterThan(bar.bottom);
      } finally {
        await page.context().close();
      }
    },
  );

  it('the scan itself sees a planted violation (an unlabelled radio, touch targets under 24 px)', async () => {
    const context = await browser.newContext({ ...AXE_CONTEXT, viewport: NARROW });
    try {
      const page = await context.newPage();
      await page.goto(`${stack.url}/s/NOT-A-REAL-CODE`);
      await page.locator('main').evaluate((main) => {
        main.insertAdjacentHTML(
          'beforeend',
          '<input type="radio" name="planted"><p><button ' +
            'style="all:unset;display:inline-block;width:8px;height:8px;background:#1d5e2a" ' +
            'aria-label="one"></button><button ' +
            'style="all:unset;display:inline-block;width:8px;height:8px;background:#1d5e2a" ' +
            'aria-label="two"></button></p>',
        );
      });
      const rules = seriousOrCritical(await scanPage(page, 'planted')).map((finding) => finding.rule);
      expect(rules).toEqual(expect.arrayContaining(['label', 'target-size']));
    } finally {
      await context.close();
    }
  });
});
