/**
 * Reading a cohort from the embedded DynamoDB: the cohort's partition is filled as production
 * fills it (participants with their links, then each response through `DynamoResponseStore.putResponse`),
 * then `listCohortResponses` reads it while a middleware on the bench's own SDK client asks every
 * Query for its consumed capacity (`ReturnConsumedCapacity: 'TOTAL'`), sums it, keeps each page's
 * items and counts every command sent; the production code is unchanged. The minimum for the
 * data is its size in 4 KB units at half a unit each (eventually consistent, as the Query is).
 */
import { performance } from 'node:perf_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { storesOn } from '#adapters/deps.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { ensureTable } from '#adapters/dynamo-table.ts';
import { startEmbeddedDynamo } from '#local/embedded-dynamodb.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { dynamoItemSize, readCapacityUnits } from './dynamo-item-size.ts';
import { BENCH_COHORT, BENCH_SESSION, benchProgramme, generateCohortResponses } from './synthetic-responses.ts';
import type { StoredResponse } from '#core/model.ts';

const catalog = shippedCatalog();

/** What reading one cohort cost. */
export interface CohortReadResult {
  readonly responses: number;
  readonly itemsInPartition: number;
  readonly writeMs: number;
  readonly readMs: number;
  /** Query requests (pages) of the read. */
  readonly pages: number;
  /** Every command the read sent, by name. */
  readonly commands: Readonly<Record<string, number>>;
  /** Sum of the ConsumedCapacity.CapacityUnits the embedded DynamoDB returned. */
  readonly consumedRcu: number;
  /** The same, recomputed per page from the items' sizes by DynamoDB's rules (a cross-check). */
  readonly recomputedRcu: number;
  /** Total size of the items read, by DynamoDB's rules. */
  readonly itemBytes: number;
  /** The least any consistent read of these items can cost: itemBytes in 4 KB units, 1 RCU each. */
  readonly minimumRcu: number;
}

/** Writes `responses` responses of one cohort, then reads them back with `listCohortResponses`. */
export async function benchCohortRead(responses: number): Promise<CohortReadResult> {
  const programme = benchProgramme(catalog);
  const dynamo = await startEmbeddedDynamo();
  const client = createDocumentClient(dynamo.endpoint);
  try {
    const tableName = 'prepost-bench';
    await ensureTable(client, tableName);
    const stores = storesOn(new DynamoTable(client, tableName));
    const data = generateCohortResponses({
      programme,
      catalog,
      cohort: BENCH_COHORT,
      session: BENCH_SESSION,
      responses,
      seed: 4_2026,
    });

    const writeStart = performance.now();
    // The partition also holds the cohort's participants, as in production: a read that
    // touched more than the responses would show in the consumed capacity.
    const participants = [...new Set(data.map((response) => response.participant))];
    const createdAt = '2026-01-05T09:00:00.000Z';
    const expiresAt = Date.parse('2027-01-05T09:00:00.000Z') / 1000;
    const batch = { id: createdAt, createdAt, count: participants.length, language: 'ca', expiresAt };
    await stores.participants.createParticipants(
      batch,
      participants.map((participant, index) => ({
        programme: programme.id,
        cohort: BENCH_COHORT,
        participant,
        batch: batch.id,
        number: index + 1,
        links: (['pre', 'post'] as const).map((wave) => ({
          hash: `bench-${index}-${wave}`,
          session: BENCH_SESSION,
          wave,
        })),
        createdAt,
        expiresAt,
      })),
    );
    await forEachConcurrently(data, 8, async (response) => {
      const result = await stores.responses.putResponse(response);
      if (!result.stored) throw new Error(`response of ${response.participant} ${response.wave} already stored`);
    });
    const writeMs = performance.now() - writeStart;

    const recorder = recordCommands(client);
    const readStart = performance.now();
    const read = await stores.responses.listCohortResponses(programme.id, BENCH_COHORT);
    const readMs = performance.now() - readStart;
    recorder.stop();
    if (read.length !== data.length) throw new Error(`read ${read.length} responses, wrote ${data.length}`);
    checkSameResponses(data, read);

    const pageBytes = recorder.pages.map((items) => items.reduce((sum, item) => sum + dynamoItemSize(item), 0));
    const itemBytes = pageBytes.reduce((sum, bytes) => sum + bytes, 0);
    return {
      responses: read.length,
      itemsInPartition: read.length + participants.length,
      writeMs,
      readMs,
      pages: recorder.pages.length,
      commands: recorder.commands,
      consumedRcu: recorder.consumedRcu,
      // Strongly consistent (1 RCU per 4 KB): an erasure's markers must be seen by the read after it.
      recomputedRcu: pageBytes.reduce((sum, bytes) => sum + readCapacityUnits(bytes, true), 0),
      itemBytes,
      minimumRcu: readCapacityUnits(itemBytes, true),
    };
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

interface CommandRecorder {
  readonly commands: Record<string, number>;
  /** The items of each Query page, as the document client returns them. */
  readonly pages: Record<string, unknown>[][];
  consumedRcu: number;
  stop(): void;
}

/**
 * An initialize-step middleware on the client's own stack: counts each command, asks Queries
 * for their consumed capacity and sums it. The document client shares this stack, and sees
 * inputs before marshalling and outputs after unmarshalling at this step.
 */
function recordCommands(client: DynamoDBDocumentClient): CommandRecorder {
  const name = 'benchRecordCommands';
  const recorder: CommandRecorder = {
    commands: {},
    pages: [],
    consumedRcu: 0,
    stop: () => client.middlewareStack.remove(name),
  };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      recorder.commands[command] = (recorder.commands[command] ?? 0) + 1;
      if (command !== 'QueryCommand') return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      const result = await next(args);
      const output = result.output as {
        Items?: Record<string, unknown>[];
        ConsumedCapacity?: { CapacityUnits?: number };
      };
      const units = output.ConsumedCapacity?.CapacityUnits;
      if (units === undefined) throw new Error('the Query returned no ConsumedCapacity');
      recorder.consumedRcu += units;
      recorder.pages.push(output.Items ?? []);
      return result;
    },
    { step: 'initialize', name },
  );
  return recorder;
}

/** The read returns what was written (compared as JSON with sorted keys, order-independent). */
function checkSameResponses(written: readonly StoredResponse[], read: readonly StoredResponse[]): void {
  const key = (response: StoredResponse): string => `${response.participant}#${response.wave}`;
  const byKey = new Map(read.map((response) => [key(response), response]));
  for (const response of written) {
    const found = byKey.get(key(response));
    if (found === undefined || canonical(found) !== canonical(response))
      throw new Error(`response ${key(response)} did not read back as written`);
  }
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : inner,
  );
}

async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await run(item);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
