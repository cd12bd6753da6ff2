/**
 * The local HTTP server: every route of `lib/routes.ts` served by its handler, built by the same
 * factory the Lambda entry calls, around the local stack's deps; and under its own prefix, the
 * local OpenID Connect provider staff sign in with (Cognito's stand-in), on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routes, type HandlerName } from '#lib/routes.ts';
import type { Deps } from '#adapters/deps.ts';
import type { Mailer, SummaryArchive, SummaryPublisher } from '#ports/publishing.ts';

/** The sender funder messages name locally (the outbox, previews, the demo): an address that can never deliver. */
export const LOCAL_SENDER = 'prepost <summaries@prepost.invalid>';
import { makeGetDashboardHandler } from '#handlers/get-dashboard.ts';
import { makeGetImpactHandler } from '#handlers/get-impact.ts';
import { makeGetSummariesHandler } from '#handlers/get-summaries.ts';
import { makePreviewSummaryHandler } from '#handlers/preview-summary.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { makeGetSurveyHandler } from '#handlers/get-survey.ts';
import { makeSignInCallbackHandler } from '#handlers/sign-in-callback.ts';
import { makeSignInHandler } from '#handlers/sign-in.ts';
import { makeSignOutHandler } from '#handlers/sign-out.ts';
import { makeSubmitSurveyHandler } from '#handlers/submit-survey.ts';
import { makeStaffAdminHandler } from '#handlers/staff-admin.ts';
import { makeApiTokensHandler } from '#handlers/api-tokens.ts';
import { makeAuditLogHandler } from '#handlers/audit-log.ts';
import { makeConsoleHandler } from '#handlers/console.ts';
import type { OpenIdProvider } from '#ports/sign-in.ts';
import type { IdentityDirectory } from '#ports/staff.ts';
import { makeAuthorizeApiHandler, UNAUTHORIZED } from '#handlers/authorize-api.ts';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { logger } from '#shared/logger.ts';
import { localContext, matchRoute, readRequestBody, toEvent, writeResult, type HttpHandler } from './http-adapter.ts';

/** A listening local server. */
export interface LocalServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** An application answering every path under its prefix, such as the local OpenID Connect provider. */
export interface Mount {
  /** `/oidc`: the mount answers this path and those below it. */
  readonly prefix: string;
  readonly listener: (request: IncomingMessage, response: ServerResponse) => void;
}

/** The routes' handlers, the API authorizer that runs before the `api-token` routes, and any mount. */
export interface LocalHandlers {
  readonly routes: ReadonlyMap<HandlerName, HttpHandler>;
  readonly authorizeApi?: ReturnType<typeof makeAuthorizeApiHandler>;
  readonly mount?: Mount;
}

/**
 * What the local handlers are built around: the stack's deps, where its summaries were published,
 * the accounts, and the relying party of the sign-in routes.
 */
export interface LocalServerDeps extends Deps {
  readonly summaries: SummaryArchive;
  /** Where summary previews are written: the summaries folder's `preview/`, as the bucket's in AWS. */
  readonly previews: { readonly publisher: SummaryPublisher; readonly mailer: Mailer };
  /** The OpenID Connect relying party, on the local provider. */
  readonly provider: OpenIdProvider;
  /** The local identity provider's accounts, which the staff page creates and deletes. */
  readonly directory: IdentityDirectory;
}

/** Each route's handler, built around the given deps (a record, so a new route fails to compile until added). */
export function buildHandlers(deps: LocalServerDeps): LocalHandlers {
  const factories: Record<HandlerName, (deps: LocalServerDeps) => HttpHandler> = {
    'get-survey': makeGetSurveyHandler,
    'submit-survey': makeSubmitSurveyHandler,
    'get-impact': makeGetImpactHandler,
    'get-dashboard': makeGetDashboardHandler,
    'get-summaries': makeGetSummariesHandler,
    'preview-summary': (local) =>
      makePreviewSummaryHandler({
        ...local,
        ...local.previews,
        sender: LOCAL_SENDER,
        summaryRenderer: summaryRenderer(local.catalog),
      }),
    'staff-admin': makeStaffAdminHandler,
    'api-tokens': makeApiTokensHandler,
    'audit-log': makeAuditLogHandler,
    console: makeConsoleHandler,
    'sign-in': makeSignInHandler,
    'sign-in-callback': makeSignInCallbackHandler,
    'sign-out': makeSignOutHandler,
  };
  return {
    routes: new Map(routes.map((route) => [route.handler, factories[route.handler](deps)])),
    authorizeApi: makeAuthorizeApiHandler(deps),
  };
}

/**
 * Starts the server on host:port (port 0 picks a free one). The handlers may be built once the
 * server's URL is known (`handlers` a function of it): the sign-in's redirect URI and the local
 * provider's issuer are URLs of this very server. Requests arriving meanwhile wait for them.
 */
export async function startLocalServer(
  handlers: LocalHandlers | ((url: string) => Promise<LocalHandlers>),
  host: string,
  port: number,
): Promise<LocalServer> {
  let handlersReady: (built: LocalHandlers) => void = () => undefined;
  const ready = new Promise<LocalHandlers>((resolve) => {
    handlersReady = resolve;
  });
  if (typeof handlers !== 'function') handlersReady(handlers);
  const server = createServer((request, response) => {
    void (async () => {
      const handlers = await ready;
      // A fixed base: the Host header is the client's to send and may not be a valid host.
      const url = new URL(request.url ?? '/', 'http://localhost');
      const mount = handlers.mount;
      if (mount !== undefined && (url.pathname === mount.prefix || url.pathname.startsWith(`${mount.prefix}/`))) {
        mount.listener(request, response);
        return;
      }
      if (request.method === 'GET' && url.pathname === '/') {
        writeResult(response, { statusCode: 302, headers: { location: '/dashboard' } });
        return;
      }
      const matched = matchRoute(routes, request.method ?? 'GET', url.pathname);
      const handler = matched === undefined ? undefined : handlers.routes.get(matched.route.handler);
      if (matched === undefined || handler === undefined) {
        writeResult(response, {
          statusCode: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: 'Not found',
        });
        return;
      }
      let body: Buffer | undefined;
      try {
        body = await readRequestBody(request);
      } catch (error) {
        // A phone that loses signal mid-upload: the client's doing, not a server failure.
        if (request.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          logger.info('client closed the connection before the whole body arrived', {
            route: `${matched.route.method} ${matched.route.path}`,
          });
          response.destroy();
          return;
        }
        throw error;
      }
      if (body === undefined) {
        writeResult(response, {
          statusCode: 413,
          headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
          body: 'Payload too large',
        });
        return;
      }
      const event = toEvent(request, url, matched.route, matched.params, body);
      if (matched.route.access === 'api-token') {
        const refusal = await authorize(handlers.authorizeApi, event);
        if (refusal !== undefined) {
          writeResult(response, refusal);
          return;
        }
      }
      writeResult(response, await handler(event, localContext(matched.route.handler)));
    })().catch((error: unknown) => {
      console.error(
        JSON.stringify({
          level: 'error',
          message: 'local server failure',
          error: error instanceof Error ? error.name : 'unknown',
        }),
      );
      if (!response.headersSent)
        writeResult(response, { statusCode: 500, headers: { 'content-type': 'text/plain' }, body: 'Internal error' });
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  const close = (): Promise<void> =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  if (typeof handlers === 'function') {
    try {
      handlersReady(await handlers(url));
    } catch (error) {
      await close();
      throw error;
    }
  }
  return { server, url, close };
}

/**
 * What API Gateway does with the Lambda authorizer of an `api-token` route (identity source
 * `$request.header.Authorization`, no caching, simple responses): no Authorization header, 401
 * without calling it; the authorizer failing with "Unauthorized", 401; `isAuthorized: false`,
 * 403; any other failure, 500; otherwise the request goes on with the authorizer's context at
 * `requestContext.authorizer.lambda`. Undefined when the request goes on (the event is updated).
 */
async function authorize(
  authorizeApi: LocalHandlers['authorizeApi'],
  event: HttpEvent,
): Promise<HttpResult | undefined> {
  const gatewayAnswer = (statusCode: number, message: string): HttpResult => ({
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  if (authorizeApi === undefined) return gatewayAnswer(500, 'Internal Server Error');
  const authorization = event.headers.authorization;
  if (authorization === undefined || authorization === '') return gatewayAnswer(401, 'Unauthorized');
  try {
    const result = await authorizeApi({
      version: '2.0',
      type: 'REQUEST',
      routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.routeKey.replace(' ', '')}`,
      identitySource: [authorization],
      routeKey: event.routeKey,
      rawPath: event.rawPath,
      rawQueryString: event.rawQueryString,
      cookies: event.cookies ?? [],
      headers: event.headers as Record<string, string>,
      ...(event.queryStringParameters === undefined
        ? {}
        : { queryStringParameters: event.queryStringParameters as Record<string, string> }),
      requestContext: event.requestContext,
      ...(event.pathParameters === undefined ? {} : { pathParameters: event.pathParameters as Record<string, string> }),
    });
    if (!result.isAuthorized) return gatewayAnswer(403, 'Forbidden');
    (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: result.context };
    return undefined;
  } catch (error) {
    if (error instanceof Error && error.message === UNAUTHORIZED) return gatewayAnswer(401, 'Unauthorized');
    throw error;
  }
}
