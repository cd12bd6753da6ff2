/**
 * What staff sign-in needs from the OpenID Connect provider (Cognito in AWS, the in-process
 * provider of `npm start`): where to send the browser, what the provider vouches for once it
 * comes back, and where to send it to end the provider's own session. One port, one adapter
 * (`openid-client-provider.ts`), so both providers go through the very same code.
 */

/** An authorization request: the URL to send the browser to, and the secrets the callback checks. */
export interface AuthorizationRequest {
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** What the callback must match: the secrets of the authorization request it answers. */
export interface AuthorizationChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** Who the provider says signed in, from an ID token whose signature, issuer, audience, expiry and nonce held. */
export interface VerifiedIdentity {
  /** The provider's stable id of the account (`sub`). */
  readonly subject: string;
  readonly email?: string | undefined;
  /** Whether the provider has verified the email (`email_verified`): only a verified email finds a member. */
  readonly emailVerified: boolean;
}

/** The OpenID Connect provider, as the relying party sees it. */
export interface OpenIdProvider {
  /** A new authorization code request with PKCE, `state` and `nonce`. */
  authorizationRequest(): Promise<AuthorizationRequest>;
  /**
   * Redeems the callback's code (its query string as received) and validates the ID token; refuses
   * anything that does not hold with `SignInRefusedError`, saying whether the provider had issued
   * tokens for the code (authenticated someone) before the refusal. Any refresh token is revoked at once.
   */
  redeem(callbackQuery: string, checks: AuthorizationChecks): Promise<VerifiedIdentity>;
  /** Where the browser ends its session at the provider, and comes back from. */
  endSessionUrl(): Promise<string>;
}
