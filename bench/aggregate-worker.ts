/**
 * One size of the aggregation benchmark, in a fresh process so its memory is its own:
 * `node --expose-gc --import tsx bench/aggregate-worker.ts N` generates N responses, then times
 * `computeCohortIndicators` and the bare single pass over them (after a warm-up on other data,
 * interleaved, median of several runs), then measures each one's peak heap in a separate run.
 * Prints one JSON `AggregateSample` on stdout.
 */
import { catalog } from '#surveys/index.ts';
import { computeCohortIndicators } from '#core/indicators.ts';
import { bareSinglePass, planBarePass } from './bare-pass.ts';
import { collectGarbage, heapUsed, measureRun, median } from './measure.ts';
import { generateCohortResponses } from './synthetic-responses.ts';
import { BENCH_COHORT, BENCH_PROGRAMME, BENCH_SESSION, type AggregateSample } from './aggregation.ts';

const size = Number(process.argv[2]);
if (!Number.isInteger(size) || size < 2) throw new Error('usage: aggregate-worker.ts RESPONSES');
const programme = catalog.programmes.get(BENCH_PROGRAMME);
if (programme === undefined) throw new Error(`no programme ${BENCH_PROGRAMME}`);
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

// Fewer rounds at larger sizes keep the whole benchmark within a few minutes.
const rounds = size <= 10_000 ? 15 : size <= 100_000 ? 5 : 3;
const baselineTimes: number[] = [];
const aggregationTimes: number[] = [];
let rows = 0;
for (let round = 0; round < rounds; round += 1) {
  baselineTimes.push(measureRun(() => bareSinglePass(plan, responses), false).ms);
  aggregationTimes.push(
    measureRun(() => {
      const result = computeCohortIndicators(programme, catalog, BENCH_COHORT, responses);
      rows = result.length;
      return result;
    }, false).ms,
  );
}
const baselineHeap = measureRun(() => bareSinglePass(plan, responses), true).peakHeapBytes;
const aggregationHeap = measureRun(() => computeCohortIndicators(programme, catalog, BENCH_COHORT, responses), true).peakHeapBytes;

const sample: AggregateSample = {
  responses: responses.length,
  rounds,
  rows,
  generateMs,
  dataHeapBytes,
  baseline: { ms: median(baselineTimes), peakHeapBytes: baselineHeap },
  aggregation: { ms: median(aggregationTimes), peakHeapBytes: aggregationHeap },
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(sample)}\n`);
