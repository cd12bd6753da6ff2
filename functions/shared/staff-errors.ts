/**
 * How the staff pages answer errors: the row of the one table (`http-errors.ts`) as a page in the
 * reader's language, a 401 with a link to sign in and come back, a 403 in the frame of the
 * signed-in member. A module of its own so that only the staff functions bundle the staff pages.
 */
import type { MiddlewareObj } from '@middy/core';
import { SignInRefusedError } from '#core/errors.ts';
import { DEFAULT_RETURN_TO, localPath } from '#core/return-path.ts';
import { html } from '#web/html.ts';
import { staffFrameOf, staffMessageResult } from '#web/staff-frame.ts';
import { STAFF_STRINGS } from '#web/staff-strings.ts';
import { UnauthorisedError } from './errors.ts';
import type { HttpEvent, HttpResult } from './http.ts';
import { answeredBy } from './http-errors.ts';
import type { StaffContext } from './staff-session.ts';

/** Answers errors on the staff pages. */
export function staffErrors(): MiddlewareObj<HttpEvent, HttpResult, Error, StaffContext> {
  return answeredBy<StaffContext>((row, error, event, context) => {
    // Signed in (a 403): the page keeps the header and the pages the member may open.
    const frame = staffFrameOf(event, context.staff?.member);
    const signIn =
      error instanceof UnauthorisedError || error instanceof SignInRefusedError
        ? html`<p><a href="/sign-in?next=${encodeURIComponent(returnPath(event))}">${
            STAFF_STRINGS[frame.language]['error.signIn']
          }</a></p>`
        : '';
    return staffMessageResult(row.status, frame, row.staff.title, row.staff.message, signIn);
  });
}

/**
 * Where signing in returns to: the path and query that were asked for, by the one rule of what a
 * sign-in may return to ({@link localPath}); a refused sign-in step starts again from the dashboard
 * (the callback's query is a spent code).
 */
function returnPath(event: HttpEvent): string {
  return localPath(`${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`) ?? DEFAULT_RETURN_TO;
}
