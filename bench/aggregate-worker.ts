/**
 * One size of the aggregation benchmark, in a fresh process so its memory is its own:
 * `node --expose-gc --import tsx bench/aggregate-worker.ts N ROUNDS` generates N responses, then
 * times `computeCohortIndicators` and the bare single pass over them, with their peak heap (after
 * a warm-up on other data; ROUNDS interleaved rounds, median time and highest peak).
 * Prints one JSON `AggregateSample` on stdout.
 */
import { shippedCatalog } from '#surveys/index.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { bareSinglePass, planBarePass } from './bare-pass.ts';
import { collectGarbage, heapUsed, measureRun, median, type RunMeasurement } from './measure.ts';
import { BENCH_COHORT, BENCH_SESSION, benchProgramme, generateCohortResponses } from './synthetic-responses.ts';
import type { AggregateSample } from './aggregation.ts';

const catalog = shippedCatalog();

const size = Number(process.argv[2]);
const rounds = Number(process.argv[3]);
if (!Number.isInteger(size) || size < 2 || !Number.isInteger(rounds) || rounds < 1)
  throw new Error('usage: aggregate-worker.ts RESPONSES ROUNDS');
const programme = benchProgramme(catalog);
const plan = planBarePass(programme, catalog);
const spec = { programme, catalog, cohort: BENCH_COHORT, session: BENCH_SESSION };

// Warm-up on other data, so both functions are compiled before anything is timed.
{
  const warmUp = generateCohortResponses({ ...spec, responses: 4_000, seed: 7 });
  for (let round = 0; round < 5; round += 1) {
    bareSinglePass(plan, warmUp);
    computeCohortIndicators(programme, catalog, BENCH_COHORT, warmUp);
  }
}

collectGarbage();
const before = heapUsed();
const generationStart = performance.now();
const responses = generateCohortResponses({ ...spec, responses: size, seed: 20260101 });
const generateMs = performance.now() - generationStart;
collectGarbage();
const dataHeapBytes = heapUsed() - before;

// The GC profiler stays on in every round: its cost is within the run-to-run noise.
const baselineRuns: RunMeasurement[] = [];
const aggregationRuns: RunMeasurement[] = [];
let rows = 0;
for (let round = 0; round < rounds; round += 1) {
  baselineRuns.push(measureRun(() => bareSinglePass(plan, responses)));
  aggregationRuns.push(
    measureRun(() => {
      const result = computeCohortIndicators(programme, catalog, BENCH_COHORT, responses);
      rows = result.length;
      return result;
    }),
  );
}
/** The median time and the highest peak of the rounds. */
const summary = (runs: readonly RunMeasurement[]): RunMeasurement => ({
  ms: median(runs.map((run) => run.ms)),
  peakHeapBytes: Math.max(...runs.map((run) => run.peakHeapBytes)),
});

const sample: AggregateSample = {
  responses: responses.length,
  rounds,
  rows,
  generateMs,
  dataHeapBytes,
  baseline: summary(baselineRuns),
  aggregation: summary(aggregationRuns),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
