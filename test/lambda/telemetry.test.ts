/**
 * The metrics and traces of the deployed functions, read where CloudWatch and X-Ray read them:
 * each Lambda entry bundled as the CDK bundles it and run in a process of its own with the
 * environment a deployed function has, its table the embedded DynamoDB (the SDK's own
 * `AWS_ENDPOINT_URL_*` variables), S3 and SES a small HTTP server answering as they do, and the
 * X-Ray daemon a UDP socket. The EMF lines are its stdout's JSON lines with `_aws`; the trace
 * segments the datagrams the socket receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { HttpEvent } from '#shared/http.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { answerAll, startTestStack } from '../support/stack.ts';
import { seedWave } from '../support/programmes.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const BUCKET = 'summaries-bucket';
const TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

/** Loads a bundled entry and invokes its handler with each event in turn, as one Lambda instance would. */
const RUNNER = `
import { readFile, writeFile } from 'node:fs/promises';
const [bundle, eventsFile, resultsFile] = process.argv.slice(2);
const { handler } = await import(bundle);
const results = [];
for (const [index, event] of JSON.parse(await readFile(eventsFile, 'utf8')).entries()) {
  console.log(JSON.stringify({ invocation: index }));
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    awsRequestId: 'request-' + index,
    getRemainingTimeInMillis: () => 30000,
  };
  try {
    results.push({ result: await handler(event, context) });
  } catch (error) {
    results.push({ error: error.name });
  }
}
await writeFile(resultsFile, JSON.stringify(results));
`;

interface Emf {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

interface Run {
  /** Per invocation, its EMF lines in order. */
  readonly emf: Emf[][];
  readonly results: { readonly result?: unknown; readonly error?: string }[];
  readonly stdout: string;
  readonly stderr: string;
}

let stack: Awaited<ReturnType<typeof startTestStack>>;
let dir: string;
let links: IssuedLink[];
let daemon: Socket;
const datagrams: string[] = [];
let aws: Server;
const awsRequests: { method: string; path: string; body: string }[] = [];
/** The bodies of the messages sent to the aggregation queue. */
const queued: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 3));
  dir = await mkdtemp(join(tmpdir(), 'prepost-telemetry-'));
  await writeFile(join(dir, 'runner.mjs'), RUNNER);
  // As lib/constructs/prepost-function.ts bundles: ESM, minified, node20, the SDK inlined.
  await build({
    entryPoints: ['submit-survey', 'aggregate', 'aggregate-cohort', 'publish-summaries'].map((name) =>
      join(ROOT, 'functions', 'lambda', `${name}.ts`),
    ),
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  daemon = createSocket('udp4');
  daemon.on('message', (message) => datagrams.push(message.toString('utf8')));
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  // S3's PutObject and SES's SendEmail, answered as they answer; anything else is a 400 the test sees.
  aws = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      awsRequests.push({ method: request.method ?? '', path, body: Buffer.concat(chunks).toString('utf8') });
      const target = request.headers['x-amz-target'];
      if (target === 'AmazonSQS.SendMessageBatch') {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          Entries: { Id: string; MessageBody: string }[];
        };
        for (const entry of input.Entries) queued.push(entry.MessageBody);
        const Successful = input.Entries.map((entry) => ({
          Id: entry.Id,
          MessageId: `m-${queued.length}-${entry.Id}`,
          MD5OfMessageBody: createHash('md5').update(entry.MessageBody).digest('hex'),
        }));
        response
          .writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'sqs-request' })
          .end(JSON.stringify({ Successful, Failed: [] }));
      } else if (request.method === 'PUT' && path.startsWith(`/${BUCKET}/`)) {
        response.writeHead(200, { etag: '"1"', 'x-amz-request-id': 'S3REQUEST' }).end();
      } else if (request.method === 'POST' && path === '/v2/email/outbound-emails') {
        response
          .writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'ses-request' })
          .end(JSON.stringify({ MessageId: 'm-1' }));
      } else {
        response.writeHead(400, { 'content-type': 'application/json' }).end('{"message":"not answered here"}');
      }
    });
  });
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => aws.close(() => resolve()));
  daemon.close();
  await stack.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a bundled entry over `events` with a deployed function's environment. */
async function runEntry(name: string, events: readonly unknown[]): Promise<Run> {
  const eventsFile = join(dir, `${name}-events.json`);
  const resultsFile = join(dir, `${name}-results.json`);
  await writeFile(eventsFile, JSON.stringify(events));
  const awsEndpoint = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // What Lambda sets.
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'ASIATEST',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_SESSION_TOKEN: 'test',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: `prepost-${name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: dir,
    _X_AMZN_TRACE_ID: TRACE_ID,
    AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    // What the CDK sets (lib/constructs/prepost-function.ts, lib/stacks/pipeline-stack.ts).
    POWERTOOLS_SERVICE_NAME: 'prepost',
    TABLE_NAME: stack.environment.tableName,
    // The deployed functions read the key from Secrets Manager; the same key, given as the value.
    LINK_KEY: (await stack.deps.linkKey()).toString('base64'),
    SUMMARY_BUCKET: BUCKET,
    SENDER_ADDRESS: 'summaries@example.org',
    // Where the SDK's requests go instead of AWS.
    AWS_ENDPOINT_URL_DYNAMODB: stack.environment.endpoint,
    AWS_ENDPOINT_URL_S3: awsEndpoint,
    AWS_ENDPOINT_URL_SESV2: awsEndpoint,
    AWS_ENDPOINT_URL_SQS: awsEndpoint,
    AGGREGATION_QUEUE_URL: `${awsEndpoint}/111111111111/aggregation`,
    // This machine's Node is older than Lambda's; the SDK's notice about it is not the function's.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      [join(dir, 'runner.mjs'), join(dir, `${name}.mjs`), eventsFile, resultsFile],
      { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, out, err) => (error === null ? resolve({ stdout: out, stderr: err }) : reject(new Error(err || out))),
    );
  });
  const emf: Emf[][] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (typeof parsed.invocation === 'number') emf.push([]);
    else if ('_aws' in parsed) emf.at(-1)?.push(parsed as Emf);
  }
  const results = JSON.parse(await readFile(resultsFile, 'utf8')) as Run['results'];
  return { emf, results, stdout, stderr };
}

/** The metrics of an EMF line: name to value, with the line's dimension sets and namespace. */
function metricsOf(line: Emf): { values: Record<string, unknown>; dimensions: string[][]; namespace: string } {
  const [directive] = line._aws.CloudWatchMetrics;
  if (directive === undefined) throw new Error('an EMF line without metrics');
  return {
    values: Object.fromEntries(directive.Metrics.map(({ Name }) => [Name, line[Name]])),
    dimensions: directive.Dimensions.map((set) => [...set]),
    namespace: directive.Namespace,
  };
}

/** Every key of every EMF line: what CloudWatch Logs keeps of it, which must name nothing of a participant. */
function keysOf(lines: readonly Emf[]): Set<string> {
  return new Set(lines.flatMap((line) => Object.keys(line)));
}

function postEvent(code: string, body: string, contentType = 'application/x-www-form-urlencoded'): HttpEvent {
  const path = `/s/${code}`;
  return {
    version: '2.0',
    routeKey: 'POST /s/{code}',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': contentType, host: 'survey.example.org', 'x-forwarded-proto': 'https' },
    pathParameters: { code },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '111111111111',
      apiId: 'api',
      domainName: 'survey.example.org',
      domainPrefix: 'survey',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'r',
      routeKey: 'POST /s/{code}',
      stage: '$default',
      time: '03/Dec/2026:18:00:00 +0000',
      timeEpoch: 0,
    },
  };
}

function participantLink(nth: number): IssuedLink {
  const participant = [...new Set(links.map((link) => link.participant))][nth];
  const found = links.find((link) => link.participant === participant && link.wave === 'pre');
  if (found === undefined) throw new Error('no link');
  return found;
}

function answersOf(link: IssuedLink): URLSearchParams {
  const context = seedWave(PROGRAMME, COHORT, link.session, link.wave, stack.deps.catalog);
  return answerAll(context, stack.deps.catalog, 1);
}

/** The X-Ray segment documents received since the `from`th (each datagram: a header line, then the document). */
function segments(from: number): Record<string, unknown>[] {
  return datagrams
    .slice(from)
    .map((datagram) => JSON.parse(datagram.slice(datagram.indexOf('\n') + 1)) as Record<string, unknown>);
}

describe('submit-survey', () => {
  it(
    'counts a stored response as Submissions and a refused input as ValidationFailures, nothing else, and ' +
      'neither a code nor an answer reaches its output',
    async () => {
      const answered = participantLink(0);
      const refused = participantLink(1);
      const answers = answersOf(answered);
      const outOfRange = answersOf(refused);
      const [firstField] = [...outOfRange.keys()].filter((field) => field.startsWith('a.'));
      if (firstField === undefined) throw new Error('a wave without questions');
      outOfRange.set(firstField, '99');
      const before = datagrams.length;
      const run = await runEntry('submit-survey', [
        postEvent(answered.code, answers.toString()),
        // A double tap: the same answers again store nothing.
        postEvent(answered.code, answers.toString()),
        postEvent(refused.code, 'not a form', 'text/plain'),
        postEvent(refused.code, outOfRange.toString()),
        postEvent(refused.code, 'x'.repeat(20 * 1024)),
        // An unknown link is not the participant's input: 404, not counted.
        postEvent('zzzzzzzzzzzz', answers.toString()),
      ]);

      expect(run.results.map(({ result }) => (result as { statusCode?: number } | undefined)?.statusCode)).toEqual([
        303, 303, 415, 400, 413, 404,
      ]);
      const perInvocation = run.emf.map((lines) => lines.map((line) => metricsOf(line).values));
      expect(perInvocation).toEqual([
        [{ ColdStart: 1 }, { Submissions: 1 }],
        [],
        [{ ValidationFailures: 1 }],
        [{ ValidationFailures: 1 }],
        [{ ValidationFailures: 1 }],
        [],
      ]);
      const lines = run.emf.flat();
      for (const line of lines) expect(metricsOf(line).namespace).toBe('prepost');
      const submission = run.emf[0]?.[1];
      if (submission === undefined) throw new Error('no submission line');
      expect(metricsOf(submission)).toMatchObject({ dimensions: [['service']] });
      expect(submission._aws.CloudWatchMetrics[0]?.Metrics).toEqual([{ Name: 'Submissions', Unit: 'Count' }]);
      expect(submission.service).toBe('prepost');
      const coldStart = run.emf[0]?.[0];
      expect(coldStart === undefined ? undefined : metricsOf(coldStart).dimensions).toEqual([
        ['service', 'function_name'],
      ]);
      expect(coldStart?.function_name).toBe('prepost-submit-survey');

      // What CloudWatch keeps of the lines: the directive, the service, the function, the counts.
      expect([...keysOf(lines)].sort()).toEqual(
        ['ColdStart', 'Submissions', 'ValidationFailures', '_aws', 'function_name', 'service'].sort(),
      );
      // Nor anywhere in the function's output (its logs included): no code, no answer's field.
      for (const code of [answered.code, refused.code]) expect(run.stdout + run.stderr).not.toContain(code);
      for (const field of answers.keys()) if (field.startsWith('a.')) expect(run.stdout).not.toContain(field);
      // The participant functions do not trace (Tracer's cost at cold start): nothing sent, nothing printed.
      expect(datagrams.length).toBe(before);
      expect(run.stderr).toBe('');
    },
  );
});

/** An SQS event of the queued messages, as the event source mapping delivers them. */
function sqsEvent(bodies: readonly string[]): unknown {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `message-${index}`,
      receiptHandle: `handle-${index}`,
      body,
      attributes: {},
      messageAttributes: {},
      md5OfBody: createHash('md5').update(body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-west-1:111111111111:aggregation',
      awsRegion: 'eu-west-1',
    })),
  };
}

describe('aggregate and aggregate-cohort', () => {
  it('record each finished run: AggregationDuration, and AggregatedCohorts where the jobs store tables', async () => {
    const before = datagrams.length;
    const plan = await runEntry('aggregate', [{ programme: PROGRAMME, full: true }, { programme: 'none' }]);
    const planned = plan.emf.map((lines) => lines.map((line) => metricsOf(line).values));
    expect(planned[0]?.[0]).toEqual({ ColdStart: 1 });
    // A plan stores no cohort's tables: it queues them.
    expect(planned[0]?.[1]?.AggregatedCohorts).toBe(0);
    expect(planned[0]?.[1]?.AggregationDuration).toBeGreaterThan(0);
    // Said on every plan, zero included, so that its alarm tells a quiet month from a stopped plan.
    expect(planned[0]?.[1]?.OverdueSummaries).toEqual(expect.any(Number));
    expect(planned[1]).toEqual([]);
    const jobs = queued.splice(0);
    const cohortJobs = jobs.filter((body) => (JSON.parse(body) as { cohort: unknown }).cohort !== null);
    expect(cohortJobs.length).toBeGreaterThan(0);

    const consumer = await runEntry('aggregate-cohort', [sqsEvent(jobs), sqsEvent(queued.splice(0))]);
    const consumed = consumer.emf.map((lines) => lines.map((line) => metricsOf(line).values));
    expect(consumer.results[0]?.result).toEqual({ batchItemFailures: [] });
    expect(consumed[0]?.[1]?.AggregatedCohorts).toBe(cohortJobs.length);
    expect(consumed[0]?.[1]?.AggregationDuration).toBeGreaterThan(0);
    // The pool, which the last cohort job queued, is not a cohort.
    expect(consumed[1]?.[0]?.AggregatedCohorts).toBe(0);
    expect(plan.stderr + consumer.stderr).toBe('');

    const services = (): Set<unknown> => new Set(segments(before).map((segment) => segment.name));
    await expect.poll(services, { timeout: 10_000 }).toEqual(new Set(['DynamoDB', 'SQS']));
    for (const segment of segments(before).filter((segment) => segment.name === 'SQS'))
      expect(segment.aws).toMatchObject({ operation: 'SendMessageBatch', message_count: expect.any(Number) });
  });
});

describe('publish-summaries', () => {
  it('counts the messages each run sent as SummariesSent, by service and by programme', async () => {
    const before = datagrams.length;
    const event = { programme: PROGRAMME, period: '2026-10' };
    const run = await runEntry('publish-summaries', [event, event]);

    expect(run.results.map(({ result }) => (result as { messages: number }).messages)).toEqual([1, 0]);
    const lines = run.emf.map((invocation) => invocation.map(metricsOf));
    const sent = (invocation: number, dimensions: string[]): unknown =>
      lines[invocation]?.find((line) => JSON.stringify(line.dimensions) === JSON.stringify([dimensions]))?.values;
    expect(sent(0, ['service', 'programme'])).toEqual({ SummariesSent: 1 });
    expect(sent(0, ['service'])).toEqual({ SummariesSent: 1 });
    // Every funder had this period's summary already: zero, said, so an alarm tells quiet from missing.
    expect(sent(1, ['service', 'programme'])).toEqual({ SummariesSent: 0 });
    expect(sent(1, ['service'])).toEqual({ SummariesSent: 0 });
    expect(
      run.emf
        .flat()
        .filter((line) => 'programme' in line)
        .map((line) => line.programme),
    ).toEqual([PROGRAMME, PROGRAMME]);
    expect(run.stderr).toBe('');

    // S3, SES and DynamoDB calls traced; S3's key is the programme, the period and the file.
    const services = (): Set<unknown> => new Set(segments(before).map((segment) => segment.name));
    await expect.poll(services, { timeout: 10_000 }).toEqual(new Set(['DynamoDB', 'S3', 'SESv2']));
    const traced = segments(before);
    for (const segment of traced.filter((segment) => segment.name === 'S3'))
      expect(segment.aws).toMatchObject({
        operation: 'PutObject',
        bucket_name: BUCKET,
        key: expect.stringMatching(new RegExp(`^${PROGRAMME}/2026-10/summary\\.(csv|html|json)$`)),
      });
    for (const segment of traced.filter((segment) => segment.name === 'SESv2'))
      expect(Object.keys(segment.aws as object).sort()).toEqual(['operation', 'region', 'request_id', 'retries']);
    // The message went to SES; nothing of it went to X-Ray.
    const mail = awsRequests.find((request) => request.path === '/v2/email/outbound-emails');
    expect(mail).toBeDefined();
    expect(datagrams.slice(before).join('\n')).not.toContain('funder-dones@example.org');
  });
});
