/**
 * The evaluators' overview reads a programme with a fixed number of DynamoDB requests per cohort:
 * the programme's cohorts and funders once, then per cohort one Query of its roll and its impact
 * table (the table's mark, then its rows), and the pool's table. Counted at the SDK's middleware
 * on a client of the same table, over the three seed programmes (five cohorts): 27 requests, where
 * reading the programme twice and counting each cohort's participants again took 38.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { readProgrammeOverview } from '#use-cases/read-impact.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
  await createLinks(stack.deps, SYSTEM_ACTOR, 'dones-mentores', 'barcelona-2026', 3);
  for (const programme of stack.deps.catalog.programmes.keys()) await aggregate(stack.deps, { programme });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Deps on a client that counts each request it sends, by command. */
function counted(): { readonly deps: ReturnType<typeof depsThrough>; readonly requests: string[] } {
  const client: DynamoDBDocumentClient = createDocumentClient(stack.environment.endpoint);
  const requests: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      requests.push(context.commandName ?? '?');
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return { deps: depsThrough(stack, client), requests };
}

describe('readProgrammeOverview', () => {
  it('reads each cohort with one Query of its roll and one of its impact table, whatever the cohorts', async () => {
    const { deps, requests } = counted();
    const programmes = [...deps.catalog.programmes.keys()];
    let cohorts = 0;
    for (const programme of programmes) {
      const overview = await readProgrammeOverview(deps, programme);
      cohorts += overview.cohorts.length;
    }
    expect(cohorts).toBe(5);
    // Per programme: its cohorts and its funders (2 Queries), the pool's table (its mark, its rows);
    // per cohort: its roll (1 Query) and its table (its mark, its rows).
    const count = (name: string): number => requests.filter((request) => request === name).length;
    expect(count('GetItemCommand')).toBe(programmes.length + cohorts);
    expect(count('QueryCommand')).toBe(programmes.length * 3 + cohorts * 2);
    expect(requests).toHaveLength(27);
  }, 60_000);
});
