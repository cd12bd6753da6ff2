/**
 * Reading published summaries back, both ways they are published: the folder `prepost summaries`
 * writes (nothing outside it can be named, whatever a request carries), and the S3 bucket through
 * the SDK's whole middleware stack, its requests answered by a request handler with S3's own
 * wire answers (ListObjectsV2 XML in pages, objects, and NoSuchKey), since S3 does not run here.
 */
import { mkdir, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryArchive, DirectoryPublisher } from '#adapters/directory-publisher.ts';
import { S3SummaryArchive } from '#adapters/s3-publisher.ts';
import { SUMMARY_FILES, type PublishedFile, type SummaryFileName } from '#ports/publishing.ts';
import { shippedCatalog } from '#surveys/index.ts';

const PROGRAMME = 'justrom3-mentoring';
const catalog = shippedCatalog();
const files = (period: string): PublishedFile[] =>
  Object.values(SUMMARY_FILES).map((file) => ({ ...file, body: `${file.name} of ${period} ✓\n` }));

describe('the summaries folder, read back', () => {
  let root: string;
  let out: string;
  let archive: DirectoryArchive;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'prepost-archive-'));
    out = join(root, 'out');
    const publisher = new DirectoryPublisher(out);
    await publisher.publish(PROGRAMME, '2026-10', files('2026-10'));
    await publisher.publish(PROGRAMME, '2026-11', files('2026-11'));
    // What else a folder may hold: the outbox, a stray note, a file named like a month, secrets beside it.
    await mkdir(join(out, 'outbox'), { recursive: true });
    await writeFile(join(out, PROGRAMME, 'notes.txt'), 'not a period');
    await writeFile(join(out, PROGRAMME, '2026-12'), 'a file, not a folder');
    await mkdir(join(out, PROGRAMME, 'drafts'));
    await writeFile(join(root, 'secret.txt'), 'outside the folder');
    archive = new DirectoryArchive(out, catalog);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists the months published as folders, and nothing else', async () => {
    expect((await archive.periods(PROGRAMME)).sort()).toEqual(['2026-10', '2026-11']);
    expect(await archive.periods('dones-mentores')).toEqual([]);
  });

  it('reads a published file with its name and type, as it was written', async () => {
    expect(await archive.file(PROGRAMME, '2026-11', 'summary.csv')).toEqual({
      name: 'summary.csv',
      contentType: 'text/csv; charset=utf-8',
      body: 'summary.csv of 2026-11 ✓\n',
    });
    expect((await archive.file(PROGRAMME, '2026-10', 'summary.html'))?.contentType).toBe('text/html; charset=utf-8');
  });

  it('answers nothing for a file not published', async () => {
    await unlink(join(out, PROGRAMME, '2026-10', 'summary.json'));
    expect(await archive.file(PROGRAMME, '2026-10', 'summary.json')).toBeUndefined();
    expect(await archive.file(PROGRAMME, '2026-09', 'summary.html')).toBeUndefined();
    expect(await archive.file(PROGRAMME, '2026-12', 'summary.html')).toBeUndefined();
  });

  it('cannot be led outside the folder: programme, period and name are checked before any path is built', async () => {
    const attempts: [string, string, string][] = [
      ['..', '..', 'secret.txt'],
      [`${PROGRAMME}/../..`, '2026-10', 'summary.html'],
      ['not-a-programme', '2026-10', 'summary.html'],
      [PROGRAMME, '../..', 'secret.txt'],
      [PROGRAMME, '2026-10/..', 'summary.html'],
      [PROGRAMME, '2026-10', '../../../secret.txt'],
      [PROGRAMME, '2026-10', 'notes.txt'],
      ['outbox', '2026-10', 'summary.html'],
    ];
    for (const [programme, period, name] of attempts)
      expect(await archive.file(programme, period, name as SummaryFileName), `${programme} ${period} ${name}`).toBe(
        undefined,
      );
    expect(await archive.periods('..')).toEqual([]);
    expect(await archive.periods('outbox')).toEqual([]);
  });
});

/** A request as the SDK sends it once signed, and the wire answer S3 would give. */
interface WireRequest {
  readonly method: string;
  readonly hostname: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | string[] | null>>;
}
interface WireAnswer {
  readonly statusCode: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

/** An S3 client whose every request runs the SDK's whole stack and is answered by `answer` instead of S3. */
function s3Answering(answer: (request: WireRequest) => WireAnswer): { client: S3Client; requests: WireRequest[] } {
  const requests: WireRequest[] = [];
  const client = new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: {
      handle: async (request: WireRequest) => {
        requests.push(request);
        const { statusCode, headers = {}, body } = answer(request);
        return { response: { statusCode, headers, body: Readable.from([Buffer.from(body, 'utf8')]) } };
      },
    },
  });
  return { client, requests };
}

const xml = (body: string): WireAnswer => ({
  statusCode: 200,
  headers: { 'content-type': 'application/xml' },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
});

/** One page of ListObjectsV2 with a delimiter: only the common prefixes ("folders") under the prefix. */
function listPage(prefixes: readonly string[], next?: string): WireAnswer {
  const common = prefixes.map((prefix) => `<CommonPrefixes><Prefix>${prefix}</Prefix></CommonPrefixes>`).join('');
  return xml(
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>summaries</Name>' +
      `<Prefix>${PROGRAMME}/</Prefix><Delimiter>/</Delimiter><MaxKeys>1000</MaxKeys><KeyCount>${prefixes.length}` +
      `</KeyCount><IsTruncated>${next !== undefined}</IsTruncated>${common}` +
      `${next === undefined ? '' : `<NextContinuationToken>${next}</NextContinuationToken>`}</ListBucketResult>`,
  );
}

describe('the summary bucket, read back', () => {
  it('lists the months under programme/ page by page, by delimiter, keeping only months', async () => {
    const { client, requests } = s3Answering((request) =>
      request.query['continuation-token'] === undefined
        ? listPage([`${PROGRAMME}/2026-09/`, `${PROGRAMME}/2026-10/`], 'page-2')
        : listPage([`${PROGRAMME}/2026-11/`, `${PROGRAMME}/drafts/`]),
    );
    const periods = await new S3SummaryArchive(client, 'summaries').periods(PROGRAMME);
    expect(periods).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.method).toBe('GET');
      expect(request.hostname).toBe('summaries.s3.eu-west-1.amazonaws.com');
      expect(request.query).toMatchObject({ 'list-type': '2', prefix: `${PROGRAMME}/`, delimiter: '/' });
    }
    expect(requests[1]?.query['continuation-token']).toBe('page-2');
  });

  it('reads an object by its key programme/period/name, typed as published', async () => {
    const { client, requests } = s3Answering(() => ({
      statusCode: 200,
      // What the stored type says does not decide how the file is served.
      headers: { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength('a,b\n1,2 ✓\n')) },
      body: 'a,b\n1,2 ✓\n',
    }));
    const file = await new S3SummaryArchive(client, 'summaries').file(PROGRAMME, '2026-10', 'summary.csv');
    expect(file).toEqual({ name: 'summary.csv', contentType: 'text/csv; charset=utf-8', body: 'a,b\n1,2 ✓\n' });
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /${PROGRAMME}/2026-10/summary.csv`,
    ]);
  });

  it('answers nothing for a key S3 does not have (NoSuchKey), and asks nothing for a name it cannot have', async () => {
    const { client, requests } = s3Answering(() => ({
      statusCode: 404,
      headers: { 'content-type': 'application/xml' },
      body:
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>' +
        '<Message>The specified key does not exist.</Message><Key>x</Key><RequestId>1</RequestId></Error>',
    }));
    const archive = new S3SummaryArchive(client, 'summaries');
    expect(await archive.file(PROGRAMME, '2026-10', 'summary.json')).toBeUndefined();
    expect(await archive.file(PROGRAMME, '../2026-10', 'summary.json')).toBeUndefined();
    expect(await archive.file(`${PROGRAMME}/x`, '2026-10', 'summary.json')).toBeUndefined();
    expect(await archive.file(PROGRAMME, '2026-10', 'secret.txt' as SummaryFileName)).toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it('lets any other failure through (access denied is not "not published")', async () => {
    const { client } = s3Answering(() => ({
      statusCode: 403,
      headers: { 'content-type': 'application/xml' },
      body:
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>' +
        '<Message>Access Denied</Message><RequestId>1</RequestId></Error>',
    }));
    const archive = new S3SummaryArchive(client, 'summaries');
    await expect(archive.file(PROGRAMME, '2026-10', 'summary.json')).rejects.toBeInstanceOf(S3ServiceException);
    await expect(archive.periods(PROGRAMME)).rejects.toMatchObject({ name: 'AccessDenied' });
  });
});
