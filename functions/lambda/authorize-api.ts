/** The Lambda entry of the impact API's authorizer: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAuthorizeApiHandler } from '#handlers/authorize-api.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeAuthorizeApiHandler(lambdaDeps()));
