/** The Lambda entry of the coordinators' console: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeConsoleHandler } from '#handlers/console.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeConsoleHandler(lambdaDeps()));
