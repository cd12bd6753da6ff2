/**
 * The submit budget (PRODUCT.md): the HTTP submit path costs at most 1.5x a bare conditional
 * PutItem of the same item against the same DynamoDB, in one run, with one write per accepted
 * response.
 *
 * The local HTTP server over the real survey handlers (`survey-stack.ts`) on loopback, with the
 * embedded DynamoDB in a process of its own (as DynamoDB is a service of its own):
 * 1. Calls per wave: one complete wave of each seed programme, answered over HTTP screen by
 *    screen as a browser without JavaScript does (the link's GET, then every screen's POST and
 *    the GET its 303 leads to, up to the thank-you page), counting the DynamoDB commands at
 *    the SDK client's middleware. The first POST of a wave may read the cohort's windows (the
 *    function instance's cache is cold), so a wave in a warm instance costs one GetItem less.
 * 2. The ratio: participants brought to their last screen beforehand (their draft as the walk
 *    leaves it, the screen as their link renders it, link token and all); then, in interleaved
 *    rounds whose order alternates, the HTTP POST of a last screen against a bare `PutItem` of
 *    the same response item (same attributes and size, under another participant's key, over a
 *    draft as the POST's write is) with the condition the store writes under, through the same
 *    client. The POST is timed at the server, from the request's arrival to the answer handed to
 *    the network (the submit path's own cost; the bare PutItem is timed by its caller, the
 *    server's side too), and as the participant's client sees it (its own HTTP work and the
 *    loopback besides), both printed; the budget is the ratio of the medians at the server.
 */
import { performance } from 'node:perf_hooks';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { responseKey, timeSortKey, WAVE_WRITABLE } from '#adapters/table-design.ts';
import { median } from './measure.ts';
import { duration, ratio, type BudgetCheck } from './report.ts';
import {
  answered,
  answerWave,
  getPage,
  issueLinks,
  prepare,
  startSurveyStack,
  type CommandCounts,
  type ScreenForm,
  type SurveyStack,
} from './survey-stack.ts';
import type { IssuedLink } from '#use-cases/create-links.ts';
import { fieldOptions } from '#core/answers.ts';
import type { LinkTarget, SurveyDraft } from '#core/model.ts';
import { surveySteps } from '#core/steps.ts';
import { resolveWave } from '#core/waves.ts';
import { loadOneCohort } from '#use-cases/programmes.ts';
import { DRAFT_DAYS } from '#use-cases/submit-response.ts';

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
   * @default 500
   */
  readonly rounds?: number;
  /**
   * Untimed rounds first (connections, the JIT compiling the submit path, the instance's caches).
   * @default 100
   */
  readonly warmup?: number;
}

/** What the timed final POSTs sent: one PutItem each is the least a stored response can cost. */
export interface FinalPostCalls {
  posts: number;
  puts: number;
  linkReads: number;
  waveReads: number;
  /** The cohort's windows, read through the function instance's one-minute cache. */
  cohortReads: number;
  /** Queries and any other command. */
  other: number;
  /** How long the timed rounds took (the cache may be read again once a minute). */
  seconds: number;
}

/** What the benchmark measured. */
export interface SubmitBenchResult {
  /** Median HTTP final POST (at the server) over median bare PutItem. */
  readonly ratio: number;
  /** The final POST at the server: from the request's arrival to the answer handed to the network. */
  readonly postMs: number;
  /** The final POST as the participant's client sees it: the same plus its own HTTP work and loopback. */
  readonly postSeenMs: number;
  readonly putMs: number;
  readonly rounds: number;
  /** DynamoDB commands of one complete wave per seed programme, GET and every screen's POST. */
  readonly callsPerWave: Record<string, CommandCounts>;
  /** What the timed final POSTs sent to DynamoDB, in all. */
  readonly finalPostCalls: FinalPostCalls;
  readonly checks: BudgetCheck[];
}

/** Runs both measurements on one stack. */
export async function benchSubmit(options: SubmitBenchOptions = {}): Promise<SubmitBenchResult> {
  const rounds = options.rounds ?? 500;
  const warmup = options.warmup ?? 100;
  const stack = await startSurveyStack();
  try {
    const callsPerWave: Record<string, CommandCounts> = {};
    let answeredLink: IssuedLink | undefined;
    for (const wave of WAVES) {
      const [link] = (await issueLinks(stack, wave.programme, wave.cohort, 1)).filter(
        (candidate) => candidate.session === wave.session && candidate.wave === 'pre',
      );
      if (link === undefined) throw new Error(`no ${wave.session} link in ${wave.programme}`);
      stack.resetCounts();
      await answerWave(stack.url, link.code, 1);
      callsPerWave[wave.programme] = { ...stack.counts };
      if (wave === TIMED) answeredLink = link;
    }

    const timed = await lastScreens(stack, warmup + rounds);
    const item = await storedItem(stack, answeredLink);
    const postMs: number[] = [];
    const clientMs: number[] = [];
    const putMs: number[] = [];
    const sent: FinalPostCalls = {
      posts: 0,
      puts: 0,
      linkReads: 0,
      waveReads: 0,
      cohortReads: 0,
      other: 0,
      seconds: 0,
    };
    const began = performance.now();
    for (const [index, { link, form }] of timed.entries()) {
      const request = prepare(`${stack.url}/s/${link.code}`, form.body);
      const post = async (): Promise<number> => {
        stack.resetCounts();
        const span = stack.nextServerSpan();
        const start = performance.now();
        const reply = await request();
        clientMs.push(performance.now() - start);
        const ms = await span;
        if (reply.status !== 303) throw new Error(`a final POST answered ${reply.status}, not 303`);
        if (index >= warmup) {
          sent.posts += 1;
          sent.puts += stack.counts.put;
          sent.linkReads += stack.reads.link;
          sent.waveReads += stack.reads.wave;
          sent.cohortReads += stack.reads.cohort;
          sent.other += stack.counts.query + stack.counts.other;
        }
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
      if (index < warmup) continue;
      postMs.push(postTime);
      putMs.push(putTime);
    }
    sent.seconds = (performance.now() - began) / 1000;

    const post = median(postMs);
    const put = median(putMs);
    const seen = median(clientMs.slice(warmup));
    const measured = post / put;
    const dones = callsPerWave[TIMED.programme];
    // The cohort's windows come from the function instance's cache, read again once a minute.
    const cohortReadsAllowed = 1 + Math.floor(sent.seconds / 60);
    return {
      ratio: measured,
      postMs: post,
      postSeenMs: seen,
      putMs: put,
      rounds,
      callsPerWave,
      finalPostCalls: sent,
      checks: [
        {
          budget: `submit: HTTP final POST <= ${SUBMIT_BUDGET}x a bare conditional PutItem of the same item`,
          measured:
            `${ratio(measured)} (${duration(post)} from request in to answer out, against ${duration(put)}; ` +
            `${duration(seen)} as the participant's client sees it; medians of ${rounds} interleaved rounds)`,
          ok: measured <= SUBMIT_BUDGET,
        },
        {
          budget: 'submit: one write per accepted response, and the final POST reads neither link nor wave',
          measured:
            `${sent.puts} PutItem, ${sent.linkReads + sent.waveReads} link or wave reads, ` +
            `${sent.cohortReads} cohort reads (cached a minute) in ${sent.posts} final POSTs; ` +
            `a whole ${TIMED.programme} wave: ${formatCounts(dones)}`,
          ok:
            sent.puts === sent.posts &&
            sent.linkReads + sent.waveReads + sent.other === 0 &&
            sent.cohortReads <= cohortReadsAllowed,
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

/**
 * Participants of the timed programme at their last screen, as walking the questionnaire leaves
 * them (a draft with every earlier answer, at the last step, written by the store as a posted
 * screen writes it), and that screen's form as their link renders it, token and all. Quicker than
 * walking hundreds of participants through seven screens over HTTP, and the same state.
 */
async function lastScreens(
  stack: SurveyStack,
  count: number,
): Promise<{ readonly link: IssuedLink; readonly form: ScreenForm }[]> {
  const links = (await issueLinks(stack, TIMED.programme, TIMED.cohort, count)).filter(
    (link) => link.session === TIMED.session && link.wave === 'pre',
  );
  const screens: { link: IssuedLink; form: ScreenForm }[] = [];
  for (const [index, link] of links.entries()) {
    await stack.deps.responses.saveDraft(ownerOf(link.participant), await lastStepDraft(stack, index));
    const page = await getPage(`${stack.url}/s/${link.code}`);
    if (page.form?.last !== true) throw new Error(`the link answered ${page.status} without its last screen`);
    screens.push({ link, form: answered(page.form, index % 4) });
    // The bare PutItem of this round replaces a draft too.
    await stack.deps.responses.saveDraft(bareOwner(index), await lastStepDraft(stack, index));
  }
  return screens;
}

/** A draft at the questionnaire's last screen with every question answered (the `pick`-th option, cycling). */
async function lastStepDraft(stack: SurveyStack, pick: number): Promise<SurveyDraft> {
  const { catalog, clock } = stack.deps;
  const { definition, cohort } = await loadOneCohort(stack.deps, TIMED.programme, TIMED.cohort);
  const context = resolveWave(definition, cohort, TIMED.session, 'pre');
  if (context === undefined) throw new Error(`no wave ${TIMED.session}:pre`);
  const fields = Object.fromEntries(
    [...fieldOptions(context, catalog)].map(([field, { values }], at) => [
      field,
      values[(pick + at) % values.length] ?? '',
    ]),
  );
  return {
    step: surveySteps(context, catalog).length - 1,
    fields,
    language: context.programme.defaultLanguage,
    expiresAt: Math.floor(clock.now().getTime() / 1000) + DRAFT_DAYS * 86_400,
  };
}

/** The key the `index`-th bare PutItem writes, a participant of its own. */
function bareOwner(index: number): LinkTarget {
  return ownerOf(`p-bare${String(index).padStart(6, '0')}`);
}

/** The timed wave's owner for a participant id. */
function ownerOf(participant: string): LinkTarget {
  return { programme: TIMED.programme, cohort: TIMED.cohort, participant, session: TIMED.session, wave: 'pre' };
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

/**
 * A bare conditional PutItem of the item under a key of its own (`index`-th), timed: over a draft,
 * as the final POST's write replaces the participant's draft.
 */
async function barePut(stack: SurveyStack, item: Record<string, unknown>, index: number): Promise<number> {
  const owner = bareOwner(index);
  // A fresh copy, as a caller builds its item: the same objects put again and again would be
  // marshalled warmer than any new response is.
  const Item = {
    ...structuredClone(item),
    ...responseKey(owner),
    participant: owner.participant,
    TSK: timeSortKey({ receivedAt: String(item.receivedAt), ...owner }),
  };
  const began = performance.now();
  await stack.client.send(new PutCommand({ TableName: stack.tableName, Item, ...WAVE_WRITABLE }));
  return performance.now() - began;
}
