/** The Lambda entry of GET /api/impact: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeGetImpactHandler } from '#handlers/get-impact.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeGetImpactHandler(lambdaDeps()));
