/**
 * The page sign-out answers with, in the staff frame and the reader's language: prepost's session
 * has ended, and the browser goes on at once to end the provider's session too. A page that moves
 * on by itself (a `Refresh` header, with a link for a browser that does not follow it), not a
 * redirect: the sign-out form is posted from staff pages whose policy lets forms post only to this
 * site (`form-action 'self'`), and browsers apply that to every redirect that follows a form, so a
 * 303 to Cognito's domain would be blocked.
 */
import type { HttpResult } from '#shared/http.ts';
import { html } from './html.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { staffStringsFor } from './staff-strings.ts';

/** The signed-out page, moving on to `next` (the provider's end-session URL). */
export function renderSignedOut(frame: StaffFrame, next: string): HttpResult {
  const strings = staffStringsFor(frame.language);
  const title = strings['error.signedOutTitle'];
  const content = html`<h1>${title}</h1><p>${strings['signOut.provider']}</p>
<p><a href="${next}">${strings['signOut.continue']}</a></p>`;
  const page = staffPageResult(200, frame, title, content, { narrow: true });
  return { ...page, headers: { ...page.headers, refresh: `0;url=${next}` } };
}
