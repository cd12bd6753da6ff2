/** The Lambda entry of GET /auth/callback: its deps and OpenID Connect relying party, from the environment once. */
import { lambdaDeps, lambdaOidcSettings } from '#adapters/lambda-deps.ts';
import { openIdProvider } from '#adapters/openid-client-provider.ts';
import { makeSignInCallbackHandler } from '#handlers/sign-in-callback.ts';

export const handler = makeSignInCallbackHandler({ ...lambdaDeps(), provider: openIdProvider(lambdaOidcSettings()) });
