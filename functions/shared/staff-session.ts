/**
 * Staff sessions on every staff page: the session cookie carries a random id (never a token of
 * the identity provider), the table keeps the session under the id's SHA-256, and each request
 * reads the member and their grants afresh, so a removed member or a revoked grant takes effect
 * on the next request. A missing, unknown, expired or tampered cookie is no session (401).
 */
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { parseCookie, stringifySetCookie } from 'cookie';
import { SESSION_ABSOLUTE_SECONDS, permits, sessionHolds, type Permission, type StaffMember } from '#core/access.ts';
import type { SessionStore, StaffStore } from '#ports/staff.ts';
import type { Clock } from '#ports/store.ts';
import { hashSecret } from './codes.ts';
import { ForbiddenError, UnauthorisedError } from './errors.ts';
import type { HttpEvent, HttpResult } from './http.ts';

/**
 * The session cookie. `__Host-`: the browser keeps it only if Secure, for the whole site and
 * this host alone (no Domain), so no other site under the same domain can plant or read one.
 */
export const SESSION_COOKIE = '__Host-prepost_session';

/** Activity is written back at most this often (idle expiry is counted in minutes, not seconds). */
const TOUCH_AFTER_MS = 60_000;

/** The signed-in member a staff handler sees on its context. */
export interface StaffContext extends Context {
  staff?: SignedInStaff | undefined;
}

export interface SignedInStaff {
  readonly member: StaffMember;
  /** The session's stored key, so sign-out can end it. */
  readonly sessionHash: string;
}

export interface StaffSessionDeps {
  readonly sessions: SessionStore;
  readonly staff: StaffStore;
  readonly clock: Clock;
}

/**
 * Set-Cookie for a new session: HttpOnly, Secure, `__Host-`, for the absolute expiry. SameSite Lax
 * rather than Strict: the session is set on the return from the identity provider, a cross-site
 * navigation, and a Strict cookie would not be sent on the redirect that follows it. Every
 * state-changing staff route is a POST, which Lax cookies never accompany from another site.
 */
export function sessionCookie(id: string): string {
  return stringifySetCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_ABSOLUTE_SECONDS,
  });
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(): string {
  return stringifySetCookie(SESSION_COOKIE, '', {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 0,
  });
}

/** The value of a cookie of the request (API Gateway hands cookies over as a list of pairs). */
export function requestCookie(event: HttpEvent, name: string): string | undefined {
  if (event.cookies === undefined) return undefined;
  // A malformed header yields nothing (no session), never an exception.
  return parseCookie(event.cookies.join('; '))[name];
}

/** The member the request's session belongs to, or undefined when there is no valid session. */
export async function findSignedIn(deps: StaffSessionDeps, event: HttpEvent): Promise<SignedInStaff | undefined> {
  const id = requestCookie(event, SESSION_COOKIE);
  if (id === undefined || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
  const sessionHash = hashSecret(id);
  const session = await deps.sessions.find(sessionHash);
  if (session === undefined) return undefined;
  const now = deps.clock.now();
  if (!sessionHolds(session, now)) {
    await deps.sessions.end(sessionHash);
    return undefined;
  }
  const member = await deps.staff.findByEmail(session.email);
  // A member removed (or removed and added again) since the sign-in: the session is not theirs.
  if (member === undefined || member.id !== session.staffId) return undefined;
  if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_AFTER_MS)
    await deps.sessions.touch(sessionHash, now.toISOString());
  return { member, sessionHash };
}

/**
 * Middleware of every staff page: puts the signed-in member on the context, or refuses with 401
 * (the error middleware before it answers with the sign-in page).
 */
export function staffSession(deps: StaffSessionDeps): MiddlewareObj<HttpEvent, HttpResult, Error, StaffContext> {
  return {
    before: async (request) => {
      request.context.staff = undefined;
      const signedIn = await findSignedIn(deps, request.event);
      if (signedIn === undefined) throw new UnauthorisedError('no session');
      request.context.staff = signedIn;
    },
  };
}

/** The signed-in member, if they hold the permission (on the programme); otherwise 403. */
export function requirePermission(context: StaffContext, permission: Permission, programme?: string): StaffMember {
  const member = context.staff?.member;
  if (member === undefined) throw new UnauthorisedError('no session');
  if (!permits(member.grants, permission, programme)) throw new ForbiddenError(`${permission} not granted`);
  return member;
}
