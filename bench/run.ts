/**
 * `npm run bench`: the budgets of PRODUCT.md that concern aggregation, measured as ratios in one
 * run. Prints the figures and exits non-zero when a budget is broken.
 *
 * 1. Aggregation in memory of 10^4, 10^5 and 10^6 synthetic responses: `computeCohortIndicators`
 *    against a bare single pass over the same data (at most 3x at 10^6), and linear growth
 *    (at most 15x time per 10x responses; 10x is linear).
 * 2. Reading a cohort of 10^4 responses from the embedded DynamoDB: consumed read capacity at
 *    most 1.1x the minimum for the items' size, in one Query pass with no Scan.
 */
import { availableParallelism } from 'node:os';
import { benchAggregation, growthPerTenfold } from './aggregation.ts';
import { benchCohortRead } from './cohort-read.ts';
import { benchPageBytes } from './page-bytes.ts';
import { count, duration, formatChecks, formatTable, megabytes, ratio, type BudgetCheck } from './report.ts';

const AGGREGATION_SIZES = [10_000, 100_000, 1_000_000];
const AGGREGATION_BUDGET = 3;
const GROWTH_LIMIT = 15;
const READ_SIZE = 10_000;
const READ_BUDGET = 1.1;

// The SDK's notice that it will need Node 22 from 2027 says nothing about these figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const checks: BudgetCheck[] = [];
console.log(
  `prepost benchmarks: node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs\n`,
);

console.log('Aggregation in memory: computeCohortIndicators against a bare single pass over the same responses');
console.log(
  '(dones-mentores, one cohort and session, each participant a pre and a post response, 5 instruments, 28 items)',
);
const samples = await benchAggregation(AGGREGATION_SIZES);
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
      megabytes(sample.maxRssBytes),
    ]),
  ),
);
console.log(
  'Times: median of the rounds. Peak heap: V8 heap used, highest before any collection or at the end of a run,',
);
console.log('above the heap holding the generated data (highest of the rounds). Max RSS: the whole worker process.\n');

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
}
for (const growth of aggregationGrowth) {
  checks.push({
    budget: `aggregation time ${count(growth.from)} -> ${count(growth.to)} <= ${GROWTH_LIMIT}x (linear: 10x)`,
    measured: ratio(growth.factor),
    ok: growth.factor <= GROWTH_LIMIT,
  });
}

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

checks.push(...(await benchPageBytes()));

console.log('Budgets');
console.log(formatChecks(checks));
const broken = checks.filter((check) => !check.ok).length;
console.log(broken === 0 ? '\nAll budgets held.' : `\n${broken} budget(s) broken.`);
process.exitCode = broken === 0 ? 0 : 1;
