/**
 * One size of the aggregation benchmark, in a fresh process so its memory is its own:
 * `node --expose-gc --import tsx bench/aggregate-worker.ts N ROUNDS` streams N responses of one
 * cohort page by page (bench/synthetic-responses.ts `generateResponsePages`, 1,000 responses a
 * page, as DynamoDB Query pages arrive), each page dropped once consumed, as the runtime
 * aggregates (use-cases/aggregate.ts). Timed, in ROUNDS interleaved rounds: a bare single pass
 * over the pages, and the aggregation (the cohort's `CohortAccumulator` and the programme's
 * `PoolAccumulator` fed every page through it, then both tables computed). Both sides get the same page
 * generator; the time spent generating pages is excluded from both (only the consumer of each
 * page is timed); the cohort's accumulator alone is timed too, for reference. Peak memory: V8
 * heap used plus array buffers (typed columns live outside the V8 heap) above the process's
 * baseline after a full collection, over the whole run: the page in hand, the accumulators and
 * the tables. Then, for the before/after, the memory the same responses take held in one array
 * (as aggregation needed before it streamed).
 * Prints one JSON `AggregateSample` on stdout.
 */
import { shippedCatalog } from '#surveys/index.ts';
import { CohortAccumulator } from '#core/statistics/cohort.ts';
import { PoolAccumulator, PoolLayout } from '#core/statistics/pool.ts';
import type { StoredResponse } from '#core/model.ts';
import { bareSinglePass, planBarePass } from './bare-pass.ts';
import { collectGarbage, measureStream, median, memoryInUse, type RunMeasurement } from './measure.ts';
import { BENCH_COHORT, BENCH_SESSION, benchProgramme, generateResponsePages } from './synthetic-responses.ts';
import type { AggregateSample, RunSummary } from './aggregation.ts';

/** Responses a page: about 1 MB of items, the most one DynamoDB Query page returns. */
const PAGE_RESPONSES = 1_000;

const catalog = shippedCatalog();

const size = Number(process.argv[2]);
const rounds = Number(process.argv[3]);
if (!Number.isInteger(size) || size < 2 || !Number.isInteger(rounds) || rounds < 1)
  throw new Error('usage: aggregate-worker.ts RESPONSES ROUNDS');
const programme = benchProgramme(catalog);
const plan = planBarePass(programme, catalog);
const spec = { programme, catalog, cohort: BENCH_COHORT, session: BENCH_SESSION };
const pages = (responses: number, seed: number): Iterable<StoredResponse[]> =>
  generateResponsePages({ ...spec, responses, seed }, PAGE_RESPONSES);

/** The bare single pass as a page consumer; its sums are kept so no work can be elided. */
function barePass(): { onPage: (page: readonly StoredResponse[]) => void; finish: () => number } {
  let total = 0;
  return {
    onPage: (page) => {
      for (const sum of bareSinglePass(plan, page)) total += sum;
    },
    finish: () => total,
  };
}

/**
 * The aggregation as a page consumer: the cohort's tables and the pool's, as `aggregate` computes
 * them in process (the cohort's accumulator feeds the pool its scores); without the pool, the cohort's alone.
 */
function aggregation(withPool = true): { onPage: (page: readonly StoredResponse[]) => void; finish: () => number } {
  const pool = withPool ? new PoolAccumulator(new PoolLayout(programme, catalog)) : undefined;
  const cohort = new CohortAccumulator(programme, catalog, BENCH_COHORT, pool);
  return {
    onPage: (page) => {
      for (const response of page) cohort.add(response);
    },
    finish: () => cohort.rows().length + (pool?.rows().length ?? 0),
  };
}

// Warm-up on other data, so both consumers are compiled before anything is timed.
for (let round = 0; round < 5; round += 1) {
  measureStream(pages(4_000, 7), barePass());
  measureStream(pages(4_000, 7), aggregation());
  measureStream(pages(4_000, 7), aggregation(false));
}

const seed = 20260101;
const baselineRuns: RunMeasurement[] = [];
const aggregationRuns: RunMeasurement[] = [];
const cohortRuns: RunMeasurement[] = [];
let rows = 0;
for (let round = 0; round < rounds; round += 1) {
  const bare = measureStream(pages(size, seed), barePass());
  baselineRuns.push(bare);
  const run = measureStream(pages(size, seed), aggregation());
  aggregationRuns.push(run);
  rows = run.result;
  cohortRuns.push(measureStream(pages(size, seed), aggregation(false)));
}
/** The median time and the highest peak of the rounds. */
const summary = (runs: readonly RunMeasurement[]): RunSummary => ({
  ms: median(runs.map((run) => run.ms)),
  peakBytes: Math.max(...runs.map((run) => run.peakBytes)),
});

// Before streaming: every response held at once. Measured once, after the timed rounds.
collectGarbage();
const before = memoryInUse();
const held: StoredResponse[] = [];
for (const page of pages(size, seed)) for (const response of page) held.push(response);
collectGarbage();
const heldBytes = memoryInUse() - before;

const sample: AggregateSample = {
  responses: held.length,
  rounds,
  rows,
  pageResponses: PAGE_RESPONSES,
  generateMs: median(baselineRuns.map((run) => run.generateMs)),
  heldBytes,
  baseline: summary(baselineRuns),
  aggregation: summary(aggregationRuns),
  cohortOnly: summary(cohortRuns),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
