/** The Lambda entry of GET /auth/callback: its deps and OpenID Connect relying party, from the environment once. */
import { lambdaDeps, lambdaOidcSettings } from '#adapters/lambda-deps.ts';
import { openIdProvider } from '#adapters/openid-client-provider.ts';
import { makeSignInCallbackHandler } from '#handlers/sign-in-callback.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(
  makeSignInCallbackHandler({ ...lambdaDeps(), provider: openIdProvider(lambdaOidcSettings()) }),
);
