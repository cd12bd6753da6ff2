/**
 * Creates the table when it is missing, for the local stack and for any DynamoDB reached through
 * `DYNAMODB_ENDPOINT`. In AWS the DataStack owns the table; this is never called there.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TIME_INDEX } from './dynamo-keys.ts';

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
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
        { AttributeName: 'TSK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: TIME_INDEX,
          KeySchema: [
            { AttributeName: 'PK', KeyType: 'HASH' },
            { AttributeName: 'TSK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
}
