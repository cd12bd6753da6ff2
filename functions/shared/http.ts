/**
 * HTTP plumbing shared by the handlers: the API Gateway v2 event types, body decoding with its
 * size limit, form parsing with its content-type check, and the error middleware that maps
 * {@link HttpError}s to answers and everything else to a bare 500 without details.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import { logger } from './logger.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** The largest body a participant form may have. */
export const MAX_BODY_BYTES = 16 * 1024;

/** A header by case-insensitive name (API Gateway v2 lower-cases them; local callers may not). */
export function header(event: HttpEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The raw body, refused over {@link MAX_BODY_BYTES}. */
export function readBody(event: HttpEvent, limit = MAX_BODY_BYTES): string {
  const body = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
  if (bytes.length > limit) throw new PayloadTooLargeError('body too large');
  return bytes.toString('utf8');
}

/** A urlencoded form body as fields; a field sent more than once becomes an array. */
export function parseForm(event: HttpEvent): Record<string, string | string[]> {
  const contentType = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded')
    throw new UnsupportedMediaTypeError(`content type ${contentType ?? 'missing'}`);
  // No prototype: field names such as constructor or __proto__ are just unknown fields.
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(readBody(event))) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/** Renders an expected error for this route. */
export type ErrorRenderer = (error: HttpError, event: HttpEvent) => HttpResult | Promise<HttpResult>;

/** Renders a failure (the store unreachable, a bug) for this route; by default a bare 500. */
export type FailureRenderer = (event: HttpEvent) => HttpResult;

/** Maps errors to responses in one place, so raw errors never reach a client. */
export function httpErrors(render: ErrorRenderer, failure?: FailureRenderer): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: async (request) => {
      const { error } = request;
      if (error instanceof HttpError) {
        request.response = await render(error, request.event);
        logger.info('request refused', { route: request.event.routeKey, status: error.status, error: error.name });
        return;
      }
      logFailure(request.event, error);
      request.response = failure?.(request.event) ?? {
        statusCode: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        body: 'Internal error',
      };
    },
  };
}

/**
 * Logs a failure by its class and the status AWS answered, never its message: a message may
 * quote what was being parsed or written (a draft, an answer), and logs never hold answers.
 */
export function logFailure(event: HttpEvent, error: unknown): void {
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | undefined)?.$metadata?.httpStatusCode;
  logger.error('request failed', {
    route: event.routeKey,
    error: error instanceof Error ? error.name : 'unknown',
    ...(typeof status === 'number' ? { awsStatus: status } : {}),
  });
}
