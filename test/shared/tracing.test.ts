/**
 * Outside Lambda (the local stack, the command line, these tests) tracing is off: a client comes
 * back as it was, with no X-Ray middleware, and nothing is printed or sent.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { traced } from '#shared/tracing.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('traced', () => {
  it('leaves a client untouched outside Lambda, silently', () => {
    const printed = [
      vi.spyOn(console, 'log'),
      vi.spyOn(console, 'info'),
      vi.spyOn(console, 'warn'),
      vi.spyOn(console, 'error'),
    ];
    const client = new DynamoDBClient({ region: 'eu-west-1' });
    const before = client.middlewareStack.identify();
    expect(traced(client)).toBe(client);
    expect(client.middlewareStack.identify()).toEqual(before);
    expect(before.some((name) => name.includes('XRay'))).toBe(false);
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
  });
});
