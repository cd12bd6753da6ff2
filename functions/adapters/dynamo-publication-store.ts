/**
 * What each programme's summaries have shown (counts and figures, to difference against and to
 * carry forward), and which funder was sent which period, on the table under the programme's
 * partition.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PublishedFigures } from '#core/summary.ts';
import type { DisclosureHistory } from '#core/disclosure.ts';

/** What the record keeps beside the counts, as one gzipped JSON attribute. */
interface Kept {
  readonly figures?: Readonly<Record<string, PublishedFigures>>;
  readonly history?: DisclosureHistory;
}
import type { DeliveryRecord, PublicationRecord, PublicationStore } from '#ports/store.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { PUBLICATION_SORT_KEY, scopeKey, sentSortKey } from './table-design.ts';

/** {@link PublicationStore} on DynamoDB. */
export class DynamoPublicationStore implements PublicationStore {
  constructor(private readonly table: DynamoTable) {}

  async latestPublication(programme: string): Promise<PublicationRecord | undefined> {
    const Item = await this.table.get({ PK: scopeKey(programme, null), SK: PUBLICATION_SORT_KEY });
    if (Item === undefined) return undefined;
    return {
      programme,
      period: String(Item.period),
      shown: JSON.parse(String(Item.shown)) as Record<string, number>,
      // Written by this code, so trusted as its shape; absent on records from before carry-forward.
      ...(Item.kept instanceof Uint8Array ? (JSON.parse(gunzipSync(Item.kept).toString('utf8')) as Kept) : {}),
      publishedAt: String(Item.publishedAt),
    };
  }

  async putPublication(record: PublicationRecord): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          PK: scopeKey(record.programme, null),
          SK: PUBLICATION_SORT_KEY,
          type: 'publication',
          period: record.period,
          publishedAt: record.publishedAt,
          shown: JSON.stringify(record.shown),
          // Figures and history, gzipped: a binary attribute a tenth of the JSON's size, far from the 400 KB item limit.
          kept: gzipSync(JSON.stringify({ figures: record.figures, history: record.history } satisfies Kept)),
        },
      }),
    );
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
