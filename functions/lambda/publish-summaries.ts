/**
 * The Lambda entry of the scheduled summaries: its deps built from the environment once, at
 * module load, with the bucket, SES and the summary's renderer; its SDK calls traced from its first
 * run on, each run's messages counted as `SummariesSent`.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { lambdaDeps, publishingEnvironment } from '#adapters/lambda-deps.ts';
import { S3Publisher } from '#adapters/s3-publisher.ts';
import { SesMailer } from '#adapters/ses-mailer.ts';
import { makePublishHandler } from '#handlers/publish-summaries.ts';
import { summariesSent, withMetrics } from '#shared/telemetry.ts';
import { lazyTracing } from '#shared/tracing.ts';
import { summaryRenderer } from '#web/summary-page.ts';

const tracing = lazyTracing();
const deps = lambdaDeps(tracing.traced);
const { bucket, sender } = publishingEnvironment();
export const handler = withMetrics(
  makePublishHandler({
    ...deps,
    publisher: new S3Publisher(tracing.traced(new S3Client({})), bucket),
    mailer: new SesMailer(tracing.traced(new SESv2Client({})), deps.clock),
    sender,
    summaryRenderer: summaryRenderer(deps.catalog),
  }),
  tracing.start,
  summariesSent(),
);
