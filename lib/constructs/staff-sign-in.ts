/**
 * The staff pages as an OpenID Connect relying party of the user pool: the app client the sign-in
 * handlers use, its managed login style, and the `OIDC_*` environment they read. It lives beside
 * the API because its redirect URIs are the site's (the CloudFront distribution in front of the
 * API, or the API itself); the user pool it belongs to is in the DataStack.
 */
import { Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { staffAccessDefaults } from '../config.ts';
import type { SiteAddress } from './public-site.ts';

/** The environment the relying party reads (the sign-in, callback and sign-out handlers), and nothing else. */
export type OidcVariable =
  | 'OIDC_ISSUER'
  | 'OIDC_CLIENT_ID'
  | 'OIDC_REDIRECT_URI'
  | 'OIDC_POST_LOGOUT_REDIRECT_URI'
  | 'OIDC_LOGOUT_URL';

export interface StaffSignInProps {
  /** The user pool of staff accounts (DataStack). */
  readonly userPool: cognito.IUserPool;
  /** Its managed login domain (DataStack). */
  readonly domain: cognito.UserPoolDomain;
  /** Where staff reach the API's routes, which receive the sign-in's return: its URL and host. */
  readonly site: SiteAddress;

  /**
   * Path under the site's URL the provider sends the browser back to with a code.
   * @default staffAccessDefaults.callbackPath ('auth/callback')
   */
  readonly callbackPath?: string;

  /**
   * Path under the site's URL Cognito's logout endpoint sends the browser to.
   * @default staffAccessDefaults.signedOutPath ('sign-in')
   */
  readonly signedOutPath?: string;
}

/** The app client of the staff pages and the relying party's configuration. */
export class StaffSignIn extends Construct {
  public readonly client: cognito.UserPoolClient;
  /** Managed login needs a style per app client to show its pages; this one is Cognito's own. */
  public readonly branding: cognito.CfnManagedLoginBranding;
  /** What {@link configureRelyingParty} sets. */
  public readonly environment: Readonly<Record<OidcVariable, string>>;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const callbackPath = props.callbackPath ?? staffAccessDefaults.callbackPath;
    const signedOutPath = props.signedOutPath ?? staffAccessDefaults.signedOutPath;
    const redirectUri = `${props.site.url}${callbackPath}`;
    const postLogoutRedirectUri = `${props.site.url}${signedOutPath}`;

    this.client = new cognito.UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      // A public client. The code a sign-in returns is bound to a PKCE verifier that our relying
      // party always sends and that never leaves the server (kept under the sign-in's state in the
      // table), and the redirect URIs are fixed to our own routes, so an intercepted code is
      // useless. A secret would add a second credential to store and rotate without closing a gap
      // PKCE leaves, and the local OpenID provider runs the very same public-client code path.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [redirectUri],
        logoutUrls: [postLogoutRedirectUri],
      },
      // Managed login checks the password by SRP (the password itself never reaches Cognito); no
      // plain-password or custom (Lambda) flows. CDK always adds refresh, which nothing uses: the
      // relying party revokes the refresh token right after sign-in.
      authFlows: { userSrp: true },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      // "Wrong email or password" either way: the pages do not tell who has an account.
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: staffAccessDefaults.tokenValidity,
      accessTokenValidity: staffAccessDefaults.tokenValidity,
      refreshTokenValidity: staffAccessDefaults.refreshTokenValidity,
      authSessionValidity: staffAccessDefaults.signInStepsValidity,
      // The ID token carries the email (which finds the staff member) and whether it is verified.
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }),
    });

    this.branding = new cognito.CfnManagedLoginBranding(this, 'Branding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    // encodeURIComponent cannot run on deploy-time values. The site's host (a distribution's
    // domain, or the API's id, region and URL suffix) is letters, digits, dots and hyphens, which
    // encodeURIComponent leaves as they are, so encoding the literal parts around it encodes the whole.
    const encodedPostLogoutRedirectUri =
      encodeURIComponent('https://') + props.site.host + encodeURIComponent(`/${signedOutPath}`);
    this.environment = {
      OIDC_ISSUER: `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${props.userPool.userPoolId}`,
      OIDC_CLIENT_ID: this.client.userPoolClientId,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_POST_LOGOUT_REDIRECT_URI: postLogoutRedirectUri,
      // Cognito's logout endpoint ends its own session (so the next sign-in asks for the password
      // and code again) and then sends the browser to the post-logout URI.
      OIDC_LOGOUT_URL:
        `${props.domain.baseUrl()}/logout?client_id=${this.client.userPoolClientId}` +
        `&logout_uri=${encodedPostLogoutRedirectUri}`,
    };
  }

  /** Gives a sign-in handler the relying party's configuration. */
  configureRelyingParty(fn: lambda.Function): void {
    for (const [name, value] of Object.entries(this.environment)) fn.addEnvironment(name, value);
  }
}
