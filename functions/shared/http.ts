/**
 * HTTP plumbing shared by the handlers: the API Gateway v2 event types, body decoding with its
 * size limit and form parsing with its content-type check. Errors are answered by the
 * middleware in `http-errors.ts`.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** Headers of every evaluator API answer, its refusals included: never cached, never sniffed. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

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

/**
 * A urlencoded form body as fields; a field sent more than once becomes an array. `limit` is for
 * the few staff forms that carry more than a participant's answers (a batch of links posted back).
 */
export function parseForm(event: HttpEvent, limit = MAX_BODY_BYTES): Record<string, string | string[]> {
  const contentType = header(event, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded')
    throw new UnsupportedMediaTypeError(`content type ${contentType ?? 'missing'}`);
  // No prototype: field names such as constructor or __proto__ are just unknown fields.
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(readBody(event, limit))) {
    const existing = fields[key];
    fields[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}
