/**
 * The submit budget (PRODUCT.md): the HTTP submit path costs at most 1.5x a bare conditional
 * PutItem of the same item against the same DynamoDB, in one run, with one write per accepted
 * response.
 *
 * Against the embedded DynamoDB and the local HTTP server over the real survey handlers
 * (`survey-stack.ts`), in one process on loopback:
 * 1. Calls per wave: one complete wave of each seed programme, answered over HTTP screen by
 *    screen as a browser without JavaScript does (the link's GET, then every screen's POST and
 *    the GET its 303 leads to, up to the thank-you page), counting the DynamoDB commands at
 *    the SDK client's middleware.
 * 2. The ratio: participants walked up to their last screen beforehand; then, in interleaved
 *    rounds (the order alternating), the HTTP POST of a last screen (request sent to 303 read)
 *    against a bare `PutItem` of the same response item (same attributes and size, another
 *    participant's key) with the same condition the store writes under, through the same
 *    client; the ratio of the medians.
 */
import { performance } from 'node:perf_hooks';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { responseKey, timeSortKey, WAVE_WRITABLE } from '#adapters/table-design.ts';
import { median } from './measure.ts';
import { duration, ratio, type BudgetCheck } from './report.ts';
import {
  answerWave,
  issueLinks,
  postScreen,
  startSurveyStack,
  walkToLastScreen,
  type CommandCounts,
  type ScreenForm,
  type SurveyStack,
} from './survey-stack.ts';
import type { IssuedLink } from '#use-cases/create-links.ts';

/** The budget: the HTTP final POST against a bare conditional PutItem of the same item. */
export const SUBMIT_BUDGET = 1.5;

/** The wave each seed programme is counted on: its first session's "before" questionnaire. */
const WAVES: readonly { programme: string; cohort: string; session: string }[] = [
  { programme: 'dones-mentores', cohort: 'barcelona-2026', session: 'mentoring-cycle' },
  { programme: 'justrom3-mentoring', cohort: 'iasi-2020', session: 'individual-meeting-1' },
  { programme: 'migrant-voices-heard', cohort: 'cluj-2021', session: 'action-planning' },
];

/** The programme whose last screen is timed: the longest questionnaire of the three (7 screens). */
const TIMED = WAVES[0] ?? { programme: 'dones-mentores', cohort: 'barcelona-2026', session: 'mentoring-cycle' };

export interface SubmitBenchOptions {
  /**
   * Timed rounds, each one final POST and one bare PutItem.
   * @default 300
   */
  readonly rounds?: number;
  /**
   * Untimed rounds first (connections, JIT, the function instance's caches).
   * @default 30
   */
  readonly warmup?: number;
}

/** What the benchmark measured. */
export interface SubmitBenchResult {
  /** Median HTTP final POST over median bare PutItem. */
  readonly ratio: number;
  readonly postMs: number;
  readonly putMs: number;
  readonly rounds: number;
  /** DynamoDB commands of one complete wave per seed programme, GET and every screen's POST. */
  readonly callsPerWave: Record<string, CommandCounts>;
  /** DynamoDB commands of the timed final POSTs alone, per POST (1 PutItem is the least possible). */
  readonly finalPostCalls: CommandCounts;
  readonly checks: BudgetCheck[];
}

/** Runs both measurements on one stack. */
export async function benchSubmit(options: SubmitBenchOptions = {}): Promise<SubmitBenchResult> {
  const rounds = options.rounds ?? 300;
  const warmup = options.warmup ?? 30;
  const stack = await startSurveyStack();
  try {
    const callsPerWave: Record<string, CommandCounts> = {};
    let answered: IssuedLink | undefined;
    for (const wave of WAVES) {
      const [link] = (await issueLinks(stack, wave.programme, wave.cohort, 1)).filter(
        (candidate) => candidate.session === wave.session && candidate.wave === 'pre',
      );
      if (link === undefined) throw new Error(`no ${wave.session} link in ${wave.programme}`);
      stack.resetCounts();
      await answerWave(stack.url, link.code, 1);
      callsPerWave[wave.programme] = { ...stack.counts };
      if (wave === TIMED) answered = link;
    }

    const timed = await lastScreens(stack, warmup + rounds);
    const postMs: number[] = [];
    const putMs: number[] = [];
    const finalPostCalls: CommandCounts = { get: 0, put: 0, query: 0, other: 0 };
    const item = await storedItem(stack, answered);
    for (const [index, { link, form }] of timed.entries()) {
      const post = async (): Promise<number> => {
        stack.resetCounts();
        const began = performance.now();
        await postScreen(`${stack.url}/s/${link.code}`, form.body);
        const ms = performance.now() - began;
        for (const kind of ['get', 'put', 'query', 'other'] as const) finalPostCalls[kind] += stack.counts[kind];
        return ms;
      };
      const put = (): Promise<number> => barePut(stack, item, index);
      // Alternating order: neither side always runs on a warmer cache or a quieter moment.
      let postTime: number;
      let putTime: number;
      if (index % 2 === 0) {
        postTime = await post();
        putTime = await put();
      } else {
        putTime = await put();
        postTime = await post();
      }
      if (index < warmup) {
        for (const kind of ['get', 'put', 'query', 'other'] as const) finalPostCalls[kind] = 0;
        continue;
      }
      postMs.push(postTime);
      putMs.push(putTime);
    }
    for (const kind of ['get', 'put', 'query', 'other'] as const) finalPostCalls[kind] /= rounds;

    const post = median(postMs);
    const put = median(putMs);
    const measured = post / put;
    const dones = callsPerWave[TIMED.programme];
    return {
      ratio: measured,
      postMs: post,
      putMs: put,
      rounds,
      callsPerWave,
      finalPostCalls,
      checks: [
        {
          budget: `submit: HTTP final POST <= ${SUBMIT_BUDGET}x a bare conditional PutItem of the same item`,
          measured: `${ratio(measured)} (${duration(post)} against ${duration(put)}, medians of ${rounds} rounds)`,
          ok: measured <= SUBMIT_BUDGET,
        },
        {
          budget: 'submit: one write per accepted response (the final POST sends one PutItem and nothing else)',
          measured: `${formatCounts(finalPostCalls)} per final POST; a ${TIMED.programme} wave: ${formatCounts(dones)}`,
          ok:
            finalPostCalls.put === 1 &&
            finalPostCalls.get === 0 &&
            finalPostCalls.query === 0 &&
            finalPostCalls.other === 0,
        },
      ],
    };
  } finally {
    await stack.close();
  }
}

/** Commands in a line: `3 GetItem, 1 PutItem`. */
export function formatCounts(counts: CommandCounts | undefined): string {
  if (counts === undefined) return 'not measured';
  const parts = [
    `${fixed(counts.get)} GetItem`,
    `${fixed(counts.put)} PutItem`,
    ...(counts.query > 0 ? [`${fixed(counts.query)} Query`] : []),
    ...(counts.other > 0 ? [`${fixed(counts.other)} other`] : []),
  ];
  return parts.join(', ');
}

const fixed = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** Participants of the timed programme, each walked to its last screen: the forms the rounds send. */
async function lastScreens(
  stack: SurveyStack,
  count: number,
): Promise<{ readonly link: IssuedLink; readonly form: ScreenForm }[]> {
  const links = (await issueLinks(stack, TIMED.programme, TIMED.cohort, count)).filter(
    (link) => link.session === TIMED.session && link.wave === 'pre',
  );
  const screens: { link: IssuedLink; form: ScreenForm }[] = [];
  for (const [index, link] of links.entries())
    screens.push({ link, form: await walkToLastScreen(stack.url, link.code, index % 4) });
  return screens;
}

/** The response item a final POST stored, as it is in the table. */
async function storedItem(stack: SurveyStack, link: IssuedLink | undefined): Promise<Record<string, unknown>> {
  if (link === undefined) throw new Error('no participant to time');
  const { Item } = await stack.client.send(
    new GetCommand({
      TableName: stack.tableName,
      Key: responseKey({ ...link, programme: TIMED.programme, cohort: TIMED.cohort }),
      ConsistentRead: true,
    }),
  );
  if (Item?.type !== 'response') throw new Error('the answered wave stored no response');
  return Item;
}

/** A bare conditional PutItem of the item under a key of its own (`index`-th), timed. */
async function barePut(stack: SurveyStack, item: Record<string, unknown>, index: number): Promise<number> {
  const participant = `p-bare${String(index).padStart(6, '0')}`;
  const owner = {
    programme: TIMED.programme,
    cohort: TIMED.cohort,
    participant,
    session: TIMED.session,
    wave: 'pre',
  };
  const Item = {
    ...item,
    ...responseKey(owner),
    participant,
    TSK: timeSortKey({ receivedAt: String(item.receivedAt), ...owner }),
  };
  const began = performance.now();
  await stack.client.send(new PutCommand({ TableName: stack.tableName, Item, ...WAVE_WRITABLE }));
  return performance.now() - began;
}
