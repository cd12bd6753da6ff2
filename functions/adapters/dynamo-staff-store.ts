/**
 * Staff members and their grants on the table, in the one `STAFF` partition, beside the count of
 * admins.
 *
 * Changes made at the same moment all land: each member item carries a `version`, and a change is
 * written only over the version it read (`#v = :read`; `attribute_not_exists` for an item from
 * before versions), else read again and made again. Writing the whole list of grants without it
 * would put back a grant another admin revoked meanwhile.
 *
 * The count (`ADMINS`) is what keeps the last admin: "another admin remains" spans items, which
 * only a transaction could check, and the local dynalite has none; one counter with a condition is
 * one item. It is taken down before an admin goes, and only while more than one is counted; it is
 * put up after an admin is added (or one that went is counted back when their change did not
 * land). So a crash or a failure between the count and the member change only ever leaves the
 * count lower than the truth: a removal that should be allowed may be refused, never one allowed
 * that should be refused. (Were that to happen, deleting the item while no staff change is under
 * way has it counted afresh from the members.)
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { permits, StaffMember, type Grant } from '#core/access.ts';
import type { GrantsChange, RemoveOptions, Removal, StaffStore } from '#ports/staff.ts';
import type { DynamoTable } from './dynamo-table.ts';
import { ADMIN_COUNT_KEY, STAFF_PARTITION, staffKey } from './table-design.ts';

/**
 * How many times a change is read and made again when others keep landing first. Each attempt
 * lost is another change that landed, so this many changes to one member at once all land.
 */
const MAX_ATTEMPTS = 10;

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
        // Members only: the admin count shares the partition.
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
    const write = (): Promise<boolean> =>
      conditional(
        this.table.client.send(
          new PutCommand({
            TableName: this.table.name,
            Item: {
              ...staffKey(member.email),
              type: 'staff',
              ...member,
              email: member.email.toLowerCase(),
              version: 1,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
    // Adding takes no admin away, so it is never refused as the last admin's: true or false.
    return (await this.keepingAdminCount([], member.grants, write)) === true;
  }

  async changeGrants(email: string, change: (member: StaffMember) => readonly Grant[]): Promise<GrantsChange> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const item = await this.table.get(staffKey(email));
      if (item === undefined) return { outcome: 'unknown' };
      const before = toMember(item);
      const after: StaffMember = { ...before, grants: [...change(before)] };
      if (sameGrants(before.grants, after.grants)) return { outcome: 'unchanged', before, after: before };
      const landed = await this.keepingAdminCount(before.grants, after.grants, () =>
        this.writeGrants(before.email, item, after.grants),
      );
      if (landed === 'last-admin') return { outcome: 'last-admin' };
      if (landed) return { outcome: 'changed', before, after };
    }
    throw new Error(`the grants of ${email} kept changing under ${MAX_ATTEMPTS} attempts to change them`);
  }

  async remove(email: string, options: RemoveOptions = {}): Promise<Removal> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const item = await this.table.get(staffKey(email));
      if (item === undefined) return { outcome: 'unknown' };
      const member = toMember(item);
      const remove = async (): Promise<boolean> => {
        await options.beforeRemoval?.(member);
        return this.deleteMember(member.email, item);
      };
      const landed = await this.keepingAdminCount(member.grants, [], remove, options.evenTheLastAdmin === true);
      if (landed === 'last-admin') return { outcome: 'last-admin' };
      if (landed) return { outcome: 'removed', member };
    }
    throw new Error(`${email} kept changing under ${MAX_ATTEMPTS} attempts to remove them`);
  }

  /** The grants, written over the version read; false when another change wrote first (or the member went). */
  private writeGrants(email: string, read: Record<string, unknown>, grants: readonly Grant[]): Promise<boolean> {
    const { condition, names, values, next } = overVersion(read);
    return conditional(
      this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: staffKey(email),
          UpdateExpression: 'SET grants = :grants, #v = :next',
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':grants': grants, ':next': next },
        }),
      ),
    );
  }

  /** Deletes the member as read; false when another change wrote first (or the member went). */
  private deleteMember(email: string, read: Record<string, unknown>): Promise<boolean> {
    const { condition, names, values } = overVersion(read);
    return conditional(
      this.table.client.send(
        new DeleteCommand({
          TableName: this.table.name,
          Key: staffKey(email),
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(values === undefined ? {} : { ExpressionAttributeValues: values }),
        }),
      ),
    );
  }

  /**
   * Makes a member change (`write`, false when its condition failed) with the admin count kept (see
   * the module comment): when the change takes an admin, one fewer is counted before it, unless
   * that leaves none (`last-admin`, nothing written), and counted back if it does not land; when it
   * makes one, one more is counted once it has landed.
   */
  private async keepingAdminCount(
    held: readonly Grant[],
    next: readonly Grant[],
    write: () => Promise<boolean>,
    evenTheLast = false,
  ): Promise<boolean | 'last-admin'> {
    const admins = Number(isAdmin(next)) - Number(isAdmin(held));
    if (admins === 0) return write();
    await this.ensureAdminCount();
    if (admins < 0 && !(await this.countAdminGone(evenTheLast))) return 'last-admin';
    let landed: boolean;
    try {
      landed = await write();
    } catch (error) {
      // Should counting back fail too, the count is left lower than the truth: it only refuses.
      if (admins < 0) await this.countAdmins(1).catch(() => undefined);
      throw error;
    }
    // The admin counted out whose change did not land is counted back; the one made, once made.
    if (admins < 0 ? !landed : landed) await this.countAdmins(1);
    return landed;
  }

  /**
   * Makes sure the count exists before an admin is added or taken: counted from a consistent listing
   * when missing (a new table, or one from before the count), and put only if still missing, so
   * that one put meanwhile is kept. As every admin change waits for it, the listing cannot see one
   * of them and have it counted twice.
   */
  private async ensureAdminCount(): Promise<void> {
    if ((await this.table.get(ADMIN_COUNT_KEY)) !== undefined) return;
    const admins = (await this.list()).filter((member) => isAdmin(member.grants)).length;
    await conditional(
      this.table.client.send(
        new PutCommand({
          TableName: this.table.name,
          Item: { ...ADMIN_COUNT_KEY, type: 'admin-count', count: admins },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
  }

  /** Counts one admin fewer; false, counting nothing, when they are the last (unless `evenTheLast`). */
  private countAdminGone(evenTheLast: boolean): Promise<boolean> {
    return conditional(
      this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: ADMIN_COUNT_KEY,
          UpdateExpression: 'ADD #n :minusOne',
          ...(evenTheLast ? {} : { ConditionExpression: '#n > :one' }),
          ExpressionAttributeNames: { '#n': 'count' },
          ExpressionAttributeValues: { ':minusOne': -1, ...(evenTheLast ? {} : { ':one': 1 }) },
        }),
      ),
    );
  }

  private async countAdmins(by: number): Promise<void> {
    await this.table.client.send(
      new UpdateCommand({
        TableName: this.table.name,
        Key: ADMIN_COUNT_KEY,
        UpdateExpression: 'ADD #n :by',
        ExpressionAttributeNames: { '#n': 'count' },
        ExpressionAttributeValues: { ':by': by },
      }),
    );
  }
}

/** Who counts as an admin: whoever may manage staff, the one thing a deployment must never lose. */
function isAdmin(grants: readonly Grant[]): boolean {
  return permits(grants, 'manage-staff');
}

/** The condition that a member item is still the version read. */
function overVersion(read: Record<string, unknown>): {
  readonly condition: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, number> | undefined;
  readonly next: number;
} {
  const names = { '#v': 'version' };
  if (typeof read.version !== 'number')
    return { condition: 'attribute_exists(PK) AND attribute_not_exists(#v)', names, values: undefined, next: 1 };
  return { condition: '#v = :read', names, values: { ':read': read.version }, next: read.version + 1 };
}

function sameGrants(a: readonly Grant[], b: readonly Grant[]): boolean {
  const has = (grants: readonly Grant[], one: Grant): boolean =>
    grants.some((other) => other.role === one.role && other.programme === one.programme);
  return a.length === b.length && a.every((one) => has(b, one)) && b.every((one) => has(a, one));
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
