/**
 * The one table the DynamoDB adapters share: a small helper for the requests they all make
 * (strongly consistent reads, every page of a Query, batched writes with retries), and
 * `ensureTable`, which creates the table when it is missing for the local stack and for any
 * DynamoDB reached through `DYNAMODB_ENDPOINT` (in AWS the DataStack owns it). Both follow
 * `table-design.ts`.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  GetCommand,
  paginateQuery,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
  type QueryCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { TABLE_DESIGN } from './table-design.ts';

/** One put or delete of a BatchWriteItem. */
export type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/** A table and the client that reaches it, with the requests every adapter makes. */
export class DynamoTable {
  constructor(
    readonly client: DynamoDBDocumentClient,
    readonly name: string,
  ) {}

  /** One item by key; strongly consistent unless told otherwise. */
  async get(
    key: Record<string, unknown>,
    options: { readonly consistent?: boolean; readonly projection?: string } = {},
  ): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.name,
        Key: key,
        ...(options.consistent === false ? {} : { ConsistentRead: true }),
        ...(options.projection === undefined ? {} : { ProjectionExpression: options.projection }),
      }),
    );
    return Item;
  }

  /** Every page of a Query, in order, through the SDK's paginator, until `done` says enough. */
  async queryPages(
    input: Omit<QueryCommandInput, 'TableName'>,
    onPage: (page: QueryCommandOutput) => void,
    done: () => boolean = () => false,
  ): Promise<void> {
    for await (const page of paginateQuery({ client: this.client }, { ...input, TableName: this.name })) {
      onPage(page);
      if (done()) return;
    }
  }

  /** BatchWriteItem 25 requests at a time, retrying what DynamoDB leaves unprocessed, with backoff. */
  async batchWrite(all: readonly WriteRequest[]): Promise<void> {
    for (let start = 0; start < all.length; start += 25) {
      let requests = all.slice(start, start + 25);
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        if (attempt > 8) throw new Error('DynamoDB left items unprocessed after 8 retries');
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.name]: requests } }),
        );
        requests = (UnprocessedItems?.[this.name] ?? []) as WriteRequest[];
      }
    }
  }
}

/** A table that should exist and does not. */
export class TableMissingError extends Error {
  constructor(tableName: string) {
    super(`table ${tableName} does not exist at this DynamoDB endpoint`);
    this.name = 'TableMissingError';
  }
}

/**
 * Waits out a table being created or deleted, then creates it if missing and allowed. The key
 * schema is the DataStack's.
 */
export async function ensureTable(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: { create?: boolean } = {},
): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'DELETING')
      await waitUntilTableNotExists({ client, maxWaitTime: 120, minDelay: 1 }, { TableName: tableName });
    else {
      if (Table?.TableStatus !== 'ACTIVE')
        await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1 }, { TableName: tableName });
      return;
    }
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (options.create === false) throw new TableMissingError(tableName);
  const { partitionKey: PK, sortKey: SK, timeIndex } = TABLE_DESIGN;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: PK, AttributeType: 'S' },
        { AttributeName: SK, AttributeType: 'S' },
        { AttributeName: timeIndex.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: PK, KeyType: 'HASH' },
        { AttributeName: SK, KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: timeIndex.name,
          KeySchema: [
            { AttributeName: PK, KeyType: 'HASH' },
            { AttributeName: timeIndex.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: timeIndex.projection },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
}
