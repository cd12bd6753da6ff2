/** The Lambda entry of GET and POST /staff: its deps built from the environment once, at module load. */
import { lambdaDeps, lambdaDirectory } from '#adapters/lambda-deps.ts';
import { makeStaffAdminHandler } from '#handlers/staff-admin.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeStaffAdminHandler({ ...lambdaDeps(), directory: lambdaDirectory() }));
