/** The Lambda entry of GET /summaries: its deps built from the environment once, at module load, with the bucket. */
import { S3Client } from '@aws-sdk/client-s3';
import { lambdaDeps, summaryBucket } from '#adapters/lambda-deps.ts';
import { S3SummaryArchive } from '#adapters/s3-publisher.ts';
import { makeGetSummariesHandler } from '#handlers/get-summaries.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(
  makeGetSummariesHandler({
    ...lambdaDeps(),
    summaries: new S3SummaryArchive(new S3Client({}), summaryBucket()),
  }),
);
