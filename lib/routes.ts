/**
 * The HTTP routes and the handler module behind each: one table that the CDK app (API Gateway
 * routes, one NodejsFunction per handler) and the local server (same handler modules) both read,
 * so a route cannot exist in one and not the other.
 */

/** A handler module under `functions/handlers/`, by file name without extension. */
export type HandlerName = 'get-survey' | 'submit-survey' | 'get-impact' | 'get-dashboard' | 'sign-in';

export interface Route {
  readonly method: 'GET' | 'POST';
  /** API Gateway HTTP API path, with `{param}` placeholders. */
  readonly path: string;
  readonly handler: HandlerName;
}

export const routes: readonly Route[] = [
  { method: 'GET', path: '/s/{code}', handler: 'get-survey' },
  { method: 'POST', path: '/s/{code}', handler: 'submit-survey' },
  { method: 'GET', path: '/api/impact', handler: 'get-impact' },
  { method: 'GET', path: '/dashboard', handler: 'get-dashboard' },
  { method: 'GET', path: '/sign-in', handler: 'sign-in' },
];

/** Handlers run on a schedule rather than behind a route. */
export type ScheduledHandlerName = 'aggregate' | 'publish-summaries';
