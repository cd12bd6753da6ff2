/** The Lambda entry of GET and POST /tokens: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeApiTokensHandler } from '#handlers/api-tokens.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeApiTokensHandler(lambdaDeps()));
