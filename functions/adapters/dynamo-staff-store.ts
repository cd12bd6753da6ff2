/** Staff members and their grants on the table, in the one `STAFF` partition. */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { StaffMember, type Grant } from '#core/access.ts';
import type { StaffStore } from '#ports/staff.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { STAFF_PARTITION, staffKey } from './table-design.ts';

/** {@link StaffStore} on DynamoDB. */
export class DynamoStaffStore implements StaffStore {
  constructor(private readonly table: DynamoTable) {}

  async findByEmail(email: string): Promise<StaffMember | undefined> {
    const item = await this.table.get(staffKey(email));
    return item === undefined ? undefined : toMember(item);
  }

  async list(): Promise<StaffMember[]> {
    const members: StaffMember[] = [];
    await this.table.queryPages(
      {
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': STAFF_PARTITION, ':prefix': 'STAFF#' },
        ConsistentRead: true,
      },
      (page) => {
        for (const item of page.Items ?? []) members.push(toMember(item));
      },
    );
    return members;
  }

  async add(member: StaffMember): Promise<boolean> {
    return conditional(
      this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...staffKey(member.email), type: 'staff', ...member, email: member.email.toLowerCase() },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  async setGrants(email: string, grants: readonly Grant[]): Promise<boolean> {
    return conditional(
      this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: staffKey(email),
          UpdateExpression: 'SET grants = :grants',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':grants': grants },
        }),
      ),
    );
  }

  async remove(email: string): Promise<boolean> {
    const { Attributes } = await this.table.client.send(
      new DeleteCommand({ TableName: this.table.name, Key: staffKey(email), ReturnValues: 'ALL_OLD' }),
    );
    return Attributes !== undefined;
  }
}

function toMember(item: Record<string, unknown>): StaffMember {
  return StaffMember.parse({ id: item.id, email: item.email, grants: item.grants, createdAt: item.createdAt });
}

/** True when the write landed, false when its condition failed. */
async function conditional(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
