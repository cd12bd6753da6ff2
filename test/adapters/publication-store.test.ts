/**
 * The publication record on the embedded DynamoDB: a kept state far past one item's 400 KB comes
 * back whole (gzipped, in parts written before the head that names them); a record built on one
 * that another run replaced meanwhile is refused, the winner's kept; a record from before the
 * parts (counts only) still reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoPublicationStore } from '#adapters/dynamo-publication-store.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { PUBLICATION_SORT_KEY, scopeKey } from '#adapters/table-design.ts';
import type { PublicationRecord } from '#ports/store.ts';
import { PublicationChangedError } from '#core/errors.ts';
import { startTestStack } from '../support/stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let table: DynamoTable;
let store: DynamoPublicationStore;

beforeAll(async () => {
  stack = await startTestStack();
  table = new DynamoTable(createDocumentClient(stack.environment.endpoint), stack.environment.tableName);
  store = new DynamoPublicationStore(table);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

/** A state of `cells` cells over `months` publications, with random bytes so gzip cannot shrink it below 400 KB. */
function bigRecord(programme: string, cells: number, months: number): PublicationRecord {
  const keys = Array.from({ length: cells }, (_, at) => `c${at}|s|i|g=${randomBytes(6).toString('hex')}`);
  return {
    programme,
    period: '2026-12',
    publishedAt: '2026-12-31T23:00:00.000Z',
    figures: Object.fromEntries(
      keys.map((key, at) => [
        key,
        {
          period: '2026-12',
          n_paired: at,
          n_started: at + 1,
          lost_share: 0.05,
          indicators: {
            mean_pre: Math.random(),
            mean_post: Math.random(),
            mean_change: Math.random(),
            ci95_low: null,
            ci95_high: null,
            g_av: Math.random(),
          },
        },
      ]),
    ),
    history: {
      versions: Object.fromEntries(keys.map((key, at) => [key, [[months - 1, at] as const]])),
      exact: Array.from({ length: months }, () => Object.fromEntries(keys.map((key, at) => [key, at]))),
      erasures: Array.from({ length: months }, () => ({ c1: 2, '*': 2 })),
    },
  };
}

async function partsOf(programme: string): Promise<string[]> {
  const { Items = [] } = await table.client.send(
    new QueryCommand({
      TableName: table.name,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': scopeKey(programme, null), ':prefix': `${PUBLICATION_SORT_KEY}#` },
    }),
  );
  return Items.map((item) => String(item.SK));
}

describe('DynamoPublicationStore', () => {
  it('keeps a state far past 400 KB in parts and reads it back whole', async () => {
    const record = bigRecord('big-programme', 8_000, 12);
    await store.putPublication(record);
    expect((await partsOf('big-programme')).length).toBeGreaterThan(1);
    const { revision, ...read } = (await store.latestPublication('big-programme')) ?? {};
    expect(revision).toEqual(expect.any(String));
    expect(read).toEqual(record);
  }, 60_000);

  it('deletes the parts of the record it replaces, and leaves a crashed write’s parts unread', async () => {
    const programme = 'swept-programme';
    await store.putPublication(bigRecord(programme, 10, 1));
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { PK: scopeKey(programme, null), SK: `${PUBLICATION_SORT_KEY}#crashed#0000`, body: Buffer.from('x') },
      }),
    );
    const first = await store.latestPublication(programme);
    const second = bigRecord(programme, 12, 2);
    await store.putPublication({ ...second, ...(first?.revision === undefined ? {} : { revision: first.revision }) });
    const parts = await partsOf(programme);
    expect(parts.filter((part) => !part.includes('#crashed#'))).toHaveLength(1);
    const { revision, ...read } = (await store.latestPublication(programme)) ?? {};
    expect(revision).not.toBe(first?.revision);
    expect(read).toEqual(second);
  });

  it('refuses a record built on one another run has replaced meanwhile, and keeps the winner readable', async () => {
    const programme = 'raced-programme';
    const [a, b] = [bigRecord(programme, 10, 1), bigRecord(programme, 11, 1)];
    const outcomes = await Promise.allSettled([store.putPublication(a), store.putPublication(b)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(PublicationChangedError);
    const { revision, ...read } = (await store.latestPublication(programme)) ?? {};
    expect(revision).toEqual(expect.any(String));
    expect([a, b]).toContainEqual(read);
    expect(await partsOf(programme)).toHaveLength(1);
  });

  it('keeps its record when the reply to its head was lost and the SDK sent it again', async () => {
    const client = createDocumentClient(stack.environment.endpoint);
    let lost = false;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const reply = await next(args);
        const input = JSON.stringify(args.input);
        if (!lost && context.commandName === 'PutItemCommand' && input.includes('"keptWrite"')) {
          lost = true;
          throw Object.assign(new Error('no reply within the request timeout'), { name: 'TimeoutError' });
        }
        return reply;
      },
      { step: 'deserialize', name: 'loseTheHeadReply' },
    );
    const flaky = new DynamoPublicationStore(new DynamoTable(client, stack.environment.tableName));
    const record = bigRecord('retried-programme', 10, 1);
    await flaky.putPublication(record);
    expect(lost).toBe(true);
    const { revision, ...read } = (await store.latestPublication('retried-programme')) ?? {};
    expect(revision).toEqual(expect.any(String));
    expect(read).toEqual(record);
  });

  it('reads a record from before the parts: its counts, nothing to carry', async () => {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: {
          PK: scopeKey('old-programme', null),
          SK: PUBLICATION_SORT_KEY,
          period: '2026-10',
          publishedAt: '2026-10-31T23:00:00.000Z',
          shown: JSON.stringify({ 'c|s|i|*': 12 }),
        },
      }),
    );
    expect(await store.latestPublication('old-programme')).toEqual({
      programme: 'old-programme',
      period: '2026-10',
      publishedAt: '2026-10-31T23:00:00.000Z',
      shown: { 'c|s|i|*': 12 },
    });
  });
});
