/**
 * Two computations of a programme's pool at once (the plan's direct pool job beside the fan-in's,
 * or publication beside the schedule), their writes interleaved so that the older one's rows end
 * up under the newer one's mark: the mark's counts and basis are current, so no plan would see
 * it. The newer computation finds the other's rows under its mark and leaves the pool stale.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { aggregate, aggregateCohort, aggregatePool, planAggregation } from '#use-cases/aggregate.ts';
import { isStale } from '#core/model.ts';
import type { AggregationJob } from '#ports/aggregation-jobs.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { seededRandom, simulateCohort } from '#local/simulation.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'justrom3-mentoring';
let stack: Awaited<ReturnType<typeof startTestStack>>;
const random = seededRandom(5);
async function answerMore(cohort: string, n: number): Promise<void> {
  const programme = await loadProgramme(stack.deps, PROGRAMME);
  const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, n);
  await simulateCohort(stack.url, programme, stack.deps.catalog, links, random);
}
beforeAll(async () => {
  stack = await startTestStack();
  await answerMore('iasi-2020', 6);
  await answerMore('bucharest-2020', 6);
  await aggregate(stack.deps, { programme: PROGRAMME, full: true });
});
afterAll(async () => {
  await stack.stop();
});

/** The stack's deps with a queue that only records what the plan would queue. */
function plannable(): Parameters<typeof planAggregation>[0] {
  const queued: AggregationJob[] = [];
  return { ...stack.deps, jobs: { enqueue: async (jobs) => void queued.push(...jobs) } };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

it('never leaves pool rows older than the basis their mark claims, unseen', async () => {
  const aReachedRows = deferred();
  const bRowsWritten = deferred();
  const aMarkWritten = deferred();
  const isPool = (args: { input: unknown }, sk: (s: string) => boolean): boolean => {
    const item = (args.input as { Item?: { PK?: unknown; SK?: unknown } }).Item;
    return item?.PK === `PROG#${PROGRAMME}` && sk(String(item.SK));
  };
  const a = createDocumentClient(stack.environment.endpoint);
  a.middlewareStack.add(
    (next) => async (args) => {
      if (isPool(args, (sk) => sk.startsWith('IND#'))) {
        aReachedRows.resolve();
        await bRowsWritten.promise;
      }
      const out = await next(args);
      if (isPool(args, (sk) => sk === 'AGG')) aMarkWritten.resolve();
      return out;
    },
    { step: 'initialize', name: 'a' },
  );
  const b = createDocumentClient(stack.environment.endpoint);
  b.middlewareStack.add(
    (next) => async (args) => {
      if (isPool(args, (sk) => sk === 'AGG')) await aMarkWritten.promise;
      const out = await next(args);
      if (isPool(args, (sk) => sk.startsWith('IND#'))) bRowsWritten.resolve();
      return out;
    },
    { step: 'initialize', name: 'b' },
  );
  // Pool A (older): computed, then held before its rows.
  const programme = await loadProgramme(stack.deps, PROGRAMME);
  const poolA = aggregatePool(depsThrough(stack, a), programme);
  await aReachedRows.promise;
  // New answers, their cohort job, then pool B (newer).
  await answerMore('iasi-2020', 4);
  await aggregateCohort(stack.deps, programme, 'iasi-2020');
  const poolB = aggregatePool(depsThrough(stack, b), programme);
  await Promise.all([poolA, poolB]);

  // B's mark is stored last, over A's rows: the pool is stale, for readers and for the next plan.
  const scope = { programme: PROGRAMME, cohort: null };
  expect((await stack.deps.indicators.listIndicators(scope)).stale).toBe(true);
  expect(isStale(await stack.deps.indicators.getMark(scope))).toBe(true);
  expect((await planAggregation(plannable(), { programme: PROGRAMME })).programmes[0]?.pool).toBe(true);
  // Computed again, alone, it is current and no longer stale.
  await aggregatePool(stack.deps, programme);
  const fresh = await stack.deps.indicators.listIndicators(scope);
  expect(fresh.stale).toBe(false);
  expect(fresh.mark?.responses).toBe((await stack.deps.indicators.getMark(scope))?.responses);
}, 120_000);
