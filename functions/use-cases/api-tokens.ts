/**
 * Personal API tokens for scripts and BI tools, as GitHub's fine-grained tokens: made by their
 * owner or an admin for a subset of the owner's read grants, expiring within 90 days, shown once
 * (`pp_<id>_<secret>`), stored as the SHA-256 of the secret, listed and revoked. Checking a token
 * re-reads its owner, so a grant taken from a person is taken from their tokens at once.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  TOKEN_MAX_DAYS,
  effectiveTokenGrants,
  tokenGrantsFor,
  type Actor,
  type ApiToken,
  type Grant,
  type StaffMember,
} from '#core/access.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { ApiTokenError, StaffChangeError } from '#core/errors.ts';
import type { ApiTokenStore, AuditLog, StaffStore } from '#ports/staff.ts';
import type { Clock } from '#ports/store.ts';
import { hashSecret } from '#shared/codes.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { recordChange } from './audit-trail.ts';
import { checkEmail } from './manage-staff.ts';

export interface ApiTokenDeps {
  readonly staff: StaffStore;
  readonly apiTokens: ApiTokenStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** The shape of a token: prefix, 12-character id, 43-character secret (256 bits). */
const TOKEN_FORMAT = /^pp_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** A token's life when none is asked for. */
export const DEFAULT_TOKEN_DAYS = 30;

/**
 * Makes a token for the owner; returns the token (to show once) and what is stored. The one place
 * the rules of a token are checked (its life, its owner, the programmes the owner reads): each
 * refusal names its field, which the tokens page shows the problem at.
 */
export async function createApiToken(
  deps: ApiTokenDeps & { readonly catalog: Catalog },
  actor: Actor,
  request: {
    readonly ownerEmail: string;
    readonly programmes: readonly string[];
    readonly days?: number;
    readonly label?: string;
  },
): Promise<{ readonly token: string; readonly record: ApiToken }> {
  const days = request.days ?? DEFAULT_TOKEN_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > TOKEN_MAX_DAYS)
    throw new ApiTokenError('days', `a token lives 1 to ${TOKEN_MAX_DAYS} days, not ${request.days}`);
  const email = checkEmail(request.ownerEmail);
  // An owner granted every programme (`*`) would otherwise get a token for a misspelt one.
  for (const programme of request.programmes) findProgramme(deps.catalog, programme, { listKnown: true });
  const owner = await deps.staff.findByEmail(email);
  if (owner === undefined) throw new StaffChangeError('unknown', email);
  const { grants, refused } = tokenGrantsFor(owner.grants, request.programmes);
  if (refused.length > 0)
    throw new ApiTokenError('programme', `${email} is not an evaluator or coordinator of ${refused.join(', ')}`);
  if (grants.length === 0)
    throw new ApiTokenError(
      'email',
      `${email} is neither an evaluator nor a coordinator of any programme: a token would read nothing`,
    );
  const label = (request.label ?? '').trim().slice(0, 80) || 'API token';
  const id = randomAlphanumeric(12);
  const secret = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const record: ApiToken = {
    id,
    ownerId: owner.id,
    ownerEmail: owner.email,
    label,
    grants,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * 86400_000).toISOString(),
    secretHash: hashSecret(secret),
    ...(actor.id === owner.id ? {} : { createdBy: actor.email ?? actor.id }),
  };
  await deps.apiTokens.put(record);
  await recordChange(deps, actor, {
    action: 'token-created',
    detail: `${id} for ${owner.email}, ${days} days, ${grants.map((g) => `${g.role}:${g.programme}`).join(', ')}`,
  });
  return { token: `pp_${id}_${secret}`, record };
}

/**
 * Revokes a token. Its owner may revoke their own; an admin anyone's (`mayRevokeAny`). An id
 * that is not found, or not the actor's, is refused alike; one revoked already is refused saying
 * so (nothing changes, nothing is recorded twice).
 */
export async function revokeApiToken(
  deps: ApiTokenDeps,
  actor: Actor & { readonly mayRevokeAny: boolean },
  id: string,
): Promise<ApiToken> {
  const token = /^[A-Za-z0-9]{12}$/.test(id) ? await deps.apiTokens.find(id) : undefined;
  if (token === undefined || (!actor.mayRevokeAny && token.ownerId !== actor.id))
    throw new ApiTokenError('id', `no API token ${id}`);
  if (token.revokedAt !== undefined) throw new ApiTokenError('id', `API token ${id} was revoked at ${token.revokedAt}`);
  const now = deps.clock.now().toISOString();
  await deps.apiTokens.revoke(id, now);
  await recordChange(deps, actor, { action: 'token-revoked', detail: `${id} of ${token.ownerEmail}` });
  return { ...token, revokedAt: now };
}

/** Whether a stored token is in force at `now`. */
export function tokenStatus(token: ApiToken, now: Date): 'active' | 'expired' | 'revoked' {
  if (token.revokedAt !== undefined) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/**
 * The owner and the grants a presented token carries now, or undefined when it is malformed,
 * unknown, wrong, revoked or expired, or its owner is gone.
 */
export async function authenticateApiToken(
  deps: Pick<ApiTokenDeps, 'staff' | 'apiTokens' | 'clock'>,
  presented: string,
): Promise<{ readonly owner: StaffMember; readonly token: ApiToken; readonly grants: Grant[] } | undefined> {
  const match = TOKEN_FORMAT.exec(presented);
  if (match === null) return undefined;
  const [, id = '', secret = ''] = match;
  const token = await deps.apiTokens.find(id);
  if (token === undefined) return undefined;
  const expected = Buffer.from(token.secretHash);
  const actual = Buffer.from(hashSecret(secret));
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
  if (tokenStatus(token, deps.clock.now()) !== 'active') return undefined;
  const owner = await deps.staff.findByEmail(token.ownerEmail);
  if (owner === undefined || owner.id !== token.ownerId) return undefined;
  return { owner, token, grants: effectiveTokenGrants(token.grants, owner.grants) };
}

function randomAlphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz23456789';
  let out = '';
  for (let index = 0; index < length; index += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}
