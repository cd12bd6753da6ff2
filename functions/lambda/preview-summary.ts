/**
 * The Lambda entry of POST /summaries/preview: its deps built from the environment once, at module
 * load; the files and messages go under the bucket's `preview/` prefix, the only place it may write.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { lambdaDeps, publishingEnvironment } from '#adapters/lambda-deps.ts';
import { S3PreviewOutbox } from '#adapters/s3-preview-outbox.ts';
import { PREVIEW_PREFIX, S3Publisher } from '#adapters/s3-publisher.ts';
import { makePreviewSummaryHandler } from '#handlers/preview-summary.ts';
import { withMetrics } from '#shared/telemetry.ts';
import { summaryRenderer } from '#web/summary-page.ts';

const deps = lambdaDeps();
const { bucket, sender } = publishingEnvironment();
const s3 = new S3Client({});
export const handler = withMetrics(
  makePreviewSummaryHandler({
    ...deps,
    publisher: new S3Publisher(s3, bucket, PREVIEW_PREFIX),
    mailer: new S3PreviewOutbox(s3, bucket, deps.clock),
    sender,
    summaryRenderer: summaryRenderer(deps.catalog),
  }),
);
