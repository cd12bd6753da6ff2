/**
 * What each programme's summaries have shown, and which funder was sent which period, on the
 * table under the programme's partition.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
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
