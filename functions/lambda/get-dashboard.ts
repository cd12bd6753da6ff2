/** The Lambda entry of GET /dashboard: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeGetDashboardHandler } from '#handlers/get-dashboard.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeGetDashboardHandler(lambdaDeps()));
