/**
 * `npm run bench`: the budgets of PRODUCT.md, each measured as a ratio against its baseline in
 * the same run (interleaved rounds, medians). Prints the figures, writes them to
 * `bench/results.json`, and exits non-zero when a budget is broken.
 *
 * 1. Cold start of every function: the deployed bundle's module initialisation against a naive
 *    build of the same handler, 20 fresh processes each (at most 0.5x), with each bundle's bytes.
 * 2. Aggregation in memory of 10^4, 10^5 and 10^6 synthetic responses: `computeCohortIndicators`
 *    against a bare single pass over the same data (at most 3x at 10^6), linear growth (at most
 *    15x time per 10x responses; 10x is linear), and the heap it needs (at most 256 MiB at 10^6).
 * 3. Reading a cohort of 10^4 responses from the embedded DynamoDB: consumed read capacity at
 *    most 1.1x the minimum for the items' size, in one Query pass with no Scan.
 * 4. Survey page weight (at most 30 KB a page).
 *
 * `--smoke` runs each benchmark at a token size (one function, two processes, a few thousand
 * responses) and `--results FILE` writes elsewhere: `test/bench/run.test.ts` checks that every
 * benchmark starts and the results file takes its shape, without timing anything.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { benchAggregation, growthPerTenfold } from './aggregation.ts';
import { benchCohortRead } from './cohort-read.ts';
import { benchColdStart, statisticsBytes } from './cold-start.ts';
import { benchPageBytes } from './page-bytes.ts';
import { count, duration, formatChecks, formatTable, megabytes, ratio, type BudgetCheck } from './report.ts';
import { mebibytes, RESULTS_FILE, rounded, writeResults, type BenchResults } from './results.ts';

const { values: options } = parseArgs({
  options: { smoke: { type: 'boolean', default: false }, results: { type: 'string' } },
});
const smoke = options.smoke === true;

const COLD_START_RUNS = smoke ? 2 : 20;
const COLD_START_ONLY = smoke ? ['get-survey'] : undefined;
const COLD_START_BUDGET = 0.5;
const AGGREGATION_SIZES = smoke ? [1_000, 2_000] : [10_000, 100_000, 1_000_000];
const AGGREGATION_BUDGET = 3;
const AGGREGATION_HEAP_BUDGET_MIB = 256;
const GROWTH_LIMIT = 15;
const READ_SIZE = smoke ? 200 : 10_000;
const READ_BUDGET = 1.1;
const PAGE_PROGRAMMES = smoke ? ['dones-mentores'] : undefined;

// The SDK's notice that it will need Node 22 from 2027 says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const checks: BudgetCheck[] = [];
console.log(
  `prepost benchmarks${smoke ? ' (smoke: token sizes, figures meaningless)' : ''}: node ${process.version}, ` +
    `${process.platform} ${process.arch}, ${availableParallelism()} CPUs\n`,
);

// --- 1. Cold start -------------------------------------------------------------------------------
console.log(
  `Cold start: module initialisation (import until handler is ready) of the deployed bundle against a naive build ` +
    `(CommonJS, full zod, the AWS SDK and every package from node_modules), ${COLD_START_RUNS} fresh processes ` +
    'each, alternating, in the environment each function is deployed with (NODE_OPTIONS included)',
);
const coldStart = await benchColdStart({
  runs: COLD_START_RUNS,
  only: COLD_START_ONLY,
  onSample: (sample) => console.log(`  ${sample.name}: ${ratio(sample.ratio)}`),
});
console.log(
  formatTable(
    [
      'function',
      'deployed',
      'naive',
      'ratio',
      'deployed CPU',
      'naive CPU',
      'CPU ratio',
      'bundle',
      'source map',
      'statistics code',
      'naive bundle',
    ],
    coldStart.map((sample) => [
      sample.name,
      duration(sample.deployedMs),
      duration(sample.naiveMs),
      ratio(sample.ratio),
      duration(sample.deployedCpuMs),
      duration(sample.naiveCpuMs),
      ratio(sample.cpuRatio),
      `${count(sample.deployed.bytes)} B`,
      `${count(sample.deployed.sourceMapBytes)} B`,
      `${count(statisticsBytes(sample.deployed))} B`,
      `${count(sample.naive.bytes)} B`,
    ]),
  ),
);
console.log(
  'Times: medians, wall clock (the budget) and the CPU time the process used meanwhile (steadier on a busy ' +
    'machine). Bundle: the deployed index.mjs (its source map is shipped beside it, read by nothing at run time); ' +
    'the naive build loads its packages from node_modules on top of its own bytes.\n',
);
for (const sample of coldStart)
  checks.push({
    budget: `cold start of ${sample.name} <= ${COLD_START_BUDGET}x a naive build`,
    measured:
      `${ratio(sample.ratio)} (${duration(sample.deployedMs)} / ${duration(sample.naiveMs)}; ` +
      `CPU ${ratio(sample.cpuRatio)})`,
    ok: sample.ratio <= COLD_START_BUDGET,
  });

// --- 2. Aggregation in memory --------------------------------------------------------------------
console.log('Aggregation in memory: computeCohortIndicators against a bare single pass over the same responses');
console.log(
  '(dones-mentores, one cohort and session, each participant a pre and a post response, 5 instruments, 28 items)',
);
const samples = await benchAggregation(AGGREGATION_SIZES, smoke ? () => 1 : undefined);
/** The heap an aggregation of these responses needs: the responses and its own peak above them. */
const neededHeap = (sample: (typeof samples)[number]): number =>
  sample.dataHeapBytes + sample.aggregation.peakHeapBytes;
console.log(
  formatTable(
    [
      'responses',
      'rounds',
      'generate',
      'data heap',
      'bare pass',
      'aggregation',
      'ratio',
      'bare pass peak heap',
      'aggregation peak heap',
      'heap needed',
      'process max RSS',
    ],
    samples.map((sample) => [
      count(sample.responses),
      String(sample.rounds),
      duration(sample.generateMs),
      megabytes(sample.dataHeapBytes),
      duration(sample.baseline.ms),
      duration(sample.aggregation.ms),
      ratio(sample.aggregation.ms / sample.baseline.ms),
      megabytes(sample.baseline.peakHeapBytes),
      megabytes(sample.aggregation.peakHeapBytes),
      megabytes(neededHeap(sample)),
      megabytes(sample.maxRssBytes),
    ]),
  ),
);
console.log(
  'Times: median of the rounds. Peak heap: V8 heap used, highest before any collection or at the end of a run,',
);
console.log(
  'above the heap holding the generated data (highest of the rounds). Heap needed: the data and that peak. ' +
    'Max RSS: the whole worker process.\n',
);

const aggregationGrowth = growthPerTenfold(samples, (sample) => sample.aggregation.ms);
const baselineGrowth = growthPerTenfold(samples, (sample) => sample.baseline.ms);
console.log(
  formatTable(
    ['time growth per 10x responses', 'aggregation', 'bare pass'],
    aggregationGrowth.map((growth, index) => [
      `${count(growth.from)} -> ${count(growth.to)}`,
      ratio(growth.factor),
      ratio(baselineGrowth[index]?.factor ?? Number.NaN),
    ]),
  ),
);
console.log('Linear growth is 10x per 10x responses.\n');

const largest = samples.at(-1);
if (largest !== undefined) {
  const measured = largest.aggregation.ms / largest.baseline.ms;
  checks.push({
    budget: `aggregation of ${count(largest.responses)} responses <= ${AGGREGATION_BUDGET}x a bare single pass`,
    measured: ratio(measured),
    ok: measured <= AGGREGATION_BUDGET,
  });
  const heapMiB = neededHeap(largest) / 1_048_576;
  checks.push({
    budget: `heap an aggregation of ${count(largest.responses)} responses needs <= ${AGGREGATION_HEAP_BUDGET_MIB} MiB`,
    measured:
      `${megabytes(neededHeap(largest))} (responses ${megabytes(largest.dataHeapBytes)}, ` +
      `aggregation ${megabytes(largest.aggregation.peakHeapBytes)})`,
    ok: heapMiB <= AGGREGATION_HEAP_BUDGET_MIB,
  });
}
if (!smoke)
  for (const growth of aggregationGrowth) {
    checks.push({
      budget: `aggregation time ${count(growth.from)} -> ${count(growth.to)} <= ${GROWTH_LIMIT}x (linear: 10x)`,
      measured: ratio(growth.factor),
      ok: growth.factor <= GROWTH_LIMIT,
    });
  }

// --- 3. Cohort read from DynamoDB ----------------------------------------------------------------
console.log(
  `Cohort read from the embedded DynamoDB: ${count(READ_SIZE)} responses through ` +
    `DynamoResponseStore.listCohortResponses`,
);
const read = await benchCohortRead(READ_SIZE);
const readRatio = read.consumedRcu / read.minimumRcu;
const otherCommands = Object.entries(read.commands).filter(([name]) => name !== 'QueryCommand');
console.log(
  formatTable(
    ['cohort read', 'value'],
    [
      ['responses read', count(read.responses)],
      ['items in the partition (responses and participants)', count(read.itemsInPartition)],
      [
        'size of the items read (DynamoDB rules)',
        `${count(read.itemBytes)} B (${count(read.itemBytes / read.responses)} B per item)`,
      ],
      ['Query requests (pages)', count(read.pages)],
      [
        'other requests (Scan, Get...)',
        otherCommands.length === 0 ? 'none' : otherCommands.map(([name, times]) => `${name} x${times}`).join(', '),
      ],
      ['consumed, as returned by DynamoDB (ConsumedCapacity)', `${read.consumedRcu} RCU`],
      ['consumed, recomputed per page from item sizes', `${read.recomputedRcu} RCU`],
      ['minimum for the size, consistent (4 KB units, 1 RCU each)', `${read.minimumRcu} RCU`],
      ['consumed / minimum', `${readRatio.toFixed(4)}x`],
      ['write (participants, then putResponse, 8 at a time)', duration(read.writeMs)],
      ['read', duration(read.readMs)],
      ['read per response', `${((read.readMs * 1000) / read.responses).toFixed(1)} us`],
    ],
  ),
);
console.log('');
checks.push({
  budget: `cohort read of ${count(READ_SIZE)} responses <= ${READ_BUDGET}x the minimum read capacity`,
  measured: `${readRatio.toFixed(4)}x`,
  ok: readRatio <= READ_BUDGET,
});
checks.push({
  budget: 'cohort read is one Query pass: no Scan, no other request',
  measured:
    `${read.commands.QueryCommand ?? 0} Query pages, ${read.commands.ScanCommand ?? 0} Scan, ` +
    `${otherCommands.length} other`,
  ok: otherCommands.length === 0 && (read.commands.QueryCommand ?? 0) === read.pages,
});

// --- 4. Survey page weight -----------------------------------------------------------------------
checks.push(...(await benchPageBytes({ only: PAGE_PROGRAMMES })));

// --- 5. Submission and load test (bench/submit.ts, bench/load.ts) --------------------------------
// Wired by the lead when those benchmarks land: `const submit = await benchSubmit();` then
// `checks.push(...submit.checks)` and `submit: rounded(submit.ratio)` below; the same for
// `benchLoad()` as a `load` section of the results.
const submit: number | null = null;

// --- Results -------------------------------------------------------------------------------------
const results: BenchResults = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: availableParallelism(),
  date: new Date().toISOString(),
  coldStart: Object.fromEntries(coldStart.map((sample) => [sample.name, rounded(sample.ratio)])),
  coldStartDetail: Object.fromEntries(
    coldStart.map((sample) => [
      sample.name,
      {
        runs: sample.runs,
        deployedMs: rounded(sample.deployedMs),
        naiveMs: rounded(sample.naiveMs),
        cpuRatio: rounded(sample.cpuRatio),
        deployedCpuMs: rounded(sample.deployedCpuMs),
        naiveCpuMs: rounded(sample.naiveCpuMs),
        bundleBytes: sample.deployed.bytes,
        sourceMapBytes: sample.deployed.sourceMapBytes,
        naiveBundleBytes: sample.naive.bytes,
      },
    ]),
  ),
  submit,
  aggregation: Object.fromEntries(
    samples.map((sample) => [String(sample.responses), rounded(sample.aggregation.ms / sample.baseline.ms)]),
  ),
  aggregationPeakHeapMiB: Object.fromEntries(
    samples.map((sample) => [String(sample.responses), mebibytes(neededHeap(sample))]),
  ),
  aggregationWorkHeapMiB: Object.fromEntries(
    samples.map((sample) => [String(sample.responses), mebibytes(sample.aggregation.peakHeapBytes)]),
  ),
  cohortRead: {
    responses: read.responses,
    ratio: rounded(readRatio),
    consumedRcu: read.consumedRcu,
    minimumRcu: read.minimumRcu,
    pages: read.pages,
    readMs: rounded(read.readMs),
  },
  budgets: checks,
};
const resultsFile = options.results ?? RESULTS_FILE;
await writeResults(results, resultsFile);

console.log('Budgets');
console.log(formatChecks(checks));
const broken = checks.filter((check) => !check.ok).length;
console.log(broken === 0 ? '\nAll budgets held.' : `\n${broken} budget(s) broken.`);
console.log(`Results written to ${String(resultsFile).replace(/^file:\/\//, '')}`);
// Token sizes hold no budget: the smoke run fails only when a benchmark does not run.
process.exitCode = broken === 0 || smoke ? 0 : 1;
