/** The staff access stores on the embedded DynamoDB: what each write refuses, and what reads return. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Grant, StaffMember } from '#core/access.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoStaffStore } from '#adapters/dynamo-staff-store.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { ADMIN_COUNT_KEY, staffKey } from '#adapters/table-design.ts';
import { startTestStack } from '../support/stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.stop();
});

const ADMIN: Grant = { role: 'admin', programme: '*' };
const EVALUATOR: Grant = { role: 'evaluator', programme: 'dones-mentores' };
const member = (email: string): StaffMember => ({
  id: `st-${email.length.toString().padStart(12, '0')}`,
  email,
  grants: [EVALUATOR],
  createdAt: '2026-12-03T09:00:00.000Z',
});

/** The stack's table, to write and read items as they are stored. */
const tableOf = (on: typeof stack): DynamoTable =>
  new DynamoTable(createDocumentClient(on.environment.endpoint), on.environment.tableName);

/** A middleware of the client's last step (deserialize), inside its retry loop: it sees each attempt sent. */
type EachAttempt = Parameters<DynamoDBDocumentClient['middlewareStack']['add']>[0];

/** A store on the stack whose client runs `middleware` at each attempt. */
function storeWith(on: typeof stack, middleware: EachAttempt): DynamoStaffStore {
  const client = createDocumentClient(on.environment.endpoint);
  client.middlewareStack.add(middleware, { step: 'deserialize', name: 'eachAttempt' });
  return new DynamoStaffStore(new DynamoTable(client, on.environment.tableName));
}

/**
 * A store whose client loses the reply to its first `command` (`DeleteItemCommand`, ...) on a member
 * item (or the admin count): the write lands, but the client hears nothing within its time (a TimeoutError, as its
 * request handler throws) and sends it again, as it would in AWS.
 */
function replyLostOnce(on: typeof stack, command: string, item: 'STAFF#' | 'ADMINS' = 'STAFF#'): DynamoStaffStore {
  let lost = false;
  return storeWith(on, (next, context) => async (args) => {
    const reply = await next(args);
    if (!lost && context.commandName === command && JSON.stringify(args.input).includes(item)) {
      lost = true;
      throw Object.assign(new Error('no reply within the request timeout'), { name: 'TimeoutError' });
    }
    return reply;
  });
}

describe('staff', () => {
  it('adds a member once, finds them whatever the case of the email, changes grants, removes', async () => {
    const { staff } = stack.deps;
    expect(await staff.add(member('ana@example.org'))).toBe(true);
    expect(await staff.add({ ...member('ANA@example.org'), id: 'st-other0000000' })).toBe(false);
    expect((await staff.findByEmail('Ana@Example.org'))?.grants).toEqual([
      { role: 'evaluator', programme: 'dones-mentores' },
    ]);
    const changed = await staff.changeGrants('ana@example.org', () => [ADMIN]);
    expect(changed).toMatchObject({ outcome: 'changed', after: { grants: [ADMIN] } });
    expect(await staff.changeGrants('ana@example.org', () => [ADMIN])).toMatchObject({ outcome: 'unchanged' });
    expect(await staff.changeGrants('nobody@example.org', () => [])).toEqual({ outcome: 'unknown' });
    expect((await staff.list()).map((m) => m.email)).toContain('ana@example.org');
    expect(await staff.remove('ana@example.org', { evenTheLastAdmin: true })).toMatchObject({ outcome: 'removed' });
    expect(await staff.remove('ana@example.org')).toEqual({ outcome: 'unknown' });
    expect(await staff.findByEmail('ana@example.org')).toBeUndefined();
  });

  it('writes a change of grants only over what it read: one that lost to another is asked again', async () => {
    const { staff } = stack.deps;
    await staff.add(member('race@example.org'));
    const funder: Grant = { role: 'funder', programme: 'dones-mentores' };
    const coordinator: Grant = { role: 'coordinator', programme: 'dones-mentores' };
    // Another change lands between this one's read and its first write: held at the SDK's middleware.
    const client = createDocumentClient(stack.environment.endpoint);
    let other: (() => Promise<unknown>) | undefined = () =>
      staff.changeGrants('race@example.org', (held) => [...held.grants, funder]);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const landing = other;
        if (context.commandName?.startsWith('Update') && landing !== undefined) {
          other = undefined;
          await landing();
        }
        return next(args);
      },
      { step: 'initialize', name: 'anotherChangeFirst' },
    );
    const racing = new DynamoStaffStore(new DynamoTable(client, stack.environment.tableName));
    const asked: (readonly Grant[])[] = [];
    const changed = await racing.changeGrants('race@example.org', (held) => {
      asked.push(held.grants);
      return [...held.grants, coordinator];
    });
    expect(asked).toEqual([[EVALUATOR], [EVALUATOR, funder]]);
    expect(changed).toMatchObject({ outcome: 'changed', after: { grants: [EVALUATOR, funder, coordinator] } });
    expect((await staff.findByEmail('race@example.org'))?.grants).toEqual([EVALUATOR, funder, coordinator]);
  });

  it('changes a member stored before versions, once; lists members only, never the admin count', async () => {
    const lone = await startTestStack();
    try {
      const table = tableOf(lone);
      for (const email of ['old.admin@example.org', 'old.too@example.org'])
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...staffKey(email), type: 'staff', ...member(email), grants: [ADMIN] },
          }),
        );
      const { staff } = lone.deps;
      // The count is made from the members when first needed: two admins, so one may go.
      expect(await staff.changeGrants('old.admin@example.org', () => [EVALUATOR])).toMatchObject({
        outcome: 'changed',
      });
      expect(await table.get(ADMIN_COUNT_KEY)).toMatchObject({ count: 1 });
      expect(await staff.changeGrants('old.too@example.org', () => [])).toEqual({ outcome: 'last-admin' });
      expect((await staff.list()).map((m) => m.email).sort()).toEqual(['old.admin@example.org', 'old.too@example.org']);
    } finally {
      await lone.stop();
    }
  });

  it('keeps the last admin: counted as they come and go, counted back when a removal fails', async () => {
    const lone = await startTestStack();
    try {
      const { staff } = lone.deps;
      const admin = (email: string): StaffMember => ({ ...member(email), grants: [ADMIN] });
      await staff.add(admin('one@example.org'));
      await staff.add(admin('two@example.org'));
      // The table refuses the deletion outright: nothing was written, so the admin is counted back.
      const failing = storeWith(lone, (next, context) => async (args) => {
        if (context.commandName === 'DeleteItemCommand') throw new Error('the table is unavailable');
        return next(args);
      });
      await expect(failing.remove('one@example.org')).rejects.toThrow('unavailable');
      expect(await staff.findByEmail('one@example.org')).toBeDefined();
      expect(await staff.remove('two@example.org')).toMatchObject({ outcome: 'removed' });
      expect(await staff.remove('one@example.org')).toEqual({ outcome: 'last-admin' });
      expect(await staff.changeGrants('one@example.org', () => [EVALUATOR])).toEqual({ outcome: 'last-admin' });
      expect((await staff.findByEmail('one@example.org'))?.grants).toEqual([ADMIN]);
      // Undoing an addition: even the last admin goes (they never could sign in).
      expect(await staff.remove('one@example.org', { evenTheLastAdmin: true })).toMatchObject({ outcome: 'removed' });
      expect(await tableOf(lone).get(ADMIN_COUNT_KEY)).toMatchObject({ count: 0 });
    } finally {
      await lone.stop();
    }
  });

  describe('when the reply to a member write is lost and the client tries again', () => {
    it('a removal that landed is reported as made, and the admin stays counted out', async () => {
      const lone = await startTestStack();
      try {
        const { staff } = lone.deps;
        await staff.add({ ...member('one@example.org'), grants: [ADMIN] });
        await staff.add({ ...member('two@example.org'), grants: [ADMIN] });
        const removal = await replyLostOnce(lone, 'DeleteItemCommand').remove('one@example.org');
        expect(removal).toMatchObject({ outcome: 'removed', member: { email: 'one@example.org' } });
        expect(await staff.findByEmail('one@example.org')).toBeUndefined();
        expect(await tableOf(lone).get(ADMIN_COUNT_KEY)).toMatchObject({ count: 1 });
        expect(await staff.remove('two@example.org')).toEqual({ outcome: 'last-admin' });
      } finally {
        await lone.stop();
      }
    });

    it('a change of grants that landed is reported as made, and the admin stays counted out', async () => {
      const lone = await startTestStack();
      try {
        const { staff } = lone.deps;
        await staff.add({ ...member('one@example.org'), grants: [ADMIN] });
        await staff.add({ ...member('two@example.org'), grants: [ADMIN] });
        const changed = await replyLostOnce(lone, 'UpdateItemCommand').changeGrants('one@example.org', () => [
          EVALUATOR,
        ]);
        expect(changed).toMatchObject({
          outcome: 'changed',
          before: { grants: [ADMIN] },
          after: { grants: [EVALUATOR] },
        });
        expect(await tableOf(lone).get(ADMIN_COUNT_KEY)).toMatchObject({ count: 1 });
        expect(await staff.changeGrants('two@example.org', () => [EVALUATOR])).toEqual({ outcome: 'last-admin' });
      } finally {
        await lone.stop();
      }
    });

    it('an admin counted in is counted once', async () => {
      const lone = await startTestStack();
      try {
        expect(
          await replyLostOnce(lone, 'UpdateItemCommand', 'ADMINS').add({
            ...member('one@example.org'),
            grants: [ADMIN],
          }),
        ).toBe(true);
        expect(await tableOf(lone).get(ADMIN_COUNT_KEY)).toMatchObject({ count: 1 });
      } finally {
        await lone.stop();
      }
    });

    it('an addition that landed is reported as made, not as an email already taken', async () => {
      const lone = await startTestStack();
      try {
        expect(await replyLostOnce(lone, 'PutItemCommand').add(member('new@example.org'))).toBe(true);
        expect(await lone.deps.staff.add(member('new@example.org'))).toBe(false);
      } finally {
        await lone.stop();
      }
    });
  });
});

describe('sign-ins under way', () => {
  it('can be taken once', async () => {
    const pending = { codeVerifier: 'v', nonce: 'n', returnTo: '/dashboard', createdAt: new Date().toISOString() };
    await stack.deps.signIns.put('state-hash', pending);
    const [first, second] = await Promise.all([
      stack.deps.signIns.take('state-hash'),
      stack.deps.signIns.take('state-hash'),
    ]);
    expect([first, second].filter((taken) => taken !== undefined)).toEqual([pending]);
  });
});

describe('sessions', () => {
  it('are found by hash, touched, and ended; a touch never brings an ended session back', async () => {
    const { sessions } = stack.deps;
    const session = {
      staffId: 'st-000000000001',
      email: 'b@example.org',
      createdAt: '2026-12-03T09:00:00.000Z',
      lastSeenAt: '2026-12-03T09:00:00.000Z',
      expiresAt: '2026-12-03T19:00:00.000Z',
    };
    await sessions.create('h1', session);
    expect(await sessions.find('h1')).toEqual(session);
    await sessions.touch('h1', '2026-12-03T09:05:00.000Z');
    expect((await sessions.find('h1'))?.lastSeenAt).toBe('2026-12-03T09:05:00.000Z');
    await sessions.end('h1');
    await sessions.touch('h1', '2026-12-03T09:06:00.000Z');
    expect(await sessions.find('h1')).toBeUndefined();
  });
});

describe('API tokens', () => {
  it('are stored, listed newest first, and revoked once (the first time stands)', async () => {
    const { apiTokens } = stack.deps;
    const token = (id: string, createdAt: string) => ({
      id,
      ownerId: 'st-000000000002',
      ownerEmail: 'c@example.org',
      label: 'BI',
      grants: [{ role: 'evaluator' as const, programme: 'dones-mentores' }],
      createdAt,
      expiresAt: '2027-01-01T00:00:00.000Z',
      secretHash: 'hash',
    });
    await apiTokens.put(token('AAAAAAAAAAAA', '2026-12-01T00:00:00.000Z'));
    await apiTokens.put(token('BBBBBBBBBBBB', '2026-12-02T00:00:00.000Z'));
    await expect(apiTokens.put(token('AAAAAAAAAAAA', '2026-12-03T00:00:00.000Z'))).rejects.toThrow();
    expect((await apiTokens.list()).map((t) => t.id)).toEqual(['BBBBBBBBBBBB', 'AAAAAAAAAAAA']);
    expect(await apiTokens.revoke('AAAAAAAAAAAA', '2026-12-03T10:00:00.000Z')).toBe(true);
    expect(await apiTokens.revoke('AAAAAAAAAAAA', '2026-12-04T10:00:00.000Z')).toBe(true);
    expect((await apiTokens.find('AAAAAAAAAAAA'))?.revokedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(await apiTokens.revoke('CCCCCCCCCCCC', '2026-12-03T10:00:00.000Z')).toBe(false);
    expect((await apiTokens.find('BBBBBBBBBBBB'))?.expiresAt).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('the audit log', () => {
  it('lists every entry newest first across months, by programme and date, up to a limit', async () => {
    const { audit } = stack.deps;
    // Months long past: the stack audits loading its seed cohorts today, and those entries are not this test's.
    const entry = (at: string, programme?: string) => ({
      at,
      actor: 'cli:test',
      action: 'export' as const,
      ...(programme === undefined ? {} : { programme }),
    });
    await audit.append(entry('2019-10-31T23:59:59.000Z', 'p1'));
    await audit.append(entry('2019-11-01T00:00:00.000Z', 'p2'));
    await audit.append(entry('2019-11-01T00:00:00.000Z', 'p1'));
    await audit.append(entry('2019-12-02T12:00:00.000Z'));
    const all = await audit.list({ since: new Date('2019-10-01'), until: new Date('2019-12-31') });
    expect(all.map((e) => e.at)).toEqual([
      '2019-12-02T12:00:00.000Z',
      '2019-11-01T00:00:00.000Z',
      '2019-11-01T00:00:00.000Z',
      '2019-10-31T23:59:59.000Z',
    ]);
    // The newest, up to a limit, across months.
    const newest = await audit.list({ since: new Date('2019-10-01'), until: new Date('2019-12-31'), limit: 2 });
    expect(newest.map((e) => e.at)).toEqual(['2019-12-02T12:00:00.000Z', '2019-11-01T00:00:00.000Z']);
    const p1 = { since: new Date('2019-10-01'), until: new Date('2019-12-31'), programme: 'p1', limit: 1 };
    expect((await audit.list(p1)).map((e) => e.at)).toEqual(['2019-11-01T00:00:00.000Z']);
    expect(
      (await audit.list({ since: new Date('2019-10-01'), until: new Date('2019-12-31'), programme: 'p1' })).length,
    ).toBe(2);
    expect((await audit.list({ since: new Date('2019-11-01'), until: new Date('2019-11-30') })).length).toBe(2);
    await expect(audit.append({ at: 'x', actor: 'a', action: 'nope' as never })).rejects.toThrow();
  });
});
