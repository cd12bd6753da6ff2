/**
 * The evaluator's token travels as a bearer token or in the session cookie the sign-in link sets.
 * Cookies are read and written by the `cookie` package: a malformed Cookie header gives no token
 * (a 401), never an exception (a 500), and the session cookie keeps its attributes.
 */
import { describe, expect, it } from 'vitest';
import type { TokenStore } from '#ports/store.ts';
import { hashToken } from '#shared/codes.ts';
import { UnauthorisedError } from '#shared/errors.ts';
import { presentedToken, requireEvaluator, SESSION_COOKIE, sessionCookie } from '#shared/evaluator-auth.ts';
import type { HttpEvent } from '#shared/http.ts';

const TOKEN = `${'A'.repeat(20)}-_0123456789abcdefXYZ`;

/** A request with these headers and (as API Gateway splits the Cookie header) these cookies. */
function request(headers: Record<string, string>, cookies?: string[]): HttpEvent {
  return { headers, ...(cookies === undefined ? {} : { cookies }) } as HttpEvent;
}

/** A token store that knows one token. */
const tokens: TokenStore = {
  putToken: async () => undefined,
  hasToken: async (hash) => hash === hashToken(TOKEN),
};

describe('presentedToken', () => {
  it('takes a bearer token first, then the session cookie among others', () => {
    expect(presentedToken(request({ authorization: `Bearer ${TOKEN}` }, [`${SESSION_COOKIE}=other`]))).toBe(TOKEN);
    expect(presentedToken(request({}, ['theme=dark', `${SESSION_COOKIE}=${TOKEN}`, 'b=2']))).toBe(TOKEN);
    expect(presentedToken(request({}, [` ${SESSION_COOKIE} = ${TOKEN} `]))).toBe(TOKEN);
    expect(presentedToken(request({}))).toBeUndefined();
  });

  it('keeps the first of two session cookies, as before', () => {
    expect(presentedToken(request({}, [`${SESSION_COOKIE}=${TOKEN}`, `${SESSION_COOKIE}=second`]))).toBe(TOKEN);
  });

  it('gives no token, without throwing, for malformed cookies', () => {
    for (const cookies of [['='], [';;;'], [SESSION_COOKIE], ['%'], ['\u0000'], ['__proto__=1'], [`${SESSION_COOKIE}`]])
      expect(presentedToken(request({}, cookies)), JSON.stringify(cookies)).toBeUndefined();
    // A broken percent escape is kept as written: a token that no hash will match.
    expect(presentedToken(request({}, [`${SESSION_COOKIE}=%E0%A4%A`]))).toBe('%E0%A4%A');
  });

  it('answers 401 for whatever a malformed cookie yields', async () => {
    for (const cookies of [
      ['='],
      [`${SESSION_COOKIE}=%E0%A4%A`],
      [`${SESSION_COOKIE}="${TOKEN}`],
      [`${SESSION_COOKIE}=`],
    ])
      await expect(requireEvaluator(tokens, presentedToken(request({}, cookies)))).rejects.toBeInstanceOf(
        UnauthorisedError,
      );
    await expect(requireEvaluator(tokens, presentedToken(request({}, [`${SESSION_COOKIE}=${TOKEN}`])))).resolves.toBe(
      undefined,
    );
  });
});

describe('sessionCookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, 12 hours, and Secure except on localhost', () => {
    const attributes = (cookie: string): string[] => cookie.split('; ').slice(1).sort();
    const remote = sessionCookie(TOKEN, 'abc.execute-api.eu-west-1.amazonaws.com');
    expect(remote.split('; ')[0]).toBe(`${SESSION_COOKIE}=${TOKEN}`);
    expect(attributes(remote)).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax', 'Secure']);
    for (const host of ['localhost', 'localhost:3000', '127.0.0.1:8080', '[::1]:3000'])
      expect(attributes(sessionCookie(TOKEN, host)), host).toEqual([
        'HttpOnly',
        'Max-Age=43200',
        'Path=/',
        'SameSite=Lax',
      ]);
    expect(attributes(sessionCookie(TOKEN, undefined))).toContain('Secure');
    expect(attributes(sessionCookie(TOKEN, 'localhost.example.org'))).toContain('Secure');
  });

  it('is read back by presentedToken', () => {
    const [pair = ''] = sessionCookie(TOKEN, 'localhost').split('; ');
    expect(presentedToken(request({}, [pair]))).toBe(TOKEN);
  });
});
