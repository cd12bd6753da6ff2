/**
 * Behind CloudFront (the deployed stack, `PUBLIC_ORIGIN`), the request's host is the API's
 * execute-api address: links and the same-site check must use the address browsers see.
 * A file of its own, since `PUBLIC_ORIGIN` is read once when the module loads.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '#shared/http.ts';

type SameOrigin = typeof import('#shared/same-origin.ts');
let sameOrigin: SameOrigin;

beforeAll(async () => {
  vi.stubEnv('PUBLIC_ORIGIN', 'https://d111111abcdef8.cloudfront.net/');
  vi.resetModules();
  sameOrigin = await import('#shared/same-origin.ts');
  vi.unstubAllEnvs();
});

function event(headers: Record<string, string>): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'POST /console',
    rawPath: '/console',
    rawQueryString: '',
    headers,
    isBase64Encoded: false,
    requestContext: {
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      http: { method: 'POST', path: '/console', protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
    },
  } as unknown as HttpEvent;
}

describe('siteOrigin behind CloudFront', () => {
  it('is PUBLIC_ORIGIN (without its trailing slash), not the execute-api host the request reached', () => {
    expect(sameOrigin.siteOrigin(event({}))).toBe('https://d111111abcdef8.cloudfront.net');
  });

  it("takes a browser's Origin of the distribution as this site, and refuses the execute-api address", () => {
    expect(sameOrigin.fromThisSite(event({ origin: 'https://d111111abcdef8.cloudfront.net' }))).toBe(true);
    expect(sameOrigin.fromThisSite(event({ origin: 'https://abc123.execute-api.eu-west-1.amazonaws.com' }))).toBe(
      false,
    );
  });
});
