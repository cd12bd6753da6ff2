/**
 * Cohorts and funders on the table, in their programme's partition: one Query lists a
 * programme's cohorts (or funders); a cohort changes only over the revision it was read at.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CohortStore, StoredCohort } from '#ports/cohorts.ts';
import { Cohort, Funder } from '#surveys/schema.ts';
import type { DynamoTable } from './dynamo-table.ts';
import {
  COHORT_PREFIX,
  FUNDER_PREFIX,
  seedMarkerKey,
  cohortItemKey,
  formTokenKey,
  funderKey,
  scopeKey,
} from './table-design.ts';

/** {@link CohortStore} on DynamoDB. */
export class DynamoCohortStore implements CohortStore {
  constructor(private readonly table: DynamoTable) {}

  async listCohorts(programme: string): Promise<StoredCohort[]> {
    const items = await this.listUnder(programme, COHORT_PREFIX);
    return items.map(storedCohort).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async getCohort(programme: string, cohort: string): Promise<StoredCohort | undefined> {
    const item = await this.table.get(cohortItemKey(programme, cohort));
    return item === undefined ? undefined : storedCohort(item);
  }

  async createCohort(programme: string, cohort: Cohort, createdAt: string): Promise<boolean> {
    return this.conditionalPut(
      { ...cohortItemKey(programme, cohort.id), type: 'cohort', cohort, revision: 1, createdAt },
      { ConditionExpression: 'attribute_not_exists(PK)' },
    );
  }

  async replaceCohort(programme: string, cohort: Cohort, revision: number): Promise<boolean> {
    try {
      await this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: cohortItemKey(programme, cohort.id),
          UpdateExpression: 'SET cohort = :cohort, revision = :next',
          ConditionExpression: 'revision = :revision',
          ExpressionAttributeValues: { ':cohort': cohort, ':revision': revision, ':next': revision + 1 },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async listFunders(programme: string): Promise<Funder[]> {
    return (await this.listUnder(programme, FUNDER_PREFIX)).map((item) => Funder.parse(item.funder));
  }

  async putFunder(programme: string, funder: Funder): Promise<void> {
    await this.table.client.send(
      new PutCommand({
        TableName: this.table.name,
        Item: { ...funderKey(programme, funder.email), type: 'funder', funder },
      }),
    );
  }

  async removeFunder(programme: string, email: string): Promise<boolean> {
    const { Attributes } = await this.table.client.send(
      new DeleteCommand({ TableName: this.table.name, Key: funderKey(programme, email), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }

  async claimFormToken(programme: string, token: string, expiresAt: number): Promise<boolean> {
    if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return false;
    return this.conditionalPut(
      { ...formTokenKey(programme, token), type: 'form-token', expiresAt },
      { ConditionExpression: 'attribute_not_exists(PK)' },
    );
  }

  async isSeeded(programme: string): Promise<boolean> {
    return (await this.table.get(seedMarkerKey(programme))) !== undefined;
  }

  async markSeeded(programme: string, at: string): Promise<void> {
    await this.table.client.send(
      new PutCommand({ TableName: this.table.name, Item: { ...seedMarkerKey(programme), at } }),
    );
  }

  private async listUnder(programme: string, prefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': scopeKey(programme, null), ':prefix': prefix },
        ConsistentRead: true,
      },
      (page) => items.push(...(page.Items ?? [])),
    );
    return items;
  }

  private async conditionalPut(
    Item: Record<string, unknown>,
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.table.client.send(new PutCommand({ TableName: this.table.name, Item, ...condition }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

function isConditionFailure(error: unknown): boolean {
  return (error as Error).name === 'ConditionalCheckFailedException';
}

/** A stored item as the port gives it, checked by the schema the console and files use. */
function storedCohort(item: Record<string, unknown>): StoredCohort {
  return { cohort: Cohort.parse(item.cohort), revision: Number(item.revision), createdAt: String(item.createdAt) };
}
