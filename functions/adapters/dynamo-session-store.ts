/**
 * Staff sessions and sign-ins under way on the table, each under the SHA-256 of the random value
 * its cookie or `state` carries (a leaked table opens no session), and deleted by TTL after expiry.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SIGN_IN_SECONDS, StaffSession } from '#core/access.ts';
import type { PendingSignIn, SessionStore, SignInStore } from '#ports/staff.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { sessionKey, signInKey } from './table-design.ts';

/** {@link SessionStore} on DynamoDB. */
export class DynamoSessionStore implements SessionStore {
  constructor(private readonly table: DynamoTable) {}

  async create(idHash: string, session: StaffSession): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...sessionKey(idHash), type: 'session', ...session, expiresAt: epochSeconds(session.expiresAt) },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async find(idHash: string): Promise<StaffSession | undefined> {
    const item = await this.table.get(sessionKey(idHash));
    if (item === undefined) return undefined;
    return StaffSession.parse({
      staffId: item.staffId,
      email: item.email,
      createdAt: item.createdAt,
      lastSeenAt: item.lastSeenAt,
      expiresAt: new Date(Number(item.expiresAt) * 1000).toISOString(),
    });
  }

  async touch(idHash: string, lastSeenAt: string): Promise<void> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: sessionKey(idHash),
          UpdateExpression: 'SET lastSeenAt = :at',
          // Never bring back a session signed out meanwhile.
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':at': lastSeenAt },
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    }
  }

  async end(idHash: string): Promise<void> {
    await this.table.client.send(new DeleteCommand({ TableName: this.table.name, Key: sessionKey(idHash) }));
  }
}

/** {@link SignInStore} on DynamoDB. */
export class DynamoSignInStore implements SignInStore {
  constructor(private readonly table: DynamoTable) {}

  async put(stateHash: string, pending: PendingSignIn): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: {
          ...signInKey(stateHash),
          type: 'sign-in',
          ...pending,
          expiresAt: epochSeconds(pending.createdAt) + SIGN_IN_SECONDS,
        },
      }),
    );
  }

  async take(stateHash: string): Promise<PendingSignIn | undefined> {
    // One DeleteItem returning what it deleted: of two callbacks with the same state, one gets it.
    const { Attributes: item } = await this.table.client.send(
      new DeleteCommand({ TableName: this.table.name, Key: signInKey(stateHash), ReturnValues: 'ALL_OLD' }),
    );
    if (item === undefined) return undefined;
    return {
      codeVerifier: String(item.codeVerifier),
      nonce: String(item.nonce),
      returnTo: String(item.returnTo),
      createdAt: String(item.createdAt),
    };
  }
}

function epochSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
