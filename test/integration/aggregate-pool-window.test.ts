/**
 * The pool's read-ahead is bounded: cohorts are read a few at once but appended in id order, so
 * a cohort read out of order waits for those before it. A slow first cohort (held at the SDK's
 * middleware, as a slow DynamoDB partition would hold it) must not let the others be read
 * meanwhile: each read part holds its participants' columns until it is appended.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { aggregatePool, POOL_READ_PARALLELISM } from '#use-cases/aggregate.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'justrom3-mentoring';
/** Enough cohorts that reading them all is far more than the window. */
const EXTRA_COHORTS = 3 * POOL_READ_PARALLELISM;
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
  const [template] = await stack.deps.cohorts.listCohorts(PROGRAMME);
  if (template === undefined) throw new Error('the seed has no cohort');
  for (let index = 0; index < EXTRA_COHORTS; index += 1) {
    const id = `window-${String(index).padStart(3, '0')}`;
    await stack.deps.cohorts.createCohort(PROGRAMME, { ...template.cohort, id }, template.createdAt);
  }
});

afterAll(async () => {
  await stack.stop();
});

it('reads no more than the window of cohorts while the first is still being read', async () => {
  const programme = await loadProgramme(stack.deps, PROGRAMME);
  const ids = programme.cohorts.map((cohort) => cohort.id).sort();
  const first = ids[0] as string;
  const prefix = `COHORT#${PROGRAMME}#`;
  /** The cohorts whose responses Query has begun, in order. */
  const started: string[] = [];
  let startedWhileFirstHeld = 0;
  const client = createDocumentClient(stack.environment.endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string; ExpressionAttributeValues?: Record<string, unknown> };
      const pk = input.ExpressionAttributeValues?.[':pk'];
      const isResponseRead =
        context.commandName === 'QueryCommand' &&
        input.IndexName === undefined &&
        input.ExpressionAttributeValues?.[':prefix'] === 'RESP#' &&
        typeof pk === 'string' &&
        pk.startsWith(prefix);
      if (isResponseRead) {
        const cohort = pk.slice(prefix.length);
        const firstTime = !started.includes(cohort);
        if (firstTime) started.push(cohort);
        if (cohort === first && firstTime) {
          // Held until every other cohort has begun (what an unbounded read-ahead does) or 3 s.
          for (let waited = 0; waited < 3_000 && started.length < ids.length; waited += 25)
            await new Promise((resolve) => setTimeout(resolve, 25));
          startedWhileFirstHeld = started.length;
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'slowFirstCohort' },
  );
  const report = await aggregatePool(depsThrough(stack, client), programme);
  expect(report?.recomputed).toBe(true);
  expect(started.length).toBe(ids.length);
  expect(startedWhileFirstHeld).toBeGreaterThan(1);
  expect(startedWhileFirstHeld).toBeLessThanOrEqual(POOL_READ_PARALLELISM);
}, 60_000);
