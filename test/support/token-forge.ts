/**
 * A tiny OpenID Connect provider that answers the code exchange with whatever ID token the test
 * made: expired, signed by another key, unsigned, for another audience or issuer. The real
 * provider (oidc-provider, Cognito) will not mint those on demand, so this fakes only that; the
 * relying party under test is the real one, talking HTTP to it as to Cognito (discovery, JWKS,
 * token endpoint). It is shaped as Cognito is: endpoints under `/oauth2/`, a refresh token with
 * every code, a revocation endpoint (`/oauth2/revoke`) and an end-session one (`/logout`) that its
 * discovery document does not name.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** A running forge. */
export interface TokenForge {
  /** `http://127.0.0.1:PORT`: a loopback http issuer, which the relying party accepts. */
  readonly issuer: string;
  /** The ID token the token endpoint answers with next (the test sets it before the callback). */
  nextIdToken: string | undefined;
  /** The forms of the token requests (to check the PKCE verifier sent). */
  readonly tokenRequests: URLSearchParams[];
  /** The forms posted to the revocation endpoint. */
  readonly revocations: URLSearchParams[];
  /** The refresh tokens issued so far. */
  readonly refreshTokens: string[];
  /** An ID token signed with the published key (or `key`), with the published key's id. */
  sign(claims: JWTPayload, key?: CryptoKey): Promise<string>;
  /** An unsigned token (`alg: none`). */
  unsigned(claims: JWTPayload): string;
  /** A key the forge does not publish. */
  otherKey(): Promise<CryptoKey>;
  close(): Promise<void>;
}

/** Starts a forge on a free loopback port. */
export async function startTokenForge(): Promise<TokenForge> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'forge-key';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' }] };
  const tokenRequests: URLSearchParams[] = [];
  const revocations: URLSearchParams[] = [];
  const refreshTokens: string[] = [];
  let issuer = '';
  const forge: { nextIdToken: string | undefined } = { nextIdToken: undefined };

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (path === '/.well-known/openid-configuration') {
      json(200, {
        issuer,
        authorization_endpoint: `${issuer}/oauth2/authorize`,
        token_endpoint: `${issuer}/oauth2/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
      });
      return;
    }
    if (path === '/jwks') {
      json(200, jwks);
      return;
    }
    if ((path === '/oauth2/token' || path === '/oauth2/revoke') && request.method === 'POST') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        if (path === '/oauth2/revoke') {
          revocations.push(form);
          response.writeHead(200).end();
          return;
        }
        tokenRequests.push(form);
        const idToken = forge.nextIdToken;
        if (idToken === undefined) {
          json(400, { error: 'invalid_grant' });
          return;
        }
        const refreshToken = `forged-refresh-${refreshTokens.length + 1}`;
        refreshTokens.push(refreshToken);
        json(200, {
          access_token: 'forged-access',
          token_type: 'Bearer',
          expires_in: 3600,
          id_token: idToken,
          refresh_token: refreshToken,
        });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return Object.assign(forge, {
    issuer,
    tokenRequests,
    revocations,
    refreshTokens,
    sign: (claims: JWTPayload, key: CryptoKey = privateKey) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key),
    unsigned: (claims: JWTPayload) => `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`,
    otherKey: async () => (await generateKeyPair('RS256')).privateKey,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
