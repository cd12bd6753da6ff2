/** The Lambda entry of GET and POST /staff: its deps built from the environment once, at module load. */
import { lambdaDeps, lambdaDirectory } from '#adapters/lambda-deps.ts';
import { makeStaffAdminHandler } from '#handlers/staff-admin.ts';

export const handler = makeStaffAdminHandler({ ...lambdaDeps(), directory: lambdaDirectory() });
