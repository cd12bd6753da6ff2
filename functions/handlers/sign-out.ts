/**
 * POST /sign-out: ends the staff session (the table's record and the cookie), then sends the
 * browser on to end the provider's session: its end-session endpoint from discovery, or for
 * Cognito, which publishes none, its `/logout` URL. Only from this site's own pages: a POST from
 * another site (which could sign people out at will) is refused.
 */
import middy from '@middy/core';
import type { OidcSettings } from '#adapters/openid-client-provider.ts';
import { openIdProvider, requireOidcSettings } from '#adapters/openid-client-provider.ts';
import { ForbiddenError } from '#shared/errors.ts';
import { header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { httpErrors } from '#shared/http-errors.ts';
import { clearedSessionCookie, findSignedIn, type StaffSessionDeps } from '#shared/staff-session.ts';
import { signOut, type StaffSignInDeps } from '#use-cases/staff-sign-in.ts';
import { renderSignedOut } from '#web/sign-out-page.ts';

export interface SignOutDeps extends StaffSessionDeps, Pick<StaffSignInDeps, 'audit'> {
  readonly oidc?: OidcSettings | undefined;
}

/** Builds the handler around its ports. */
export function makeSignOutHandler(deps: SignOutDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  const settings = requireOidcSettings(deps.oidc);
  const provider = openIdProvider(settings);
  // This site's origin, from its registered callback: never from the request's own Host header.
  const origin = new URL(settings.redirectUri).origin;
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors('dashboard'))
    .handler(async (event) => {
      if (header(event, 'sec-fetch-site') !== 'same-origin' && header(event, 'origin') !== origin)
        throw new ForbiddenError('sign-out posted from another site');
      const { endSessionUrl } = await signOut({ ...deps, provider }, await findSignedIn(deps, event));
      const page = renderSignedOut(endSessionUrl, header(event, 'accept-language'));
      return { ...page, cookies: [clearedSessionCookie()] };
    });
}
