/**
 * GET /auth/callback: where the OpenID Connect provider sends the browser back. The state must be
 * this browser's and unused; the code is redeemed with its PKCE verifier and the ID token checked
 * (signature against the provider's keys, issuer, audience, expiry, nonce); its verified email
 * must be a staff member's with a grant. Then a new session cookie, and on to where the sign-in
 * started. Anything refused is a 401 (403 for someone not on the staff); the audit log has those of
 * people the provider authenticated.
 */
import type { MiddlewareObj } from '@middy/core';
import middy from '@middy/core';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { clearedSignInStateCookie, SIGN_IN_COOKIE } from '#shared/sign-in-state.ts';
import { requestCookie, sessionCookie } from '#shared/staff-session.ts';
import { finishSignIn, type StaffSignInDeps } from '#use-cases/staff-sign-in.ts';

export type SignInCallbackDeps = StaffSignInDeps;

/** Builds the handler around its ports. */
export function makeSignInCallbackHandler(deps: SignInCallbackDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return (
    middy<HttpEvent, HttpResult>()
      // Before the error pages, so that it runs after them and clears the state on a refusal too.
      .use(clearStateOnError())
      .use(staffErrors())
      .handler(async (event) => {
        const { sessionId, returnTo } = await finishSignIn(deps, {
          state: event.queryStringParameters?.state,
          stateCookie: requestCookie(event, SIGN_IN_COOKIE),
          query: event.rawQueryString,
        });
        return {
          statusCode: 303,
          headers: { location: returnTo, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
          cookies: [sessionCookie(sessionId), clearedSignInStateCookie()],
        };
      })
  );
}

/** The state cookie is spent whatever the outcome: a refused callback removes it too. */
function clearStateOnError(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: (request) => {
      if (request.response === undefined || request.response === null) return;
      request.response = {
        ...request.response,
        cookies: [...(request.response.cookies ?? []), clearedSignInStateCookie()],
      };
    },
  };
}
