/**
 * One end-to-end aggregation, in a fresh process standing for the Lambda function:
 * `node --expose-gc --import tsx bench/aggregate-end-to-end-worker.ts ENDPOINT TABLE PROGRAMME`
 * runs `aggregate(deps, { programme, full: true })` on the production adapters against that
 * DynamoDB endpoint. A middleware on its own SDK client counts every command, asks each for its
 * consumed capacity and sums it, and counts the Query passes over each cohort's responses; the
 * production code is unchanged. Memory (V8 heap used plus array buffers) is sampled every few
 * milliseconds and before every collection, above the baseline after a full collection.
 * Prints one JSON `EndToEndRun` on stdout.
 */
import { GCProfiler } from 'node:v8';
import { performance } from 'node:perf_hooks';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { storesOn } from '#adapters/deps.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { RESPONSE_PREFIX } from '#adapters/table-design.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { collectGarbage, memoryInUse } from './measure.ts';
import type { EndToEndRun } from './aggregate-end-to-end.ts';

const [endpoint, tableName, programme] = process.argv.slice(2);
if (endpoint === undefined || tableName === undefined || programme === undefined)
  throw new Error('usage: aggregate-end-to-end-worker.ts ENDPOINT TABLE PROGRAMME');

const client = createDocumentClient(endpoint);
const deps = { ...storesOn(new DynamoTable(client, tableName)), catalog: shippedCatalog() };

const commands: Record<string, number> = {};
const capacity: Record<string, number> = {};
const responsePasses: Record<string, number> = {};
let responsesRead = 0;
client.middlewareStack.add(
  (next, context) => async (args) => {
    const command = context.commandName ?? 'unknown';
    commands[command] = (commands[command] ?? 0) + 1;
    const input = args.input as {
      ReturnConsumedCapacity?: string;
      IndexName?: string;
      ExclusiveStartKey?: unknown;
      ExpressionAttributeValues?: Record<string, unknown>;
    };
    input.ReturnConsumedCapacity = 'TOTAL';
    const values = input.ExpressionAttributeValues ?? {};
    const responseQuery =
      command === 'QueryCommand' && input.IndexName === undefined && values[':prefix'] === RESPONSE_PREFIX;
    if (responseQuery && input.ExclusiveStartKey === undefined) {
      const partition = String(values[':pk']);
      responsePasses[partition] = (responsePasses[partition] ?? 0) + 1;
    }
    const result = await next(args);
    const output = result.output as {
      Count?: number;
      ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
    };
    if (responseQuery) responsesRead += output.Count ?? 0;
    const consumed = [output.ConsumedCapacity ?? []].flat();
    for (const entry of consumed) capacity[command] = (capacity[command] ?? 0) + (entry.CapacityUnits ?? 0);
    return result;
  },
  { step: 'initialize', name: 'benchRecordCommands' },
);

collectGarbage();
const start = memoryInUse();
let peak = start;
const sampler = setInterval(() => {
  peak = Math.max(peak, memoryInUse());
}, 5);
const profiler = new GCProfiler();
profiler.start();
const began = performance.now();
const report = await aggregate(deps, { programme, full: true });
const ms = performance.now() - began;
clearInterval(sampler);
peak = Math.max(peak, memoryInUse());
const arrayBuffers = process.memoryUsage().arrayBuffers;
for (const event of profiler.stop().statistics)
  peak = Math.max(peak, event.beforeGC.heapStatistics.usedHeapSize + arrayBuffers);
client.destroy();

const run: EndToEndRun = {
  ms,
  peakBytes: Math.max(0, peak - start),
  commands,
  capacity,
  responsePasses,
  responsesRead,
  scopes: report.cohorts.map((scope) => ({ cohort: scope.cohort, responses: scope.responses })),
};
process.stdout.write(`${JSON.stringify(run)}\n`);
