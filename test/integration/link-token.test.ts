/**
 * The submit path with link tokens (issue 13), against the embedded DynamoDB through the deployed
 * survey handlers: every screen of the questionnaire carries a sealed token of its link, so a
 * posted screen sends one write and no read (counted at the AWS SDK's own middleware); a token
 * of another link, altered or expired is not trusted (the link is looked up as on a new visit);
 * erasure still wins every race with a screen posted on a token, because the write it leads to
 * is conditional on the wave's item and an erasure turns that item into a marker first; and a
 * wave a coordinator closes refuses new visits at once and forms already open within a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { cohortKey, linkKey } from '#adapters/table-design.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { LINK_TOKEN_FIELD } from '#core/answers.ts';
import type { LocalServer } from '#local/server.ts';
import type { Clock } from '#ports/store.ts';
import { hashCode } from '#shared/codes.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { addCohort, setWaveClosed } from '#use-cases/manage-cohorts.ts';
import { LINK_TOKEN_SECONDS } from '#shared/link-token.ts';
import { COHORT_CACHE_MS } from '#use-cases/open-link.ts';
import {
  answered,
  getPage,
  postScreen,
  receiptOf,
  send,
  walkToLastScreen,
  type ScreenForm,
} from '../../bench/survey-stack.ts';
import { depsThrough, startSurveyServer, startTestStack } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const SESSION = 'mentoring-cycle';

let stack: Awaited<ReturnType<typeof startTestStack>>;
let server: LocalServer;
/** DynamoDB commands the survey server sent since the last reset, by name. */
let commands: Record<string, number> = {};
/** GetItem requests of a link item (`LINK#` keys) since the last reset. */
let linkReads = 0;
/** Milliseconds to hold the next response write / erasure marker write at the SDK middleware. */
let stallResponseWrite = 0;
let stallErasure = 0;
/** How far the survey server's clock runs ahead of the real one. */
let clockAhead = 0;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  stack = await startTestStack();
  // The deployed handlers around a client that counts what they send and can hold a write in
  // flight (the embedded DynamoDB cannot stall on demand), and a clock the test moves.
  const client = createDocumentClient(stack.environment.endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      commands[name] = (commands[name] ?? 0) + 1;
      if (name === 'GetItemCommand' && String((args.input as { Key?: { PK?: unknown } }).Key?.PK).startsWith('LINK#'))
        linkReads += 1;
      const input = args.input as {
        Key?: { PK?: unknown };
        Item?: { type?: unknown };
        RequestItems?: Record<string, { PutRequest?: { Item?: { SK?: unknown; type?: unknown } } }[]>;
      };
      if (input.Item?.type === 'response' && stallResponseWrite > 0) await sleep(stallResponseWrite);
      const first = Object.values(input.RequestItems ?? {})[0]?.[0]?.PutRequest?.Item;
      if (first?.type === 'erased' && String(first.SK ?? '').startsWith('RESP#') && stallErasure > 0)
        await sleep(stallErasure);
      return next(args);
    },
    { step: 'initialize', name: 'countAndStall' },
  );
  const clock: Clock = { now: () => new Date(Date.now() + clockAhead) };
  server = await startSurveyServer({ ...depsThrough(stack, client), clock });
});

afterAll(async () => {
  await server?.close();
  await stack?.stop();
});

/** The links of `count` new participants of the cohort, the wave's "before" link and another of each. */
async function participants(count: number, cohort = COHORT): Promise<{ own: IssuedLink; other: IssuedLink }[]> {
  const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, count);
  return [...new Set(links.map((link) => link.participant))].map((participant) => {
    const own = links.find((link) => link.participant === participant && link.wave === 'pre');
    const other = links.find((link) => link.participant === participant && link.wave === 'post');
    if (own === undefined || other === undefined) throw new Error('no links');
    return { own, other };
  });
}

const linkUrl = (link: IssuedLink): string => `${server.url}/s/${link.code}`;

/** Counts what `run` sends to DynamoDB. */
async function counted(run: () => Promise<unknown>): Promise<Record<string, number>> {
  commands = {};
  await run();
  const sent = commands;
  commands = {};
  return sent;
}

/** How many times `run` reads a link item. */
async function linkReadsOf(run: () => Promise<unknown>): Promise<number> {
  linkReads = 0;
  await run();
  return linkReads;
}

/** Every item of a participant left in the table that is not an erasure marker, or names them. */
async function traces(participant: string, links: readonly IssuedLink[], cohort = COHORT): Promise<string[]> {
  const client = createDocumentClient(stack.environment.endpoint);
  const query = async (pk: string): Promise<Record<string, unknown>[]> =>
    (
      await client.send(
        new QueryCommand({
          TableName: stack.environment.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  const found: string[] = [];
  for (const item of await query(cohortKey(PROGRAMME, cohort))) {
    const sk = String(item.SK);
    if (!sk.includes(participant)) continue;
    if (item.type !== 'erased' || 'answers' in item || 'draft' in item) found.push(`${sk} (${String(item.type)})`);
  }
  const key = await stack.deps.linkKey();
  for (const link of links)
    for (const item of await query(linkKey(hashCode(link.code, key)).PK))
      if (item.type !== 'erased' || 'participant' in item) found.push(`link ${link.wave} still names the participant`);
  return found;
}

describe('a questionnaire screen posted with its link token', () => {
  it('sends one write and no read: the last screen one PutItem, each screen before it one draft', async () => {
    const [{ own }] = (await participants(1)) as [{ own: IssuedLink; other: IssuedLink }];
    let page = await getPage(linkUrl(own));
    const perScreen: Record<string, number>[] = [];
    let receipt: string | undefined;
    for (let screen = 0; screen < 20 && page.form !== undefined; screen += 1) {
      const form = answered(page.form, screen % 3);
      expect(form.body.get(LINK_TOKEN_FIELD), `screen ${screen}`).toMatch(/^[A-Za-z0-9_-]{100,300}$/);
      let next = '';
      perScreen.push(await counted(async () => (next = await postScreen(linkUrl(own), form.body))));
      page = await getPage(next);
      receipt = receiptOf(page.html);
    }
    // Dones Mentores: consent, about you, five instruments.
    expect(perScreen).toHaveLength(7);
    expect(receipt).toMatch(/^[0-9A-Z]{10}$/);
    // The cohort's windows are read once a minute per function instance at most: the first screen
    // may read them, no other screen reads anything.
    const [first, ...rest] = perScreen;
    expect(first).toEqual(expect.objectContaining({ PutItemCommand: 1 }));
    const neither = Object.keys(first ?? {}).filter((name) => !['PutItemCommand', 'GetItemCommand'].includes(name));
    expect(neither).toEqual([]);
    expect(first?.GetItemCommand ?? 0).toBeLessThanOrEqual(1);
    for (const [index, sent] of rest.entries()) expect(sent, `screen ${index + 2}`).toEqual({ PutItemCommand: 1 });
    const stored = await stack.deps.responses.getResponse({
      programme: PROGRAMME,
      cohort: COHORT,
      participant: own.participant,
      session: SESSION,
      wave: 'pre',
    });
    expect(stored?.receipt).toBe(receipt);
    expect(Object.keys(stored?.answers ?? {})).toHaveLength(5);
  });

  it('answers a double tap of the last screen with the receipt already given, storing once', async () => {
    const [{ own }] = (await participants(1)) as [{ own: IssuedLink; other: IssuedLink }];
    const last = await walkToLastScreen(server.url, own.code, 2);
    const [one, two] = await Promise.all([send(linkUrl(own), last.body), send(linkUrl(own), last.body)]);
    expect([one.status, two.status]).toEqual([303, 303]);
    const thanks = await getPage(linkUrl(own));
    const stored = await stack.deps.responses.getResponse({ ...target(own), wave: 'pre' });
    expect(receiptOf(thanks.html)).toBe(stored?.receipt);
  });

  it("is not trusted on another link, altered or expired: the link is looked up, the answer the path's", async () => {
    const [first, second] = (await participants(2)) as [
      { own: IssuedLink; other: IssuedLink },
      { own: IssuedLink; other: IssuedLink },
    ];
    const firstLast = await walkToLastScreen(server.url, first.own.code, 1);
    const secondLast = await walkToLastScreen(server.url, second.own.code, 0);
    // The first participant's token on the second's link: the second's link is read, and the
    // answers are the second's, never stored as the first's.
    const crossed = new URLSearchParams(secondLast.body);
    crossed.set(LINK_TOKEN_FIELD, firstLast.body.get(LINK_TOKEN_FIELD) ?? '');
    const crossedReads = await linkReadsOf(async () =>
      expect((await send(linkUrl(second.own), crossed)).status).toBe(303),
    );
    expect(crossedReads).toBe(1);
    expect(await stack.deps.responses.getResponse({ ...target(first.own), wave: 'pre' })).toBeUndefined();
    expect(await stack.deps.responses.getResponse({ ...target(second.own), wave: 'pre' })).toBeDefined();
    // Altered: looked up, and stored as the link's own.
    const altered = new URLSearchParams(firstLast.body);
    const token = altered.get(LINK_TOKEN_FIELD) ?? '';
    altered.set(LINK_TOKEN_FIELD, `${token.slice(0, 40)}${token[40] === 'A' ? 'B' : 'A'}${token.slice(41)}`);
    expect(await linkReadsOf(async () => send(linkUrl(first.own), altered))).toBe(1);
    expect(await stack.deps.responses.getResponse({ ...target(first.own), wave: 'pre' })).toBeDefined();
    // Expired: a form left open longer than a token lives still posts, through the look-up.
    const [third] = (await participants(1)) as [{ own: IssuedLink; other: IssuedLink }];
    const held = await walkToLastScreen(server.url, third.own.code, 3);
    clockAhead = (LINK_TOKEN_SECONDS + 60) * 1000;
    try {
      const late = await linkReadsOf(async () => expect((await send(linkUrl(third.own), held.body)).status).toBe(303));
      // The link itself is read (not only the cohort, whose cached copy is a day old by then).
      expect(late).toBe(1);
    } finally {
      clockAhead = 0;
    }
    expect(await stack.deps.responses.getResponse({ ...target(third.own), wave: 'pre' })).toBeDefined();
  });
});

describe('erasure against screens posted with a token', () => {
  it('leaves nothing behind when a held form is posted after the participant was erased', async () => {
    const [{ own, other }] = (await participants(1)) as [{ own: IssuedLink; other: IssuedLink }];
    // A form held at the second screen and one at the last: both carry tokens made before the erasure.
    const first = await getPage(linkUrl(own));
    if (first.form === undefined) throw new Error('no form');
    const second = await getPage(await postScreen(linkUrl(own), answered(first.form, 0).body));
    if (second.form === undefined) throw new Error('no second screen');
    const heldEarly = answered(second.form, 0);
    const heldLast = await walkToLastScreen(server.url, own.code, 0);
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, own.participant);
    for (const held of [heldEarly, heldLast]) {
      const answer = await send(linkUrl(own), held.body);
      // Through the link's page, which says it is no longer active.
      expect(answer.status).toBe(303);
      expect((await getPage(new URL(answer.location ?? '', server.url).toString())).status).toBe(410);
    }
    expect(await traces(own.participant, [own, other])).toEqual([]);
  });

  it('wins every race with a last screen posted on a token, whichever lands first', async () => {
    const tries = 8;
    const variants = [
      { name: 'submit first', stallResponse: 0, stallErase: 0, submitFirst: true },
      { name: 'withdraw first', stallResponse: 0, stallErase: 0, submitFirst: false },
      { name: 'response write stalled', stallResponse: 60, stallErase: 0, submitFirst: true },
      { name: 'erasure stalled', stallResponse: 0, stallErase: 60, submitFirst: true },
    ];
    const people = await participants(variants.length * tries);
    const held: ScreenForm[] = [];
    for (const [index, { own }] of people.entries()) held.push(await walkToLastScreen(server.url, own.code, index % 4));
    const leaks: string[] = [];
    const statuses: number[] = [];
    try {
      for (const [variantIndex, variant] of variants.entries()) {
        stallResponseWrite = variant.stallResponse;
        stallErasure = variant.stallErase;
        for (let attempt = 0; attempt < tries; attempt += 1) {
          const index = variantIndex * tries + attempt;
          const { own, other } = people[index] ?? {};
          const form = held[index];
          if (own === undefined || other === undefined || form === undefined) throw new Error('no participant');
          const submit = (): Promise<{ status: number }> => send(linkUrl(own), form.body);
          const withdraw = (): Promise<{ status: number }> =>
            send(linkUrl(other), new URLSearchParams({ lang: 'ca', nav: 'withdraw-confirm' }));
          const [first, second] = variant.submitFirst ? [submit, withdraw] : [withdraw, submit];
          const firstDone = first();
          await sleep(attempt % 7);
          for (const result of await Promise.all([firstDone, second()])) statuses.push(result.status);
          const left = await traces(own.participant, [own, other]);
          if (left.length > 0) leaks.push(`${variant.name} #${attempt}: ${left.join(', ')}`);
        }
      }
    } finally {
      stallResponseWrite = 0;
      stallErasure = 0;
    }
    expect(leaks).toEqual([]);
    expect(statuses.every((status) => status === 303)).toBe(true);
  });
});

describe('a wave a coordinator closes', () => {
  it('refuses new visits at once, and forms already open once the cached cohort is a minute old', async () => {
    const today = new Date();
    const day = (offset: number): string => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const definition = stack.deps.catalog.programmes.get(PROGRAMME);
    if (definition === undefined) throw new Error('no programme');
    const windows = Object.fromEntries(waveIdsOf(definition).map((wave) => [wave, { opens: day(0), closes: day(60) }]));
    await addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, { id: 'closing-2027', name: 'Closing 2027', windows });
    const [early, late] = (await participants(2, 'closing-2027')) as [
      { own: IssuedLink; other: IssuedLink },
      { own: IssuedLink; other: IssuedLink },
    ];
    const earlyLast = await walkToLastScreen(server.url, early.own.code, 1);
    const lateLast = await walkToLastScreen(server.url, late.own.code, 1);
    await setWaveClosed(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'closing-2027', `${SESSION}:pre`, true);
    // A new visit reads the cohort: closed at once.
    expect((await getPage(linkUrl(early.own))).status).toBe(410);
    // A form already open, posted within the minute, is taken.
    expect((await send(linkUrl(early.own), earlyLast.body)).status).toBe(303);
    expect(await stack.deps.responses.getResponse({ ...target(early.own, 'closing-2027'), wave: 'pre' })).toBeDefined();
    // After the minute, the cohort is read again: 410, in the programme's language, nothing stored.
    clockAhead = COHORT_CACHE_MS + 1000;
    try {
      const refused = await send(linkUrl(late.own), lateLast.body);
      expect(refused.status).toBe(410);
      expect(refused.body).toContain('lang="ca"');
    } finally {
      clockAhead = 0;
    }
    expect(
      await stack.deps.responses.getResponse({ ...target(late.own, 'closing-2027'), wave: 'pre' }),
    ).toBeUndefined();
  });
});

/** The wave owner of a link, but for its wave. */
function target(
  link: IssuedLink,
  cohort = COHORT,
): { programme: string; cohort: string; participant: string; session: string } {
  return { programme: PROGRAMME, cohort, participant: link.participant, session: link.session };
}
