/**
 * The local HTTP server: every route of `lib/routes.ts` served by its handler, built by the same
 * factory the Lambda entry calls, around the local stack's deps.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routes, type HandlerName } from '#lib/routes.ts';
import type { Deps } from '#adapters/deps.ts';
import { makeGetDashboardHandler } from '#handlers/get-dashboard.ts';
import { makeGetImpactHandler } from '#handlers/get-impact.ts';
import { makeGetSurveyHandler } from '#handlers/get-survey.ts';
import { makeSignInHandler } from '#handlers/sign-in.ts';
import { makeSubmitSurveyHandler } from '#handlers/submit-survey.ts';
import { logger } from '#shared/logger.ts';
import { localContext, matchRoute, readRequestBody, toEvent, writeResult, type HttpHandler } from './http-adapter.ts';

/** A listening local server. */
export interface LocalServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Each route's handler, built around the given deps (a record, so a new route fails to compile until added). */
export function buildHandlers(deps: Deps): ReadonlyMap<HandlerName, HttpHandler> {
  const factories: Record<HandlerName, (deps: Deps) => HttpHandler> = {
    'get-survey': makeGetSurveyHandler,
    'submit-survey': makeSubmitSurveyHandler,
    'get-impact': makeGetImpactHandler,
    'get-dashboard': makeGetDashboardHandler,
    'sign-in': makeSignInHandler,
  };
  return new Map(routes.map((route) => [route.handler, factories[route.handler](deps)]));
}

/** Starts the server on host:port (port 0 picks a free one). */
export async function startLocalServer(
  handlers: ReadonlyMap<HandlerName, HttpHandler>,
  host: string,
  port: number,
): Promise<LocalServer> {
  const server = createServer((request, response) => {
    void (async () => {
      // A fixed base: the Host header is the client's to send and may not be a valid host.
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (request.method === 'GET' && url.pathname === '/') {
        writeResult(response, { statusCode: 302, headers: { location: '/dashboard' } });
        return;
      }
      const matched = matchRoute(routes, request.method ?? 'GET', url.pathname);
      const handler = matched === undefined ? undefined : handlers.get(matched.route.handler);
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
      const result = await handler(
        toEvent(request, url, matched.route, matched.params, body),
        localContext(matched.route.handler),
      );
      writeResult(response, result);
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
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
