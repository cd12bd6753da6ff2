/**
 * Staff sign-in and sign-out over OpenID Connect. Steps of a sign-in: start (a fresh state, nonce
 * and PKCE verifier, kept under the state's hash for the callback), finish (the state bound to this
 * browser, taken once; the code redeemed and the ID token validated by the provider port; a
 * verified email that finds a staff member with a grant; a new server-side session), and
 * sign-out (the session ended, the provider's session next). Sign-ins, sign-outs and the failed
 * sign-ins of people the provider authenticated are in the audit log; the refusals anyone can
 * provoke without an account are only log lines, so they cannot bury the audit log.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  SESSION_ABSOLUTE_SECONDS,
  SIGN_IN_SECONDS,
  homePath,
  type AuditEvent,
  type StaffMember,
} from '#core/access.ts';
import { NotStaffError, SignInRefusedError } from '#core/errors.ts';
import { localPath } from '#core/return-path.ts';
import type { AuditLog, SessionStore, SignInStore, StaffStore } from '#ports/staff.ts';
import type { OpenIdProvider } from '#ports/sign-in.ts';
import type { Clock } from '#ports/store.ts';
import { hashSecret, newSessionId } from '#shared/codes.ts';

export interface StaffSignInDeps {
  readonly signIns: SignInStore;
  readonly sessions: SessionStore;
  readonly staff: StaffStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly provider: OpenIdProvider;
}

/** Who failed to sign in when nobody is known yet. */
const UNKNOWN_ACTOR = 'unknown';

/**
 * Starts a sign-in: the provider's authorization URL to send the browser to, and the `state` to
 * bind to the browser. `next` is kept only when it is a path of this site.
 */
export async function startSignIn(
  deps: Pick<StaffSignInDeps, 'signIns' | 'clock' | 'provider'>,
  next: string | undefined,
): Promise<{ readonly url: string; readonly state: string }> {
  const request = await deps.provider.authorizationRequest();
  await deps.signIns.put(hashSecret(request.state), {
    codeVerifier: request.codeVerifier,
    nonce: request.nonce,
    // None named (or none acceptable): the member's own first page, once the callback knows who they are.
    returnTo: localPath(next) ?? '',
    createdAt: deps.clock.now().toISOString(),
  });
  return { url: request.url, state: request.state };
}

/** What the callback brought: its `state`, the state cookie of the browser, and its query string as received. */
export interface Callback {
  readonly state: string | undefined;
  readonly stateCookie: string | undefined;
  readonly query: string;
}

/**
 * Finishes a sign-in: a new session for the member the provider vouched for, and where to go.
 * Refuses with {@link SignInRefusedError} (state, code or ID token not holding) or
 * {@link NotStaffError} (nobody on the staff with that email, or without any grant). A refusal
 * is written to the audit log as `sign-in-failed` only when the provider had authenticated
 * someone (it redeemed the code): a callback with no state, someone else's, a used one, or a code
 * of nobody's is a request anyone can send, and is left to the request log.
 */
export async function finishSignIn(
  deps: StaffSignInDeps,
  callback: Callback,
): Promise<{ readonly sessionId: string; readonly member: StaffMember; readonly returnTo: string }> {
  const { state, stateCookie } = callback;
  if (state === undefined || stateCookie === undefined || !sameSecret(state, stateCookie))
    throw new SignInRefusedError('state missing or not this browser’s');
  // Taken (deleted) before anything else can fail, so a callback can never be replayed.
  const pending = await deps.signIns.take(hashSecret(state));
  if (pending === undefined) throw new SignInRefusedError('unknown or used state');
  const now = deps.clock.now();
  if (now.getTime() - Date.parse(pending.createdAt) > SIGN_IN_SECONDS * 1000)
    throw new SignInRefusedError('sign-in took too long');
  let member: StaffMember | undefined;
  try {
    const identity = await deps.provider.redeem(callback.query, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
    if (identity.email === undefined || !identity.emailVerified)
      throw new SignInRefusedError('the provider vouches for no verified email', true);
    member = await deps.staff.findByEmail(identity.email);
    // The reason only: the email of someone not on the staff is not kept for the audit log's two years.
    if (member === undefined) throw new NotStaffError('not on the staff');
    if (member.grants.length === 0) throw new NotStaffError('no grant');
    const session = newSessionId();
    await deps.sessions.create(session.hash, {
      staffId: member.id,
      email: member.email,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000).toISOString(),
    });
    await deps.audit.append(auditEntry(deps, member, 'sign-in'));
    return { sessionId: session.id, member, returnTo: pending.returnTo || homePath(member.grants) };
  } catch (error) {
    if ((error instanceof SignInRefusedError && error.authenticated) || error instanceof NotStaffError)
      await deps.audit.append(auditEntry(deps, member, 'sign-in-failed', error.reason));
    throw error;
  }
}

/**
 * Signs out: ends the session (when the request had one) and says where the browser ends the
 * provider's session. Signing out without a session still leads there, so a session that expired
 * on a shared computer does not leave the provider's open.
 */
export async function signOut(
  deps: Pick<StaffSignInDeps, 'sessions' | 'audit' | 'clock' | 'provider'>,
  signedIn: { readonly member: StaffMember; readonly sessionHash: string } | undefined,
): Promise<{ readonly endSessionUrl: string }> {
  if (signedIn !== undefined) {
    await deps.sessions.end(signedIn.sessionHash);
    await deps.audit.append(auditEntry(deps, signedIn.member, 'sign-out'));
  }
  return { endSessionUrl: await deps.provider.endSessionUrl() };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function auditEntry(
  deps: { readonly clock: Clock },
  member: StaffMember | undefined,
  action: 'sign-in' | 'sign-in-failed' | 'sign-out',
  detail?: string,
): AuditEvent {
  return {
    at: deps.clock.now().toISOString(),
    actor: member?.id ?? UNKNOWN_ACTOR,
    ...(member === undefined ? {} : { actorEmail: member.email }),
    action,
    ...(detail === undefined ? {} : { detail }),
  };
}
