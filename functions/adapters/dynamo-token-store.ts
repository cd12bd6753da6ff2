/** Evaluator access tokens on the table, stored only as their SHA-256. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TokenStore } from '#ports/store.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { tokenKey } from './table-design.ts';

/** {@link TokenStore} on DynamoDB. */
export class DynamoTokenStore implements TokenStore {
  constructor(private readonly table: DynamoTable) {}

  async putToken(hash: string, record: { readonly label: string; readonly createdAt: string }): Promise<void> {
    await this.table.client.send(
      new PutCommand({ TableName: this.table.name, Item: { ...tokenKey(hash), type: 'token', ...record } }),
    );
  }

  async hasToken(hash: string): Promise<boolean> {
    // Eventually consistent, as before: a token is written once, before it is handed out.
    return (await this.table.get(tokenKey(hash), { consistent: false })) !== undefined;
  }
}
