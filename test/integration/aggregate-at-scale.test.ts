/**
 * Aggregation of 300,000 responses in one programme, the size at which concatenating every
 * cohort's responses for the pool overflowed the stack: cohorts and pool stream page by page
 * into the accumulators, so memory grows with participants x columns, not with responses.
 * The responses come from a response store whose cohort Query is synthetic (the bench's seeded
 * generator, a page at a time, as DynamoDB pages arrive: writing 300,000 items into the embedded
 * DynamoDB would take minutes); everything else, the marks and tables, is the embedded DynamoDB.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { computePooledIndicators } from '#core/statistics/pool.ts';
import type { StoredResponse } from '#core/model.ts';
import type { ResponseStore } from '#ports/store.ts';
import { aggregate, type AggregateDeps } from '#use-cases/aggregate.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { BENCH_PROGRAMME, BENCH_SESSION, generateCohortResponses } from '../../bench/synthetic-responses.ts';
import { startTestStack } from '../support/stack.ts';

const PAGE = 1_000;
let stack: Awaited<ReturnType<typeof startTestStack>>;

/** A full collection, so memory readings count live objects only (V8's flag, set at run time). */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** Live memory after a full collection: the heap, and the typed arrays' buffers (outside it). */
function liveMemory(): number {
  collectGarbage();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * The stack's response store, except that each cohort of the bench programme reads as `pages`
 * pages of synthetic responses, participants numbered by page so the pages come in participant
 * order; the most live memory seen while they are read (every tenth page) is kept.
 */
function syntheticStore(deps: AggregateDeps, pages: number, memory: { peak: number }): ResponseStore {
  const store = deps.responses;
  const programmePromise = loadProgramme(deps, BENCH_PROGRAMME);
  const pageOf = async (cohort: string, page: number): Promise<StoredResponse[]> => {
    const programme = await programmePromise;
    const seed = [...cohort].reduce((sum, char) => sum * 31 + char.charCodeAt(0), page) >>> 0;
    return generateCohortResponses({
      programme,
      catalog: deps.catalog,
      cohort,
      session: BENCH_SESSION,
      responses: PAGE,
      seed,
    }).map((response) => ({ ...response, participant: `${String(page).padStart(4, '0')}-${response.participant}` }));
  };
  return {
    putResponse: (response) => store.putResponse(response),
    getResponse: (target) => store.getResponse(target),
    getWaveRecord: (target) => store.getWaveRecord(target),
    saveDraft: (target, draft) => store.saveDraft(target, draft),
    deleteDraft: (target) => store.deleteDraft(target),
    countResponsesSince: (programme, cohort, since) => store.countResponsesSince(programme, cohort, since),
    listCohortResponses: async (programme, cohort) => {
      const all: StoredResponse[] = [];
      for (let page = 0; page < pages; page += 1) for (const response of await pageOf(cohort, page)) all.push(response);
      return programme === BENCH_PROGRAMME ? all : [];
    },
    forEachCohortResponsePage: async (programme, cohort, onPage) => {
      if (programme !== BENCH_PROGRAMME) return;
      for (let page = 0; page < pages; page += 1) {
        onPage(await pageOf(cohort, page));
        if (page % 10 === 9) memory.peak = Math.max(memory.peak, liveMemory());
      }
    },
  };
}

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.stop();
});

describe('aggregation at scale', () => {
  it('streams the same rows as the computation over responses held in memory', async () => {
    const memory = { peak: 0 };
    const deps = { ...stack.deps, responses: syntheticStore(stack.deps, 5, memory) };
    const report = await aggregate(deps, { programme: BENCH_PROGRAMME, full: true });
    const programme = await loadProgramme(deps, BENCH_PROGRAMME);
    expect(programme.cohorts.length).toBeGreaterThan(1);
    const all: StoredResponse[] = [];
    for (const cohort of programme.cohorts) {
      const responses = await deps.responses.listCohortResponses(BENCH_PROGRAMME, cohort.id);
      const stored = await stack.deps.indicators.listIndicators({ programme: BENCH_PROGRAMME, cohort: cohort.id });
      expect(stored.rows).toEqual(
        JSON.parse(JSON.stringify(computeCohortIndicators(programme, deps.catalog, cohort.id, responses))),
      );
      // The mark counted as the responses streamed by: the newest, and those in the window before it.
      const mark = stored.mark;
      const newest = responses.reduce(
        (latest, response) => (response.receivedAt > latest ? response.receivedAt : latest),
        '',
      );
      expect(mark).toMatchObject({ asOf: newest, responses: responses.length });
      expect(mark?.windowCount).toBe(
        responses.filter((response) => response.receivedAt >= (mark?.windowStart ?? '')).length,
      );
      expect(mark?.windowCount).toBeGreaterThan(0);
      for (const response of responses) all.push(response);
    }
    const pool = await stack.deps.indicators.listIndicators({ programme: BENCH_PROGRAMME, cohort: null });
    expect(pool.rows.length).toBeGreaterThan(0);
    expect(pool.rows).toEqual(JSON.parse(JSON.stringify(computePooledIndicators(programme, deps.catalog, all))));
    expect(report.cohorts.find((scope) => scope.cohort === null)?.responses).toBe(all.length);
  });

  it('aggregates 300,000 responses in one programme, pool included, in memory bounded by participants', async () => {
    const programme = await loadProgramme(stack.deps, BENCH_PROGRAMME);
    const pages = Math.ceil(300_000 / PAGE / programme.cohorts.length);
    const total = pages * PAGE * programme.cohorts.length;
    // What holding responses costs: one cohort's first 20 pages, measured live.
    const empty = liveMemory();
    const sample = await syntheticStore(stack.deps, 20, { peak: 0 }).listCohortResponses(
      BENCH_PROGRAMME,
      programme.cohorts[0]?.id ?? '',
    );
    const perResponse = (liveMemory() - empty) / sample.length;
    expect(sample).toHaveLength(20 * PAGE);
    sample.length = 0;

    const memory = { peak: 0 };
    const before = liveMemory();
    const report = await aggregate(
      { ...stack.deps, responses: syntheticStore(stack.deps, pages, memory) },
      { programme: BENCH_PROGRAMME, full: true },
    );
    const growth = memory.peak - before;
    const pool = report.cohorts.find((scope) => scope.cohort === null);
    expect(total).toBeGreaterThanOrEqual(300_000);
    expect(pool?.recomputed).toBe(true);
    expect(pool?.responses).toBe(total);
    expect(report.cohorts.filter((scope) => scope.cohort !== null && scope.recomputed)).toHaveLength(
      programme.cohorts.length,
    );
    const stored = await stack.deps.indicators.listIndicators({ programme: BENCH_PROGRAMME, cohort: null });
    const whole = stored.rows.find((row) => row.group === null && row.part === undefined);
    expect(whole?.indicators.n_paired).toBeGreaterThan(100_000);
    // Holding the responses would cost `perResponse` each (about 0.8 KB); streaming keeps the growth
    // while they are read to the columns (participants x measures) and the pages in flight: about
    // 30 MiB, where holding them takes about 240; a third of that leaves room for the collector.
    console.info(
      `aggregated ${total} responses: live memory growth at most ${(growth / 2 ** 20).toFixed(1)} MiB; ` +
        `holding them would take ${((perResponse * total) / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(perResponse).toBeGreaterThan(300);
    expect(growth).toBeLessThan((perResponse * total) / 3);
  }, 180_000);
});
