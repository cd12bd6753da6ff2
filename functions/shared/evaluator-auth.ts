/**
 * Evaluator authentication: a bearer token (API) or the same token in an HttpOnly session
 * cookie (dashboard, set by the sign-in link). Tokens are stored only as hashes.
 */
import { parseCookie, stringifySetCookie } from 'cookie';
import type { TokenStore } from '#ports/store.ts';
import { hashToken } from './codes.ts';
import { UnauthorisedError } from './errors.ts';
import { header, type HttpEvent } from './http.ts';

/** The evaluator session cookie's name. */
export const SESSION_COOKIE = 'prepost_evaluator';

/** How long a dashboard session lasts: 12 hours, a working day. */
const SESSION_SECONDS = 43200;

/**
 * The Set-Cookie value that opens a dashboard session for a token the sign-in link presented:
 * HttpOnly (no script reads it), for the whole site, 12 hours, Secure except on localhost.
 */
export function sessionCookie(token: string, host: string | undefined): string {
  // Browsers accept Secure cookies on http://localhost only; everywhere else the API is https.
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host ?? '');
  return stringifySetCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    // Lax, not Strict: evaluators open the sign-in link from mail or chat, and a Strict cookie set
    // on a cross-site navigation is not sent on its own redirect. Every cookie-authenticated
    // route is a read-only GET.
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_SECONDS,
    secure: !local,
  });
}

/** The token a request presents, from `Authorization: Bearer` or the session cookie. */
export function presentedToken(event: HttpEvent): string | undefined {
  const authorization = header(event, 'authorization');
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer !== undefined) return bearer;
  // API Gateway hands over the Cookie header split into pairs; the first session cookie wins. A
  // malformed header yields no token (a 401), never an exception.
  return event.cookies === undefined ? undefined : parseCookie(event.cookies.join('; '))[SESSION_COOKIE];
}

/** Throws 401 unless the token is a known evaluator token. */
export async function requireEvaluator(tokens: TokenStore, token: string | undefined): Promise<void> {
  if (token === undefined || token.length < 20 || token.length > 200) throw new UnauthorisedError('no token');
  if (!(await tokens.hasToken(hashToken(token)))) throw new UnauthorisedError('unknown token');
}
