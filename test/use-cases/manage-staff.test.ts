/**
 * Staff changes made at the same moment, on the embedded DynamoDB: grants given and taken from one
 * member at once all land (none written back stale), and two admins removing each other, or each
 * taking their own admin grant, leave one admin. And what a change asks for that cannot be made is
 * refused with each problem at its field, before anything is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Deps } from '#adapters/deps.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import type { Grant, StaffMember } from '#core/access.ts';
import { StaffInputError } from '#core/errors.ts';
import type { IdentityDirectory } from '#ports/staff.ts';
import { addStaff, checkNewMember, grant, grantsFor, removeStaff, revoke } from '#use-cases/manage-staff.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';
import { cognitoAnswering } from '../support/cognito.ts';
import { addMember } from '../support/staff.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const actor = { id: 'cli:test' };
const ADMIN: Grant[] = [{ role: 'admin', programme: '*' }];
const PROGRAMMES = ['justrom3-mentoring', 'migrant-voices-heard', 'dones-mentores'];

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.stop();
});

const byGrant = (a: Grant, b: Grant): number => `${a.role}:${a.programme}`.localeCompare(`${b.role}:${b.programme}`);
const isAdmin = (grants: readonly Grant[]): boolean => grants.some((held) => held.role === 'admin');
/** Accounts at Cognito, made and deleted at once (the local provider's file takes one change at a time). */
const directory = cognitoAnswering(() => ({}));

describe('grants changed at the same moment', () => {
  it('all land: four grants and four revocations of one member, interleaved, none lost or undone', async () => {
    const [p0 = '', p1 = '', p2 = ''] = PROGRAMMES;
    const kept: Grant = { role: 'funder', programme: p0 };
    const revoked: Grant[] = [...PROGRAMMES.map((programme): Grant => ({ role: 'evaluator', programme }))];
    revoked.push({ role: 'funder', programme: p2 });
    const granted: Grant[] = [...PROGRAMMES.map((programme): Grant => ({ role: 'coordinator', programme }))];
    granted.push({ role: 'funder', programme: p1 });
    const member = await addMember(stack.deps, [kept, ...revoked]);
    // Started together, each one grant, so each reads the member before the others have written.
    await Promise.all(
      revoked.flatMap((taken, index) => [
        revoke(stack.deps, actor, member.email, [taken]),
        grant(stack.deps, actor, member.email, [granted[index] ?? kept]),
      ]),
    );
    const now = await stack.deps.staff.findByEmail(member.email);
    expect([...(now?.grants ?? [])].sort(byGrant)).toEqual([kept, ...granted].sort(byGrant));
  });
});

type StackDeps = Deps & { readonly directory: IdentityDirectory };

/** A stack of its own, as the admin count is a deployment's, stopped once `use` is done. */
async function onItsOwnStack(use: (deps: StackDeps, own: typeof stack) => Promise<void>): Promise<void> {
  const own = await startTestStack();
  try {
    await use({ ...own.deps, directory }, own);
  } finally {
    await own.stop();
  }
}

/** The deps of a stack with the accounts at `accounts` and the stores on a client `hold` adds a middleware to. */
function depsWith(
  own: typeof stack,
  accounts: IdentityDirectory,
  hold: (middlewareStack: DynamoDBDocumentClient['middlewareStack']) => void,
): StackDeps {
  const client = createDocumentClient(own.environment.endpoint);
  hold(client.middlewareStack);
  return { ...depsThrough(own, client), directory: accounts };
}

/** The Cognito commands a directory was asked to run, by name. */
function recordingDirectory(): { readonly accounts: IdentityDirectory; readonly commands: string[] } {
  const commands: string[] = [];
  return {
    accounts: cognitoAnswering((command) => {
      commands.push(command);
      return {};
    }),
    commands,
  };
}

/** The only two admins each make `change` (to the other, or to themself) at once: one is made, one refused. */
async function oneOfTwo(change: (deps: StackDeps, by: StaffMember, other: StaffMember) => Promise<unknown>) {
  await onItsOwnStack(async (deps) => {
    const [first, second] = [await addMember(deps, ADMIN), await addMember(deps, ADMIN)];
    const outcomes = await Promise.allSettled([change(deps, first, second), change(deps, second, first)]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toMatchObject({ reason: 'last-admin' });
    const left = await deps.staff.list();
    expect(left.filter((member) => isAdmin(member.grants))).toHaveLength(1);
  });
}

describe('the last admin, at the same moment', () => {
  it('two admins removing each other: exactly one is removed, the other stays an admin', async () => {
    for (let round = 0; round < 3; round += 1)
      await oneOfTwo((deps, by, other) => removeStaff(deps, { id: by.id }, other.email));
  });

  it('two admins each taking their own admin grant: exactly one loses it', async () => {
    await oneOfTwo((deps, by) => revoke(deps, { id: by.id }, by.email, ADMIN));
  });

  it('an admin added and then granted is counted: either admin may then go, but not both', async () => {
    await onItsOwnStack(async (deps) => {
      const first = await addStaff(deps, actor, { email: 'first@example.org', grants: ADMIN });
      const second = await addStaff(deps, actor, {
        email: 'second@example.org',
        grants: [{ role: 'funder', programme: PROGRAMMES[0] ?? '' }],
      });
      await grant(deps, actor, second.member.email, ADMIN);
      await revoke(deps, actor, first.member.email, ADMIN);
      await expect(removeStaff(deps, actor, second.member.email)).rejects.toMatchObject({ reason: 'last-admin' });
      await grant(deps, actor, first.member.email, ADMIN);
      await removeStaff(deps, actor, second.member.email);
      expect((await deps.staff.list()).map((member) => member.email)).toEqual(['first@example.org']);
    });
  });
});

describe('a removal', () => {
  it('whose reply was lost, though it landed, is reported and recorded, and the last admin is kept', async () => {
    await onItsOwnStack(async (deps, own) => {
      const [first, second] = [await addMember(deps, ADMIN), await addMember(deps, ADMIN)];
      // The deletion lands, but its reply does not come in time: the client sends it again.
      let lost = false;
      const { accounts, commands } = recordingDirectory();
      // At the last step (deserialize), inside the client's retry loop, where each attempt is sent.
      const losing = depsWith(own, accounts, (middlewareStack) =>
        middlewareStack.add(
          (next, context) => async (args) => {
            const reply = await next(args);
            if (!lost && context.commandName === 'DeleteItemCommand') {
              lost = true;
              throw Object.assign(new Error('no reply within the request timeout'), { name: 'TimeoutError' });
            }
            return reply;
          },
          { step: 'deserialize', name: 'replyLost' },
        ),
      );
      expect(await removeStaff(losing, actor, first.email)).toMatchObject({ email: first.email });
      expect(lost).toBe(true);
      expect(commands).toEqual(['AdminDeleteUserCommand']);
      const now = deps.clock.now();
      const day = 24 * 60 * 60 * 1000;
      const audit = await deps.audit.list({
        since: new Date(now.getTime() - day),
        until: new Date(now.getTime() + day),
      });
      expect(audit).toContainEqual(expect.objectContaining({ action: 'staff-removed', detail: first.email }));
      await expect(removeStaff(deps, actor, second.email)).rejects.toMatchObject({ reason: 'last-admin' });
    });
  });

  it("refused as the last admin's after losing a race keeps the account: the member goes first", async () => {
    await onItsOwnStack(async (deps, own) => {
      const [first, second] = [await addMember(deps, ADMIN), await addMember(deps, ADMIN)];
      // Between the count and the deletion of the first, another admin gives them a grant (so the
      // deletion is refused by its version and the first is counted back); once counted back, the
      // second is removed. Then the first is the last admin.
      let changed = false;
      let removedTheOther = false;
      const { accounts, commands } = recordingDirectory();
      const racing = depsWith(own, accounts, (middlewareStack) =>
        middlewareStack.add(
          (next, context) => async (args) => {
            const input = JSON.stringify(args.input);
            if (!changed && context.commandName === 'DeleteItemCommand') {
              changed = true;
              await grant(deps, actor, first.email, [{ role: 'funder', programme: PROGRAMMES[0] ?? '' }]);
            }
            const reply = await next(args);
            // The first counted back (`ADD count :by`, after the deletion was refused).
            if (changed && !removedTheOther && input.includes('ADMINS') && input.includes(':by')) {
              removedTheOther = true;
              await removeStaff(deps, actor, second.email);
            }
            return reply;
          },
          { step: 'initialize', name: 'anotherAdminMeanwhile' },
        ),
      );
      await expect(removeStaff(racing, actor, first.email)).rejects.toMatchObject({ reason: 'last-admin' });
      expect(removedTheOther).toBe(true);
      expect(commands).toEqual([]);
      expect((await deps.staff.list()).map((member) => [member.email, isAdmin(member.grants)])).toEqual([
        [first.email, true],
      ]);
    });
  });
});

describe('what a change asks for', () => {
  /** The problems a call is refused with, field by field. */
  async function problemsOf(call: () => unknown): Promise<readonly { field: string; reason: string }[]> {
    try {
      await call();
    } catch (error) {
      if (error instanceof StaffInputError) return error.fieldProblems.map(({ field, reason }) => ({ field, reason }));
      throw error;
    }
    throw new Error('not refused');
  }

  it('names every problem of a new member at its field at once', async () => {
    const { catalog } = stack.deps;
    expect(await problemsOf(() => checkNewMember(catalog, { email: 'nope', role: 'boss', programmes: [] }))).toEqual([
      { field: 'email', reason: 'not-an-email' },
      { field: 'role', reason: 'unknown-role' },
    ]);
    expect(
      await problemsOf(() => checkNewMember(catalog, { email: 'a@example.org', role: 'evaluator', programmes: [] })),
    ).toEqual([{ field: 'programme', reason: 'no-programme' }]);
    expect(await problemsOf(() => grantsFor(catalog, 'funder', ['nope', PROGRAMMES[0] ?? '']))).toEqual([
      { field: 'programme', reason: 'unknown-programme' },
    ]);
    expect(await problemsOf(() => grantsFor(catalog, 'admin', [PROGRAMMES[0] ?? '']))).toEqual([
      { field: 'programme', reason: 'admin-programme' },
    ]);
    expect(checkNewMember(catalog, { email: ' A@Example.org ', role: 'admin', programmes: [] })).toEqual({
      email: 'a@example.org',
      grants: ADMIN,
    });
  });

  it('refuses to revoke a grant not held, naming it, and changes nothing', async () => {
    const grants: Grant[] = [{ role: 'evaluator', programme: PROGRAMMES[0] ?? '' }];
    const member = await addMember(stack.deps, grants);
    const asked: Grant[] = [...grants, { role: 'funder', programme: PROGRAMMES[0] ?? '' }];
    expect(await problemsOf(() => revoke(stack.deps, actor, member.email, asked))).toEqual([
      { field: 'grant', reason: 'not-held' },
    ]);
    expect((await stack.deps.staff.findByEmail(member.email))?.grants).toEqual(grants);
    await expect(removeStaff({ ...stack.deps, directory }, actor, 'not an email')).rejects.toThrow(StaffInputError);
  });
});
