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
 * put up after an admin is added (or one that went is counted back when their change is known not
 * to have landed). So a crash or a failure between the count and the member change only ever
 * leaves the count lower than the truth: a removal that should be allowed may be refused, never
 * one allowed that should be refused. (Were that to happen, deleting the item while no staff
 * change is under way has it counted afresh from the members; see the README.)
 *
 * Whether a member write landed is not always what its reply says. The client abandons an attempt
 * that has no reply in time and sends it again (`dynamo-client.ts`); should the first have landed,
 * the second fails its condition against it. So each member write carries a random `changeId`, and
 * when its reply is not a plain answer to one attempt the member is read again to tell (see
 * {@link DynamoStaffStore.settle}).
 */
import { randomBytes } from 'node:crypto';
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

/**
 * Whether a member write landed: `refused` when it is known not to have (its condition failed, or
 * the member shows it did not), `unsure` when the member, changed since by others, cannot tell. An
 * admin taken by an unsure change is not counted back (the count errs low), and the change is read
 * and made again like a refused one.
 */
type Landing = 'landed' | 'refused' | 'unsure';

/** A member write's {@link Landing}, and its failure if it failed other than by its condition. */
interface Settled {
  readonly landing: Landing;
  readonly failure?: unknown;
}

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
    const email = member.email.toLowerCase();
    const write = (): Promise<Settled> => {
      const changeId = newChangeId();
      const put = new PutCommand({
        TableName: this.table.name,
        Item: { ...staffKey(email), type: 'staff', ...member, email, version: 1, changeId },
        ConditionExpression: 'attribute_not_exists(PK)',
      });
      // Landed when the member now carries this change; anything else was there first.
      return this.settle(
        () => this.table.client.send(put),
        email,
        (now) => (now?.changeId === changeId ? 'landed' : 'refused'),
      );
    };
    // Adding takes no admin away, so it is never refused as the last admin's: true or false.
    return (await this.keepingAdminCount([], member.grants, write)) === 'landed';
  }

  async changeGrants(email: string, change: (member: StaffMember) => readonly Grant[]): Promise<GrantsChange> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const item = await this.table.get(staffKey(email));
      if (item === undefined) return { outcome: 'unknown' };
      const before = toMember(item);
      const after: StaffMember = { ...before, grants: [...change(before)] };
      if (sameGrants(before.grants, after.grants)) return { outcome: 'unchanged', before, after: before };
      const landing = await this.keepingAdminCount(before.grants, after.grants, () =>
        this.writeGrants(before.email, item, after.grants),
      );
      if (landing === 'last-admin') return { outcome: 'last-admin' };
      if (landing === 'landed') return { outcome: 'changed', before, after };
    }
    throw new Error(`the grants of ${email} kept changing under ${MAX_ATTEMPTS} attempts to change them`);
  }

  async remove(email: string, options: RemoveOptions = {}): Promise<Removal> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const item = await this.table.get(staffKey(email));
      if (item === undefined) return { outcome: 'unknown' };
      const member = toMember(item);
      const landing = await this.keepingAdminCount(
        member.grants,
        [],
        () => this.deleteMember(member.email, item),
        options.evenTheLastAdmin === true,
      );
      if (landing === 'last-admin') return { outcome: 'last-admin' };
      if (landing === 'landed') return { outcome: 'removed', member };
    }
    throw new Error(`${email} kept changing under ${MAX_ATTEMPTS} attempts to remove them`);
  }

  /** The grants, written over the version read. */
  private writeGrants(email: string, read: Record<string, unknown>, grants: readonly Grant[]): Promise<Settled> {
    const { condition, names, values, next } = overVersion(read);
    const changeId = newChangeId();
    const update = new UpdateCommand({
      TableName: this.table.name,
      Key: staffKey(email),
      UpdateExpression: 'SET grants = :grants, #v = :next, changeId = :change',
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ':grants': grants, ':next': next, ':change': changeId },
    });
    return this.settle(
      () => this.table.client.send(update),
      email,
      (now) => {
        if (now?.changeId === changeId) return 'landed';
        // Only one write can land over the version read: when that one, or none, is there and is
        // not this one, this one did not land. Past it, or with the member gone, it cannot be told.
        const same = now !== undefined && now.id === read.id;
        return same && (now.version === read.version || now.version === next) ? 'refused' : 'unsure';
      },
    );
  }

  /** Deletes the member as read. */
  private deleteMember(email: string, read: Record<string, unknown>): Promise<Settled> {
    const { condition, names, values } = overVersion(read);
    const deletion = new DeleteCommand({
      TableName: this.table.name,
      Key: staffKey(email),
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ...(values === undefined ? {} : { ExpressionAttributeValues: values }),
    });
    // A deletion leaves no mark, but the member as read (their id is drawn afresh at each addition)
    // still there proves it did not land; gone, it is taken as landed: should another removal have
    // taken them, both have counted them out, and the count is only lower than the truth.
    return this.settle(
      () => this.table.client.send(deletion),
      email,
      (now) => (now !== undefined && now.id === read.id ? 'refused' : 'landed'),
    );
  }

  /**
   * Sends a member write (`send`) and says whether it landed. A reply to one attempt says so: done, or
   * refused by its condition. Otherwise (an attempt was abandoned and sent again, whose condition
   * may then have failed against the first one's own write; or the write failed) `judge` reads the
   * member as they are now, consistently. A failure comes back with the outcome, to be thrown on
   * unless the write is known to have landed: then the change was made, and is reported so.
   */
  private async settle(
    send: () => Promise<unknown>,
    email: string,
    judge: (now: Record<string, unknown> | undefined) => Landing,
  ): Promise<Settled> {
    let failure: unknown;
    try {
      await send();
      return { landing: 'landed' };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        if (error.$metadata.attempts === 1) return { landing: 'refused' };
      } else failure = error;
    }
    let now: Record<string, unknown> | undefined;
    try {
      now = await this.table.get(staffKey(email));
    } catch (error) {
      return { landing: 'unsure', failure: failure ?? error };
    }
    return { landing: judge(now), failure };
  }

  /**
   * Makes a member change (`write`) with the admin count kept (see the module comment): when the
   * change takes an admin, one fewer is counted before it, unless that leaves none (`last-admin`,
   * nothing written), and counted back only when it is known not to have landed; when it makes one,
   * one more is counted once it is known to have landed. A write that failed, unless it is known to
   * have landed, throws its failure once the count is kept.
   */
  private async keepingAdminCount(
    held: readonly Grant[],
    next: readonly Grant[],
    write: () => Promise<Settled>,
    evenTheLast = false,
  ): Promise<Landing | 'last-admin'> {
    const admins = Number(isAdmin(next)) - Number(isAdmin(held));
    if (admins !== 0) await this.ensureAdminCount();
    if (admins < 0 && !(await this.countAdminGone(evenTheLast))) return 'last-admin';
    const { landing, failure } = await write();
    // The admin counted out whose change did not land is counted back; the one made, once made.
    const oneMore = (admins < 0 && landing === 'refused') || (admins > 0 && landing === 'landed');
    if (failure !== undefined && landing !== 'landed') {
      // Should counting back fail too, the count is left lower than the truth: it only refuses.
      if (oneMore) await this.countAdmins(1).catch(() => undefined);
      throw failure;
    }
    if (oneMore) await this.countAdmins(1);
    return landing;
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

  /**
   * Counts `by` more admins. Tagged, as the member writes are: should the reply be lost and the
   * client send it again, the second finds the tag of the first and counts nothing more (it would,
   * were another count to land in between; that seconds-wide window is left open).
   */
  private async countAdmins(by: number): Promise<void> {
    await conditional(
      this.table.client.send(
        new UpdateCommand({
          TableName: this.table.name,
          Key: ADMIN_COUNT_KEY,
          UpdateExpression: 'ADD #n :by SET #c = :change',
          ConditionExpression: 'attribute_not_exists(#c) OR #c <> :change',
          ExpressionAttributeNames: { '#n': 'count', '#c': 'changeId' },
          ExpressionAttributeValues: { ':by': by, ':change': newChangeId() },
        }),
      ),
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

/** The tag of one member write, by which a member read again shows whether that write landed. */
function newChangeId(): string {
  return randomBytes(12).toString('base64url');
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
