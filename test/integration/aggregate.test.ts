/**
 * Aggregation against the embedded DynamoDB: only changed cohorts are recomputed, the same
 * responses store the same bytes, and a run that dies part-way leaves earlier results intact
 * and is finished by the next run. The crash is injected through the AWS SDK's own middleware
 * stack (the real DynamoDB cannot fail on demand), not by stubbing our modules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { validateAnswers } from '#core/answers.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { openLink } from '#use-cases/open-link.ts';
import { advanceSurvey } from '#use-cases/submit-response.ts';
import { answerAll, depsThrough, startTestStack, storedWave } from '../support/stack.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'justrom3-mentoring';
let stack: Awaited<ReturnType<typeof startTestStack>>;
const issued = new Map<string, IssuedLink[]>();

async function answer(
  cohort: string,
  participantIndex: number,
  session: string,
  wave: 'pre' | 'post',
  pick: number,
): Promise<void> {
  const links = issued.get(cohort) ?? [];
  const participant = [...new Set(links.map((link) => link.participant))][participantIndex];
  const link = links.find(
    (candidate) => candidate.participant === participant && candidate.session === session && candidate.wave === wave,
  );
  if (link === undefined) throw new Error('no link');
  const opened = await openLink(stack.deps, link.code);
  const context = await storedWave(stack.deps, PROGRAMME, cohort, session, wave);
  const fields = Object.fromEntries(answerAll(context, stack.deps.catalog, pick));
  expect(validateAnswers(context, stack.deps.catalog, fields).ok).toBe(true);
  const outcome = await advanceSurvey(stack.deps, opened, fields, 'ro');
  expect(outcome.kind).toBe('stored');
}

/** Every stored indicator and mark item of the programme, raw, for byte comparison. */
async function storedTables(): Promise<string> {
  const client = createDocumentClient(stack.environment.endpoint);
  const parts: string[] = [];
  for (const pk of [`COHORT#${PROGRAMME}#iasi-2020`, `COHORT#${PROGRAMME}#bucharest-2020`, `PROG#${PROGRAMME}`]) {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: stack.environment.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': pk },
      }),
    );
    for (const item of Items)
      if (String(item.SK).startsWith('IND#') || item.SK === 'AGG') parts.push(JSON.stringify(item));
  }
  return parts.join('\n');
}

beforeAll(async () => {
  stack = await startTestStack();
  for (const cohort of ['iasi-2020', 'bucharest-2020'])
    issued.set(cohort, (await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, 4)).links);
  for (const cohort of ['iasi-2020', 'bucharest-2020']) {
    for (let participant = 0; participant < 3; participant += 1) {
      await answer(cohort, participant, 'individual-meeting-1', 'pre', participant);
      await answer(cohort, participant, 'individual-meeting-1', 'post', 3 - participant);
    }
  }
});

afterAll(async () => {
  await stack.stop();
});

describe('aggregate', () => {
  it('recomputes only cohorts with new responses, and the pool when any changed', async () => {
    const first = await aggregate(stack.deps, { programme: PROGRAMME });
    expect(first.cohorts.map((cohort) => [cohort.cohort, cohort.recomputed])).toEqual([
      ['iasi-2020', true],
      ['bucharest-2020', true],
      [null, true],
    ]);
    const second = await aggregate(stack.deps, { programme: PROGRAMME });
    expect(second.cohorts.every((cohort) => !cohort.recomputed)).toBe(true);
    await answer('iasi-2020', 3, 'individual-meeting-1', 'pre', 1);
    const third = await aggregate(stack.deps, { programme: PROGRAMME });
    expect(third.cohorts.map((cohort) => [cohort.cohort, cohort.recomputed])).toEqual([
      ['iasi-2020', true],
      ['bucharest-2020', false],
      [null, true],
    ]);
    const pooled = (await stack.deps.indicators.listIndicators({ programme: PROGRAMME, cohort: null })).rows.find(
      (row) => row.instrument === 'rosenberg-self-esteem' && row.group === null,
    );
    expect(pooled?.indicators.n_paired).toBe(6);
    expect(pooled?.indicators.n_pre_only).toBe(1);
  });

  it("reads each cohort's responses once a run: a changed cohort's pages serve its tables and the pool", async () => {
    const reads: string[] = [];
    const countingClient = createDocumentClient(stack.environment.endpoint);
    countingClient.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown>; Select?: string };
        const values = input.ExpressionAttributeValues ?? {};
        // The responses' Query (the stored tables are read back under another prefix).
        if (values[':prefix'] === 'RESP#' && input.Select !== 'COUNT' && String(values[':pk']).startsWith('COHORT#'))
          reads.push(String(values[':pk']));
        return next(args);
      },
      { step: 'initialize', name: 'countCohortReads' },
    );
    await answer('bucharest-2020', 3, 'individual-meeting-1', 'post', 1);
    const report = await aggregate(depsThrough(stack, countingClient), { programme: PROGRAMME });
    expect(report.cohorts.map((cohort) => [cohort.cohort, cohort.recomputed])).toEqual([
      ['iasi-2020', false],
      ['bucharest-2020', true],
      [null, true],
    ]);
    // bucharest once (its tables and its share of the pool), iasi once (the pool): no re-read.
    expect(reads.sort()).toEqual([`COHORT#${PROGRAMME}#bucharest-2020`, `COHORT#${PROGRAMME}#iasi-2020`]);
    // And the pool equals one computed from scratch.
    const pool = await stack.deps.indicators.listIndicators({ programme: PROGRAMME, cohort: null });
    await aggregate(stack.deps, { programme: PROGRAMME, full: true });
    expect((await stack.deps.indicators.listIndicators({ programme: PROGRAMME, cohort: null })).rows).toEqual(
      pool.rows,
    );
  });

  it('stores byte-identical tables for the same responses', async () => {
    await aggregate(stack.deps, { programme: PROGRAMME, full: true });
    const once = await storedTables();
    await aggregate(stack.deps, { programme: PROGRAMME, full: true });
    expect(await storedTables()).toBe(once);
  });

  it('leaves earlier results intact when a run dies part-way, and the next run finishes it', async () => {
    await aggregate(stack.deps, { programme: PROGRAMME });
    const before = await storedTables();
    // New answers in both cohorts, then a run that dies on its first write to bucharest's tables.
    await answer('iasi-2020', 3, 'individual-meeting-1', 'post', 2);
    await answer('bucharest-2020', 3, 'individual-meeting-1', 'pre', 0);
    const failingClient = createDocumentClient(stack.environment.endpoint);
    failingClient.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { PK?: unknown; SK?: unknown } };
        if (input.Item?.PK === `COHORT#${PROGRAMME}#bucharest-2020` && String(input.Item.SK).startsWith('IND#'))
          throw new Error('simulated crash');
        return next(args);
      },
      { step: 'initialize', name: 'simulatedCrash' },
    );
    const failing = depsThrough(stack, failingClient);
    await expect(aggregate(failing, { programme: PROGRAMME })).rejects.toThrow('simulated crash');
    const afterCrash = await stack.deps.indicators.listIndicators({ programme: PROGRAMME, cohort: 'bucharest-2020' });
    const beforeBucharest = before.split('\n').filter((line) => line.includes('bucharest'));
    expect(beforeBucharest.length).toBeGreaterThan(0);
    expect((await storedTables()).split('\n').filter((line) => line.includes('bucharest'))).toEqual(beforeBucharest);
    expect(
      afterCrash.rows.find(
        (row) =>
          row.session === 'individual-meeting-1' && row.instrument === 'rosenberg-self-esteem' && row.group === null,
      )?.indicators.n_pre,
    ).toBe(3);

    const rerun = await aggregate(stack.deps, { programme: PROGRAMME });
    expect(rerun.cohorts.find((cohort) => cohort.cohort === 'bucharest-2020')?.recomputed).toBe(true);
    const recovered = await storedTables();
    await aggregate(stack.deps, { programme: PROGRAMME, full: true });
    expect(recovered).toBe(await storedTables());
    const bucharest = await stack.deps.indicators.listIndicators({ programme: PROGRAMME, cohort: 'bucharest-2020' });
    expect(
      bucharest.rows.find(
        (row) =>
          row.session === 'individual-meeting-1' && row.instrument === 'rosenberg-self-esteem' && row.group === null,
      )?.indicators.n_pre,
    ).toBe(4);
  });
});

describe('aggregate, found in review', () => {
  it(
    'includes a response stamped with the same time as ' + 'the newest one already aggregated, or slightly earlier',
    async () => {
      await aggregate(stack.deps, { programme: PROGRAMME });
      const mark = await stack.deps.indicators.getMark({ programme: PROGRAMME, cohort: 'bucharest-2020' });
      const links = issued.get('bucharest-2020') ?? [];
      const participant = links[links.length - 1]?.participant ?? '';
      // Written directly, as a slow put or a skewed clock would leave it: stamped a minute before the mark's newest.
      const stamp = new Date(Date.parse(mark?.asOf ?? '') - 60_000).toISOString();
      await stack.deps.responses.putResponse({
        programme: PROGRAMME,
        cohort: 'bucharest-2020',
        participant,
        session: 'group-session-1',
        wave: 'pre',
        answers: {},
        groups: {},
        language: 'ro',
        consentVersion: '1',
        receipt: 'LATE',
        receivedAt: stamp,
        expiresAt: 0,
      });
      const report = await aggregate(stack.deps, { programme: PROGRAMME });
      expect(report.cohorts.find((cohort) => cohort.cohort === 'bucharest-2020')?.recomputed).toBe(true);
      expect((await stack.deps.indicators.getMark({ programme: PROGRAMME, cohort: 'bucharest-2020' }))?.responses).toBe(
        (mark?.responses ?? 0) + 1,
      );
    },
  );

  it('recomputes a pool whose write failed in an earlier run', async () => {
    await answer('iasi-2020', 2, 'individual-meeting-2', 'pre', 1);
    const failingClient = createDocumentClient(stack.environment.endpoint);
    failingClient.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { PK?: unknown } };
        if (input.Item?.PK === `PROG#${PROGRAMME}`) throw new Error('simulated crash');
        return next(args);
      },
      { step: 'initialize', name: 'simulatedPoolCrash' },
    );
    await expect(aggregate(depsThrough(stack, failingClient), { programme: PROGRAMME })).rejects.toThrow(
      'simulated crash',
    );
    const rerun = await aggregate(stack.deps, { programme: PROGRAMME });
    expect(rerun.cohorts.find((cohort) => cohort.cohort === null)?.recomputed).toBe(true);
    const pooled = await stack.deps.indicators.listIndicators({ programme: PROGRAMME, cohort: null });
    const cohortTotals = await Promise.all(
      ['iasi-2020', 'bucharest-2020'].map(
        async (cohort) => (await stack.deps.indicators.getMark({ programme: PROGRAMME, cohort }))?.responses ?? 0,
      ),
    );
    expect(pooled.mark?.responses).toBe(cohortTotals.reduce((sum, count) => sum + count, 0));
  });
});
