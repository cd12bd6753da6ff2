/**
 * GET /sign-in?token=T: turns an evaluator's sign-in link into an HttpOnly session cookie and
 * redirects to the dashboard, so the token leaves the address bar at once.
 */
import middy from '@middy/core';
import { defaultDeps } from '#adapters/default-deps.ts';
import type { TokenStore } from '#ports/store.ts';
import { SESSION_COOKIE, requireEvaluator } from '#shared/evaluator-auth.ts';
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
      const host = header(event, 'host') ?? '';
      // Browsers accept Secure cookies on http://localhost only; everywhere else the API is https.
      const secure = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host) ? '' : '; Secure';
      return {
        statusCode: 303,
        headers: { location: '/dashboard', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
        // Lax, not Strict: evaluators open this link from mail or chat, and a Strict cookie set on a
        // cross-site navigation is not sent on its own redirect. Every cookie-authenticated route is a read-only GET.
        cookies: [`${SESSION_COOKIE}=${token ?? ''}; HttpOnly; SameSite=Lax; Path=/; Max-Age=43200${secure}`],
        body: '',
      };
    });
}

export const handler = makeSignInHandler(defaultDeps());
