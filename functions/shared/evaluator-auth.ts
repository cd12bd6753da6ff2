/**
 * Evaluator authentication: a bearer token (API) or the same token in an HttpOnly session
 * cookie (dashboard, set by the sign-in link). Tokens are stored only as hashes.
 */
import type { TokenStore } from '#ports/store.ts';
import { hashToken } from './codes.ts';
import { UnauthorisedError } from './errors.ts';
import { header, type HttpEvent } from './http.ts';

/** The evaluator session cookie's name. */
export const SESSION_COOKIE = 'prepost_evaluator';

/** The token a request presents, from `Authorization: Bearer` or the session cookie. */
export function presentedToken(event: HttpEvent): string | undefined {
  const authorization = header(event, 'authorization');
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer !== undefined) return bearer;
  for (const cookie of event.cookies ?? []) {
    const [name, ...value] = cookie.split('=');
    if (name?.trim() === SESSION_COOKIE) return value.join('=').trim();
  }
  return undefined;
}

/** Throws 401 unless the token is a known evaluator token. */
export async function requireEvaluator(tokens: TokenStore, token: string | undefined): Promise<void> {
  if (token === undefined || token.length < 20 || token.length > 200) throw new UnauthorisedError('no token');
  if (!(await tokens.hasToken(hashToken(token)))) throw new UnauthorisedError('unknown token');
}
