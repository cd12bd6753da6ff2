/**
 * In Lambda (Tracer on), the clients an entry collects at module load and those made later are
 * traced from the first invocation on, and not before it: Tracer is loaded then, not at load.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Request } from '@middy/core';

const xray = (client: DynamoDBClient): boolean =>
  client.middlewareStack.identify().some((name) => name.startsWith('XRaySDKInstrumentation'));

beforeAll(() => {
  // What makes Tracer trace: Lambda's execution environment (read when tracer.ts loads).
  vi.stubEnv('AWS_EXECUTION_ENV', 'AWS_Lambda_nodejs24.x');
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe('lazyTracing in Lambda', () => {
  it('traces the collected clients once started, and a client made afterwards as it is made', async () => {
    const { lazyTracing } = await import('#shared/tracing.ts');
    const tracing = lazyTracing();
    const early = tracing.traced(new DynamoDBClient({ region: 'eu-west-1' }));
    expect(xray(early)).toBe(false);
    const request = { event: {}, context: {}, response: null, error: null, internal: {} } as Request<unknown, unknown>;
    expect(await tracing.start.before?.(request)).toBeUndefined();
    expect(xray(early)).toBe(true);
    const late = tracing.traced(new DynamoDBClient({ region: 'eu-west-1' }));
    expect(xray(late)).toBe(true);
  });
});
