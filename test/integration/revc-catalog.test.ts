/**
 * Review C: an erasure closes every wave its participant's links name, whatever catalogue it runs
 * with, so a form opened before it writes nothing through its token; and a held form of an erased
 * participant is answered as the withdrawn link it is, never with the questionnaire again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import type { LocalServer } from '#local/server.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { answered, getPage, send } from '../../bench/survey-stack.ts';
import { depsThrough, startTestStack, startSurveyServer } from '../support/stack.ts';

const PROGRAMME = 'justrom3-mentoring';
const COHORT = 'iasi-2020';
let stack: Awaited<ReturnType<typeof startTestStack>>;
let server: LocalServer;

beforeAll(async () => {
  stack = await startTestStack();
  server = await startSurveyServer(depsThrough(stack, createDocumentClient(stack.environment.endpoint)));
});
afterAll(async () => {
  await server?.close();
  await stack?.stop();
});

describe('an erasure run with a catalog that lacks a session the links were made for', () => {
  it('closes the wave its links name, so a form opened before it writes nothing, token or not', async () => {
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 1);
    const late = links.find((link) => link.session === 'individual-meeting-2' && link.wave === 'pre');
    if (late === undefined) throw new Error('no link');
    const url = `${server.url}/s/${late.code}`;
    const first = await getPage(url);
    if (first.form === undefined) throw new Error(`no form: ${first.status}`);
    // `prepost erase` from a checkout whose catalog predates individual-meeting-2.
    const programme = stack.deps.catalog.programmes.get(PROGRAMME);
    if (programme === undefined) throw new Error('no programme');
    const older = { ...programme, sessions: programme.sessions.filter((s) => s.id !== 'individual-meeting-2') };
    const catalog = {
      ...stack.deps.catalog,
      programmes: new Map([...stack.deps.catalog.programmes, [PROGRAMME, older]]),
    } as Catalog;
    await eraseParticipant({ ...stack.deps, catalog }, SYSTEM_ACTOR, PROGRAMME, COHORT, late.participant);
    const wave = {
      programme: PROGRAMME,
      cohort: COHORT,
      participant: late.participant,
      session: 'individual-meeting-2',
      wave: 'pre',
    } as const;
    // The wave is closed by a marker although that catalog does not know it.
    expect((await stack.deps.responses.getWaveRecord(wave)).kind).toBe('withdrawn');
    // Without the token the withdrawn link is refused and nothing is kept.
    const bare = new URLSearchParams(answered(first.form, 0).body);
    bare.delete('token');
    await send(url, bare);
    expect((await stack.deps.responses.getWaveRecord(wave)).kind).toBe('withdrawn');
    // With it, the consent screen's draft meets the marker: nothing is kept either.
    await send(url, answered(first.form, 0).body);
    expect((await stack.deps.responses.getWaveRecord(wave)).kind).toBe('withdrawn');
  });

  it('answers a held form of an erased participant with bad answers as withdrawn, not as a questionnaire', async () => {
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 1);
    const link = links.find((one) => one.wave === 'pre');
    if (link === undefined) throw new Error('no link');
    const url = `${server.url}/s/${link.code}`;
    const first = await getPage(url);
    if (first.form === undefined) throw new Error('no form');
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, link.participant);
    const body = new URLSearchParams(answered(first.form, 0).body);
    body.delete('step');
    const { fieldOptions } = await import('#core/answers.ts');
    const { resolveWave } = await import('#core/waves.ts');
    const { loadOneCohort } = await import('#use-cases/programmes.ts');
    const { definition, cohort } = await loadOneCohort(stack.deps, PROGRAMME, COHORT);
    const context = resolveWave(definition, cohort, link.session, 'pre');
    if (context === undefined) throw new Error('no wave');
    const field = [...fieldOptions(context, stack.deps.catalog).keys()].find((name) => name.startsWith('a.'));
    body.set(field ?? '', 'bogus');
    const answer = await send(url, body);
    // Through the link's page (as every post to a withdrawn link), which says it is no longer active.
    expect(answer.status).toBe(303);
    expect((await getPage(new URL(answer.location ?? '', server.url).toString())).status).toBe(410);
  });
});
