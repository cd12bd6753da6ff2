/**
 * Aggregation end to end from DynamoDB: the embedded DynamoDB (in this process, standing for the
 * service) is filled with one programme's responses across a few cohorts, written as
 * BatchWriteItem requests of 25 of the very items `putResponse` writes (`responseItem`: one
 * conditional put at a time would take minutes per 10^5). Then a fresh process
 * (bench/aggregate-end-to-end-worker.ts, standing for the Lambda function) runs the real
 * `aggregate(deps, { programme, full: true })` against it, in rounds: cohorts a few at once, then
 * the pool from the parts the cohorts left, and reports its time, its peak memory and every
 * request it sent, with the capacity DynamoDB says each consumed.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { storesOn } from '#adapters/deps.ts';
import { responseItem } from '#adapters/dynamo-response-store.ts';
import { DynamoTable, ensureTable, type WriteRequest } from '#adapters/dynamo-table.ts';
import { startEmbeddedDynamo } from '#local/embedded-dynamodb.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { median, runJsonWorker } from './measure.ts';
import { BENCH_SESSION, benchProgramme, generateResponsePages } from './synthetic-responses.ts';

/** What one aggregation run measured (the worker's output). */
export interface EndToEndRun {
  readonly ms: number;
  /** Highest V8 heap used plus array buffers above the worker's baseline (sampled, and before each GC). */
  readonly peakBytes: number;
  /** Requests sent, by command name. */
  readonly commands: Readonly<Record<string, number>>;
  /** Capacity DynamoDB reported consumed, by command name (ReturnConsumedCapacity: TOTAL). */
  readonly capacity: Readonly<Record<string, number>>;
  /** Query passes (a Query without ExclusiveStartKey) per partition of the responses, by cohort key. */
  readonly responsePasses: Readonly<Record<string, number>>;
  /** Responses read in the Query pages of responses (each counted as often as read). */
  readonly responsesRead: number;
  /** Per scope (cohort, or null for the pool): responses the aggregation reports. */
  readonly scopes: readonly { readonly cohort: string | null; readonly responses: number }[];
}

/** The fill and every round of the aggregation. */
export interface EndToEndResult {
  readonly responses: number;
  readonly cohorts: number;
  readonly fillMs: number;
  readonly runs: readonly EndToEndRun[];
  /** Median wall time of the runs. */
  readonly ms: number;
  /** Highest peak of the runs. */
  readonly peakBytes: number;
}

const TABLE = 'prepost-bench-aggregate';
const CREATED_AT = '2026-01-05T09:00:00.000Z';

/** Fills a table with `responses` responses over `cohorts` cohorts, then aggregates it `rounds` times. */
export async function benchAggregationEndToEnd(
  responses: number,
  cohorts: number,
  rounds: number,
): Promise<EndToEndResult> {
  const catalog = shippedCatalog();
  const programme = benchProgramme(catalog);
  const template = programme.cohorts[0];
  if (template === undefined) throw new Error(`no seed cohort in ${programme.id}`);
  const dynamo = await startEmbeddedDynamo();
  const client = createDocumentClient(dynamo.endpoint);
  try {
    await ensureTable(client, TABLE);
    const table = new DynamoTable(client, TABLE);
    const stores = storesOn(table);
    const fillStart = performance.now();
    const cohortIds = Array.from({ length: cohorts }, (_, at) => `bench-${String(at + 1).padStart(2, '0')}`);
    for (const id of cohortIds)
      await stores.cohorts.createCohort(programme.id, { ...template, id, name: id, windows: {} }, CREATED_AT);
    for (const [at, cohort] of cohortIds.entries()) {
      const share = Math.floor(responses / cohorts) + (at < responses % cohorts ? 1 : 0);
      const spec = { programme, catalog, cohort, session: BENCH_SESSION, responses: share, seed: 9_000 + at };
      // A page of generated responses at a time, its batches of 25 a few in flight at once.
      for (const page of generateResponsePages(spec, 1_000)) {
        const requests: WriteRequest[] = page.map((response) => ({ PutRequest: { Item: responseItem(response) } }));
        const batches = Array.from({ length: Math.ceil(requests.length / 25) }, (_, index) =>
          requests.slice(index * 25, index * 25 + 25),
        );
        await Promise.all(batches.map((batch) => table.batchWrite(batch)));
      }
    }
    const fillMs = performance.now() - fillStart;

    const runs: EndToEndRun[] = [];
    for (let round = 0; round < rounds; round += 1) runs.push(await runWorker(dynamo.endpoint, programme.id));
    return {
      responses,
      cohorts,
      fillMs,
      runs,
      ms: median(runs.map((run) => run.ms)),
      peakBytes: Math.max(...runs.map((run) => run.peakBytes)),
    };
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

function runWorker(endpoint: string, programme: string): Promise<EndToEndRun> {
  const worker = fileURLToPath(new URL('./aggregate-end-to-end-worker.ts', import.meta.url));
  const args = ['--expose-gc', '--import', 'tsx', worker, endpoint, TABLE, programme];
  return runJsonWorker<EndToEndRun>(args, 'end-to-end aggregation worker');
}
