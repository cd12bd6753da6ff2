/**
 * GET /sign-in?token=T: turns an evaluator's sign-in link into an HttpOnly session cookie and
 * redirects to the dashboard, so the token leaves the address bar at once.
 */
import middy from '@middy/core';
import type { TokenStore } from '#ports/store.ts';
import { requireEvaluator, sessionCookie } from '#shared/evaluator-auth.ts';
import { header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { httpErrors } from '#shared/http-errors.ts';

export interface SignInDeps {
  readonly tokens: TokenStore;
}

/** Builds the handler around its ports. */
export function makeSignInHandler(deps: SignInDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors('sign-in'))
    .handler(async (event) => {
      const token = event.queryStringParameters?.token;
      await requireEvaluator(deps.tokens, token);
      return {
        statusCode: 303,
        headers: { location: '/dashboard', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        cookies: [sessionCookie(token ?? '', header(event, 'host'))],
        body: '',
      };
    });
}
