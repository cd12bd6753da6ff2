/**
 * The OpenID Connect relying party, on `openid-client` (certified): discovery, the authorization
 * code flow with PKCE, `state` and `nonce`, the code exchange with the ID token's signature checked
 * against the provider's JWKS (as well as its issuer, audience, expiry and nonce; `alg: none` is
 * refused), refresh token revocation and RP-initiated logout. One code path for Cognito and for
 * the provider `npm start` runs in-process: only the settings differ.
 *
 * The refresh token: prepost never uses one (each sign-in is a new authorization code flow and
 * the session lives in the table), so it is revoked right after the code exchange and no
 * long-lived credential exists anywhere, not even for the seconds of a Lambda invocation after
 * it. The ID and access tokens are dropped once read: the session cookie is a random id, never a
 * token of the provider.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import * as client from 'openid-client';
import { SignInRefusedError } from '#core/errors.ts';
import type { AuthorizationChecks, AuthorizationRequest, OpenIdProvider, VerifiedIdentity } from '#ports/sign-in.ts';
import { logger } from '#shared/logger.ts';

/** Where the provider is and who prepost is to it: the `OIDC_*` variables in AWS, the local stack's own locally. */
export interface OidcSettings {
  /** The issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`, or the local provider's). */
  readonly issuer: string;
  /** The app client: public (no secret), so nothing secret needs to reach the functions; PKCE binds the code. */
  readonly clientId: string;
  /** This site's `/auth/callback`, as registered with the provider. */
  readonly redirectUri: string;
  /** Where the provider sends the browser once it has signed out. */
  readonly postLogoutRedirectUri: string;
  /**
   * The provider's sign-out URL when it is not the standard one (Cognito:
   * `https://<domain>/logout?client_id=..&logout_uri=..`); used in preference to discovery's
   * `end_session_endpoint`.
   */
  readonly logoutUrl?: string | undefined;
}

/** The scopes asked for: who (`openid`) and their email, by which prepost finds the staff member. */
const SCOPE = 'openid email';

/** Seconds any request to the provider may take: well inside the functions' 10 s. */
const REQUEST_TIMEOUT_SECONDS = 5;

/** Hosts on which an `http:` issuer is accepted: the local provider of `npm start`, never a deployed one. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Discovered configurations, one a provider and client: discovery and the JWKS are fetched once
 * per warm Lambda (openid-client keeps the JWKS, and fetches it again for a key it does not know).
 */
const configurations = new Map<string, Promise<client.Configuration>>();

/**
 * The redemption under way in this async context: its token endpoint, and whether that endpoint
 * answered with tokens. Kept per call, not on the shared configuration, as the local server
 * redeems several codes at once.
 */
const redemptions = new AsyncLocalStorage<{ readonly tokenEndpoint: string | undefined; tokensIssued: boolean }>();

/**
 * `fetch`, noting when the token endpoint of the redemption under way answers with tokens: from
 * then on a refusal is of somebody the provider authenticated (a code is only redeemed for that),
 * not of a callback anyone could have made up.
 */
const observedFetch: client.CustomFetch = async (url, options) => {
  const response = await fetch(url, options);
  const redemption = redemptions.getStore();
  if (redemption !== undefined && url === redemption.tokenEndpoint && response.ok) redemption.tokensIssued = true;
  return response;
};

/** The relying party for these settings (the Lambda entries and the local stack build it once). */
export function openIdProvider(settings: OidcSettings): OpenIdProvider {
  return new OpenIdClientProvider(settings);
}

class OpenIdClientProvider implements OpenIdProvider {
  constructor(private readonly settings: OidcSettings) {}

  async authorizationRequest(): Promise<AuthorizationRequest> {
    const config = await this.configuration();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  async redeem(callbackQuery: string, checks: AuthorizationChecks): Promise<VerifiedIdentity> {
    const config = await this.configuration();
    // The callback URL is rebuilt from the registered redirect URI, never from the request's Host header.
    const callback = new URL(this.settings.redirectUri);
    callback.search = callbackQuery;
    const redemption = { tokenEndpoint: config.serverMetadata().token_endpoint, tokensIssued: false };
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await redemptions.run(redemption, () =>
        client.authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        }),
      );
    } catch (error) {
      throw refusal(error, redemption.tokensIssued);
    }
    if (tokens.refresh_token !== undefined) await this.revoke(config, tokens.refresh_token);
    const claims = tokens.claims();
    if (claims === undefined) throw new SignInRefusedError('no ID token', true);
    return {
      subject: claims.sub,
      email: typeof claims.email === 'string' ? claims.email : undefined,
      // Cognito has sent the claim as the string "true" in places; both mean verified.
      emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    };
  }

  async endSessionUrl(): Promise<string> {
    // A configured sign-out URL wins: Cognito's `/logout` takes `logout_uri`, not the standard
    // `post_logout_redirect_uri`, so even should its discovery ever name an end-session endpoint,
    // the URL the deployment built for it is the one that works.
    if (this.settings.logoutUrl !== undefined) return this.settings.logoutUrl;
    const fallback = this.settings.postLogoutRedirectUri;
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (error) {
      // Signing out of prepost has happened already; the provider being away must not turn it into an error.
      logger.warn('OpenID Connect discovery failed at sign-out', { error: errorName(error) });
      return fallback;
    }
    if (config.serverMetadata().end_session_endpoint === undefined) return fallback;
    return client.buildEndSessionUrl(config, {
      client_id: this.settings.clientId,
      post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
    }).href;
  }

  /** Revokes the refresh token; a failure is logged and the sign-in goes on (the token was never kept). */
  private async revoke(config: client.Configuration, refreshToken: string): Promise<void> {
    if (config.serverMetadata().revocation_endpoint === undefined) return;
    try {
      // No token_type_hint: optional (RFC 7009), and Cognito's endpoint documents only token and client_id.
      await client.tokenRevocation(config, refreshToken);
    } catch (error) {
      logger.warn('refresh token revocation failed', { error: errorName(error) });
    }
  }

  private configuration(): Promise<client.Configuration> {
    const key = `${this.settings.issuer} ${this.settings.clientId}`;
    let configuration = configurations.get(key);
    if (configuration === undefined) {
      configuration = discover(this.settings);
      configurations.set(key, configuration);
      // A failed discovery (the provider away for a moment) is tried again on the next request.
      configuration.catch(() => configurations.delete(key));
    }
    return configuration;
  }
}

async function discover(settings: OidcSettings): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const execute = [client.enableNonRepudiationChecks, observeTokenResponses];
  if (issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname)) execute.push(client.allowInsecureRequests);
  const discovered = await client.discovery(issuer, settings.clientId, undefined, client.None(), {
    execute,
    timeout: REQUEST_TIMEOUT_SECONDS,
  });
  const { supportsPKCE: _, ...metadata } = discovered.serverMetadata();
  const revocation = metadata.revocation_endpoint ?? cognitoRevocationEndpoint(metadata.token_endpoint);
  if (revocation === metadata.revocation_endpoint) return discovered;
  const config = new client.Configuration(
    { ...metadata, revocation_endpoint: revocation },
    settings.clientId,
    undefined,
    client.None(),
  );
  config.timeout = REQUEST_TIMEOUT_SECONDS;
  for (const step of execute) step(config);
  return config;
}

/**
 * Cognito's revocation endpoint, which its discovery document leaves out: `/oauth2/revoke` beside
 * its token endpoint `/oauth2/token` on the user pool's domain (token revocation is on by default
 * for app clients).
 */
function cognitoRevocationEndpoint(tokenEndpoint: string | undefined): string | undefined {
  if (tokenEndpoint === undefined) return undefined;
  const url = new URL(tokenEndpoint);
  return url.pathname === '/oauth2/token' ? new URL('/oauth2/revoke', url).href : undefined;
}

/** Has the configuration's requests go through {@link observedFetch}. */
function observeTokenResponses(config: client.Configuration): void {
  config[client.customFetch] = observedFetch;
}

/**
 * What openid-client refuses (a state, code, nonce or ID token that does not hold, an error sent
 * back by the provider) as a refused sign-in naming the reason, and whether the provider had
 * issued tokens (authenticated someone) before it; anything else (the provider unreachable or
 * timing out) stays a failure.
 */
function refusal(error: unknown, tokensIssued: boolean): unknown {
  const timedOut =
    error instanceof client.ClientError && (error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT');
  if (
    (error instanceof client.ClientError && !timedOut) ||
    error instanceof client.ResponseBodyError ||
    error instanceof client.AuthorizationResponseError
  ) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return new SignInRefusedError(`${error.message}${cause}`.slice(0, 200), tokensIssued);
  }
  return error;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
