/**
 * Staff forms change who may see what, so a form posted from another site must not act with the
 * reader's session. The SameSite=Lax cookie already stays home on such a post; this refuses it
 * as well, by what the browser says of the request's origin (headers a page cannot forge).
 */
import type { MiddlewareObj } from '@middy/core';
import { optionalEnv } from './env.ts';
import { CrossSiteRequestError } from './errors.ts';
import { header, type HttpEvent, type HttpResult } from './http.ts';

/**
 * The origin browsers use when the API sits behind a distribution (`PUBLIC_ORIGIN`, set by the
 * PipelineStack to the CloudFront address whose web ACL guards the API): there the request's own
 * host is the API's execute-api address, which links must not send people to. Read once.
 */
const publicOrigin = optionalEnv('PUBLIC_ORIGIN')?.replace(/\/+$/, '');

/**
 * This site's origin as the browser names it: `PUBLIC_ORIGIN` when deployed behind CloudFront,
 * else the request's host. API Gateway answers HTTPS only and says so in X-Forwarded-Proto, as
 * the local server does for its plain HTTP.
 */
export function siteOrigin(event: HttpEvent): string {
  if (publicOrigin !== undefined) return publicOrigin;
  const protocol = header(event, 'x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() || 'https';
  return `${protocol}://${event.requestContext.domainName}`;
}

/**
 * Whether a request comes from a page of this site: `Sec-Fetch-Site: same-origin`, or for a
 * browser without Fetch Metadata, an Origin header equal to this site's.
 */
export function fromThisSite(event: HttpEvent): boolean {
  if (header(event, 'sec-fetch-site') === 'same-origin') return true;
  const origin = header(event, 'origin');
  return origin !== undefined && origin === siteOrigin(event);
}

/** Middleware of the staff routes that take forms: a POST from another site is refused (403). */
export function refuseCrossSitePosts(): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: (request) => {
      const { event } = request;
      if (event.requestContext.http.method === 'POST' && !fromThisSite(event))
        throw new CrossSiteRequestError('cross-site post');
    },
  };
}
