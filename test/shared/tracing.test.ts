/**
 * Outside Lambda (the local stack, the command line, these tests) tracing is off: a client comes
 * back as it was, with no X-Ray middleware, and nothing is printed or sent, whether traced at once
 * or from a first invocation on.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Request } from '@middy/core';
import { traced } from '#shared/tracer.ts';
import { lazyTracing } from '#shared/tracing.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

function silence(): (() => void)[] {
  const printed = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method));
  return printed.map((spy) => () => expect(spy).not.toHaveBeenCalled());
}

describe('traced', () => {
  it('leaves a client untouched outside Lambda, silently', () => {
    const checks = silence();
    const client = new DynamoDBClient({ region: 'eu-west-1' });
    const before = client.middlewareStack.identify();
    expect(traced(client)).toBe(client);
    expect(client.middlewareStack.identify()).toEqual(before);
    expect(before.some((name) => name.includes('XRay'))).toBe(false);
    for (const check of checks) check();
  });
});

describe('lazyTracing', () => {
  it('starts once, before the first handler, and leaves clients untouched outside Lambda, silently', async () => {
    const checks = silence();
    const tracing = lazyTracing();
    const client = new DynamoDBClient({ region: 'eu-west-1' });
    const before = client.middlewareStack.identify();
    expect(tracing.traced(client)).toBe(client);
    const request = { event: {}, context: {}, response: null, error: null, internal: {} } as Request<unknown, unknown>;
    // Nothing returned: middy would take a value for an early response.
    expect(await tracing.start.before?.(request)).toBeUndefined();
    expect(await tracing.start.before?.(request)).toBeUndefined();
    expect(client.middlewareStack.identify()).toEqual(before);
    for (const check of checks) check();
  });
});
