/**
 * Survey page weight: PRODUCT.md's budget of 30 KB (30,720 bytes) for a whole participant page,
 * HTML, CSS and any script, which are all inline (the content security policy lets a page load
 * nothing else). Every page is fetched through the real local server (`startLocalStack`, the
 * handler modules the Lambdas deploy) on the embedded DynamoDB:
 *
 * - every screen of every wave (pre and post of each session) of every seed programme, in each
 *   of the programme's languages, reached as a participant reaches it: by posting the screens
 *   before it with every question answered, so the hidden fields carrying earlier answers are
 *   all there (the option with the longest value is chosen, the heaviest carry);
 * - the heaviest error re-render of each screen (400): the consent screen unticked, and on the
 *   others every question of the screen sent twice, the longest problem message, named twice
 *   (at the top and at the question);
 * - the thank-you page in each language, and the unknown-link page (404) in every language.
 *
 * Prints the largest page per programme and exits non-zero when any page is over the budget.
 * Runs alone (`npx tsx bench/page-bytes.ts`, with `--all` listing every page's bytes) or from
 * `npm run bench`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { fieldOptions } from '#core/answers.ts';
import { surveySteps } from '#core/steps.ts';
import { resolveWave, type WaveContext } from '#core/waves.ts';
import { startLocalStack, type LocalStack } from '#local/stack.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { changeCohort } from '#use-cases/manage-cohorts.ts';
import { loadProgrammes } from '#use-cases/programmes.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { LANGUAGES } from '#surveys/schema.ts';
import { count, formatChecks, formatTable, type BudgetCheck } from './report.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

/** PRODUCT.md: at most 30 KB for the whole page. */
export const PAGE_BUDGET_BYTES = 30 * 1024;

/** One page fetched and weighed. */
export interface PageWeight {
  /** The programme, or '-' for pages of no programme (unknown link). */
  readonly programme: string;
  readonly kind: 'screen' | 'error' | 'thanks' | 'withdrawal' | 'not-found';
  /** Which page: session, wave, language, screen. */
  readonly page: string;
  readonly status: number;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** Anything the page would fetch besides itself (stylesheets, scripts, images, frames by URL): none expected. */
  readonly externalReferences: number;
}

// The SDK's notice that it will need Node 22 from 2027 says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const EXTERNAL = /<link\b|<(?:script|img|iframe|embed|object|source|video|audio)\b[^>]*\ssrc=|url\(/gi;

async function weigh(
  stack: LocalStack,
  programme: string,
  kind: PageWeight['kind'],
  page: string,
  path: string,
  form?: URLSearchParams,
): Promise<PageWeight> {
  const response = await fetch(`${stack.url}${path}`, {
    method: form === undefined ? 'GET' : 'POST',
    redirect: 'manual',
    ...(form === undefined
      ? {}
      : { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }),
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    programme,
    kind,
    page,
    status: response.status,
    bytes: body.length,
    gzipBytes: gzipSync(body).length,
    externalReferences: body.toString('utf8').match(EXTERNAL)?.length ?? 0,
  };
}

function expectStatus(weight: PageWeight, status: number): PageWeight {
  if (weight.status !== status)
    throw new Error(`${weight.programme} ${weight.page}: expected ${status}, got ${weight.status}`);
  return weight;
}

/**
 * Each screen's fields answered with the option of the longest value, heaviest to carry: every
 * field the wave has (consent, subgroups, answers, a then-test's answers), as the form takes them.
 */
function heaviestAnswers(context: WaveContext, catalog: Catalog): Map<string, string> {
  const longest = (values: readonly string[]): string =>
    values.reduce((best, value) => (value.length > best.length ? value : best), '');
  const answers = new Map<string, string>();
  for (const [field, { values }] of fieldOptions(context, catalog)) answers.set(field, longest(values));
  return answers;
}

/**
 * Every page of every seed programme (or of those named: the smoke run weighs one), and the
 * unknown-link page, fetched through the local server.
 */
export async function measurePageBytes(only?: readonly string[]): Promise<PageWeight[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'prepost-page-bytes-'));
  // The server logs each refused request (info); the error pages here are refused on purpose.
  const quiet = process.env.PREPOST_QUIET;
  process.env.PREPOST_QUIET = '1';
  const stack = await startLocalStack({ dataDir, inMemory: true, tableName: 'prepost-page-bytes' });
  try {
    const { catalog } = stack.deps;
    const weights: PageWeight[] = [];
    const programmes = await loadProgrammes(stack.deps);
    for (const programme of programmes.filter((candidate) => only === undefined || only.includes(candidate.id))) {
      const cohort = programme.cohorts[0];
      if (cohort === undefined) continue;
      // A seed follow-up opens months from now: opened today (to its own closing day), so its pages are weighed too.
      const today = stack.deps.clock.now().toISOString().slice(0, 10);
      const followups = Object.entries(cohort.windows)
        .filter(([id]) => id.endsWith(':followup'))
        .map(([id, window]) => [id, { opens: today, closes: window.closes ?? today }]);
      if (followups.length > 0)
        await changeCohort(stack.deps, SYSTEM_ACTOR, programme.id, cohort.id, {
          windows: Object.fromEntries(followups),
        });
      // One participant: screens before the last store nothing, so one link per wave serves every language.
      const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, programme.id, cohort.id, 1);
      for (const link of links) {
        const context = resolveWave(programme, cohort, link.session, link.wave);
        if (context === undefined) throw new Error(`no wave ${link.session}:${link.wave}`);
        const steps = surveySteps(context, catalog);
        const answers = heaviestAnswers(context, catalog);
        const path = `/s/${link.code}`;
        const wave = `${link.session}:${link.wave}`;
        for (const language of programme.languages) {
          for (const [index, step] of steps.entries()) {
            const shown = step.kind === 'then' ? `then-test of ${step.instrument}` : (step.instrument ?? step.kind);
            const label = `${wave} ${language} screen ${index + 1}/${steps.length} (${shown})`;
            // The fields of the screens before this one, as the form carries them.
            const carried = new URLSearchParams({ lang: language });
            for (const earlier of steps.slice(0, index))
              for (const field of earlier.fields) carried.append(field, answers.get(field) ?? '');
            if (index > 0) {
              // The screen before it sent (saved as a draft, post/redirect/get), then this one shown.
              const form = new URLSearchParams(carried);
              form.set('step', String(index - 1));
              form.set('nav', 'next-anyway');
              expectStatus(await weigh(stack, programme.id, 'screen', `${label}, sent`, path, form), 303);
            }
            weights.push(
              expectStatus(await weigh(stack, programme.id, 'screen', label, `${path}?lang=${language}`), 200),
            );
            // The same screen refused with as many problems, as long, as it can show.
            const refused = new URLSearchParams(carried);
            refused.set('step', String(index));
            refused.set('nav', 'next');
            if (step.kind !== 'consent') {
              for (const field of step.fields) {
                const value = answers.get(field) ?? '';
                refused.append(field, value);
                refused.append(field, value);
              }
            }
            // Consent refused comes back through a redirect (a reload never resubmits); the rest is 400.
            if (step.kind === 'consent')
              weights.push(
                expectStatus(
                  await weigh(
                    stack,
                    programme.id,
                    'error',
                    `${label}, consent missing`,
                    `${path}?lang=${language}&problem=consent`,
                  ),
                  200,
                ),
              );
            else
              weights.push(
                expectStatus(await weigh(stack, programme.id, 'error', `${label}, every problem`, path, refused), 400),
              );
          }
        }
        // Send the whole wave once, then the thank-you page in each language.
        const whole = new URLSearchParams({
          lang: programme.defaultLanguage,
          step: String(steps.length - 1),
          nav: 'next',
        });
        for (const [field, value] of answers) whole.append(field, value);
        expectStatus(await weigh(stack, programme.id, 'thanks', `${wave} submit`, path, whole), 303);
        for (const language of programme.languages)
          weights.push(
            expectStatus(
              await weigh(stack, programme.id, 'thanks', `${wave} ${language} thank-you`, `${path}?lang=${language}`),
              200,
            ),
          );
      }
      // Withdrawal: the confirmation, then what every link of the participant answers.
      const first = links[0];
      if (first !== undefined) {
        const path = `/s/${first.code}`;
        for (const language of programme.languages)
          weights.push(
            expectStatus(
              await weigh(
                stack,
                programme.id,
                'withdrawal',
                `${language} confirm withdrawal`,
                `${path}?lang=${language}&withdraw=1`,
              ),
              200,
            ),
          );
        expectStatus(
          await weigh(
            stack,
            programme.id,
            'withdrawal',
            'withdraw',
            path,
            new URLSearchParams({ nav: 'withdraw-confirm' }),
          ),
          303,
        );
        for (const language of programme.languages)
          weights.push(
            expectStatus(
              await weigh(
                stack,
                programme.id,
                'withdrawal',
                `${language} withdrawn`,
                `${path}?lang=${language}&withdrawn=1`,
              ),
              410,
            ),
          );
      }
    }
    for (const language of LANGUAGES)
      weights.push(
        expectStatus(
          await weigh(stack, '-', 'not-found', `unknown link ${language}`, `/s/NOT-A-REAL-CODE?lang=${language}`),
          404,
        ),
      );
    return weights;
  } finally {
    await stack.close();
    await rm(dataDir, { recursive: true, force: true });
    if (quiet === undefined) delete process.env.PREPOST_QUIET;
    else process.env.PREPOST_QUIET = quiet;
  }
}

const kb = (bytes: number): string => `${count(bytes)} B (${(bytes / 1024).toFixed(1)} KB)`;

function largest(weights: readonly PageWeight[]): PageWeight | undefined {
  return weights.reduce<PageWeight | undefined>(
    (best, weight) => (best === undefined || weight.bytes > best.bytes ? weight : best),
    undefined,
  );
}

/** Measures, prints a table per programme (and with `all`, every page), and returns the budget checks. */
export async function benchPageBytes(
  options: { all?: boolean; only?: readonly string[] } = {},
): Promise<BudgetCheck[]> {
  console.log(
    `Survey page weight through the local server: every screen of every wave, in each language, the heaviest error ` +
      `re-render, thank-you and 404 pages (budget ${kb(PAGE_BUDGET_BYTES)} a page)`,
  );
  const weights = await measurePageBytes(options.only);
  if (options.all === true) {
    console.log(
      formatTable(
        ['programme', 'page', 'status', 'bytes', 'gzip'],
        weights.map((weight) => [
          weight.programme,
          weight.page,
          String(weight.status),
          count(weight.bytes),
          count(weight.gzipBytes),
        ]),
        2,
      ),
    );
    console.log('');
  }
  const programmes = [...new Set(weights.map((weight) => weight.programme))];
  const kinds: readonly PageWeight['kind'][] = ['screen', 'error', 'thanks', 'withdrawal', 'not-found'];
  console.log(
    formatTable(
      ['programme', 'pages', ...kinds.map((kind) => `largest ${kind}`), 'largest page', 'gzip', 'external references'],
      programmes.map((programme) => {
        const own = weights.filter((weight) => weight.programme === programme);
        const top = largest(own);
        return [
          programme === '-' ? '(no programme)' : programme,
          count(own.length),
          ...kinds.map((kind) => {
            const found = largest(own.filter((weight) => weight.kind === kind));
            return found === undefined ? '' : count(found.bytes);
          }),
          top === undefined ? '' : count(top.bytes),
          top === undefined ? '' : count(top.gzipBytes),
          count(own.reduce((sum, weight) => sum + weight.externalReferences, 0)),
        ];
      }),
    ),
  );
  console.log(
    'Bytes of the response body as served (HTML with its inline style and script); gzip for reference only (the ' +
      'pages are not served compressed).',
  );
  for (const programme of programmes) {
    const top = largest(weights.filter((weight) => weight.programme === programme));
    if (top !== undefined)
      console.log(`  largest of ${programme === '-' ? '(no programme)' : programme}: ${top.page}, ${kb(top.bytes)}`);
  }
  console.log('');
  const checks = programmes.map((programme): BudgetCheck => {
    const own = weights.filter((weight) => weight.programme === programme);
    const top = largest(own);
    const over = own.filter((weight) => weight.bytes > PAGE_BUDGET_BYTES).length;
    return {
      budget: `every page of ${programme === '-' ? 'no programme (404)' : programme} <= ${count(PAGE_BUDGET_BYTES)} B`,
      measured: `largest ${kb(top?.bytes ?? 0)}${over > 0 ? `, ${over} of ${own.length} over` : ''}`,
      ok: over === 0,
    };
  });
  const external = weights.filter((weight) => weight.externalReferences > 0);
  checks.push({
    budget: 'survey pages load nothing besides themselves',
    measured: external.length === 0 ? 'no external reference' : external.map((weight) => weight.page).join('; '),
    ok: external.length === 0,
  });
  return checks;
}

// Alone: `npx tsx bench/page-bytes.ts [--all]` (--all lists every page).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const checks = await benchPageBytes({ all: process.argv.includes('--all') });
  console.log(formatChecks(checks));
  process.exitCode = checks.every((check) => check.ok) ? 0 : 1;
}
