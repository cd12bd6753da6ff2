/**
 * Where a staff member lands once signed in: a path of this site, never another site's address.
 * One function for every place that names such a path (the sign-in's `next`, the sign-in link of
 * the 401 page), so the rule cannot drift between them: a path that merely starts with one slash
 * is not enough, as `/.//evil.example` resolves to `//evil.example`, another host.
 */

/** Where a signed-in member lands when the sign-in named nowhere (or nowhere acceptable). */
export const DEFAULT_RETURN_TO = '/dashboard';

/** Steps of signing in and out: never where a sign-in lands (the callback's would loop, its query a spent code). */
const SIGN_IN_PATHS = /^\/(sign-in|sign-out|auth\/callback)(?=$|[/?])/;

/** What a path may be made of: its own characters and percent escapes, never a backslash or a control character. */
const PATH_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*$/;

/** A path of this site: one slash, then anything but a second slash or a backslash (`//host`, `/\host`). */
const OWN_PATH = /^\/(?![/\\])/;

/** An origin no request can have: resolving against it shows whether a path would leave the site. */
const PLACEHOLDER_ORIGIN = 'https://prepost.invalid';

/**
 * The path (and query) if `next` is one of this site's pages (`/dashboard?programme=x`), else
 * undefined: never a URL, a scheme-relative `//host`, a backslash some browsers read as a slash,
 * nor a path whose dot segments resolve to one of those (`/.//host`, `/x/..//host`, `/%2e//host`);
 * nor a step of signing in or out. What comes back is the resolved path, as the browser will read it.
 */
export function localPath(next: string | undefined): string | undefined {
  if (next === undefined || next.length > 512) return undefined;
  if (!OWN_PATH.test(next) || !PATH_CHARACTERS.test(next)) return undefined;
  const resolved = new URL(next, PLACEHOLDER_ORIGIN);
  // The resolved path is what the Location header will carry: it is the one checked.
  const path = `${resolved.pathname}${resolved.search}`;
  if (resolved.origin !== PLACEHOLDER_ORIGIN || !OWN_PATH.test(path) || path.includes('\\')) return undefined;
  return SIGN_IN_PATHS.test(resolved.pathname) ? undefined : path;
}
