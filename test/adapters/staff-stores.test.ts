/** The staff access stores on the embedded DynamoDB: what each write refuses, and what reads return. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '#core/access.ts';
import { startTestStack } from '../support/stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.stop();
});

const member = (email: string): StaffMember => ({
  id: `st-${email.length.toString().padStart(12, '0')}`,
  email,
  grants: [{ role: 'evaluator', programme: 'dones-mentores' }],
  createdAt: '2026-12-03T09:00:00.000Z',
});

describe('staff', () => {
  it('adds a member once, finds them whatever the case of the email, changes grants, removes', async () => {
    const { staff } = stack.deps;
    expect(await staff.add(member('ana@example.org'))).toBe(true);
    expect(await staff.add({ ...member('ANA@example.org'), id: 'st-other0000000' })).toBe(false);
    expect((await staff.findByEmail('Ana@Example.org'))?.grants).toEqual([
      { role: 'evaluator', programme: 'dones-mentores' },
    ]);
    expect(await staff.setGrants('ana@example.org', [{ role: 'admin', programme: '*' }])).toBe(true);
    expect(await staff.setGrants('nobody@example.org', [])).toBe(false);
    expect((await staff.list()).map((m) => m.email)).toContain('ana@example.org');
    expect(await staff.remove('ana@example.org')).toBe(true);
    expect(await staff.remove('ana@example.org')).toBe(false);
    expect(await staff.findByEmail('ana@example.org')).toBeUndefined();
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
  it('keeps every entry; lists them newest first across months, filtered by programme and date, up to a limit', async () => {
    const { audit } = stack.deps;
    const entry = (at: string, programme?: string) => ({
      at,
      actor: 'cli:test',
      action: 'export' as const,
      ...(programme === undefined ? {} : { programme }),
    });
    await audit.append(entry('2026-10-31T23:59:59.000Z', 'p1'));
    await audit.append(entry('2026-11-01T00:00:00.000Z', 'p2'));
    await audit.append(entry('2026-11-01T00:00:00.000Z', 'p1'));
    await audit.append(entry('2026-12-02T12:00:00.000Z'));
    const all = await audit.list({ since: new Date('2026-10-01'), until: new Date('2026-12-31') });
    expect(all.map((e) => e.at)).toEqual([
      '2026-12-02T12:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T00:00:00.000Z',
      '2026-10-31T23:59:59.000Z',
    ]);
    // The newest, up to a limit, across months.
    const newest = await audit.list({ since: new Date('2026-10-01'), until: new Date('2026-12-31'), limit: 2 });
    expect(newest.map((e) => e.at)).toEqual(['2026-12-02T12:00:00.000Z', '2026-11-01T00:00:00.000Z']);
    const p1 = { since: new Date('2026-10-01'), until: new Date('2026-12-31'), programme: 'p1', limit: 1 };
    expect((await audit.list(p1)).map((e) => e.at)).toEqual(['2026-11-01T00:00:00.000Z']);
    expect(
      (await audit.list({ since: new Date('2026-10-01'), until: new Date('2026-12-31'), programme: 'p1' })).length,
    ).toBe(2);
    expect((await audit.list({ since: new Date('2026-11-01'), until: new Date('2026-11-30') })).length).toBe(2);
    await expect(audit.append({ at: 'x', actor: 'a', action: 'nope' as never })).rejects.toThrow();
  });
});
