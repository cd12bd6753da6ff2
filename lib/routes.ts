/**
 * The HTTP routes and the handler module behind each: one table that the CDK app (API Gateway
 * routes, one NodejsFunction per handler) and the local server (same handler modules) both read,
 * so a route cannot exist in one and not the other. Each route says how its caller is
 * authenticated, so the API cannot get a route nobody decided how to protect.
 */

/** A handler module under `functions/handlers/`, by file name without extension. */
export type HandlerName =
  | 'get-survey'
  | 'submit-survey'
  | 'get-impact'
  | 'get-dashboard'
  | 'staff-admin'
  | 'api-tokens'
  | 'audit-log'
  | 'console'
  | 'get-summaries'
  | 'preview-summary'
  | 'sign-in'
  | 'sign-in-callback'
  | 'sign-out';

/**
 * How a route's caller is authenticated:
 * - `participant-link`: participants have no account; the unguessable link code in the path is
 *   the credential, checked by the function against the table.
 * - `api-token`: a personal API token (`Authorization: Bearer`), checked by the API authorizer
 *   (`functions/handlers/authorize-api.ts`) before the function runs: API Gateway's in AWS, the
 *   local server's in `npm start`. The function checks the programme's grant.
 * - `staff-session`: a staff session cookie, checked by the function's `staffSession`
 *   middleware, with the role and programme each request needs.
 * - `sign-in`: the OpenID Connect sign-in itself (start, callback) and sign-out, open to anyone by
 *   nature. Sign-out ends the session it finds, and the provider's even without one: a session
 *   that expired on a shared computer must not leave the provider's open for the next person.
 */
export type RouteAccess = 'participant-link' | 'api-token' | 'staff-session' | 'sign-in';

export interface Route {
  readonly method: 'GET' | 'POST';
  /** API Gateway HTTP API path, with `{param}` placeholders. */
  readonly path: string;
  readonly handler: HandlerName;
  readonly access: RouteAccess;
}

export const routes: readonly Route[] = [
  { method: 'GET', path: '/s/{code}', handler: 'get-survey', access: 'participant-link' },
  { method: 'POST', path: '/s/{code}', handler: 'submit-survey', access: 'participant-link' },
  { method: 'GET', path: '/api/impact', handler: 'get-impact', access: 'api-token' },
  { method: 'GET', path: '/dashboard', handler: 'get-dashboard', access: 'staff-session' },
  { method: 'GET', path: '/dashboard/csv', handler: 'get-dashboard', access: 'staff-session' },
  { method: 'GET', path: '/summaries', handler: 'get-summaries', access: 'staff-session' },
  { method: 'POST', path: '/summaries/preview', handler: 'preview-summary', access: 'staff-session' },
  { method: 'GET', path: '/staff', handler: 'staff-admin', access: 'staff-session' },
  { method: 'POST', path: '/staff', handler: 'staff-admin', access: 'staff-session' },
  { method: 'GET', path: '/staff/audit', handler: 'audit-log', access: 'staff-session' },
  { method: 'GET', path: '/tokens', handler: 'api-tokens', access: 'staff-session' },
  // The coordinators' console: each route checks manage-cohorts on the programme in its path.
  { method: 'GET', path: '/console', handler: 'console', access: 'staff-session' },
  { method: 'GET', path: '/console/{programme}', handler: 'console', access: 'staff-session' },
  { method: 'POST', path: '/console/{programme}', handler: 'console', access: 'staff-session' },
  { method: 'GET', path: '/console/{programme}/{cohort}', handler: 'console', access: 'staff-session' },
  { method: 'POST', path: '/console/{programme}/{cohort}', handler: 'console', access: 'staff-session' },
  { method: 'POST', path: '/tokens', handler: 'api-tokens', access: 'staff-session' },
  { method: 'GET', path: '/sign-in', handler: 'sign-in', access: 'sign-in' },
  { method: 'GET', path: '/auth/callback', handler: 'sign-in-callback', access: 'sign-in' },
  // Refuses posts from other sites; ends the session it finds, and the provider's whether or not it finds one.
  { method: 'POST', path: '/sign-out', handler: 'sign-out', access: 'sign-in' },
];

/**
 * Handlers run on a schedule rather than behind a route, or (`aggregate-cohort`) on the messages
 * the scheduled `aggregate` plans.
 */
export type ScheduledHandlerName = 'aggregate' | 'aggregate-cohort' | 'publish-summaries';

/** The API Gateway Lambda authorizer of the `api-token` routes. */
export type AuthorizerHandlerName = 'authorize-api';
