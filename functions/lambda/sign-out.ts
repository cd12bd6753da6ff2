/** The Lambda entry of POST /sign-out: its deps and OpenID Connect relying party, from the environment once. */
import { lambdaDeps, lambdaOidcSettings } from '#adapters/lambda-deps.ts';
import { openIdProvider } from '#adapters/openid-client-provider.ts';
import { makeSignOutHandler } from '#handlers/sign-out.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(
  makeSignOutHandler({ ...lambdaDeps(), provider: openIdProvider(lambdaOidcSettings()) }),
);
