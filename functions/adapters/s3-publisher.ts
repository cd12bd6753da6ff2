/**
 * Summary files in the summaries bucket under `programme/period/`: written by the schedule, read
 * back for the funders' pages; previews under `preview/` (their messages: s3-preview-outbox.ts).
 */
import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  SUMMARY_FILES,
  SUMMARY_PERIOD,
  type PublishedFile,
  type SummaryArchive,
  type SummaryFileName,
  type SummaryPublisher,
} from '#ports/publishing.ts';

/**
 * The key prefix of previews: evaluators' looks at a month's summary before it is sent, kept apart
 * from what was published (the previewing function may write under it only).
 */
export const PREVIEW_PREFIX = 'preview/';

/**
 * Publishes summary files to S3, under `prefix`: nothing for what funders read, {@link PREVIEW_PREFIX}
 * for previews.
 */
export class S3Publisher implements SummaryPublisher {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix = '',
  ) {}

  async publish(programme: string, period: string, files: readonly PublishedFile[]): Promise<string[]> {
    const keys: string[] = [];
    for (const file of files) {
      const key = `${this.prefix}${programme}/${period}/${file.name}`;
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: file.body, ContentType: file.contentType }),
      );
      keys.push(`s3://${this.bucket}/${key}`);
    }
    return keys;
  }
}

/**
 * Reads published summaries back from S3: the periods are the "folders" under `programme/`
 * (ListObjectsV2 with a delimiter, so a programme's files are never listed one by one), a file is
 * one GetObject. A separate class from {@link S3Publisher} because the two run under different
 * grants: the reading function may list and get, never put.
 */
export class S3SummaryArchive implements SummaryArchive {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async periods(programme: string): Promise<string[]> {
    if (programme.includes('/')) return [];
    const prefix = `${programme}/`;
    const periods: string[] = [];
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: prefix, Delimiter: '/' },
    );
    for await (const page of pages)
      for (const common of page.CommonPrefixes ?? []) {
        const period = common.Prefix?.slice(prefix.length, -1);
        if (period !== undefined && SUMMARY_PERIOD.test(period)) periods.push(period);
      }
    return periods;
  }

  async file(programme: string, period: string, name: SummaryFileName): Promise<PublishedFile | undefined> {
    const known = Object.values(SUMMARY_FILES).find((file) => file.name === name);
    if (known === undefined || programme.includes('/') || !SUMMARY_PERIOD.test(period)) return undefined;
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: `${programme}/${period}/${known.name}` }),
      );
      if (object.Body === undefined) return undefined;
      // The type is ours, not the object's: what a stored ContentType says never changes how a file is served.
      return { ...known, body: await object.Body.transformToString('utf-8') };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }
}
