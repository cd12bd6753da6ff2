/** Personal API tokens: made within the owner's read grants and 90 days, checked against the owner as they are now. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiTokenError, StaffChangeError } from '#core/errors.ts';
import { authenticateApiToken, createApiToken, revokeApiToken } from '#use-cases/api-tokens.ts';
import { startTestStack } from '../support/stack.ts';
import { addMember } from '../support/staff.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;
const P = 'justrom3-mentoring';
const actor = { id: 'cli:test' };

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.stop();
});

/** The deps with the clock at a given time. */
const at = (iso: string) => ({ ...stack.deps, clock: { now: () => new Date(iso) } });

describe('creating a token', () => {
  it('shows the secret once and stores only its hash', async () => {
    const owner = await addMember(stack.deps, [{ role: 'evaluator', programme: P }]);
    const { token, record } = await createApiToken(stack.deps, actor, { ownerEmail: owner.email, programmes: [P] });
    expect(token).toMatch(/^pp_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const stored = await stack.deps.apiTokens.find(record.id);
    expect(JSON.stringify(stored)).not.toContain(token.slice(16));
    expect(stored?.grants).toEqual([{ role: 'evaluator', programme: P }]);
  });

  it('refuses 0 or 91 days, a programme not read, an owner who reads nothing, an unknown owner', async () => {
    const owner = await addMember(stack.deps, [{ role: 'evaluator', programme: P }]);
    const funder = await addMember(stack.deps, [{ role: 'funder', programme: P }]);
    const make = (ownerEmail: string, programmes: string[], days?: number) =>
      createApiToken(stack.deps, actor, { ownerEmail, programmes, ...(days === undefined ? {} : { days }) });
    // Each refusal names its field, where the tokens page shows it.
    for (const days of [0, 91, 2.5, Number.NaN])
      await expect(make(owner.email, [P], days), String(days)).rejects.toMatchObject({
        name: 'ApiTokenError',
        field: 'days',
        message: expect.stringMatching(/^days: a token lives 1 to 90 days/),
      });
    await expect(make(owner.email, ['dones-mentores'])).rejects.toThrow(ApiTokenError);
    await expect(make(owner.email, ['dones-mentores'])).rejects.toMatchObject({
      field: 'programme',
      message: expect.stringMatching(/^programme: .* is not an evaluator or coordinator of dones-mentores/),
    });
    await expect(make(funder.email, [])).rejects.toMatchObject({
      field: 'email',
      message: expect.stringMatching(/neither an evaluator nor a coordinator/),
    });
    await expect(make('nobody@example.org', [])).rejects.toThrow(StaffChangeError);
    expect(
      (await stack.deps.apiTokens.list()).filter((t) => t.ownerId === owner.id || t.ownerId === funder.id),
    ).toEqual([]);
  });
});

describe('checking a token', () => {
  it('lets through only a well-formed, known, right, unexpired, unrevoked token of a current member', async () => {
    const owner = await addMember(stack.deps, [
      { role: 'evaluator', programme: P },
      { role: 'coordinator', programme: 'dones-mentores' },
    ]);
    const made = await createApiToken(at('2026-12-01T00:00:00Z'), actor, {
      ownerEmail: owner.email,
      programmes: [],
      days: 7,
    });
    const check = (token: string, when = '2026-12-03T00:00:00Z') => authenticateApiToken(at(when), token);
    expect((await check(made.token))?.grants).toHaveLength(2);
    // Malformed, unknown id, wrong secret.
    expect(await check('nope')).toBeUndefined();
    expect(await check(made.token.replace(/^pp_.{12}/, 'pp_ZZZZZZZZZZZZ'))).toBeUndefined();
    expect(await check(`${made.token.slice(0, -1)}${made.token.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
    // Expired after its 7 days.
    expect(await check(made.token, '2026-12-08T00:00:00Z')).toBeUndefined();
    // A grant taken from the owner is taken from the token at once.
    await stack.deps.staff.changeGrants(owner.email, () => [{ role: 'evaluator', programme: P }]);
    expect((await check(made.token))?.grants).toEqual([{ role: 'evaluator', programme: P }]);
    // Revoked: refused; only its owner or an admin may revoke it.
    await expect(
      revokeApiToken(stack.deps, { id: 'st-someoneelse', mayRevokeAny: false }, made.record.id),
    ).rejects.toThrow(ApiTokenError);
    await revokeApiToken(stack.deps, { id: owner.id, mayRevokeAny: false }, made.record.id);
    expect(await check(made.token)).toBeUndefined();
  });

  it('stops when the owner is removed', async () => {
    const owner = await addMember(stack.deps, [{ role: 'evaluator', programme: P }]);
    const { token } = await createApiToken(stack.deps, actor, { ownerEmail: owner.email, programmes: [] });
    expect(await authenticateApiToken(stack.deps, token)).toBeDefined();
    await stack.deps.staff.remove(owner.email);
    expect(await authenticateApiToken(stack.deps, token)).toBeUndefined();
  });

  it('records creation and revocation in the audit log', async () => {
    const owner = await addMember(stack.deps, [{ role: 'evaluator', programme: P }]);
    const { record } = await createApiToken(stack.deps, actor, { ownerEmail: owner.email, programmes: [] });
    await revokeApiToken(stack.deps, { id: 'cli:test', mayRevokeAny: true }, record.id);
    const entries = (
      await stack.deps.audit.list({ since: new Date(Date.now() - 60_000), until: new Date(Date.now() + 60_000) })
    ).reverse();
    const mine = entries.filter((entry) => entry.detail?.startsWith(record.id));
    expect(mine.map((entry) => entry.action)).toEqual(['token-created', 'token-revoked']);
  });
});
