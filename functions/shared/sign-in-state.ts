/**
 * The sign-in's `state`, bound to the browser that started it: a short-lived cookie the callback
 * must bring back with the same value, so a callback URL made in another browser (login CSRF: an
 * attacker's code planted on a victim) or passed around is refused. Lives as long as a sign-in may.
 */
import { stringifySetCookie } from 'cookie';
import { SIGN_IN_SECONDS } from '#core/access.ts';

/**
 * `__Host-`: Secure, the whole site, this host only. SameSite Lax (not Strict): the callback is a
 * cross-site navigation from the provider, on which a Strict cookie would not be sent.
 */
export const SIGN_IN_COOKIE = '__Host-prepost_sign_in';

/** Set-Cookie binding the state to this browser. */
export function signInStateCookie(state: string): string {
  return stringifySetCookie(SIGN_IN_COOKIE, state, {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: SIGN_IN_SECONDS,
  });
}

/** Set-Cookie removing it once the callback has used it (or refused it). */
export function clearedSignInStateCookie(): string {
  return stringifySetCookie(SIGN_IN_COOKIE, '', {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 0,
  });
}
