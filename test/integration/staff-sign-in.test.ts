/**
 * Staff sign-in over HTTP, as a browser does it: the whole authorization code flow against the
 * local stack's in-process OpenID Connect provider (discovery, PKCE, the login form, code exchange,
 * the ID token checked against the provider's JWKS), the session it opens, sign-out, and every
 * refusal the issue lists, each a 401 (or 403), never a 500; with an audit entry when the provider
 * had authenticated someone, and none for what anyone can send without an account. ID tokens the
 * real provider will not mint (expired, forged, unsigned, for another audience or issuer) come
 * from a token forge the relying party is pointed at instead.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditAction, AuditEvent, Grant, StaffMember } from '#core/access.ts';
import { localPath } from '#core/return-path.ts';
import { openIdProvider } from '#adapters/openid-client-provider.ts';
import { makeSignInCallbackHandler } from '#handlers/sign-in-callback.ts';
import { makeSignInHandler } from '#handlers/sign-in.ts';
import { makeSignOutHandler } from '#handlers/sign-out.ts';
import { startLocalServer, type LocalServer } from '#local/server.ts';
import { startLocalStack, type LocalStack } from '#local/stack.ts';
import { SESSION_COOKIE } from '#shared/staff-session.ts';
import { SIGN_IN_COOKIE } from '#shared/sign-in-state.ts';
import { startTestStack } from '../support/stack.ts';
import { addMember } from '../support/staff.ts';
import { startTokenForge, type TokenForge } from '../support/token-forge.ts';
import { WebClient } from '../support/web-client.ts';

const PROGRAMME = 'dones-mentores';
const EVALUATOR: readonly Grant[] = [{ role: 'evaluator', programme: PROGRAMME }];

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack?.stop();
});

interface Staff {
  readonly member: StaffMember;
  readonly password: string;
}

/** A staff member with the grants and a local account. */
async function staffWith(on: LocalStack, grants: readonly Grant[]): Promise<Staff> {
  const member = await addMember(on.deps, grants);
  const { password } = await on.directory.createAccount(member.email);
  return { member, password };
}

/** From /sign-in to the provider's login form, and the form posted: the provider's answer. */
async function postLogin(client: WebClient, email: string, password: string, next?: string): Promise<Response> {
  const start = await client.request(next === undefined ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  expect(start.status).toBe(303);
  const loginPage = await client.follow(start);
  expect(loginPage.status).toBe(200);
  const action = /<form method="post" action="([^"]+)"/.exec(await loginPage.text())?.[1];
  if (action === undefined) throw new Error('no login form');
  return client.request(action, { form: { email, password } });
}

/** The callback URL the provider sends the browser back to, once the login form is accepted. */
async function callbackUrl(client: WebClient, email: string, password: string, next?: string): Promise<string> {
  const loggedIn = await postLogin(client, email, password, next);
  expect(loggedIn.status).toBe(303);
  const toCallback = await client.follow(loggedIn, (url) => url.pathname === '/auth/callback');
  const location = toCallback.headers.get('location');
  if (location === null) throw new Error(`no callback: ${toCallback.status}`);
  return location;
}

/** Signs in through the provider; the callback's answer. */
async function signIn(client: WebClient, staff: Staff, next?: string): Promise<Response> {
  return client.request(await callbackUrl(client, staff.member.email, staff.password, next));
}

/** Where the signed-out page moves on to by itself (its `Refresh` header). */
function movesOnTo(signedOut: Response): string | undefined {
  return /^0;url=(.+)$/.exec(signedOut.headers.get('refresh') ?? '')?.[1];
}

/** The audit entries of an action written since a moment. */
async function audited(on: LocalStack, since: Date, action: AuditAction): Promise<AuditEvent[]> {
  const events = (await on.deps.audit.list({ since, until: new Date(Date.now() + 60_000) })).reverse();
  return events.filter((event) => event.action === action);
}

describe('signing in through the local OpenID Connect provider', () => {
  it('opens a session for an evaluator, whose dashboard then answers, and leaves no refresh token alive', async () => {
    const evaluator = await staffWith(stack, EVALUATOR);
    const since = new Date();
    const client = new WebClient(stack.url);
    const callback = await signIn(client, evaluator);

    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/dashboard');
    const cookies = callback.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//i);
    // The cookie is a random id, not a token of the provider (a JWT has dots).
    expect(client.cookies.get(SESSION_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookies.some((cookie) => cookie.startsWith(`${SIGN_IN_COOKIE}=;`))).toBe(true);

    const dashboard = await client.request('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('cache-control')).toBe('no-store');

    const signIns = await audited(stack, since, 'sign-in');
    expect(signIns.map((event) => event.actor)).toContain(evaluator.member.id);
    // The provider issued a refresh token with the code, and prepost revoked it at once.
    expect(stack.provider.issuedRefreshTokens()).toBeGreaterThan(0);
    expect(await stack.provider.liveRefreshTokens()).toBe(0);
  });

  it('returns to the page the sign-in started from, and only to a page of this site', async () => {
    const evaluator = await staffWith(stack, EVALUATOR);
    const back = await signIn(new WebClient(stack.url), evaluator, `/dashboard?programme=${PROGRAMME}`);
    expect(back.headers.get('location')).toBe(`/dashboard?programme=${PROGRAMME}`);
    const elsewhere = await signIn(new WebClient(stack.url), evaluator, 'https://evil.example/');
    expect(elsewhere.headers.get('location')).toBe('/dashboard');
    // One slash first, but dot segments that resolve to `//evil.example`: another host to a browser.
    const dotted = await signIn(new WebClient(stack.url), evaluator, '/.//evil.example/x');
    expect(dotted.headers.get('location')).toBe('/dashboard');
    // Naming no page: each member starts at the first page their grants open.
    const funder = await staffWith(stack, [{ role: 'funder', programme: PROGRAMME }]);
    expect((await signIn(new WebClient(stack.url), funder)).headers.get('location')).toBe('/summaries');
    const admin = await staffWith(stack, [{ role: 'admin', programme: '*' }]);
    expect((await signIn(new WebClient(stack.url), admin)).headers.get('location')).toBe('/staff');
    // Asked for the dashboard by name, a funder still goes there: a page named is kept.
    expect((await signIn(new WebClient(stack.url), funder, '/dashboard')).headers.get('location')).toBe('/dashboard');

    expect(localPath('/dashboard/csv?programme=x&table=impact')).toBe('/dashboard/csv?programme=x&table=impact');
    const outside = [
      '//evil.example',
      '/.//evil.example/x',
      '/x/..//evil.example',
      '/%2e//evil.example',
      '/%2E%2E//evil.example',
      '/a/../..//evil.example',
      '/./\\evil.example',
      '\\\\evil.example',
      '/\\evil.example',
      '/dashboard\\x',
      'https://evil.example',
      'javascript:alert(1)',
      '',
    ];
    for (const path of outside) expect(localPath(path), path).toBeUndefined();
    // Dot segments that stay on this site resolve as the browser would.
    expect(localPath('/x/../dashboard?programme=y')).toBe('/dashboard?programme=y');
    // Nor a step of signing in: landing on a spent callback would only be refused again.
    for (const step of ['/auth/callback?code=x&state=y', '/sign-in?next=/dashboard', '/sign-out'])
      expect(localPath(step), step).toBeUndefined();
    expect(localPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('signs out: the session ends, the provider’s too, and the same cookie is no longer let in', async () => {
    const evaluator = await staffWith(stack, EVALUATOR);
    const client = new WebClient(stack.url);
    await signIn(client, evaluator);
    const cookie = `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}`;
    const since = new Date();

    const signedOut = await client.request('/sign-out', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.getSetCookie().some((set) => set.startsWith(`${SESSION_COOKIE}=;`))).toBe(true);
    expect(client.cookies.has(SESSION_COOKIE)).toBe(false);
    const endSession = movesOnTo(signedOut);
    expect(endSession).toContain(`${stack.url}/oidc/session/end?`);
    // The same address as a link, for a browser that does not move on by itself.
    expect(await signedOut.text()).toContain(`href="${endSession?.replaceAll('&', '&amp;')}"`);

    const replayed = await fetch(`${stack.url}/dashboard`, { headers: { cookie }, redirect: 'manual' });
    expect(replayed.status).toBe(401);
    expect((await audited(stack, since, 'sign-out')).map((event) => event.actor)).toEqual([evaluator.member.id]);
    expect(await stack.provider.liveRefreshTokens()).toBe(0);

    // The provider's session ends too (its confirmation posts itself in a browser; here, by hand) ...
    const confirm = await client.request(endSession ?? '');
    expect(confirm.status).toBe(200);
    const form = await confirm.text();
    const action = /<form id="sign-out" method="post" action="([^"]+)"/.exec(form)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1];
    const ended = await client.request(action ?? '', { form: { xsrf: xsrf ?? '', logout: 'yes' } });
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toBe(`${stack.url}/sign-in`);
    // ... so signing in again asks for the password, rather than passing straight back.
    const again = await client.follow(await client.request('/sign-in'));
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('type="password"');
  });

  it('refuses a sign-out posted from another site', async () => {
    const evaluator = await staffWith(stack, EVALUATOR);
    const client = new WebClient(stack.url);
    await signIn(client, evaluator);
    const forged = await client.request('/sign-out', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    });
    expect(forged.status).toBe(403);
    expect((await client.request('/dashboard')).status).toBe(200);
    const fromItsOrigin = await client.request('/sign-out', { method: 'POST', headers: { origin: stack.url } });
    expect(fromItsOrigin.status).toBe(200);
  });

  it('refuses a callback with another browser’s state, a replayed one, one without a state cookie', async () => {
    const evaluator = await staffWith(stack, EVALUATOR);
    const since = new Date();

    const mismatched = new WebClient(stack.url);
    const url = await callbackUrl(mismatched, evaluator.member.email, evaluator.password);
    mismatched.cookies.set(SIGN_IN_COOKIE, 'A'.repeat(43));
    const refused = await mismatched.request(url);
    expect(refused.status).toBe(401);
    // The page offers to sign in again, back to the dashboard: not to the callback, whose query is the code.
    const page = await refused.text();
    expect(page).toContain('href="/sign-in?next=%2Fdashboard"');
    expect(page).not.toContain('code=');

    const replaying = new WebClient(stack.url);
    const once = await callbackUrl(replaying, evaluator.member.email, evaluator.password);
    const state = replaying.cookies.get(SIGN_IN_COOKIE) ?? '';
    expect((await replaying.request(once)).status).toBe(303);
    replaying.cookies.set(SIGN_IN_COOKIE, state);
    replaying.cookies.delete(SESSION_COOKIE);
    const replayed = await replaying.request(once);
    expect(replayed.status).toBe(401);
    expect(replayed.headers.getSetCookie().some((set) => set.startsWith(`${SESSION_COOKIE}=`))).toBe(false);

    const cookieless = new WebClient(stack.url);
    const other = await callbackUrl(cookieless, evaluator.member.email, evaluator.password);
    cookieless.cookies.delete(SIGN_IN_COOKIE);
    expect((await cookieless.request(other)).status).toBe(401);

    // None took a sign-in of the provider's to fail: requests anyone can send, kept out of the audit log.
    expect(await audited(stack, since, 'sign-in-failed')).toEqual([]);
  });

  it('writes no audit entry for callbacks anyone can send: no state, or their own with a made-up code', async () => {
    const since = new Date();
    const client = new WebClient(stack.url);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await client.request('/auth/callback')).status).toBe(401);
      expect((await client.request('/auth/callback?code=x&state=y')).status).toBe(401);
      // A sign-in of one's own started, and its state sent back with a code the provider never issued.
      const start = await client.request('/sign-in');
      const state = new URL(start.headers.get('location') ?? '').searchParams.get('state') ?? '';
      const forged = await client.request(`/auth/callback?code=made-up&state=${encodeURIComponent(state)}`);
      expect(forged.status).toBe(401);
    }
    expect(await audited(stack, since, 'sign-in-failed')).toEqual([]);
  });

  it('treats a tampered session cookie as no session', async () => {
    const evaluator = await staffWith(stack, EVALUATOR);
    const client = new WebClient(stack.url);
    await signIn(client, evaluator);
    const id = client.cookies.get(SESSION_COOKIE) ?? '';
    const flipped = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
    for (const value of [flipped, `${id}x`, 'not-a-session', '']) {
      const response = await fetch(`${stack.url}/dashboard`, { headers: { cookie: `${SESSION_COOKIE}=${value}` } });
      expect(response.status, value).toBe(401);
    }
  });

  it('answers 403 to someone the provider knows who is not on the staff, or holds no grant', async () => {
    const since = new Date();
    const stranger = `stranger-${Date.now()}@example.org`;
    const { password } = await stack.directory.createAccount(stranger);
    const strangerClient = new WebClient(stack.url);
    expect((await strangerClient.request(await callbackUrl(strangerClient, stranger, password))).status).toBe(403);

    const ungranted = await staffWith(stack, []);
    const ungrantedClient = new WebClient(stack.url);
    expect((await signIn(ungrantedClient, ungranted)).status).toBe(403);

    const failures = await audited(stack, since, 'sign-in-failed');
    expect(failures.map((event) => event.actor).sort()).toEqual([ungranted.member.id, 'unknown'].sort());
    // The reason, not the email: someone not on the staff is not kept in the audit log for two years.
    expect(failures.find((event) => event.actor === 'unknown')?.detail).toBe('not on the staff');
    expect(JSON.stringify(failures)).not.toContain(stranger);
    expect(failures.find((event) => event.actor === ungranted.member.id)?.detail).toBe('no grant');
  });
});

describe('five failed sign-ins in a row', () => {
  let now = new Date();
  let timed: LocalStack;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'prepost-lockout-'));
    // The stack's clock is the test's: the delay is counted on it, not on the machine's time.
    timed = await startLocalStack({ dataDir, inMemory: true, tableName: 'prepost-lockout', clock: { now: () => now } });
  });

  afterAll(async () => {
    await timed?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delay the next attempt, even with the right password, until the delay has passed', async () => {
    const evaluator = await staffWith(timed, EVALUATOR);
    const email = evaluator.member.email;
    const client = new WebClient(timed.url);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const wrong = await postLogin(client, email, `wrong-${attempt}`);
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('The email or password is not right.');
    }
    const fifth = await postLogin(client, email, 'wrong-5');
    expect(await fifth.text()).toContain('try again in 1 second');

    const right = await postLogin(client, email, evaluator.password);
    expect(right.status).toBe(429);
    expect(await right.text()).toContain('Too many failed sign-ins for this account: try again in 1 second.');

    now = new Date(now.getTime() + 2000);
    const later = await postLogin(client, email, evaluator.password);
    expect(later.status).toBe(303);
  });
});

describe('a Cognito-shaped provider, and ID tokens that must be refused', () => {
  let forge: TokenForge;
  let server: LocalServer;
  const clientId = 'prepost-forge-test';
  let logoutUrl = '';

  beforeAll(async () => {
    forge = await startTokenForge();
    // The deployed handlers, pointed at the forge as they would be at Cognito.
    server = await startLocalServer(
      async (url) => {
        // As the CDK app sets OIDC_LOGOUT_URL for Cognito, which names no end-session endpoint.
        logoutUrl = `${forge.issuer}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${url}/sign-in`)}`;
        const deps = {
          ...stack.deps,
          provider: openIdProvider({
            issuer: forge.issuer,
            clientId,
            redirectUri: `${url}/auth/callback`,
            postLogoutRedirectUri: `${url}/sign-in`,
            logoutUrl,
          }),
        };
        return {
          routes: new Map([
            ['sign-in', makeSignInHandler(deps)],
            ['sign-in-callback', makeSignInCallbackHandler(deps)],
            ['sign-out', makeSignOutHandler(deps)],
          ]),
        };
      },
      '127.0.0.1',
      0,
    );
  });

  afterAll(async () => {
    await server?.close();
    await forge?.close();
  });

  /** Starts a sign-in at the forge, has it answer with the token `craft` makes, and returns the callback's answer. */
  async function callbackWith(
    craft: (request: URL) => Promise<string> | string,
    client = new WebClient(server.url),
  ): Promise<Response> {
    const start = await client.request('/sign-in');
    const authorization = new URL(start.headers.get('location') ?? '');
    expect(authorization.origin).toBe(forge.issuer);
    forge.nextIdToken = await craft(authorization);
    const state = authorization.searchParams.get('state') ?? '';
    return client.request(`/auth/callback?code=forged-code&state=${encodeURIComponent(state)}`);
  }

  /** Claims a genuine token of the forge would carry for the member. */
  function claimsFor(request: URL, email: string): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: forge.issuer,
      aud: clientId,
      sub: 'forge-subject',
      iat: now,
      exp: now + 300,
      nonce: request.searchParams.get('nonce'),
      email,
      email_verified: true,
    };
  }

  it('signs in with a genuine token, the PKCE verifier sent and the refresh token revoked at once', async () => {
    const evaluator = await addMember(stack.deps, EVALUATOR);
    const client = new WebClient(server.url);
    let challenge = '';
    const response = await callbackWith((request) => {
      challenge = request.searchParams.get('code_challenge') ?? '';
      return forge.sign(claimsFor(request, evaluator.email));
    }, client);
    expect(response.status).toBe(303);
    const verifier = forge.tokenRequests.at(-1)?.get('code_verifier') ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(challenge);
    // Cognito's discovery names no revocation endpoint: its /oauth2/revoke, beside /oauth2/token.
    const revoked = forge.revocations.at(-1);
    expect(revoked?.get('token')).toBe(forge.refreshTokens.at(-1));
    expect(revoked?.get('client_id')).toBe(clientId);

    // Nor does it name an end-session endpoint: sign-out goes on to its /logout URL.
    const signedOut = await client.request('/sign-out', {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(signedOut.status).toBe(200);
    expect(movesOnTo(signedOut)).toBe(logoutUrl);
  });

  type Craft = (request: URL, email: string) => Promise<string> | string;
  const refusals: readonly [string, RegExp, Craft][] = [
    [
      'expired',
      /"exp"/,
      (request, email) => forge.sign({ ...claimsFor(request, email), iat: 1.6e9, exp: 1.6e9 + 300 }),
    ],
    [
      'forged (signed by another key)',
      /signature verification failed/,
      async (request, email) => forge.sign(claimsFor(request, email), await forge.otherKey()),
    ],
    ['unsigned (alg: none)', /"alg"/, (request, email) => forge.unsigned(claimsFor(request, email))],
    [
      'for another audience',
      /"aud"/,
      (request, email) => forge.sign({ ...claimsFor(request, email), aud: 'another-client' }),
    ],
    [
      'from another issuer',
      /"iss"/,
      (request, email) => forge.sign({ ...claimsFor(request, email), iss: 'https://evil.example' }),
    ],
    [
      'with another nonce',
      /"nonce"/,
      (request, email) => forge.sign({ ...claimsFor(request, email), nonce: 'replayed' }),
    ],
    [
      'with an unverified email',
      /verified email/,
      (request, email) => forge.sign({ ...claimsFor(request, email), email_verified: false }),
    ],
  ];

  for (const [name, reason, craft] of refusals) {
    it(`refuses an ID token ${name} with 401 and an audit entry`, async () => {
      const evaluator = await addMember(stack.deps, EVALUATOR);
      const since = new Date();
      const response = await callbackWith((request) => craft(request, evaluator.email));
      expect(response.status).toBe(401);
      expect(response.headers.getSetCookie().some((set) => set.startsWith(`${SESSION_COOKIE}=`))).toBe(false);
      const failures = await audited(stack, since, 'sign-in-failed');
      expect(failures).toHaveLength(1);
      expect(failures[0]?.actor).toBe('unknown');
      // Refused for the reason under test, not another.
      expect(failures[0]?.detail).toMatch(reason);
    });
  }
});

describe('the sign-out URL', () => {
  it("is the provider's end-session endpoint, unless the deployment configured one (Cognito's /logout)", async () => {
    const settings = {
      issuer: `${stack.url}/oidc`,
      clientId: 'prepost-local',
      redirectUri: `${stack.url}/auth/callback`,
      postLogoutRedirectUri: `${stack.url}/sign-in`,
    };
    expect(await openIdProvider(settings).endSessionUrl()).toMatch(new RegExp(`^${stack.url}/oidc/`));
    const configured = 'https://prepost.auth.eu-west-1.amazoncognito.com/logout?client_id=x&logout_uri=y';
    expect(await openIdProvider({ ...settings, logoutUrl: configured }).endSessionUrl()).toBe(configured);
  });
});
