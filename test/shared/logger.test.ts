/**
 * The logger is Powertools' with our formatter: logs never hold answers or link codes
 * (PRODUCT.md), so any field whose name suggests one is dropped, at any depth and in any case;
 * the line keeps the fields the operators and the tests read; PREPOST_QUIET and LOG_LEVEL work
 * as they always have.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { logger, RedactingLogFormatter, redact } from '#shared/logger.ts';

describe('redact', () => {
  it('drops fields named like an answer, a code, a body, a token or a cookie, whatever their case', () => {
    expect(
      redact({
        route: 'POST /s/{code}',
        status: 400,
        code: 'abc',
        linkCode: 'abc',
        LINK_CODE: 'abc',
        answers: { 'rses.1': 3 },
        Answer: 3,
        rawBody: 'consent=1',
        BODY: 'x',
        token: 't',
        bearerToken: 't',
        Cookie: 'prepost_evaluator=t',
        setCookies: ['prepost_evaluator=t'],
      }),
    ).toEqual({ route: 'POST /s/{code}', status: 400 });
  });

  it('drops them in nested objects and in objects inside arrays', () => {
    expect(
      redact({
        request: { path: '/s', headers: { Cookie: 'x', accept: 'text/html' }, body: 'a.rses.1=3' },
        items: [{ linkCode: 'c', wave: 'pre' }, { ANSWERS: [1, 2] }, 'plain'],
        deep: { one: { two: { three: { Token: 't', kept: true } } } },
      }),
    ).toEqual({
      request: { path: '/s', headers: { accept: 'text/html' } },
      items: [{ wave: 'pre' }, {}, 'plain'],
      deep: { one: { two: { three: { kept: true } } } },
    });
  });

  it('reads objects the way JSON does (a Date as its text) and cuts a value that refers back to itself', () => {
    const loop: Record<string, unknown> = { n: 1 };
    loop.self = loop;
    expect(redact({ when: new Date(0), loop })).toEqual({ when: '1970-01-01T00:00:00.000Z', loop: { n: 1 } });
    expect(redact({ shaped: { toJSON: () => ({ code: 'c', ok: 1 }) } })).toEqual({ shaped: { ok: 1 } });
  });
});

describe('RedactingLogFormatter', () => {
  const formatter = new RedactingLogFormatter();

  it('writes level (lower case), message and service first, then the fields that are allowed', () => {
    const item = formatter.formatAttributes(
      {
        logLevel: 'ERROR',
        message: 'request failed',
        serviceName: 'prepost',
        timestamp: new Date(0),
        xRayTraceId: '1-abc',
        sampleRateValue: 0,
        environment: '',
        awsRegion: 'eu-west-1',
      },
      { route: 'GET /dashboard', error: 'TimeoutError', awsStatus: 503, cookies: ['prepost_evaluator=t'] },
    );
    expect(JSON.stringify(item.getAttributes())).toBe(
      '{"level":"error","message":"request failed","service":"prepost",' +
        '"route":"GET /dashboard","error":"TimeoutError","awsStatus":503}',
    );
  });

  it('writes an error as its class and where it was thrown, never its message', () => {
    const error = new TypeError('cannot parse answer 3 for rses.1');
    const formatted = formatter.formatError(error);
    expect(formatted).toEqual({ name: 'TypeError', location: expect.stringMatching(/:\d+$/) });
    expect(JSON.stringify(formatted)).not.toContain('answer');
  });
});

describe('logger', () => {
  let log: MockInstance<typeof console.log>;
  let error: MockInstance<typeof console.error>;
  const quiet = process.env.PREPOST_QUIET;
  const lines = (spy: MockInstance<typeof console.log>): Record<string, unknown>[] =>
    spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);

  beforeEach(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    process.env.PREPOST_QUIET = '0';
  });

  afterEach(() => {
    process.env.PREPOST_QUIET = quiet;
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('writes one JSON line per event: info to standard output, warnings and errors to standard error', () => {
    logger.info('request refused', { route: 'GET /s/{code}', status: 404, error: 'NotFoundError', code: 'abc' });
    logger.warn('slow', { route: 'GET /s/{code}' });
    logger.error('request failed', { route: 'POST /s/{code}', error: 'Error', awsStatus: 400, answers: { a: 1 } });
    expect(lines(log)).toEqual([
      {
        level: 'info',
        message: 'request refused',
        service: 'prepost',
        route: 'GET /s/{code}',
        status: 404,
        error: 'NotFoundError',
      },
    ]);
    expect(lines(error)).toEqual([
      { level: 'warn', message: 'slow', service: 'prepost', route: 'GET /s/{code}' },
      {
        level: 'error',
        message: 'request failed',
        service: 'prepost',
        route: 'POST /s/{code}',
        error: 'Error',
        awsStatus: 400,
      },
    ]);
  });

  it('never writes an error message handed to it, nor what a caller nests', () => {
    logger.error('request failed', { failure: new Error('answer 3 for rses.1'), request: { body: 'a.rses.1=3' } });
    const [line] = error.mock.calls.map(([text]) => String(text));
    expect(line).toContain('"failure":{"name":"Error","location":');
    expect(line).not.toContain('rses');
    expect(line).not.toContain('answer');
  });

  it('keeps only errors when PREPOST_QUIET=1, read at each line', () => {
    process.env.PREPOST_QUIET = '1';
    logger.info('quiet');
    logger.warn('quiet');
    logger.error('loud');
    process.env.PREPOST_QUIET = '0';
    logger.info('heard');
    expect(lines(log).map((line) => line.message)).toEqual(['heard']);
    expect(lines(error).map((line) => line.message)).toEqual(['loud']);
  });

  it('writes debug lines only with LOG_LEVEL=debug, and names the service from POWERTOOLS_SERVICE_NAME', async () => {
    logger.debug('hidden');
    expect(log).not.toHaveBeenCalled();
    vi.stubEnv('LOG_LEVEL', 'debug');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'prepost-test');
    vi.resetModules();
    const fresh = await import('#shared/logger.ts');
    fresh.logger.debug('shown', { n: 1 });
    expect(lines(log)).toEqual([{ level: 'debug', message: 'shown', service: 'prepost-test', n: 1 }]);
  });
});
