/**
 * A preview's messages in the summaries bucket, apart from s3-publisher.ts so that the functions
 * that only read summaries do not bundle the MIME composer.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FunderMessage, Mailer } from '#ports/publishing.ts';
import type { Clock } from '#ports/store.ts';
import { buildMimeMessage } from './mime-message.ts';
import { PREVIEW_PREFIX } from './s3-publisher.ts';

/**
 * A preview's messages, as the `.eml` files they would be, under {@link PREVIEW_PREFIX}`outbox/`:
 * what the local outbox does, in the bucket, so an evaluator can open exactly what each funder
 * would receive, and nothing is sent.
 */
export class S3PreviewOutbox implements Mailer {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly clock: Clock,
  ) {}

  async send(message: FunderMessage, id: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `${PREVIEW_PREFIX}outbox/${id}.eml`,
        Body: await buildMimeMessage(message, this.clock.now()),
        ContentType: 'message/rfc822',
      }),
    );
  }
}
