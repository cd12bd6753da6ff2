/**
 * What a coordinator sees of a cohort: per wave, how many answered and who has not, by batch and
 * participant number; never an answer, never a participant's pseudonymous id. Participants answer
 * over HTTP through the stack's server, as on their phones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '#core/access.ts';
import type { WaveKind } from '#core/model.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { createLinks, type IssuedBatch, type IssuedLink } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { addCohort } from '#use-cases/manage-cohorts.ts';
import { readCohortProgress, type CohortProgress } from '#use-cases/cohort-progress.ts';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { cohortKey, participantSortKey } from '#adapters/table-design.ts';
import { answerAll, startTestStack, storedWave } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'tarragona-2027';
const SESSION = 'mentoring-cycle';
const COORDINATOR: Actor = { id: 'st-c00rd1nat0r', email: 'coco@example.org' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** The participant of the first batch who answers: any number will do, so not the first. */
const ANSWERING = 7;

let stack: Awaited<ReturnType<typeof startTestStack>>;
let first: IssuedBatch;
let second: IssuedBatch;

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

function linkOf(batch: IssuedBatch, number: number, wave: WaveKind): IssuedLink {
  const link = batch.links.find((candidate) => candidate.number === number && candidate.wave === wave);
  if (link === undefined) throw new Error(`no link ${number} ${wave}`);
  return link;
}

/** One wave of the progress, by wave kind (the programme has one session). */
function wave(progress: CohortProgress, kind: WaveKind): CohortProgress['waves'][number] {
  const found = progress.waves.find((candidate) => candidate.session.id === SESSION && candidate.wave === kind);
  if (found === undefined) throw new Error(`no wave ${kind}`);
  return found;
}

/** Every key of an object, at any depth, except under the definitions it carries (programme, session). */
function keysOf(value: unknown, skip: readonly string[]): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((entry) => keysOf(entry, skip));
  return Object.entries(value).flatMap(([key, entry]) => (skip.includes(key) ? [key] : [key, ...keysOf(entry, skip)]));
}

beforeAll(async () => {
  stack = await startTestStack();
  const today = stack.deps.clock.now();
  const day = (offset: number): string => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const definition = stack.deps.catalog.programmes.get(PROGRAMME);
  if (definition === undefined) throw new Error('no programme');
  await addCohort(stack.deps, COORDINATOR, PROGRAMME, {
    id: COHORT,
    name: 'Tarragona 2027',
    site: 'Tarragona',
    windows: Object.fromEntries(waveIdsOf(definition).map((id) => [id, { opens: day(0), closes: day(90) }])),
  });
  first = await createLinks(stack.deps, COORDINATOR, PROGRAMME, COHORT, 12, { language: 'es' });
  const answered = await fetch(`${stack.url}/s/${linkOf(first, ANSWERING, 'pre').code}`, {
    method: 'POST',
    headers: FORM,
    body: answerAll(await storedWave(stack.deps, PROGRAMME, COHORT, SESSION, 'pre'), stack.deps.catalog).toString(),
    redirect: 'manual',
  });
  expect(answered.status).toBe(303);
});

afterAll(async () => {
  await stack?.stop();
});

describe('readCohortProgress', () => {
  it('counts 1 of 12 answered, and names the 11 others by their number in the batch', async () => {
    const progress = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    expect(progress.cohort.name).toBe('Tarragona 2027');
    expect(progress.participants).toBe(12);
    expect(progress.batches).toEqual([{ number: 1, createdAt: expect.any(String), count: 12, language: 'es' }]);
    expect(progress.waves.map((entry) => `${entry.session.id}:${entry.wave}`)).toEqual([
      `${SESSION}:pre`,
      `${SESSION}:post`,
      `${SESSION}:followup`,
    ]);
    expect(wave(progress, 'pre')).toMatchObject({
      answered: 1,
      participants: 12,
      pending: [{ batch: 1, numbers: range(1, 12).filter((number) => number !== ANSWERING) }],
    });
    expect(wave(progress, 'post')).toMatchObject({
      answered: 0,
      participants: 12,
      pending: [{ batch: 1, numbers: range(1, 12) }],
    });
    const received = (
      await stack.deps.responses.getResponse({
        programme: PROGRAMME,
        cohort: COHORT,
        participant: linkOf(first, ANSWERING, 'pre').participant,
        session: SESSION,
        wave: 'pre',
      })
    )?.receivedAt;
    expect(received).toBeDefined();
    expect(progress.lastAnswer).toBe(received);
  });

  it('numbers batches in the order they were made, each from 1', async () => {
    second = await createLinks(stack.deps, COORDINATOR, PROGRAMME, COHORT, 3, { language: 'ca' });
    expect([...new Set(second.links.map((link) => link.number))]).toEqual([1, 2, 3]);
    const progress = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    expect(progress.participants).toBe(15);
    expect(progress.batches.map(({ number, count, language }) => ({ number, count, language }))).toEqual([
      { number: 1, count: 12, language: 'es' },
      { number: 2, count: 3, language: 'ca' },
    ]);
    expect(wave(progress, 'pre')).toMatchObject({
      answered: 1,
      participants: 15,
      pending: [
        { batch: 1, numbers: range(1, 12).filter((number) => number !== ANSWERING) },
        { batch: 2, numbers: [1, 2, 3] },
      ],
    });
    // The second batch's number 1 answers its "after" wave: batch 1's numbers are untouched.
    const answered = await fetch(`${stack.url}/s/${linkOf(second, 1, 'post').code}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(await storedWave(stack.deps, PROGRAMME, COHORT, SESSION, 'post'), stack.deps.catalog).toString(),
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    expect(wave(await readCohortProgress(stack.deps, PROGRAMME, COHORT), 'post')).toMatchObject({
      answered: 1,
      pending: [
        { batch: 1, numbers: range(1, 12) },
        { batch: 2, numbers: [2, 3] },
      ],
    });
  });

  it('counts the follow-up as a wave of its own: who answered it months later, and who to remind', async () => {
    const followup = await storedWave(stack.deps, PROGRAMME, COHORT, SESSION, 'followup');
    const answered = await fetch(`${stack.url}/s/${linkOf(second, 2, 'followup').code}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(followup, stack.deps.catalog).toString(),
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    const progress = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    expect(wave(progress, 'followup')).toMatchObject({
      answered: 1,
      participants: 15,
      pending: [
        { batch: 1, numbers: range(1, 12) },
        { batch: 2, numbers: [1, 3] },
      ],
    });
    // The other waves are as they were.
    expect(wave(progress, 'post').answered).toBe(1);
    expect(wave(progress, 'pre').answered).toBe(1);
  });

  it('shows no answer and no participant id: counts, batch numbers and participant numbers only', async () => {
    const progress = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    const keys = new Set(keysOf(progress, ['programme', 'session']));
    for (const key of ['answers', 'groups', 'participant', 'code', 'hash', 'consentVersion', 'receipt'])
      expect(keys.has(key), key).toBe(false);
    const text = JSON.stringify({ ...progress, programme: undefined });
    for (const link of [...first.links, ...second.links]) {
      expect(text).not.toContain(link.participant);
      expect(text).not.toContain(link.code);
    }
    // Nor does the store's roll it is read from hold an answer: keys and numbers.
    const roll = await stack.deps.participants.cohortRoll(PROGRAMME, COHORT);
    expect(roll.answered).toHaveLength(3);
    for (const entry of roll.answered)
      expect(Object.keys(entry).sort()).toEqual(['participant', 'receivedAt', 'session', 'wave']);
    for (const participant of roll.participants)
      expect(Object.keys(participant).every((key) => ['participant', 'batch', 'number'].includes(key))).toBe(true);
  });

  it('leaves out an erased participant entirely: not counted, not pending', async () => {
    const erased = linkOf(first, ANSWERING, 'pre').participant;
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, erased);
    const progress = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    expect(progress.participants).toBe(14);
    expect(wave(progress, 'pre')).toMatchObject({
      answered: 0,
      participants: 14,
      pending: [
        { batch: 1, numbers: range(1, 12).filter((number) => number !== ANSWERING) },
        { batch: 2, numbers: [1, 2, 3] },
      ],
    });
    expect(wave(progress, 'post')).toMatchObject({
      answered: 1,
      pending: [
        { batch: 1, numbers: range(1, 12).filter((number) => number !== ANSWERING) },
        { batch: 2, numbers: [2, 3] },
      ],
    });
  });

  it('counts a participant made before batches were kept, unlisted; never one of a batch cut short', async () => {
    const before = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    const pk = cohortKey(PROGRAMME, COHORT);
    const client = createDocumentClient(stack.environment.endpoint);
    const put = (Item: Record<string, unknown>): Promise<unknown> =>
      client.send(new PutCommand({ TableName: stack.environment.tableName, Item }));
    // An upgraded deployment's participant: no batch, no number; its links were handed out.
    await put({ PK: pk, SK: participantSortKey('p-earlier'), type: 'participant', participant: 'p-earlier' });
    // A batch cut short: its participant names a batch whose record was never written.
    await put({
      PK: pk,
      SK: participantSortKey('p-orphan'),
      type: 'participant',
      participant: 'p-orphan',
      batch: '2026-01-01T00:00:00.000Z#dead',
      number: 1,
    });
    const after = await readCohortProgress(stack.deps, PROGRAMME, COHORT);
    expect(after.participants).toBe(before.participants + 1);
    expect(after.unnumbered).toBe(before.unnumbered + 1);
    expect(wave(after, 'pre').participants).toBe(wave(before, 'pre').participants + 1);
    expect(wave(after, 'pre').pending).toEqual(wave(before, 'pre').pending);
  });

  it('refuses a cohort that does not exist, naming the known ones', async () => {
    await expect(readCohortProgress(stack.deps, PROGRAMME, 'nowhere')).rejects.toThrow(
      `unknown cohort "nowhere" in ${PROGRAMME}; known: barcelona-2026, girona-2026, ${COHORT}`,
    );
  });
});
