/**
 * What each programme's summaries have published (counts, figures and the disclosure history, to
 * difference against and to carry forward), and which funder was sent which period, on the table
 * under the programme's partition. The kept state grows with cells and months past one item's
 * 400 KB, so it is gzipped and split into parts (`PUBLICATION#<write>#<n>`), written before the
 * head item (`PUBLICATION`) that names them, only over the head it was built on: a crash part way
 * leaves the head on the last complete state (its parts stay, unread), and a run at once that
 * recorded first makes this one build again.
 */
import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { PublicationChangedError } from '#core/errors.ts';
import type { DeliveryRecord, PublicationRecord, PublicationStore } from '#ports/store.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { PUBLICATION_SORT_KEY, scopeKey, sentSortKey } from './table-design.ts';

/** What the parts hold, as one gzipped JSON document. */
type Kept = Pick<PublicationRecord, 'figures' | 'history'>;

/** Bytes per part: under DynamoDB's 400 KB item limit with room for the keys. */
const PART_BYTES = 350_000;
const PART_PREFIX = `${PUBLICATION_SORT_KEY}#`;

/** {@link PublicationStore} on DynamoDB. */
export class DynamoPublicationStore implements PublicationStore {
  constructor(private readonly table: DynamoTable) {}

  async latestPublication(programme: string): Promise<PublicationRecord | undefined> {
    // A run that replaced the head between reading it and its parts deleted those parts: read again.
    for (let attempt = 1; ; attempt += 1) {
      const read = await this.readPublication(programme);
      if (read !== 'replaced') return read;
      if (attempt >= 3) throw new Error(`publication record of ${programme}: parts missing`);
    }
  }

  async latestPeriod(programme: string): Promise<string | undefined> {
    const Item = await this.table.get({ PK: scopeKey(programme, null), SK: PUBLICATION_SORT_KEY });
    return Item === undefined ? undefined : String(Item.period);
  }

  private async readPublication(programme: string): Promise<PublicationRecord | undefined | 'replaced'> {
    const PK = scopeKey(programme, null);
    const Item = await this.table.get({ PK, SK: PUBLICATION_SORT_KEY });
    if (Item === undefined) return undefined;
    const head = { programme, period: String(Item.period), publishedAt: String(Item.publishedAt) };
    if (typeof Item.keptWrite === 'string') {
      const parts: Uint8Array[] = [];
      await this.table.queryPages(
        {
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': PK, ':prefix': `${PART_PREFIX}${Item.keptWrite}#` },
          ConsistentRead: true,
        },
        (page) => {
          for (const part of page.Items ?? []) parts.push(part.body as Uint8Array);
        },
      );
      if (parts.length !== Number(Item.keptParts)) return 'replaced';
      // Written by this code, so trusted as its shape.
      const kept = JSON.parse(gunzipSync(Buffer.concat(parts)).toString('utf8')) as Kept;
      return { ...head, ...kept, revision: Item.keptWrite };
    }
    // A record from before the parts: counts as one attribute, and for a while figures and history in `kept`.
    return {
      ...head,
      shown: JSON.parse(String(Item.shown)) as Record<string, number>,
      ...(Item.kept instanceof Uint8Array ? (JSON.parse(gunzipSync(Item.kept).toString('utf8')) as Kept) : {}),
    };
  }

  async putPublication(record: PublicationRecord): Promise<void> {
    const PK = scopeKey(record.programme, null);
    const write = randomUUID();
    const kept: Kept = {
      ...(record.figures === undefined ? {} : { figures: record.figures }),
      ...(record.history === undefined ? {} : { history: record.history }),
    };
    const body = gzipSync(JSON.stringify(kept));
    const parts: Buffer[] = [];
    for (let start = 0; start < body.length || parts.length === 0; start += PART_BYTES)
      parts.push(body.subarray(start, start + PART_BYTES));
    await this.table.batchWrite(
      parts.map((part, index) => ({
        PutRequest: {
          Item: {
            PK,
            SK: `${PART_PREFIX}${write}#${String(index).padStart(4, '0')}`,
            type: 'publication-part',
            body: part,
          },
        },
      })),
    );
    try {
      // Only over the record this one was built on: a run at once that recorded first wins, and this
      // one is built again against it, so no publication goes unrecorded.
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: {
            PK,
            SK: PUBLICATION_SORT_KEY,
            type: 'publication',
            period: record.period,
            publishedAt: record.publishedAt,
            keptWrite: write,
            keptParts: parts.length,
          },
          ...(record.revision === undefined
            ? { ConditionExpression: 'attribute_not_exists(keptWrite)' }
            : { ConditionExpression: 'keptWrite = :basis', ExpressionAttributeValues: { ':basis': record.revision } }),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // The SDK retries a Put whose reply was lost: if the head names this write, it landed.
      const head = await this.table.get({ PK, SK: PUBLICATION_SORT_KEY });
      if (head?.keptWrite !== write) {
        await this.deleteParts(PK, write);
        throw new PublicationChangedError(record.programme);
      }
    }
    // The parts of the record replaced are no longer read (a concurrent write's are never touched).
    if (record.revision !== undefined) await this.deleteParts(PK, record.revision);
  }

  /** Deletes the parts of one write. */
  private async deleteParts(PK: string, write: string): Promise<void> {
    const parts: { PK: string; SK: string }[] = [];
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': PK, ':prefix': `${PART_PREFIX}${write}#` },
        ProjectionExpression: 'PK, SK',
      },
      (page) => {
        for (const item of page.Items ?? []) parts.push({ PK, SK: String(item.SK) });
      },
    );
    await this.table.batchWrite(parts.map((Key) => ({ DeleteRequest: { Key } })));
  }

  async wasSent(programme: string, period: string, funder: string): Promise<boolean> {
    return (await this.table.get({ PK: scopeKey(programme, null), SK: sentSortKey(period, funder) })) !== undefined;
  }

  async recordSent(record: DeliveryRecord): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          PK: scopeKey(record.programme, null),
          SK: sentSortKey(record.period, record.funder),
          type: 'delivery',
          ...record,
        },
      }),
    );
  }
}
