/**
 * A store that fails never loses answers (issue 8, point 7). The embedded DynamoDB cannot
 * throttle or hang on demand, so: throttling is answered at the AWS SDK's own middleware
 * (inside its retry loop, so the SDK retries as it would against AWS), and a hung write is a
 * real HTTP proxy in front of the embedded DynamoDB that holds one request, so the client's
 * own per-attempt timeout is what saves the participant. A client that hangs up mid-body is
 * logged as that.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import type { LocalServer } from '#local/server.ts';
import { answerAll, depsThrough, startSurveyServer, startTestStack } from '../support/stack.ts';
import { seedWave } from '../support/programmes.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let links: IssuedLink[];

beforeAll(async () => {
  stack = await startTestStack();
  ({ links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 4));
});

afterAll(async () => {
  await stack.stop();
});

/** A local server whose handlers use `client`, as the deployed ones use theirs. */
async function serverWith(client: ReturnType<typeof createDocumentClient>): Promise<LocalServer> {
  const deps = depsThrough(stack, client);
  return startSurveyServer(deps);
}

function linkOf(nth: number, wave: 'pre' | 'post'): IssuedLink {
  const participant = [...new Set(links.map((link) => link.participant))][nth];
  const found = links.find((link) => link.participant === participant && link.wave === wave);
  if (found === undefined) throw new Error('no link');
  return found;
}

function wholeAnswers(link: IssuedLink, pick: number): URLSearchParams {
  const fields = answerAll(
    seedWave(PROGRAMME, COHORT, link.session, link.wave, stack.deps.catalog),
    stack.deps.catalog,
    pick,
  );
  fields.set('lang', 'es');
  return fields;
}

describe('a throttled store', () => {
  it(
    'answers 503 with a calm page in the participant language, every participant header, the exit control and the ' +
      'answers kept',
    async () => {
      const client = createDocumentClient(stack.environment.endpoint);
      let attempts = 0;
      // Inside the retry loop (finalizeRequest, low priority): the SDK retries as against AWS.
      client.middlewareStack.add(
        (next) => async (args) => {
          const body = String((args.request as { body?: unknown }).body ?? '');
          if (
            body.includes('"PutItem"') ||
            (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ===
              'DynamoDB_20120810.PutItem'
          ) {
            attempts += 1;
            throw new ProvisionedThroughputExceededException({
              message: 'Rate of requests exceeds the allowed throughput',
              $metadata: { httpStatusCode: 400 },
            });
          }
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'throttleWrites' },
      );
      const server = await serverWith(client);
      try {
        const link = linkOf(0, 'pre');
        const fields = wholeAnswers(link, 1);
        const started = performance.now();
        const response = await fetch(`${server.url}/s/${link.code}`, {
          method: 'POST',
          headers: FORM,
          body: fields.toString(),
          redirect: 'manual',
        });
        const elapsed = performance.now() - started;
        console.info(
          `throttled submit: status ${response.status} after ${Math.round(elapsed)} ms and ${attempts} attempts`,
        );
        expect(response.status).toBe(503);
        expect(attempts).toBe(3);
        expect(elapsed).toBeLessThan(9000);
        for (const [name, value] of Object.entries({
          'cache-control': 'no-store',
          'referrer-policy': 'no-referrer',
          'content-type': 'text/html; charset=utf-8',
        }))
          expect(response.headers.get(name)).toBe(value);
        expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
        const page = await response.text();
        expect(page).toContain('<html lang="es">');
        expect(page).toContain('No hemos podido guardar tus respuestas');
        expect(page).toContain('id="exit"');
        // Every answer is on the page again, ready for one more try.
        for (const [field, value] of fields)
          if (field.startsWith('a.'))
            expect(page).toMatch(new RegExp(`name="${field.replace(/\./g, '\\.')}" value="${value}"[^>]*(checked|>)`));
        expect(
          await stack.deps.responses.getResponse({
            programme: PROGRAMME,
            cohort: COHORT,
            participant: link.participant,
            session: link.session,
            wave: 'pre',
          }),
        ).toBeUndefined();
        // The try again that follows, with the store back, stores it.
        const again = await fetch(`${stack.url}/s/${link.code}`, {
          method: 'POST',
          headers: FORM,
          body: fields.toString(),
          redirect: 'manual',
        });
        expect(again.status).toBe(303);
      } finally {
        await server.close();
      }
    },
  );

  it('answers a failed read of the link with a 503 page that sends the same answers again', async () => {
    const client = createDocumentClient(stack.environment.endpoint);
    client.middlewareStack.add(
      () => async () => {
        throw new ProvisionedThroughputExceededException({ message: 'throttled', $metadata: { httpStatusCode: 400 } });
      },
      { step: 'finalizeRequest', priority: 'low', name: 'throttleEverything' },
    );
    const server = await serverWith(client);
    try {
      const link = linkOf(1, 'pre');
      const opened = await fetch(`${server.url}/s/${link.code}`, { headers: { 'accept-language': 'ca' } });
      expect(opened.status).toBe(503);
      expect(opened.headers.get('cache-control')).toBe('no-store');
      expect(await opened.text()).toContain('No hem pogut obrir el qüestionari');
      const fields = wholeAnswers(link, 2);
      fields.set('lang', 'ca');
      fields.set('zz-unknown', 'x'.repeat(500));
      const posted = await fetch(`${server.url}/s/${link.code}`, {
        method: 'POST',
        headers: FORM,
        body: fields.toString(),
      });
      expect(posted.status).toBe(503);
      const page = await posted.text();
      expect(page).toContain('No hem pogut desar les teves respostes');
      expect(page).toContain('id="exit"');
      expect(page).not.toContain('zz-unknown');
      // The retry form carries the answers exactly: posting it to the healthy server stores them.
      const carried = new URLSearchParams(
        [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match): [string, string] => [
          match[1] ?? '',
          (match[2] ?? '').replace(/&amp;/g, '&'),
        ]),
      );
      for (const [field, value] of fields) if (field !== 'zz-unknown') expect(carried.get(field)).toBe(value);
      expect(
        (
          await fetch(`${stack.url}/s/${link.code}`, {
            method: 'POST',
            headers: FORM,
            body: carried.toString(),
            redirect: 'manual',
          })
        ).status,
      ).toBe(303);
    } finally {
      await server.close();
    }
  });
});

describe('a write that hangs', () => {
  let proxy: Server;
  let held = 0;
  const release: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    // An HTTP proxy in front of the embedded DynamoDB that holds the first response PutItem
    // for 5 s before passing it on: the write lands long after the client gave up on it.
    const target = new URL(stack.environment.endpoint);
    proxy = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const forward = (): Promise<void> =>
          new Promise((resolve) => {
            const upstream = httpRequest(
              {
                host: target.hostname,
                port: target.port,
                method: incoming.method,
                path: incoming.url,
                headers: incoming.headers,
              },
              (answer) => {
                answer.on('end', () => resolve());
                if (!outgoing.destroyed) {
                  outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                  answer.pipe(outgoing);
                } else answer.resume();
              },
            );
            upstream.end(body);
          });
        if (
          held === 0 &&
          incoming.headers['x-amz-target'] === 'DynamoDB_20120810.PutItem' &&
          body.includes('"S":"response"')
        ) {
          held += 1;
          const timer = setTimeout(() => void forward(), 5000);
          release.push(() => {
            clearTimeout(timer);
            return forward();
          });
        } else void forward();
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    for (const pending of release) await pending();
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });

  it(
    'is abandoned after the per-attempt timeout and retried within the function time, with one response and one ' +
      'receipt',
    async () => {
      const client = createDocumentClient(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      const server = await serverWith(client);
      try {
        const link = linkOf(2, 'pre');
        const started = performance.now();
        const response = await fetch(`${server.url}/s/${link.code}`, {
          method: 'POST',
          headers: FORM,
          body: wholeAnswers(link, 0).toString(),
          redirect: 'manual',
        });
        const elapsed = performance.now() - started;
        console.info(`hung write: status ${response.status} after ${Math.round(elapsed)} ms`);
        expect(held).toBe(1);
        expect(response.status).toBe(303);
        // Within the 10 s the function has, well before the held write is let through.
        expect(elapsed).toBeLessThan(5000);
        const target = {
          programme: PROGRAMME,
          cohort: COHORT,
          participant: link.participant,
          session: link.session,
          wave: 'pre' as const,
        };
        const stored = await stack.deps.responses.getResponse(target);
        const thanks = await (await fetch(`${stack.url}/s/${link.code}?lang=en`)).text();
        expect(thanks).toContain(stored?.receipt ?? 'missing');
        // The held write lands late: it changes nothing, the receipt shown stands.
        const late = release.shift();
        expect(late).toBeDefined();
        await late?.();
        expect((await stack.deps.responses.getResponse(target))?.receipt).toBe(stored?.receipt);
      } finally {
        await server.close();
      }
    },
  );
});

describe('a client that hangs up mid-body', () => {
  it('is logged as the client going away, not as a server failure', async () => {
    const errors = vi.spyOn(console, 'error');
    const infos = vi.spyOn(console, 'log');
    const quiet = process.env.PREPOST_QUIET;
    process.env.PREPOST_QUIET = '0';
    try {
      const { hostname, port } = new URL(stack.url);
      const socket = connect(Number(port), hostname);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(
        `POST /s/${linkOf(3, 'pre').code} HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: ` +
          `application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nconsent=`,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      await vi.waitFor(
        () =>
          expect(infos.mock.calls.some(([line]) => String(line).includes('client closed the connection'))).toBe(true),
        { timeout: 5000 },
      );
      expect(errors.mock.calls.some(([line]) => String(line).includes('failure'))).toBe(false);
    } finally {
      process.env.PREPOST_QUIET = quiet;
      errors.mockRestore();
      infos.mockRestore();
    }
  });
});
