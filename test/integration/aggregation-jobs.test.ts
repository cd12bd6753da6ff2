/**
 * The queued aggregation against the embedded DynamoDB: the plan queues one job per changed
 * cohort on SQS, the last cohort job to finish queues the pool (once, even when SQS delivers a
 * job twice), a run whose job failed leaves its pool to the next plan, and the queue's consumer
 * reports exactly the failed jobs of a batch. SQS is the real SDK client answered at its own
 * middleware stack; failures are injected the same way into the DynamoDB client.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { SqsAggregationJobs } from '#adapters/sqs-aggregation-jobs.ts';
import type { AggregationJob } from '#ports/aggregation-jobs.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { makeAggregateCohortHandler } from '#handlers/aggregate-cohort.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';
import { seededRandom, simulateCohort } from '#local/simulation.ts';
import { aggregate, planAggregation, runAggregationJob } from '#use-cases/aggregate.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'justrom3-mentoring';
const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/aggregation';
const IASI = { programme: PROGRAMME, cohort: 'iasi-2020' };
const BUCHAREST = { programme: PROGRAMME, cohort: 'bucharest-2020' };
const POOL = { programme: PROGRAMME, cohort: null };
/** A queued cohort job: its scope and the plan's run. */
const queued = (scope: typeof IASI): AggregationJob & { run: string } => ({ ...scope, run: expect.any(String) });
let stack: Awaited<ReturnType<typeof startTestStack>>;
const random = seededRandom(13);

/** What the queue was sent: each message's body, parsed, and each call's size. */
const sent: { bodies: unknown[]; calls: number[] } = { bodies: [], calls: [] };

/** The real SQS client, whose SendMessageBatch calls are answered here instead of by AWS. */
function recordingSqs(refuse: (id: string, call: number) => boolean = () => false): SQSClient {
  const client = new SQSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  client.middlewareStack.add(
    () => async (args) => {
      const input = args.input as { QueueUrl: string; Entries: { Id: string; MessageBody: string }[] };
      expect(input.QueueUrl).toBe(QUEUE);
      sent.calls.push(input.Entries.length);
      const call = sent.calls.length;
      const refused = input.Entries.filter((entry) => refuse(entry.Id, call));
      for (const entry of input.Entries) if (!refused.includes(entry)) sent.bodies.push(JSON.parse(entry.MessageBody));
      const output = {
        Successful: input.Entries.filter((entry) => !refused.includes(entry)).map((entry) => ({
          Id: entry.Id,
          MessageId: `m-${entry.Id}`,
          MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
        })),
        Failed: refused.map((entry) => ({ Id: entry.Id, SenderFault: false, Code: 'InternalError' })),
        $metadata: {},
      };
      return { output: output as never, response: {} };
    },
    { step: 'initialize', priority: 'high', name: 'answerLocally' },
  );
  return client;
}

/** The stack's deps whose DynamoDB writes of one cohort's tables fail, as a dying job's would. */
function failingTablesOf(cohort: string): ReturnType<typeof depsThrough> {
  const client = createDocumentClient(stack.environment.endpoint);
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Item?: { PK?: unknown; SK?: unknown } };
      if (input.Item?.PK === `COHORT#${PROGRAMME}#${cohort}` && String(input.Item.SK).startsWith('IND#'))
        throw new Error('simulated crash');
      return next(args);
    },
    { step: 'initialize', name: 'simulatedCrash' },
  );
  return depsThrough(stack, client);
}

/** New participants of a cohort answering over HTTP, so its freshness count changes. */
async function answerMore(cohort: string, participants = 2): Promise<void> {
  const programme = await loadProgramme(stack.deps, PROGRAMME);
  const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, participants);
  await simulateCohort(stack.url, programme, stack.deps.catalog, links, random);
}

/** The run's two cohort jobs the plan just queued, Iasi's then Bucharest's, of one run. */
function takeRun(): [AggregationJob, AggregationJob] {
  const jobs = takeSent() as AggregationJob[];
  expect(jobs).toEqual([queued(IASI), queued(BUCHAREST)]);
  expect(jobs[0]?.run).toBe(jobs[1]?.run);
  return jobs as [AggregationJob, AggregationJob];
}

function takeSent(): unknown[] {
  const bodies = [...sent.bodies];
  sent.bodies.length = 0;
  sent.calls.length = 0;
  return bodies;
}

function record(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '0',
      SenderId: 'test',
      ApproximateFirstReceiveTimestamp: '0',
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:aggregation',
    awsRegion: 'eu-west-1',
  };
}

beforeAll(async () => {
  stack = await startTestStack();
  await answerMore('iasi-2020', 3);
  await answerMore('bucharest-2020', 3);
});

afterAll(async () => {
  await stack.stop();
});

describe('the queued aggregation', () => {
  it('queues each changed cohort; the last cohort job to finish queues the pool, exactly once', async () => {
    const deps = { ...stack.deps, jobs: new SqsAggregationJobs(recordingSqs(), QUEUE) };
    const plan = await makeAggregateHandler(deps)({ programme: PROGRAMME }, {} as Context);
    expect(plan.programmes).toEqual([
      { programme: PROGRAMME, cohorts: 2, queued: 2, pool: false, summaryOverdue: expect.any(Boolean) },
    ]);
    const [iasi, bucharest] = takeRun();

    expect((await runAggregationJob(deps, iasi))?.recomputed).toBe(true);
    expect(takeSent()).toEqual([]);
    expect((await runAggregationJob(deps, bucharest))?.recomputed).toBe(true);
    expect(takeSent()).toEqual([POOL]);
    // SQS delivers at least once: the same job again recomputes its cohort and queues no second pool.
    await runAggregationJob(deps, bucharest);
    expect(takeSent()).toEqual([]);
    expect((await runAggregationJob(deps, POOL))?.recomputed).toBe(true);
    expect(takeSent()).toEqual([]);

    // The queued jobs stored what the in-process aggregation stores.
    const queued = await stack.deps.indicators.listIndicators(POOL);
    expect(queued.stale).toBe(false);
    await aggregate(stack.deps, { programme: PROGRAMME, full: true });
    expect((await stack.deps.indicators.listIndicators(POOL)).rows).toEqual(queued.rows);
    expect((await stack.deps.indicators.listIndicators(POOL)).mark).toEqual(queued.mark);

    // Nothing new: the next plan queues nothing.
    expect((await planAggregation(deps, { programme: PROGRAMME })).programmes[0]).toMatchObject({
      queued: 0,
      pool: false,
    });
    expect(takeSent()).toEqual([]);
  });

  it("says a programme's summary is overdue once its month's run and grace have passed unrecorded", async () => {
    const programme = await loadProgramme(stack.deps, PROGRAMME);
    const opens = programme.cohorts.flatMap((cohort) => Object.values(cohort.windows).map((window) => window.opens));
    expect(opens.filter((date) => date !== undefined).length).toBeGreaterThan(0);
    const at = async (iso: string): Promise<boolean | undefined> => {
      const deps = {
        ...stack.deps,
        clock: { now: () => new Date(iso) },
        jobs: new SqsAggregationJobs(recordingSqs(), QUEUE),
      };
      const plan = await planAggregation(deps, { programme: PROGRAMME });
      takeSent();
      return plan.programmes[0]?.summaryOverdue;
    };
    // JUSTROM3 publishes on the 1st at 08:00 in Bucharest (05:00 or 06:00 UTC); 13 hours of grace follow.
    expect(await at('2099-06-02T00:00:00Z')).toBe(true);
    const record = async (period: string): Promise<void> => {
      const revision = (await stack.deps.publications.latestPublication(PROGRAMME))?.revision;
      await stack.deps.publications.putPublication({
        programme: PROGRAMME,
        period,
        publishedAt: `${period}-28T05:00:00Z`,
        ...(revision === undefined ? {} : { revision }),
      });
    };
    await record('2099-04');
    // Before June's run and grace, May's summary is not due yet; April's is recorded.
    expect(await at('2099-06-01T12:00:00Z')).toBe(false);
    expect(await at('2099-06-02T00:00:00Z')).toBe(true);
    await record('2099-05');
    expect(await at('2099-06-02T00:00:00Z')).toBe(false);
    expect(await at('2099-07-02T00:00:00Z')).toBe(true);
  });

  it('leaves the pool of a run whose job failed to the next plan', async () => {
    const jobs = new SqsAggregationJobs(recordingSqs(), QUEUE);
    const deps = { ...stack.deps, jobs };
    await answerMore('iasi-2020');
    await answerMore('bucharest-2020');
    await planAggregation(deps, { programme: PROGRAMME });
    const [iasi, bucharest] = takeRun();
    await runAggregationJob(deps, iasi);
    await expect(runAggregationJob({ ...failingTablesOf('bucharest-2020'), jobs }, bucharest)).rejects.toThrow(
      'simulated crash',
    );
    expect(takeSent()).toEqual([]);

    // The failed cohort is still new, and the pool no longer matches the cohort recomputed: both queued.
    const next = await planAggregation(deps, { programme: PROGRAMME });
    expect(next.programmes[0]).toMatchObject({ queued: 1, pool: true });
    const again = takeSent() as AggregationJob[];
    expect(again).toEqual([queued(BUCHAREST), POOL]);
    await runAggregationJob(deps, POOL);
    await runAggregationJob(deps, again[0] as AggregationJob);
    expect(takeSent()).toEqual([POOL]);
    await runAggregationJob(deps, POOL);
    const pool = await stack.deps.indicators.getMark(POOL);
    const cohorts = await Promise.all([IASI, BUCHAREST].map((scope) => stack.deps.indicators.getMark(scope)));
    expect(pool?.responses).toBe(cohorts.reduce((sum, mark) => sum + (mark?.responses ?? 0), 0));
  });

  it('sends ten jobs a call and sends again what SQS could not take', async () => {
    const jobs = Array.from({ length: 23 }, (_, index) => ({ programme: PROGRAMME, cohort: `cohort-${index}` }));
    // The first call refuses one entry for a passing reason: it goes again on its own.
    await new SqsAggregationJobs(
      recordingSqs((id, call) => call === 1 && id === '3'),
      QUEUE,
    ).enqueue(jobs);
    expect(sent.calls).toEqual([10, 1, 10, 3]);
    expect(takeSent()).toEqual([...jobs.slice(0, 3), ...jobs.slice(4, 10), jobs[3], ...jobs.slice(10)]);
  });
});

describe('the aggregation queue consumer', () => {
  it('reports the failed jobs of a batch, and only those, for SQS to deliver again', async () => {
    await answerMore('iasi-2020');
    await answerMore('bucharest-2020');
    const jobs = new SqsAggregationJobs(recordingSqs(), QUEUE);
    await planAggregation({ ...stack.deps, jobs }, { programme: PROGRAMME });
    const [iasi, bucharest] = takeRun();
    const iasiBefore = await stack.deps.indicators.getMark(IASI);
    const handler = makeAggregateCohortHandler({ ...failingTablesOf('bucharest-2020'), jobs });
    const event: SQSEvent = {
      Records: [
        record('m-1', JSON.stringify(iasi)),
        record('m-2', JSON.stringify(bucharest)),
        // No plan writes these: dropped, never delivered again.
        record('m-3', '{"programme":'),
        record('m-4', JSON.stringify({ programme: PROGRAMME })),
      ],
    };
    const result = await handler(event, {} as Context);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect((await stack.deps.indicators.getMark(IASI))?.responses).toBeGreaterThan(iasiBefore?.responses ?? 0);
    expect(takeSent()).toEqual([]);

    // Delivered again, it succeeds, and as the run's last job it queues the pool.
    const retried = await makeAggregateCohortHandler({ ...stack.deps, jobs })(
      { Records: [record('m-2', JSON.stringify(bucharest)), record('m-5', JSON.stringify(POOL))] },
      {} as Context,
    );
    expect(retried).toEqual({ batchItemFailures: [] });
    expect(takeSent()).toEqual([POOL]);
  });
});

describe('the fan-in under at-least-once delivery', () => {
  it("counts a job delivered twice once: the pool follows the run's last cohort job, not a redelivery", async () => {
    const deps = { ...stack.deps, jobs: new SqsAggregationJobs(recordingSqs(), QUEUE) };
    await answerMore('iasi-2020');
    await answerMore('bucharest-2020');
    await planAggregation(deps, { programme: PROGRAMME });
    const [iasi, bucharest] = takeRun();
    await runAggregationJob(deps, iasi);
    // SQS delivers Iasi's job again (a visibility timeout, a batch retried) before Bucharest's runs.
    await runAggregationJob(deps, iasi);
    expect(takeSent()).toEqual([]);
    // New answers reach Bucharest before its job runs: the pool must include them.
    await answerMore('bucharest-2020', 2);
    await runAggregationJob(deps, bucharest);
    expect(takeSent()).toEqual([POOL]);
    await runAggregationJob(deps, POOL);
    const pool = await stack.deps.indicators.getMark(POOL);
    const cohorts = await Promise.all([IASI, BUCHAREST].map((scope) => stack.deps.indicators.getMark(scope)));
    expect(pool?.responses).toBe(cohorts.reduce((sum, mark) => sum + (mark?.responses ?? 0), 0));
  });

  it('counts nothing for the jobs of a run a later plan replaced, nor for a job without a run', async () => {
    const deps = { ...stack.deps, jobs: new SqsAggregationJobs(recordingSqs(), QUEUE) };
    await answerMore('iasi-2020');
    await answerMore('bucharest-2020');
    await planAggregation(deps, { programme: PROGRAMME });
    const [oldIasi, oldBucharest] = takeRun();
    // The next plan comes before the jobs ran: both cohorts are queued again, in a run of its own.
    await planAggregation(deps, { programme: PROGRAMME });
    const [iasi, bucharest] = takeSent() as [AggregationJob, AggregationJob, ...unknown[]];
    expect([iasi, bucharest]).toEqual([queued(IASI), queued(BUCHAREST)]);
    expect(iasi.run).not.toBe(oldIasi.run);
    // The replaced run's jobs still aggregate, and count nothing off the new run.
    expect((await runAggregationJob(deps, oldIasi))?.recomputed).toBe(true);
    expect((await runAggregationJob(deps, oldBucharest))?.recomputed).toBe(true);
    // A job queued before runs had ids aggregates too, and counts nothing either.
    expect((await runAggregationJob(deps, IASI))?.recomputed).toBe(true);
    expect(takeSent()).toEqual([]);
    await runAggregationJob(deps, iasi);
    expect(takeSent()).toEqual([]);
    await runAggregationJob(deps, bucharest);
    expect(takeSent()).toEqual([POOL]);
  });

  it('runs nothing for a job whose programme or cohort no longer exists, and fails no job', async () => {
    const deps = { ...stack.deps, jobs: new SqsAggregationJobs(recordingSqs(), QUEUE) };
    const run = 'a-run-of-nothing';
    expect(await runAggregationJob(deps, { programme: 'no-such-programme', cohort: 'iasi-2020', run })).toBeUndefined();
    expect(await runAggregationJob(deps, { programme: PROGRAMME, cohort: 'no-such-cohort', run })).toBeUndefined();
    expect(await runAggregationJob(deps, { programme: 'no-such-programme', cohort: null })).toBeUndefined();
    expect(takeSent()).toEqual([]);
  });

  it('leaves the pool of a job that died between its marker and the counter to the next plan', async () => {
    const jobs = new SqsAggregationJobs(recordingSqs(), QUEUE);
    const deps = { ...stack.deps, jobs };
    await answerMore('iasi-2020');
    await answerMore('bucharest-2020');
    await planAggregation(deps, { programme: PROGRAMME });
    const [iasi, bucharest] = takeRun();
    await runAggregationJob(deps, iasi);
    // Bucharest's job deletes its marker, then dies before the counter is updated.
    const client = createDocumentClient(stack.environment.endpoint);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: { SK?: unknown } };
        if (context.commandName === 'UpdateItemCommand' && input.Key?.SK === 'AGGRUN')
          throw new Error('simulated crash');
        return next(args);
      },
      { step: 'initialize', name: 'crashBeforeCounter' },
    );
    await expect(runAggregationJob({ ...depsThrough(stack, client), jobs }, bucharest)).rejects.toThrow(
      'simulated crash',
    );
    // Delivered again, it finds its marker gone: it counts nothing, and the run never finishes.
    await runAggregationJob(deps, bucharest);
    expect(takeSent()).toEqual([]);
    // The next plan finds the run unfinished and the pool stale: it queues the pool itself.
    const next = await planAggregation(deps, { programme: PROGRAMME });
    expect(next.programmes[0]).toMatchObject({ queued: 0, pool: true });
    expect(takeSent()).toEqual([POOL]);
    await runAggregationJob(deps, POOL);
    const pool = await stack.deps.indicators.getMark(POOL);
    const cohorts = await Promise.all([IASI, BUCHAREST].map((scope) => stack.deps.indicators.getMark(scope)));
    expect(pool?.responses).toBe(cohorts.reduce((sum, mark) => sum + (mark?.responses ?? 0), 0));
  });
});

describe("a cohort job's reads", () => {
  it("touch only its cohort's items: its definition and one cohort item, no Query of the list", async () => {
    const reads: { command: string; pk: unknown; sk: unknown }[] = [];
    const client = createDocumentClient(stack.environment.endpoint);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as {
          Key?: Record<string, unknown>;
          ExpressionAttributeValues?: Record<string, unknown>;
        };
        if (context.commandName === 'GetItemCommand')
          reads.push({ command: 'GetItem', pk: input.Key?.PK, sk: input.Key?.SK });
        if (context.commandName === 'QueryCommand')
          reads.push({ command: 'Query', pk: input.ExpressionAttributeValues?.[':pk'], sk: undefined });
        return next(args);
      },
      { step: 'initialize', name: 'recordReads' },
    );
    await answerMore('iasi-2020');
    const report = await runAggregationJob(
      { ...depsThrough(stack, client), jobs: new SqsAggregationJobs(recordingSqs(), QUEUE) },
      IASI,
    );
    expect(report?.recomputed).toBe(true);
    expect(reads).toContainEqual({ command: 'GetItem', pk: `PROG#${PROGRAMME}`, sk: 'COHORT#iasi-2020' });
    expect(reads).toContainEqual({ command: 'Query', pk: `COHORT#${PROGRAMME}#iasi-2020`, sk: undefined });
    for (const read of reads) {
      if (read.pk === `PROG#${PROGRAMME}`)
        expect(read).toEqual({ command: 'GetItem', pk: read.pk, sk: 'COHORT#iasi-2020' });
      else expect(read.pk).toBe(`COHORT#${PROGRAMME}#iasi-2020`);
    }
    takeSent();
  });
});
