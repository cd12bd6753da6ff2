/**
 * Review C: a token must not outlive the markers an erasure leaves. A form held across an
 * erasure and posted after DynamoDB's TTL removed the markers (the wave's key empty again) must
 * store nothing: the token is refused a day after it was made, and the link, gone, leads nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { cohortKey, linkKey } from '#adapters/table-design.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import type { LocalServer } from '#local/server.ts';
import type { Clock } from '#ports/store.ts';
import { hashCode } from '#shared/codes.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { addCohort } from '#use-cases/manage-cohorts.ts';
import { send, walkToLastScreen } from '../../bench/survey-stack.ts';
import { depsThrough, startTestStack, startSurveyServer } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const SESSION = 'mentoring-cycle';
let stack: Awaited<ReturnType<typeof startTestStack>>;
let server: LocalServer;
let clockAhead = 0;

beforeAll(async () => {
  stack = await startTestStack();
  const client = createDocumentClient(stack.environment.endpoint);
  const clock: Clock = { now: () => new Date(Date.now() + clockAhead) };
  server = await startSurveyServer({ ...depsThrough(stack, client), clock });
});
afterAll(async () => {
  await server?.close();
  await stack?.stop();
});

describe('a token held across an erasure whose markers have expired', () => {
  it('stores nothing for the erased participant', async () => {
    const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const definition = stack.deps.catalog.programmes.get(PROGRAMME);
    if (definition === undefined) throw new Error('no programme');
    const windows = Object.fromEntries(waveIdsOf(definition).map((wave) => [wave, { opens: day(0), closes: day(60) }]));
    await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, { id: 'revc-2027', name: 'RevC', windows });
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'revc-2027', 1);
    const own = links.find((link) => link.session === SESSION && link.wave === 'pre');
    if (own === undefined) throw new Error('no link');
    const held = await walkToLastScreen(server.url, own.code, 1);
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'revc-2027', own.participant);
    // Eight days on: DynamoDB's TTL has removed the markers (7 days); the embedded one is told to.
    const client = createDocumentClient(stack.environment.endpoint);
    const TableName = stack.environment.tableName;
    const items =
      (
        await client.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': cohortKey(PROGRAMME, 'revc-2027') },
          }),
        )
      ).Items ?? [];
    for (const item of items)
      if (String(item.SK).includes(own.participant))
        await client.send(new DeleteCommand({ TableName, Key: { PK: item.PK, SK: item.SK } }));
    const key = await stack.deps.linkKey();
    for (const link of links.filter((one) => one.participant === own.participant))
      await client.send(new DeleteCommand({ TableName, Key: linkKey(hashCode(link.code, key)) }));
    clockAhead = 8 * 86_400_000;
    try {
      const answer = await send(`${server.url}/s/${own.code}`, held.body);
      expect(answer.status).not.toBe(303);
    } finally {
      clockAhead = 0;
    }
    const left = await stack.deps.responses.getResponse({
      programme: PROGRAMME,
      cohort: 'revc-2027',
      participant: own.participant,
      session: SESSION,
      wave: 'pre',
    });
    expect(left).toBeUndefined();
  });
});
