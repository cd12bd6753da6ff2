/**
 * Test helpers for staff access that is not itself under test: a staff member with grants and a
 * session (its cookie), or a personal API token, written through the same stores and use cases
 * the sign-in and the token commands use. Sign-in itself is tested through the OpenID Connect
 * flow in its own tests.
 */
import { randomBytes } from 'node:crypto';
import { SESSION_ABSOLUTE_SECONDS, type Grant, type StaffMember } from '#core/access.ts';
import type { Deps } from '#adapters/deps.ts';
import { newSessionId } from '#shared/codes.ts';
import { SESSION_COOKIE } from '#shared/staff-session.ts';
import { createApiToken } from '#use-cases/api-tokens.ts';

/** A new staff member (a fresh email) holding the grants. */
export async function addMember(deps: Deps, grants: readonly Grant[], email?: string): Promise<StaffMember> {
  const member: StaffMember = {
    id: `st-${randomBytes(6).toString('hex')}`,
    email: email ?? `staff-${randomBytes(4).toString('hex')}@example.org`,
    grants: [...grants],
    createdAt: new Date().toISOString(),
  };
  if (!(await deps.staff.add(member))) throw new Error(`${member.email} exists`);
  return member;
}

/** A session for the member; returns the Cookie header value that presents it. */
export async function sessionFor(deps: Deps, member: StaffMember): Promise<string> {
  const { id, hash } = newSessionId();
  const now = deps.clock.now();
  await deps.sessions.create(hash, {
    staffId: member.id,
    email: member.email,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000).toISOString(),
  });
  return `${SESSION_COOKIE}=${id}`;
}

/** A signed-in member with the grants: the Cookie header value. */
export async function signedIn(deps: Deps, grants: readonly Grant[]): Promise<string> {
  return sessionFor(deps, await addMember(deps, grants));
}

/** A personal API token of a new member holding the grants. */
export async function apiTokenWith(deps: Deps, grants: readonly Grant[]): Promise<string> {
  const member = await addMember(deps, grants);
  const { token } = await createApiToken(deps, { id: 'test' }, { ownerEmail: member.email, programmes: [] });
  return token;
}
