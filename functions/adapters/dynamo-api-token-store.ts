/** Personal API tokens on the table, in the one `APITOKEN` partition, their secrets only as hashes. */
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ApiToken } from '#core/access.ts';
import type { ApiTokenStore } from '#ports/staff.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { API_TOKEN_PARTITION, apiTokenKey } from './table-design.ts';

/** An expired token stays listed this long, then TTL deletes it. */
const LISTED_AFTER_EXPIRY_SECONDS = 30 * 24 * 3600;

/** {@link ApiTokenStore} on DynamoDB. */
export class DynamoApiTokenStore implements ApiTokenStore {
  constructor(private readonly table: DynamoTable) {}

  async put(token: ApiToken): Promise<void> {
    const { expiresAt, ...rest } = token;
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          ...apiTokenKey(token.id),
          type: 'api-token',
          ...rest,
          validUntil: expiresAt,
          expiresAt: Math.floor(Date.parse(expiresAt) / 1000) + LISTED_AFTER_EXPIRY_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async find(id: string): Promise<ApiToken | undefined> {
    const item = await this.table.get(apiTokenKey(id));
    return item === undefined ? undefined : toToken(item);
  }

  async list(): Promise<ApiToken[]> {
    const tokens: ApiToken[] = [];
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': API_TOKEN_PARTITION },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) tokens.push(toToken(item));
      },
    );
    return tokens.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async revoke(id: string, revokedAt: string): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: apiTokenKey(id),
          // The first revocation's time stands.
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': revokedAt },
        }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}

function toToken(item: Record<string, unknown>): ApiToken {
  return ApiToken.parse({
    id: item.id,
    ownerId: item.ownerId,
    ownerEmail: item.ownerEmail,
    label: item.label,
    grants: item.grants,
    createdAt: item.createdAt,
    expiresAt: item.validUntil,
    ...(item.revokedAt === undefined ? {} : { revokedAt: item.revokedAt }),
    ...(item.createdBy === undefined ? {} : { createdBy: item.createdBy }),
    secretHash: item.secretHash,
  });
}
