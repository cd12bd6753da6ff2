/**
 * What the staff routes check about a request before anything else, on events as API Gateway
 * sends them: whether a form comes from a page of this site (the origin the browser names, over
 * HTTPS unless the local server says HTTP), and where the 401 page's sign-in link returns to
 * (only ever a path of this site).
 */
import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { UnauthorisedError } from '#shared/errors.ts';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { fromThisSite, siteOrigin } from '#shared/same-origin.ts';
import { localContext } from '#local/http-adapter.ts';

function event(options: {
  readonly path?: string;
  readonly query?: string;
  readonly headers?: Record<string, string>;
}): HttpEvent {
  return {
    version: '2.0',
    routeKey: 'GET /staff',
    rawPath: options.path ?? '/staff',
    rawQueryString: options.query ?? '',
    headers: options.headers ?? {},
    requestContext: {
      domainName: 'prepost.example.org',
      http: { method: 'POST', path: options.path ?? '/staff', protocol: 'HTTP/1.1', sourceIp: '', userAgent: '' },
    },
    isBase64Encoded: false,
  } as HttpEvent;
}

describe('fromThisSite', () => {
  it('takes Sec-Fetch-Site: same-origin, or an Origin equal to the site’s (HTTPS behind API Gateway)', () => {
    expect(siteOrigin(event({}))).toBe('https://prepost.example.org');
    expect(fromThisSite(event({ headers: { 'sec-fetch-site': 'same-origin' } }))).toBe(true);
    expect(fromThisSite(event({ headers: { origin: 'https://prepost.example.org' } }))).toBe(true);
    const local = event({ headers: { origin: 'http://prepost.example.org', 'x-forwarded-proto': 'http' } });
    expect(fromThisSite(local)).toBe(true);
  });

  it('refuses another site, a sibling site, plain HTTP claimed by no proxy, and a request that says nothing', () => {
    const refused: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://sub.prepost.example.org' },
      { origin: 'https://prepost.example.org.attacker.example' },
      { origin: 'http://prepost.example.org' },
      { origin: 'null' },
      {},
    ];
    for (const headers of refused) expect(fromThisSite(event({ headers })), JSON.stringify(headers)).toBe(false);
  });
});

describe('the 401 page’s sign-in link', () => {
  const signedOut = middy<HttpEvent, HttpResult>()
    .use(staffErrors())
    .handler(() => {
      throw new UnauthorisedError('no session');
    });
  const signInLink = async (path: string, query = ''): Promise<string> => {
    const result = await signedOut(event({ path, query }), localContext('test'));
    expect(result.statusCode).toBe(401);
    return /<a href="(\/sign-in\?next=[^"]*)"/.exec(result.body ?? '')?.[1] ?? '';
  };

  it('returns to the path and query asked for', async () => {
    expect(await signInLink('/staff/audit', 'programme=dones-mentores&since=2026-01-01')).toBe(
      `/sign-in?next=${encodeURIComponent('/staff/audit?programme=dones-mentores&since=2026-01-01')}`,
    );
  });

  it('never returns to another site: an address that is not a path of this one goes to the dashboard', async () => {
    for (const path of ['//attacker.example/staff', '/\\attacker.example', 'https://attacker.example/'])
      expect(await signInLink(path), path).toBe(`/sign-in?next=${encodeURIComponent('/dashboard')}`);
  });
});
