/**
 * A screen posted with its link token is answered without reading the link only on its way to a
 * write. A refusal is answered from the link and cohort as stored (issue 13, review C): a wave
 * reopened while this instance still holds the cohort as closed takes the answer, and an erased
 * participant's held form meets the "no longer active" page, not the closed wave's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import type { LocalServer } from '#local/server.ts';
import type { Clock } from '#ports/store.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { addCohort, setWaveClosed } from '#use-cases/manage-cohorts.ts';
import { COHORT_CACHE_MS } from '#use-cases/open-link.ts';
import { getPage, send, walkToLastScreen } from '../../bench/survey-stack.ts';
import { depsThrough, startSurveyServer, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const SESSION = 'mentoring-cycle';
let stack: Awaited<ReturnType<typeof startTestStack>>;
let server: LocalServer;
/** How far the survey server's clock runs ahead of the real one. */
let clockAhead = 0;

beforeAll(async () => {
  stack = await startTestStack();
  const clock: Clock = { now: () => new Date(Date.now() + clockAhead) };
  server = await startSurveyServer({ ...depsThrough(stack, createDocumentClient(stack.environment.endpoint)), clock });
});
afterAll(async () => {
  await server?.close();
  await stack?.stop();
});

/** A new cohort open from today, and the "before" links of `count` participants of it. */
async function cohortWith(id: string, count: number): Promise<IssuedLink[]> {
  const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const definition = stack.deps.catalog.programmes.get(PROGRAMME);
  if (definition === undefined) throw new Error('no programme');
  const windows = Object.fromEntries(waveIdsOf(definition).map((wave) => [wave, { opens: day(0), closes: day(60) }]));
  await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, { id, name: id, windows });
  const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, id, count);
  return links.filter((link) => link.session === SESSION && link.wave === 'pre');
}

const stored = (link: IssuedLink, cohort: string): Promise<unknown> =>
  stack.deps.responses.getResponse({
    programme: PROGRAMME,
    cohort,
    participant: link.participant,
    session: SESSION,
    wave: 'pre',
  });

describe('a screen posted with its token that the cached cohort would refuse', () => {
  it('is taken when the wave was reopened within the minute the closed cohort is cached', async () => {
    const [first, second] = (await cohortWith('reopen-2027', 2)) as [IssuedLink, IssuedLink];
    const firstLast = await walkToLastScreen(server.url, first.code, 1);
    const secondLast = await walkToLastScreen(server.url, second.code, 1);
    await setWaveClosed(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'reopen-2027', `${SESSION}:pre`, true);
    clockAhead = COHORT_CACHE_MS + 1000;
    try {
      // A minute on, the closed cohort is read and cached: refused.
      expect((await send(`${server.url}/s/${first.code}`, firstLast.body)).status).toBe(410);
      await setWaveClosed(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'reopen-2027', `${SESSION}:pre`, false);
      // Reopened: the cache still says closed, the cohort as stored does not.
      expect((await send(`${server.url}/s/${second.code}`, secondLast.body)).status).toBe(303);
    } finally {
      clockAhead = 0;
    }
    expect(await stored(second, 'reopen-2027')).toBeDefined();
    expect(await stored(first, 'reopen-2027')).toBeUndefined();
  });

  it('of an erased participant in a closed wave, is answered as withdrawn, not as closed', async () => {
    const [own] = (await cohortWith('closed-erased-2027', 1)) as [IssuedLink];
    const held = await walkToLastScreen(server.url, own.code, 2);
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'closed-erased-2027', own.participant);
    await setWaveClosed(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'closed-erased-2027', `${SESSION}:pre`, true);
    clockAhead = COHORT_CACHE_MS + 1000;
    try {
      const answer = await send(`${server.url}/s/${own.code}`, held.body);
      // Through the link's page, as every post to a withdrawn link: "no longer active".
      expect(answer.status).toBe(303);
      const page = await getPage(new URL(answer.location ?? '', server.url).toString());
      expect(page.status).toBe(410);
      expect(page.html).toContain('Aquest enllaç ja no està actiu.');
      expect(page.html).not.toContain('Aquest qüestionari està tancat.');
    } finally {
      clockAhead = 0;
    }
    expect(await stored(own, 'closed-erased-2027')).toBeUndefined();
  });
});
