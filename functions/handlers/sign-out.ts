/**
 * POST /sign-out: ends the staff session (the table's record and the cookie), then sends the
 * browser on to end the provider's session: its end-session endpoint from discovery, or for
 * Cognito, which publishes none, its `/logout` URL. Without a session it still does the latter,
 * so a session that ended on a shared computer does not leave the provider's open. Only from this
 * site's own pages: a POST from another site (which could sign people out at will) is refused.
 */
import middy from '@middy/core';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { refuseCrossSitePosts } from '#shared/same-origin.ts';
import { clearedSessionCookie, findSignedIn, type StaffSessionDeps } from '#shared/staff-session.ts';
import { signOut, type StaffSignInDeps } from '#use-cases/staff-sign-in.ts';
import { renderSignedOut } from '#web/sign-out-page.ts';
import { staffFrameOf } from '#web/staff-frame.ts';

export type SignOutDeps = StaffSessionDeps & Pick<StaffSignInDeps, 'audit' | 'provider'>;

/** Builds the handler around its ports. */
export function makeSignOutHandler(deps: SignOutDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(staffErrors())
    .use(refuseCrossSitePosts())
    .handler(async (event) => {
      const { endSessionUrl } = await signOut(deps, await findSignedIn(deps, event));
      const page = renderSignedOut(staffFrameOf(event, undefined), endSessionUrl);
      return { ...page, cookies: [clearedSessionCookie()] };
    });
}
