/**
 * In process, a changed cohort's pages also feed its share of the pool. An erasure landing after
 * that cohort's mark is stored and before the pool is must still win: the pool's erasure count
 * was read before any cohort, so the pool is either stored without the person or left stale.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { readImpact } from '#use-cases/read-impact.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { depsThrough, startTestStack } from '../support/stack.ts';
import { seededRandom, simulateCohort } from '#local/simulation.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { loadProgramme } from '#use-cases/programmes.ts';

const PROGRAMME = 'justrom3-mentoring';
const COHORT = 'iasi-2020';
let stack: Awaited<ReturnType<typeof startTestStack>>;
beforeAll(async () => {
  stack = await startTestStack();
  const programme = await loadProgramme(stack.deps, PROGRAMME);
  for (const cohort of ['iasi-2020', 'bucharest-2020']) {
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, 8);
    await simulateCohort(stack.url, programme, stack.deps.catalog, links, seededRandom(7));
  }
});
afterAll(async () => {
  await stack.stop();
});

it('never stores a pool holding a person erased after their cohort part was read', async () => {
  await aggregate(stack.deps, { programme: PROGRAMME, full: true });
  const pooled = async () => {
    const impact = await readImpact(stack.deps, PROGRAMME, 'pooled');
    return {
      recomputing: impact.recomputing,
      n: impact.rows.find((r) => r.cohort === null && r.instrument === 'rosenberg-self-esteem' && r.dimension === null)
        ?.n_paired,
    };
  };
  const before = await pooled();
  const someone =
    (await stack.deps.responses.listCohortResponses(PROGRAMME, COHORT)).find(
      (r) => r.session === 'individual-meeting-1' && r.wave === 'post',
    )?.participant ?? '';
  const client = createDocumentClient(stack.environment.endpoint);
  let erased = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Item?: { PK?: unknown; SK?: unknown } };
      const result = await next(args);
      if (!erased && input.Item?.PK === `COHORT#${PROGRAMME}#${COHORT}` && input.Item.SK === 'AGG') {
        erased = true;
        await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, someone);
      }
      return result;
    },
    { step: 'initialize', name: 'eraseAfterCohortMark' },
  );
  await aggregate(depsThrough(stack, client), { programme: PROGRAMME, full: true });
  expect(erased).toBe(true);
  const after = await pooled();
  // Either withheld as recomputing, or without the person: never shown with them.
  if (after.recomputing.length === 0) expect(after.n).toBe((before.n ?? 0) - 1);
  await aggregate(stack.deps, { programme: PROGRAMME });
  expect(await pooled()).toMatchObject({ recomputing: [], n: (before.n ?? 0) - 1 });
}, 120_000);
