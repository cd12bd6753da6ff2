/** The Lambda entry of GET /staff/audit: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAuditLogHandler } from '#handlers/audit-log.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeAuditLogHandler(lambdaDeps()));
