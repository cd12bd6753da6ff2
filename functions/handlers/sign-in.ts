/**
 * GET /sign-in[?next=/path]: starts a staff sign-in. Sends the browser to the OpenID Connect
 * provider's authorization endpoint (Cognito's managed login in AWS, the local provider in
 * `npm start`) with PKCE, `state` and `nonce`, and binds the state to this browser with a cookie.
 * `next` is where to land once signed in: a path of this site, or the dashboard.
 */
import middy from '@middy/core';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { signInStateCookie } from '#shared/sign-in-state.ts';
import { startSignIn, type StaffSignInDeps } from '#use-cases/staff-sign-in.ts';

export type SignInHandlerDeps = Pick<StaffSignInDeps, 'signIns' | 'clock' | 'provider'>;

/** Builds the handler around its ports. */
export function makeSignInHandler(deps: SignInHandlerDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(staffErrors())
    .handler(async (event) => {
      const { url, state } = await startSignIn(deps, event.queryStringParameters?.next);
      return {
        statusCode: 303,
        headers: { location: url, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        cookies: [signInStateCookie(state)],
      };
    });
}
