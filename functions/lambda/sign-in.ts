/** The Lambda entry of GET /sign-in: its deps and OpenID Connect relying party, from the environment once. */
import { lambdaDeps, lambdaOidcSettings } from '#adapters/lambda-deps.ts';
import { openIdProvider } from '#adapters/openid-client-provider.ts';
import { makeSignInHandler } from '#handlers/sign-in.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(
  makeSignInHandler({ ...lambdaDeps(), provider: openIdProvider(lambdaOidcSettings()) }),
);
