/**
 * The bounded load test (issue 13): many simulated participants at once answer their waves over
 * HTTP on loopback, against the local server over the real survey handlers and the embedded
 * DynamoDB (`survey-stack.ts`), and the table is read back afterwards to prove that no accepted
 * submission was lost and none was stored twice.
 *
 * Each submission is what a phone does with a link: GET the link (the consent screen, with its
 * link token), POST the whole questionnaire with that token (a form without `step` is the whole
 * questionnaire at once, as the demo's participants send it), follow the 303 to the thank-you
 * page and read the receipt. A share of participants double-tap (the same POST twice at once),
 * and a participant whose POST fails (a 503) tries again, as a person would, up to three times.
 * Latencies are those of the POSTs that store; p50/p95/p99 over all of them.
 *
 * Afterwards, one Query pass over each cohort's partition: a submission is lost when the thank-you
 * page showed a receipt but the table holds no response for the wave, or one with another receipt
 * or other answers; a response is duplicated when the table holds more than one for a wave, or one
 * for a wave nobody submitted.
 */
import { performance } from 'node:perf_hooks';
import { paginateQuery } from '@aws-sdk/lib-dynamodb';
import { cohortKey } from '#adapters/table-design.ts';
import { fieldOptions, LINK_TOKEN_FIELD } from '#core/answers.ts';
import { resolveWave } from '#core/waves.ts';
import { seededRandom } from '#local/simulation.ts';
import type { IssuedLink } from '#use-cases/create-links.ts';
import { count, duration, type BudgetCheck } from './report.ts';
import { getPage, issueLinks, receiptOf, send, startSurveyStack, type SurveyStack } from './survey-stack.ts';

/** Where the submissions go: Dones Mentores' two seed cohorts, a "before" and an "after" wave per participant. */
const PROGRAMME = 'dones-mentores';
const COHORTS = ['barcelona-2026', 'girona-2026'];

export interface LoadBenchOptions {
  /**
   * Simulated participants answering at the same time.
   * @default 200
   */
  readonly concurrency?: number;
  /**
   * Submissions in all (two per participant: the wave before and the wave after).
   * @default 20000
   */
  readonly submissions?: number;
  /**
   * The share of submissions sent twice at once (a double tap on weak data).
   * @default 0.05
   */
  readonly doubleTaps?: number;
}

/** What the load test measured. */
export interface LoadBenchResult {
  readonly lost: number;
  readonly duplicated: number;
  /** Submissions that never got a receipt, even after retrying. */
  readonly failed: number;
  /** What made a participant try again, and how often (a 503, a connection reset). */
  readonly setbacks: Readonly<Record<string, number>>;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly submissions: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly checks: BudgetCheck[];
}

/** One wave to answer: its link, its cohort and the form to send. */
interface Submission {
  readonly link: IssuedLink;
  readonly cohort: string;
  readonly answers: Record<string, string>;
  readonly doubleTap: boolean;
}

/** One wave answered: the receipt its thank-you page showed. */
interface Answered {
  readonly submission: Submission;
  readonly receipt: string;
}

/** Runs the load test; every size is a parameter so a smoke test can run it tiny. */
export async function benchLoad(options: LoadBenchOptions = {}): Promise<LoadBenchResult> {
  const concurrency = options.concurrency ?? 200;
  const total = options.submissions ?? 20_000;
  const doubleTaps = options.doubleTaps ?? 0.05;
  const stack = await startSurveyStack();
  try {
    const submissions = await prepare(stack, total, doubleTaps);
    const latencies: number[] = [];
    const answered: Answered[] = [];
    const setbacks: Record<string, number> = {};
    let failed = 0;
    let next = 0;
    const began = performance.now();
    const participant = async (): Promise<void> => {
      while (next < submissions.length) {
        const submission = submissions[next];
        next += 1;
        if (submission === undefined) continue;
        const receipt = await submit(stack, submission, latencies, setbacks);
        if (receipt === undefined) failed += 1;
        else answered.push({ submission, receipt });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, participant));
    const seconds = (performance.now() - began) / 1000;
    const { lost, duplicated } = await verify(stack, answered);
    latencies.sort((a, b) => a - b);
    const at = (share: number): number =>
      latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))] ?? 0;
    const [p50Ms, p95Ms, p99Ms] = [at(0.5), at(0.95), at(0.99)];
    const figures =
      `${count(submissions.length)} submissions by ${concurrency} participants at once ` + `in ${seconds.toFixed(1)} s`;
    return {
      lost,
      duplicated,
      failed,
      setbacks,
      p50Ms,
      p95Ms,
      p99Ms,
      submissions: submissions.length,
      concurrency,
      seconds,
      checks: [
        {
          budget: 'load: no accepted submission lost',
          measured: `${lost} lost of ${count(answered.length)}`,
          ok: lost === 0,
        },
        {
          budget: 'load: no response stored twice (table read back)',
          measured: `${duplicated} duplicated; ${figures}`,
          ok: duplicated === 0,
        },
        {
          budget: 'load: every submission accepted (503s retried, as a person would)',
          measured:
            `${failed} never accepted, ${retries(setbacks)}; ` +
            `POST p50 ${duration(p50Ms)}, p95 ${duration(p95Ms)}, p99 ${duration(p99Ms)}`,
          ok: failed === 0,
        },
      ],
    };
  } finally {
    await stack.close();
  }
}

/** The links and answers of every submission, made before the clock starts. */
async function prepare(stack: SurveyStack, total: number, doubleTaps: number): Promise<Submission[]> {
  const random = seededRandom(13_2026);
  const definition = stack.deps.catalog.programmes.get(PROGRAMME);
  if (definition === undefined) throw new Error(`no programme ${PROGRAMME}`);
  const submissions: Submission[] = [];
  const participants = Math.ceil(total / 2);
  for (const [index, cohortId] of COHORTS.entries()) {
    const share = Math.floor(participants / COHORTS.length) + (index < participants % COHORTS.length ? 1 : 0);
    if (share === 0) continue;
    const cohort = (await stack.deps.cohorts.getCohort(PROGRAMME, cohortId))?.cohort;
    for (const link of await issueLinks(stack, PROGRAMME, cohortId, share)) {
      // The seed cohorts' follow-up opens months after their post wave: its links answer 410 today.
      if (link.wave === 'followup') continue;
      const context = resolveWave(definition, cohort, link.session, link.wave);
      if (context === undefined) throw new Error(`no wave ${link.session}:${link.wave}`);
      const answers: Record<string, string> = {};
      for (const [field, { values }] of fieldOptions(context, stack.deps.catalog))
        answers[field] = values[Math.floor(random() * values.length)] ?? '';
      submissions.push({ link, cohort: cohortId, answers, doubleTap: random() < doubleTaps });
    }
  }
  // Before and after of one participant apart, as they are in life: interleave the participants.
  for (let index = submissions.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [submissions[index], submissions[other]] = [submissions[other] as Submission, submissions[index] as Submission];
  }
  return submissions.slice(0, total);
}

/** One participant's wave: the link's page, the answers posted with its token, the receipt. */
async function submit(
  stack: SurveyStack,
  submission: Submission,
  latencies: number[],
  setbacks: Record<string, number>,
): Promise<string | undefined> {
  const url = `${stack.url}/s/${submission.link.code}`;
  const setback = (what: string): void => {
    setbacks[what] = (setbacks[what] ?? 0) + 1;
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const page = await getPage(url);
      // Answered by an attempt whose answer was lost on the way back: the thank-you page says so.
      const shown = receiptOf(page.html);
      if (page.status === 200 && shown !== undefined) return shown;
      const token = page.form?.body.get(LINK_TOKEN_FIELD);
      if (page.status !== 200 || token === null || token === undefined) {
        setback(`GET ${page.status}`);
        continue;
      }
      const body = new URLSearchParams({ ...submission.answers, [LINK_TOKEN_FIELD]: token, lang: 'ca' });
      const began = performance.now();
      const sent = await Promise.all(Array.from({ length: submission.doubleTap ? 2 : 1 }, () => send(url, body)));
      latencies.push(performance.now() - began);
      const refused = sent.find((reply) => reply.status !== 303);
      if (refused !== undefined) {
        setback(`POST ${refused.status}`);
        continue;
      }
      const thanks = await getPage(url);
      const receipt = receiptOf(thanks.html);
      if (thanks.status === 200 && receipt !== undefined) return receipt;
      setback(`thank-you page ${thanks.status}`);
    } catch (error) {
      // A connection reset on the way: the next attempt looks at the link again.
      setback((error as NodeJS.ErrnoException).code ?? 'transport error');
    }
  }
  return undefined;
}

/** Reads every cohort's responses back and compares them with what the participants were shown. */
async function verify(
  stack: SurveyStack,
  answered: readonly Answered[],
): Promise<{ lost: number; duplicated: number }> {
  const stored = new Map<string, Record<string, unknown>[]>();
  for (const cohort of COHORTS)
    for await (const page of paginateQuery(
      { client: stack.client },
      {
        TableName: stack.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': cohortKey(PROGRAMME, cohort), ':prefix': 'RESP#' },
        ConsistentRead: true,
      },
    ))
      for (const item of page.Items ?? []) {
        if (item.type !== 'response') continue;
        const key = `${cohort}#${String(item.participant)}#${String(item.session)}#${String(item.wave)}`;
        stored.set(key, [...(stored.get(key) ?? []), item]);
      }
  let lost = 0;
  let duplicated = 0;
  const accepted = new Set<string>();
  for (const { submission, receipt } of answered) {
    const { link, cohort, answers } = submission;
    const key = `${cohort}#${link.participant}#${link.session}#${link.wave}`;
    accepted.add(key);
    const [item, ...more] = stored.get(key) ?? [];
    duplicated += more.length;
    if (item === undefined || item.receipt !== receipt || !sameAnswers(item, answers)) lost += 1;
  }
  for (const [key, items] of stored) if (!accepted.has(key)) duplicated += items.length;
  return { lost, duplicated };
}

/** Whether a stored response holds exactly the answers sent (`a.<instrument>.<item>` and `g.<subgroup>`). */
function sameAnswers(item: Record<string, unknown>, sent: Readonly<Record<string, string>>): boolean {
  const answers = (item.answers ?? {}) as Record<string, Record<string, string>>;
  const groups = (item.groups ?? {}) as Record<string, string>;
  const stored: Record<string, string> = {};
  for (const [instrument, items] of Object.entries(answers))
    for (const [itemId, value] of Object.entries(items)) stored[`a.${instrument}.${itemId}`] = value;
  for (const [subgroup, value] of Object.entries(groups)) stored[`g.${subgroup}`] = value;
  const expected = Object.entries(sent).filter(([field]) => field.startsWith('a.') || field.startsWith('g.'));
  return expected.length === Object.keys(stored).length && expected.every(([field, value]) => stored[field] === value);
}

/** The setbacks in words: `no retries`, or `12 retries (POST 503: 10, ECONNRESET: 2)`. */
function retries(setbacks: Readonly<Record<string, number>>): string {
  const entries = Object.entries(setbacks);
  if (entries.length === 0) return 'no retries';
  const total = entries.reduce((sum, [, times]) => sum + times, 0);
  return `${total} retries (${entries.map(([what, times]) => `${what}: ${times}`).join(', ')})`;
}
