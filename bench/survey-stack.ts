/**
 * What the submit benchmark and the load test both stand on: the embedded DynamoDB, the seed
 * cohorts loaded as a first `npm start` loads them, and the local HTTP server over the real
 * survey handlers (the factories the Lambdas call), on loopback; DynamoDB in a process of its own
 * (`dynamo-process.ts`), the participants' HTTP client in this one. The
 * document client carries a middleware on its own stack that counts the commands sent, so the
 * calls per wave are read where the SDK sends them; no module of ours is stubbed. A participant
 * answers over HTTP as a browser without JavaScript does: it reads each screen's form, ticks
 * consent, picks an option per question, posts, and follows the 303 back to the link.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { depsOn, type Deps } from '#adapters/deps.ts';
import { DynamoTable, ensureTable } from '#adapters/dynamo-table.ts';
import { linkKeyFromValue } from '#adapters/link-key.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { makeGetSurveyHandler } from '#handlers/get-survey.ts';
import { makeSubmitSurveyHandler } from '#handlers/submit-survey.ts';
import type { EmbeddedDynamo } from '#local/embedded-dynamodb.ts';
import { startLocalServer } from '#local/server.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { createLinks, MAX_PARTICIPANTS_PER_CALL, type IssuedLink } from '#use-cases/create-links.ts';
import { seedCohorts } from '#use-cases/manage-cohorts.ts';

/** DynamoDB commands by kind, as counted at the SDK client. */
export interface CommandCounts {
  get: number;
  put: number;
  query: number;
  other: number;
}

/** GetItems by the item read: a link, a cohort's windows (`PROG#` partition), a wave's record (a cohort partition). */
export interface ReadCounts {
  link: number;
  cohort: number;
  wave: number;
}

/** A running survey stack: its URL, deps (on the counted client) and the counts so far. */
export interface SurveyStack {
  readonly url: string;
  readonly deps: Deps;
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Commands sent since the last `resetCounts`. */
  readonly counts: CommandCounts;
  /** The GetItems among them, by what they read. */
  readonly reads: ReadCounts;
  resetCounts(): void;
  /**
   * How long the server spends on the next request it receives: from the request's arrival (its
   * headers read) to the answer handed to the network, as the server's own span would show it.
   */
  nextServerSpan(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts the embedded DynamoDB in a process of its own, as DynamoDB is a service of its own (the
 * server's work and its do not queue on one event loop; on two cores each gets one), loads the
 * seed cohorts and serves the survey routes.
 */
export async function startSurveyStack(): Promise<SurveyStack> {
  const dynamo = await startDynamoProcess();
  const client = createDocumentClient(dynamo.endpoint);
  const tableName = 'prepost-bench-submit';
  await ensureTable(client, tableName);
  const deps = depsOn({
    table: new DynamoTable(client, tableName),
    catalog: shippedCatalog(),
    linkKey: linkKeyFromValue(randomBytes(32).toString('base64')),
  });
  await seedCohorts(deps, SYSTEM_ACTOR, { once: true });
  const counts: CommandCounts = { get: 0, put: 0, query: 0, other: 0 };
  const reads: ReadCounts = { link: 0, cohort: 0, wave: 0 };
  client.middlewareStack.add(
    (next, context) => (args) => {
      const kind = kindOf(context.commandName ?? '');
      counts[kind] += 1;
      if (kind === 'get') {
        const key = String((args.input as { Key?: { PK?: unknown } }).Key?.PK ?? '');
        reads[key.startsWith('LINK#') ? 'link' : key.startsWith('PROG#') ? 'cohort' : 'wave'] += 1;
      }
      return next(args);
    },
    { step: 'initialize', name: 'benchCountCommands' },
  );
  const server = await startLocalServer(
    {
      routes: new Map([
        ['get-survey', makeGetSurveyHandler(deps)],
        ['submit-survey', makeSubmitSurveyHandler(deps)],
      ]),
    },
    '127.0.0.1',
    0,
  );
  // Listening before the server's own handler: the arrival is stamped before any of its work.
  const spans: ((ms: number) => void)[] = [];
  server.server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    const arrived = performance.now();
    const report = spans.shift();
    if (report !== undefined) response.once('finish', () => report(performance.now() - arrived));
  });
  return {
    url: server.url,
    deps,
    client,
    tableName,
    counts,
    reads,
    nextServerSpan: () => new Promise((resolve) => spans.push(resolve)),
    resetCounts: () => {
      Object.assign(counts, { get: 0, put: 0, query: 0, other: 0 });
      Object.assign(reads, { link: 0, cohort: 0, wave: 0 });
    },
    close: async () => {
      await server.close();
      client.destroy();
      await dynamo.close();
    },
  };
}

/** The embedded DynamoDB in a child process (`dynamo-process.ts`), stopped by closing its input. */
async function startDynamoProcess(): Promise<EmbeddedDynamo> {
  const script = fileURLToPath(new URL('./dynamo-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const line = output.split('\n')[0];
      if (output.includes('\n') && line !== undefined) resolve((JSON.parse(line) as { endpoint: string }).endpoint);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the DynamoDB process exited with ${String(code)}`)));
  });
  return {
    endpoint,
    close: async () => {
      child.stdin.end();
      await exited;
    },
  };
}

/** The document client names its commands `GetCommand`, the plain client `GetItemCommand`. */
function kindOf(commandName: string): keyof CommandCounts {
  if (/^Get(Item)?Command$/.test(commandName)) return 'get';
  if (/^Put(Item)?Command$/.test(commandName)) return 'put';
  if (commandName === 'QueryCommand') return 'query';
  return 'other';
}

/** Links of `count` new participants of a seed cohort, made as `prepost links` makes them. */
export async function issueLinks(
  stack: SurveyStack,
  programme: string,
  cohort: string,
  count: number,
): Promise<IssuedLink[]> {
  const links: IssuedLink[] = [];
  for (let made = 0; made < count; made += MAX_PARTICIPANTS_PER_CALL) {
    const batch = await createLinks(
      stack.deps,
      SYSTEM_ACTOR,
      programme,
      cohort,
      Math.min(MAX_PARTICIPANTS_PER_CALL, count - made),
    );
    links.push(...batch.links);
  }
  return links;
}

/** One screen as a browser without JavaScript would send it on Continue (or Send on the last one). */
export interface ScreenForm {
  /** Whether this is the questionnaire's last screen (its button sends the answers). */
  readonly last: boolean;
  readonly body: URLSearchParams;
}

/** A participant page: its status, and the questionnaire screen's form if it shows one. */
export interface ParticipantPage {
  readonly status: number;
  readonly html: string;
  readonly form?: ScreenForm | undefined;
}

/**
 * Connections kept open between requests, as a browser keeps them, and as the AWS SDK's own
 * node:http handler keeps its connections to DynamoDB: both sides of the ratio go through the
 * same HTTP stack. (Node 20's fetch costs about half a millisecond more per request on the
 * client's side, which is no part of the submit path.)
 */
const agent = new Agent({ keepAlive: true });

/** A response as read: status, the location of a redirect, the body. */
export interface HttpReply {
  readonly status: number;
  readonly location?: string | undefined;
  readonly body: string;
}

/** One request over the kept-alive connections; a form body is sent urlencoded. Redirects are not followed. */
export function send(url: string, form?: URLSearchParams): Promise<HttpReply> {
  return prepare(url, form)();
}

/**
 * A request made ready to send, its URL parsed and its form encoded beforehand, as a browser has
 * them before the tap: what a timed round sends is the request itself.
 */
export function prepare(url: string, form?: URLSearchParams): () => Promise<HttpReply> {
  const { hostname, port, pathname, search } = new URL(url);
  const body = form?.toString();
  const options = {
    hostname,
    port,
    path: `${pathname}${search}`,
    method: body === undefined ? 'GET' : 'POST',
    agent,
    headers: body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' },
  };
  return () =>
    new Promise((resolve, reject) => {
      const request = httpRequest(options, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      request.on('error', reject);
      request.end(body);
    });
}

/** GETs a participant page. */
export async function getPage(url: string): Promise<ParticipantPage> {
  const { status, body } = await send(url);
  return { status, html: body, form: screenForm(body) };
}

/** POSTs a screen and answers where its 303 leads; anything but a 303 is a failure of the walk. */
export async function postScreen(url: string, body: URLSearchParams): Promise<string> {
  const { status, location } = await send(url, body);
  if (status !== 303 || location === undefined)
    throw new Error(`POST ${new URL(url).pathname.slice(0, 4)}… answered ${status}, not 303`);
  return new URL(location, url).toString();
}

/**
 * Answers a link's questionnaire screen by screen up to its last screen, and gives that
 * screen's form (to send it later), or, with `finish`, sends it too and gives the thank-you page.
 */
export async function walkToLastScreen(baseUrl: string, code: string, pick: number): Promise<ScreenForm> {
  let url = `${baseUrl}/s/${code}`;
  for (let screens = 0; screens < 50; screens += 1) {
    const page = await getPage(url);
    if (page.status !== 200 || page.form === undefined)
      throw new Error(`the link answered ${page.status} without a questionnaire screen`);
    const form = answered(page.form, pick);
    if (form.last) return form;
    url = await postScreen(`${baseUrl}/s/${code}`, form.body);
  }
  throw new Error('the questionnaire never reached its last screen');
}

/** Answers a whole wave, screen by screen, and gives the receipt on the thank-you page. */
export async function answerWave(baseUrl: string, code: string, pick: number): Promise<string> {
  const last = await walkToLastScreen(baseUrl, code, pick);
  const thanks = await getPage(await postScreen(`${baseUrl}/s/${code}`, last.body));
  const receipt = receiptOf(thanks.html);
  if (thanks.status !== 200 || receipt === undefined)
    throw new Error(`the wave ended with ${thanks.status}, no receipt`);
  return receipt;
}

/** The receipt a thank-you page shows. */
export function receiptOf(html: string): string | undefined {
  return /<strong>([0-9A-Z]{10})<\/strong>/.exec(html)?.[1];
}

/**
 * The questionnaire form of a page, as the browser would send it with nothing chosen: its
 * hidden fields and the default button; undefined on a page without one.
 */
function screenForm(html: string): ScreenForm | undefined {
  const start = html.indexOf('<form id="survey"');
  if (start < 0) return undefined;
  const form = html.slice(start, html.indexOf('</form>', start));
  const body = new URLSearchParams();
  for (const match of form.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    body.append(unescapeHtml(match[1] ?? ''), unescapeHtml(match[2] ?? ''));
  const last = isLastScreen(html, form);
  // The radio groups and the consent box, kept for `answered` as `?name=value|value...`.
  for (const match of form.matchAll(/<input type="(radio|checkbox)" name="([^"]*)" value="([^"]*)"/g))
    body.append(`?${unescapeHtml(match[2] ?? '')}`, unescapeHtml(match[3] ?? ''));
  return { last, body };
}

/**
 * The last screen's button sends the answers: its label is not the "Continue" of the page's
 * hidden default button (in whatever language the page is).
 */
function isLastScreen(html: string, form: string): boolean {
  const next = /name="nav" value="next" class="vh"[^>]*>([^<]*)</.exec(html)?.[1];
  const shown = /<p class="nav"><button type="submit" name="nav" value="next">([^<]*)</.exec(form)?.[1];
  return shown !== undefined && shown !== next;
}

/** The form with consent ticked and the `pick`-th option (or the last there is) of each question chosen. */
export function answered(form: ScreenForm, pick: number): ScreenForm {
  const body = new URLSearchParams();
  const choices = new Map<string, string[]>();
  for (const [name, value] of form.body) {
    if (name.startsWith('?')) choices.set(name.slice(1), [...(choices.get(name.slice(1)) ?? []), value]);
    else body.append(name, value);
  }
  for (const [name, values] of choices) body.set(name, values[Math.min(pick, values.length - 1)] ?? '');
  body.set('nav', 'next');
  return { last: form.last, body };
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
