/**
 * Summary files in the summaries bucket under `programme/period/`.
 */
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PublishedFile, SummaryPublisher } from '#ports/publishing.ts';

/** Publishes summary files to S3. */
export class S3Publisher implements SummaryPublisher {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async publish(programme: string, period: string, files: readonly PublishedFile[]): Promise<string[]> {
    const keys: string[] = [];
    for (const file of files) {
      const key = `${programme}/${period}/${file.name}`;
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: file.body, ContentType: file.contentType }),
      );
      keys.push(`s3://${this.bucket}/${key}`);
    }
    return keys;
  }
}
