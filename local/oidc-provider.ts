/**
 * The OpenID Connect provider of `npm start`: `oidc-provider` (certified), in-process, standing in
 * for Cognito so that the local stack runs the very relying-party code that talks to Cognito in AWS
 * (discovery, authorization code with PKCE, code exchange, ID token checked against the JWKS,
 * revocation, RP-initiated logout). Its accounts are the local directory's (`.data/staff-accounts.json`).
 *
 * Mounted on the local server under `/oidc` rather than on a port of its own: `PORT` stays the one
 * port `npm start` uses, and the issuer is `http://HOST:PORT/oidc`, a loopback http URL, the only
 * kind of http issuer the relying party accepts. Like Cognito's managed login it has one public
 * client (PKCE required), issues a refresh token with every code (which prepost revokes at once),
 * asks for no consent (a first-party app) and slows down password guessing (`sign-in-lockout.ts`).
 * Its signing key and its sessions live in memory: a restart signs everyone out of it, as it should.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Provider, type KoaContext } from 'oidc-provider';
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import type { OidcSettings } from '#adapters/openid-client-provider.ts';
import type { Clock } from '#ports/store.ts';
import { logger } from '#shared/logger.ts';
import { html, raw, type Html } from '#web/html.ts';
import { readRequestBody } from './http-adapter.ts';
import type { LocalDirectory } from './local-directory.ts';
import type { Mount } from './server.ts';
import { SignInLockout, type LockoutPolicy } from './sign-in-lockout.ts';

/** Where the provider is mounted on the local server. */
export const PROVIDER_PREFIX = '/oidc';

/** How long the provider's session and grants last. */
const WORKING_DAY_SECONDS = 10 * 60 * 60;

/** The one client: prepost's sign-in, public as the Cognito app client is. */
export const LOCAL_CLIENT_ID = 'prepost-local';

export interface LocalProviderOptions {
  /** The local server's URL: the issuer is under it, and so are the client's redirect URIs. */
  readonly serverUrl: string;
  readonly directory: LocalDirectory;
  /** The clock the lockout counts with (a test's, to move it). */
  readonly clock: Clock;
  readonly lockout?: LockoutPolicy;
}

/** The provider, ready to mount, with what a test may ask of it. */
export interface LocalOpenIdProvider {
  /** The relying party's settings for this provider. */
  readonly settings: OidcSettings;
  readonly mount: Mount;
  /** Refresh tokens the provider has issued so far. */
  issuedRefreshTokens(): number;
  /** Of those, how many the provider would still accept (neither revoked, used nor expired). */
  liveRefreshTokens(): Promise<number>;
}

/** The relying party's settings for the provider under a local server's URL. */
export function localOidcSettings(serverUrl: string): OidcSettings {
  return {
    issuer: `${serverUrl}${PROVIDER_PREFIX}`,
    clientId: LOCAL_CLIENT_ID,
    redirectUri: `${serverUrl}/auth/callback`,
    // After signing out, the sign-in page: what Cognito's managed login shows there too.
    postLogoutRedirectUri: `${serverUrl}/sign-in`,
  };
}

/** Builds the provider for a local server. */
export function createLocalProvider(options: LocalProviderOptions): LocalOpenIdProvider {
  const settings = localOidcSettings(options.serverUrl);
  const lockout = new SignInLockout(options.clock, options.lockout);
  const provider = new Provider(settings.issuer, {
    clients: [
      {
        client_id: settings.clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [settings.redirectUri],
        post_logout_redirect_uris: [settings.postLogoutRedirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'email'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    // The email in the ID token, as Cognito puts it there: prepost reads no userinfo.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey()] },
    // In memory, a store of its own: what a restart of `npm start` forgets, and two stacks in one test never share.
    adapter: createMemoryAdapter(),
    features: {
      devInteractions: { enabled: false },
      // The client may revoke its own tokens (prepost revokes the refresh token it was just given).
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) =>
          token.clientId === client.clientId,
      },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    // A working day at most, as prepost's own sessions; codes and interactions as short as a sign-in.
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      Grant: WORKING_DAY_SECONDS,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: WORKING_DAY_SECONDS,
      Session: WORKING_DAY_SECONDS,
    },
    interactions: { url: (_ctx, interaction) => `${PROVIDER_PREFIX}/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = options.directory.accounts().find((candidate) => subjectOf(candidate.email) === sub);
      if (account === undefined) return undefined;
      return { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true }) };
    },
    // A first-party app, as prepost's Cognito client is: the grant is given without asking.
    loadExistingGrant: async (ctx) => {
      const clientId = ctx.oidc.client?.clientId;
      const accountId = ctx.oidc.session.accountId;
      if (clientId === undefined || accountId === undefined) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId;
      if (existing !== undefined) return ctx.oidc.provider.Grant.find(existing);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId });
      grant.addOIDCScope('openid email');
      await grant.save();
      return grant;
    },
    // Cognito issues a refresh token with every authorization code; so does its stand-in, so that
    // prepost's revocation of it runs locally too.
    issueRefreshToken: async () => true,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = providerPage('Sign-in problem', html`<p>${out.error_description ?? out.error ?? 'Error'}</p>`);
    },
  });
  provider.on('server_error', (_ctx, error) => logger.error('local OpenID provider failed', { error: error.name }));
  const refreshTokens: string[] = [];
  provider.on('refresh_token.saved', (token) => {
    refreshTokens.push(token.jti);
  });

  const callback = provider.callback();
  const interaction = new RegExp(`^${PROVIDER_PREFIX}/interaction/([A-Za-z0-9_-]+)(/login)?$`);
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = interaction.exec(path);
    if (match === null) {
      // The provider's own routes: it sees the path below the prefix and, for the URLs it writes,
      // the original one (how oidc-provider is mounted under a path, per its documentation).
      const mounted = request as IncomingMessage & { originalUrl?: string };
      mounted.originalUrl = request.url;
      request.url = (request.url ?? '/').slice(PROVIDER_PREFIX.length) || '/';
      void callback(request, response);
      return;
    }
    const login = { provider, directory: options.directory, lockout };
    const answer =
      match[2] === undefined
        ? request.method === 'GET'
          ? showLogin(login, request, response)
          : Promise.resolve(send(response, 405, providerPage('Sign in', html`<p>Method not allowed.</p>`)))
        : request.method === 'POST'
          ? submitLogin(login, request, response)
          : Promise.resolve(send(response, 405, providerPage('Sign in', html`<p>Method not allowed.</p>`)));
    answer.catch((error: unknown) => {
      logger.error('local sign-in page failed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!response.headersSent) send(response, 500, providerPage('Sign-in problem', html`<p>Internal error.</p>`));
    });
  };

  return {
    settings,
    mount: { prefix: PROVIDER_PREFIX, listener },
    issuedRefreshTokens: () => refreshTokens.length,
    liveRefreshTokens: async () => {
      const found = await Promise.all(refreshTokens.map((jti) => provider.RefreshToken.find(jti)));
      return found.filter((token) => token !== undefined).length;
    },
  };
}

/** The account's subject: stable, opaque (as Cognito's `sub`), derived from the email alone. */
function subjectOf(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('base64url').slice(0, 22);
}

/** An RSA signing key for ID tokens, RS256 as Cognito's; new at every start, as the sessions are. */
function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

interface LoginDeps {
  readonly provider: Provider;
  readonly directory: LocalDirectory;
  readonly lockout: SignInLockout;
}

/** The largest login form read. */
const MAX_FORM_BYTES = 4096;

async function showLogin(deps: LoginDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await interactionOf(deps, request, response);
  if (details === undefined) return;
  send(response, 200, loginPage(details.uid, '', undefined));
}

async function submitLogin(deps: LoginDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await interactionOf(deps, request, response);
  if (details === undefined) return;
  const body = await readRequestBody(request);
  const form = new URLSearchParams(body === undefined || body.length > MAX_FORM_BYTES ? '' : body.toString('utf8'));
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  const wait = deps.lockout.secondsToWait(email);
  if (wait > 0) {
    send(response, 429, loginPage(details.uid, email, tryAgain(wait)), { 'retry-after': String(wait) });
    return;
  }
  const account = email === '' ? undefined : deps.directory.verify(email, password);
  if (account === undefined) {
    deps.lockout.failed(email);
    const locked = deps.lockout.secondsToWait(email);
    const message = locked > 0 ? tryAgain(locked) : 'The email or password is not right.';
    send(response, 401, loginPage(details.uid, email, message));
    return;
  }
  deps.lockout.succeeded(email);
  await deps.provider.interactionFinished(
    request,
    response,
    { login: { accountId: subjectOf(account.email) } },
    { mergeWithLastSubmission: false },
  );
}

/** The interaction under way in this browser, or undefined once it has answered that there is none. */
async function interactionOf(
  deps: LoginDeps,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<{ readonly uid: string } | undefined> {
  try {
    const details = await deps.provider.interactionDetails(request, response);
    if (details.prompt.name === 'login') return details;
  } catch (error) {
    // No interaction cookie, or an expired one: the sign-in has to start again from prepost.
    logger.info('local sign-in without an interaction', { error: error instanceof Error ? error.name : 'unknown' });
  }
  send(
    response,
    400,
    providerPage(
      'Sign in',
      html`<p>This sign-in has expired or was not started here. Go back to prepost and sign in again.</p>`,
    ),
  );
  return undefined;
}

function tryAgain(seconds: number): string {
  return `Too many failed sign-ins for this account: try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

/**
 * The login page. English only: it stands in for Cognito's managed login, whose own pages (and
 * their languages) are Cognito's in AWS; prepost's pages are the ones translated.
 */
function loginPage(uid: string, email: string, problem: string | undefined): string {
  const alert = problem === undefined ? '' : html`<p class="problem" role="alert">${problem}</p>`;
  const action = `${PROVIDER_PREFIX}/interaction/${uid}/login`;
  const emailField = html`<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${email}">`;
  const passwordField = html`<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>`;
  const form = html`<form method="post" action="${action}">${emailField}${passwordField}
<button type="submit">Sign in</button></form>`;
  const note = html`<p class="note">The local sign-in service of <code>npm start</code>,
standing in for Amazon Cognito.</p>`;
  return providerPage('Sign in to prepost', html`${alert}${form}${note}`);
}

const STYLE = [
  'body{margin:0;font:1rem/1.4 system-ui,sans-serif;color:#1b1b1b}',
  'main{padding:1rem;max-width:24rem;margin:0 auto}',
  'label{display:block;font-weight:600;margin-top:1rem}',
  'input{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;margin-top:.25rem;border:1px solid #595959}',
  'button{margin-top:1.25rem;font:inherit;padding:.6rem 1.2rem;border:0;background:#1d4f91;color:#fff}',
  '.problem{border-left:4px solid #b00020;padding:.25rem .75rem;color:#b00020}',
  '.note{color:#595959;font-size:.9rem;margin-top:2rem}',
].join('');

/** Auto-submits the sign-out confirmation: Cognito's `/logout` signs out without asking, so does its stand-in. */
const SUBMIT_SCRIPT = 'document.getElementById("sign-out").submit();';

function hashOf(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': [
    "default-src 'none'",
    `style-src ${hashOf(STYLE)}`,
    `script-src ${hashOf(SUBMIT_SCRIPT)}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
};

const META = raw('<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">');

function providerPage(title: string, content: Html): string {
  const head = html`<head>${META}<title>${title}</title><style>${raw(STYLE)}</style></head>`;
  const body = html`<body><main><h1>${title}</h1>${content}</main></body>`;
  return `<!doctype html>${html`<html lang="en">${head}${body}</html>`.value}`;
}

function send(response: ServerResponse, status: number, page: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...PAGE_HEADERS, ...headers, 'content-length': Buffer.byteLength(page) });
  response.end(page);
}

/** The end-session page: the sign-out confirmed at once, with its button for a browser without scripts. */
async function logoutSource(ctx: KoaContext): Promise<void> {
  const action = ctx.oidc.urlFor('end_session_confirm');
  const fields = html`<input type="hidden" name="xsrf" value="${ctx.oidc.session.state.secret}">
<input type="hidden" name="logout" value="yes">`;
  const button = html`<button type="submit">Sign out</button>`;
  const form = html`<form id="sign-out" method="post" action="${action}">${fields}${button}</form>`;
  ctx.set('content-security-policy', PAGE_HEADERS['content-security-policy'] ?? '');
  ctx.body = providerPage('Signing out', html`${form}<script>${raw(SUBMIT_SCRIPT)}</script>`);
}

/** Shown after a sign-out that named no page to return to (prepost always names one). */
async function postLogoutSuccessSource(ctx: KoaContext): Promise<void> {
  ctx.set('content-security-policy', PAGE_HEADERS['content-security-policy'] ?? '');
  ctx.body = providerPage('Signed out', html`<p>You are signed out of the local sign-in service.</p>`);
}
