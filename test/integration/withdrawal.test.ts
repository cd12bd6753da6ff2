/**
 * Withdrawal and erasure (issue 8, points 1, 2 and 10) against the embedded DynamoDB: a
 * withdrawal wins every race with a submission of the same participant (fired together, in both
 * orders, and with either write stalled at the SDK's own middleware), takes effect in every
 * reader at once, changes nothing for an id that does not exist, and every participant item
 * carries the programme's retention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { cohortKey, linkKey } from '#adapters/table-design.ts';
import { hashCode } from '#shared/codes.ts';
import { aggregate } from '#use-cases/aggregate.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';
import { addCohort } from '#use-cases/manage-cohorts.ts';
import { waveIdsOf } from '#surveys/cohort-rules.ts';
import { aggregateAndPublish } from '#use-cases/publish-summaries.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { readImpact } from '#use-cases/read-impact.ts';
import type { LocalServer } from '#local/server.ts';
import type { FunderMessage, PublishedFile } from '#ports/publishing.ts';
import { answerAll, depsThrough, startSurveyServer, startTestStack } from '../support/stack.ts';
import { apiTokenWith } from '../support/staff.ts';
import { seedWave } from '../support/programmes.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';

const PROGRAMME = 'justrom3-mentoring';
const RACE_COHORT = 'bucharest-2020';
const COHORT = 'iasi-2020';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const TRIES_PER_VARIANT = 30;

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every item of a cohort partition, raw. */
async function partition(cohort: string): Promise<Record<string, unknown>[]> {
  const client = createDocumentClient(stack.environment.endpoint);
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: stack.environment.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': cohortKey(PROGRAMME, cohort) },
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items;
}

/** What of a participant is left in the table: answers, drafts, the participant item, live links. */
async function traces(participant: string, links: readonly IssuedLink[]): Promise<string[]> {
  const found: string[] = [];
  for (const item of await partition(RACE_COHORT)) {
    const sk = String(item.SK);
    if (!sk.includes(participant)) continue;
    if (item.type !== 'erased') found.push(`${sk} (${String(item.type)})`);
    if ('answers' in item || 'draft' in item || 'receipt' in item) found.push(`${sk} holds answers`);
  }
  const key = await stack.deps.linkKey();
  const client = createDocumentClient(stack.environment.endpoint);
  for (const link of links) {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: stack.environment.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': linkKey(hashCode(link.code, key)).PK },
        ConsistentRead: true,
      }),
    );
    for (const item of Items)
      if (item.type !== 'erased' || 'participant' in item || 'cohort' in item)
        found.push(`link ${link.session}:${link.wave} still names the participant`);
  }
  return found;
}

describe('withdrawal racing a submission', () => {
  let server: LocalServer;
  /** Milliseconds to hold the next response write / erasure marker write at the SDK middleware. */
  let stallResponseWrite = 0;
  let stallErasure = 0;

  beforeAll(async () => {
    // The deployed handlers, around a client whose writes can be held in flight (the embedded
    // DynamoDB cannot stall on demand): a slow network, a slow phone, a throttled partition.
    const client = createDocumentClient(stack.environment.endpoint);
    client.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as {
          Item?: { type?: unknown };
          RequestItems?: Record<string, { PutRequest?: { Item?: { type?: unknown } } }[]>;
        };
        if (input.Item?.type === 'response' && stallResponseWrite > 0) await sleep(stallResponseWrite);
        const batch = Object.values(input.RequestItems ?? {})[0];
        if (
          batch?.[0]?.PutRequest?.Item?.type === 'erased' &&
          String((batch[0].PutRequest.Item as { SK?: unknown }).SK ?? '').startsWith('RESP#') &&
          stallErasure > 0
        )
          await sleep(stallErasure);
        return next(args);
      },
      { step: 'initialize', name: 'stallInFlight' },
    );
    const deps = depsThrough(stack, client);
    server = await startSurveyServer(deps);
  });

  afterAll(async () => {
    await server.close();
  });

  it(
    'leaves no response, draft, participant or link behind, ' + 'whichever lands first, and aggregation counts none',
    async () => {
      const variants = [
        { name: 'submit first', stallResponse: 0, stallErase: 0, submitFirst: true },
        { name: 'withdraw first', stallResponse: 0, stallErase: 0, submitFirst: false },
        { name: 'response write stalled', stallResponse: 60, stallErase: 0, submitFirst: true },
        { name: 'erasure stalled', stallResponse: 0, stallErase: 60, submitFirst: true },
      ];
      const { links } = await createLinks(
        stack.deps,
        SYSTEM_ACTOR,
        PROGRAMME,
        RACE_COHORT,
        variants.length * TRIES_PER_VARIANT,
      );
      const participants = [...new Set(links.map((link) => link.participant))];
      const figures: string[] = [];
      let leaks = 0;
      let tries = 0;
      for (const [variantIndex, variant] of variants.entries()) {
        stallResponseWrite = variant.stallResponse;
        stallErasure = variant.stallErase;
        const statuses = new Map<string, number>();
        for (let attempt = 0; attempt < TRIES_PER_VARIANT; attempt += 1) {
          const participant = participants[variantIndex * TRIES_PER_VARIANT + attempt] ?? '';
          const own = links.filter((link) => link.participant === participant);
          const answered = own.find((link) => link.session === 'individual-meeting-1' && link.wave === 'post');
          const withdrawing = own.find((link) => link.session === 'group-session-1' && link.wave === 'pre');
          const context = seedWave(PROGRAMME, RACE_COHORT, 'individual-meeting-1', 'post', stack.deps.catalog);
          if (answered === undefined || withdrawing === undefined || context === undefined) throw new Error('no links');
          // The last screen of one wave, and the confirmed withdrawal on another link, 0-10 ms apart.
          const submit = (): Promise<Response> =>
            fetch(`${server.url}/s/${answered.code}`, {
              method: 'POST',
              headers: FORM,
              body: answerAll(context, stack.deps.catalog, attempt % 3).toString(),
              redirect: 'manual',
            });
          const withdraw = (): Promise<Response> =>
            fetch(`${server.url}/s/${withdrawing.code}`, {
              method: 'POST',
              headers: FORM,
              body: 'lang=en&nav=withdraw-confirm',
              redirect: 'manual',
            });
          const gap = attempt % 11;
          const [first, second] = variant.submitFirst ? [submit, withdraw] : [withdraw, submit];
          const firstDone = first();
          await sleep(gap);
          const results = await Promise.all([firstDone, second()]);
          for (const result of results) {
            expect(result.status).not.toBe(500);
            statuses.set(String(result.status), (statuses.get(String(result.status)) ?? 0) + 1);
          }
          const left = await traces(participant, own);
          tries += 1;
          if (left.length > 0) {
            leaks += 1;
            figures.push(`${variant.name} #${attempt}: ${left.join(', ')}`);
          }
        }
        figures.push(
          `${variant.name}: ${TRIES_PER_VARIANT} tries, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        );
      }
      stallResponseWrite = 0;
      stallErasure = 0;
      console.info(`withdrawal race: ${tries} tries, ${leaks} leaks\n${figures.join('\n')}`);
      expect(leaks).toBe(0);
      // Aggregation counts nobody: every participant of the cohort withdrew.
      await aggregate(stack.deps, { programme: PROGRAMME });
      expect(await stack.deps.responses.listCohortResponses(PROGRAMME, RACE_COHORT)).toEqual([]);
      const mark = await stack.deps.indicators.getMark({ programme: PROGRAMME, cohort: RACE_COHORT });
      expect(mark?.responses).toBe(0);
      expect(mark?.participants).toBe(0);
      expect(await stack.deps.participants.countParticipants(PROGRAMME, RACE_COHORT)).toBe(0);
    },
  );
});

describe('a withdrawal cut short', () => {
  it(
    'is finished by trying again through the same link, or ' +
      'by prepost erase, wherever it stopped, leaving no trace',
    async () => {
      type Input = {
        Key?: { SK?: unknown };
        Item?: { PK?: unknown; type?: unknown };
        RequestItems?: Record<string, { PutRequest?: { Item?: { SK?: unknown; type?: unknown } } }[]>;
      };
      // Each crash point: the write that fails once (a timeout, say), at the SDK middleware.
      const crashPoints: {
        name: string;
        matches: (command: string, input: Input) => boolean;
        finishedByLink: boolean;
      }[] = [
        {
          name: 'the first count of the erasure',
          matches: (command) => command.startsWith('Update'),
          finishedByLink: true,
        },
        {
          name: 'the wave markers',
          matches: (command, input) =>
            command.startsWith('BatchWrite') &&
            String(Object.values(input.RequestItems ?? {})[0]?.[0]?.PutRequest?.Item?.SK ?? '').startsWith('RESP#'),
          finishedByLink: true,
        },
        {
          name: 'closing the link withdrawn through',
          matches: (command, input) =>
            command.startsWith('Put') &&
            String(input.Item?.PK ?? '').startsWith('LINK#') &&
            input.Item?.type === 'erased',
          finishedByLink: true,
        },
        {
          name: 'deleting the participant item',
          matches: (command, input) => command.startsWith('Delete') && String(input.Key?.SK ?? '').startsWith('PART#'),
          finishedByLink: false,
        },
      ];
      const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, crashPoints.length);
      const participants = [...new Set(links.map((link) => link.participant))];
      for (const [index, crash] of crashPoints.entries()) {
        const participant = participants[index] ?? '';
        const own = links.filter((link) => link.participant === participant);
        const answered = own.find((link) => link.session === 'individual-meeting-1' && link.wave === 'pre');
        const context = seedWave(PROGRAMME, RACE_COHORT, 'individual-meeting-1', 'pre', stack.deps.catalog);
        if (answered === undefined || context === undefined) throw new Error('no link');
        expect(
          (
            await fetch(`${stack.url}/s/${answered.code}`, {
              method: 'POST',
              headers: FORM,
              body: answerAll(context, stack.deps.catalog, 1).toString(),
              redirect: 'manual',
            })
          ).status,
        ).toBe(303);
        let armed = true;
        const client = createDocumentClient(stack.environment.endpoint);
        client.middlewareStack.add(
          (next, handlerContext) => async (args) => {
            if (armed && crash.matches(handlerContext.commandName ?? '', args.input as Input)) {
              armed = false;
              throw Object.assign(new Error('simulated timeout'), { name: 'TimeoutError' });
            }
            return next(args);
          },
          { step: 'initialize', name: 'crashOnce' },
        );
        const deps = depsThrough(stack, client);
        const server = await startSurveyServer(deps);
        try {
          const first = await fetch(`${server.url}/s/${answered.code}`, {
            method: 'POST',
            headers: FORM,
            body: 'lang=en&nav=withdraw-confirm',
            redirect: 'manual',
          });
          expect(first.status, crash.name).toBe(503);
          expect(armed, crash.name).toBe(false);
          expect(await first.text(), crash.name).toContain('We could not finish deleting your answers');
          // Once the erasure has been counted, whatever is left, the tables are withheld until recomputed.
          if (index > 0)
            expect((await readImpact(stack.deps, PROGRAMME, RACE_COHORT)).recomputing, crash.name).toContain(
              RACE_COHORT,
            );
          if (crash.finishedByLink) {
            // The link still works; once the answers are gone it asks to confirm again (the 503 page
            // itself is that confirmation); confirming again finishes the job.
            if (index === 2)
              expect(await (await fetch(`${server.url}/s/${answered.code}?lang=en`)).text(), crash.name).toContain(
                'value="withdraw-confirm"',
              );
            const again = await fetch(`${server.url}/s/${answered.code}`, {
              method: 'POST',
              headers: FORM,
              body: 'lang=en&nav=withdraw-confirm',
              redirect: 'manual',
            });
            expect(again.headers.get('location'), crash.name).toBe(`/s/${answered.code}?lang=en&withdrawn=1`);
          } else {
            // Every link is closed already; what is left (the participant item) `prepost erase` removes.
            expect((await fetch(`${server.url}/s/${answered.code}`)).status, crash.name).toBe(410);
            expect(
              (await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, participant)).found,
              crash.name,
            ).toBe(true);
          }
          expect(await traces(participant, own), crash.name).toEqual([]);
        } finally {
          await server.close();
        }
      }
    },
  );

  it('counts a withdrawal from the published figures only for a participant who had answered', async () => {
    const mark = async (cohort: string | null) =>
      (await stack.deps.indicators.getMark({ programme: PROGRAMME, cohort })) ?? { erasures: 0, withdrawals: 0 };
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, 2);
    const [unused, answering] = [...new Set(links.map((link) => link.participant))];
    const before = { cohort: await mark(RACE_COHORT), pool: await mark(null) };
    // An unused card erased: the tables go stale (erasures), but no published figure held anyone.
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, unused ?? '');
    const afterUnused = { cohort: await mark(RACE_COHORT), pool: await mark(null) };
    expect(afterUnused.cohort.erasures ?? 0).toBeGreaterThan(before.cohort.erasures ?? 0);
    expect(afterUnused.cohort.withdrawals ?? 0).toBe(before.cohort.withdrawals ?? 0);
    expect(afterUnused.pool.withdrawals ?? 0).toBe(before.pool.withdrawals ?? 0);
    const answered = links.find(
      (link) => link.participant === answering && link.session === 'individual-meeting-2' && link.wave === 'pre',
    );
    const context = seedWave(PROGRAMME, RACE_COHORT, 'individual-meeting-2', 'pre', stack.deps.catalog);
    if (answered === undefined || context === undefined) throw new Error('no link');
    await fetch(`${stack.url}/s/${answered.code}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(context, stack.deps.catalog, 0).toString(),
      redirect: 'manual',
    });
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, answering ?? '');
    expect((await mark(RACE_COHORT)).withdrawals ?? 0).toBeGreaterThan(afterUnused.cohort.withdrawals ?? 0);
    expect((await mark(null)).withdrawals ?? 0).toBeGreaterThan(afterUnused.pool.withdrawals ?? 0);
  });

  it('erases the answers of a participant whose participant item has already expired', async () => {
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, 1);
    const participant = links[0]?.participant ?? '';
    const answered = links.find((link) => link.session === 'individual-meeting-2' && link.wave === 'pre');
    const context = seedWave(PROGRAMME, RACE_COHORT, 'individual-meeting-2', 'pre', stack.deps.catalog);
    if (answered === undefined || context === undefined) throw new Error('no link');
    await fetch(`${stack.url}/s/${answered.code}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(context, stack.deps.catalog, 0).toString(),
      redirect: 'manual',
    });
    const stored = await stack.deps.responses.getResponse({
      programme: PROGRAMME,
      cohort: RACE_COHORT,
      participant,
      session: 'individual-meeting-2',
      wave: 'pre',
    });
    // Its answers expire with the participant and the links, never later.
    const link = await stack.deps.participants.findLink(hashCode(answered.code, await stack.deps.linkKey()));
    expect(stored?.expiresAt).toBe(link?.status === 'active' ? link.expiresAt : -1);
    // DynamoDB's TTL takes the participant item first (it may, within its days of delay).
    const client = createDocumentClient(stack.environment.endpoint);
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    await client.send(
      new DeleteCommand({
        TableName: stack.environment.tableName,
        Key: { PK: cohortKey(PROGRAMME, RACE_COHORT), SK: `PART#${participant}` },
      }),
    );
    const report = await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, RACE_COHORT, participant);
    expect(report.found).toBe(true);
    expect(report.responses).toBe(1);
    expect(await traces(participant, [])).toEqual([]);
  });
});

describe('withdrawal takes effect everywhere', () => {
  it(
    'withholds stale tables from every reader until ' + 'recomputed, and the next summary leaves the person out',
    async () => {
      const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 6);
      const participants = [...new Set(links.map((link) => link.participant))];
      for (const [index, participant] of participants.entries()) {
        for (const wave of ['pre', 'post'] as const) {
          const link = links.find(
            (candidate) =>
              candidate.participant === participant &&
              candidate.session === 'individual-meeting-1' &&
              candidate.wave === wave,
          );
          const context = seedWave(PROGRAMME, COHORT, 'individual-meeting-1', wave, stack.deps.catalog);
          if (link === undefined || context === undefined) throw new Error('no link');
          const response = await fetch(`${stack.url}/s/${link.code}`, {
            method: 'POST',
            headers: FORM,
            body: answerAll(context, stack.deps.catalog, wave === 'pre' ? index % 2 : 2).toString(),
            redirect: 'manual',
          });
          expect(response.status).toBe(303);
        }
      }
      await aggregate(stack.deps, { programme: PROGRAMME });
      const before = await readImpact(stack.deps, PROGRAMME);
      const paired = (impact: typeof before): number | null | undefined =>
        impact.rows.find(
          (row) =>
            row.cohort === COHORT &&
            row.session === 'individual-meeting-1' &&
            row.instrument === 'rosenberg-self-esteem' &&
            row.dimension === null,
        )?.n_paired;
      expect(paired(before)).toBe(6);

      // Withdrawal through the link: no aggregation runs, yet no reader shows the old tables.
      const leaving = links.find(
        (link) => link.participant === participants[0] && link.session === 'group-session-1' && link.wave === 'pre',
      );
      expect(
        (
          await fetch(`${stack.url}/s/${leaving?.code ?? ''}`, {
            method: 'POST',
            headers: FORM,
            body: 'nav=withdraw-confirm',
            redirect: 'manual',
          })
        ).status,
      ).toBe(303);
      const stale = await readImpact(stack.deps, PROGRAMME);
      expect(stale.recomputing).toEqual([COHORT, 'pooled']);
      expect(stale.rows.filter((row) => row.cohort === COHORT || row.cohort === null)).toEqual([]);
      expect(stale.responseRates[COHORT]).toBeUndefined();
      // The CSV says which tables it withholds.
      const token = await apiTokenWith(stack.deps, [{ role: 'evaluator', programme: PROGRAMME }]);
      const csv = await fetch(`${stack.url}/api/impact?programme=${PROGRAMME}&format=csv`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(csv.headers.get('x-prepost-withheld')).toBe(`${COHORT},pooled`);
      expect(await csv.text()).not.toContain(`,${COHORT},individual-meeting-1,`);

      // The summary aggregates first: the person is not in it.
      const files: PublishedFile[] = [];
      const mails: FunderMessage[] = [];
      const report = await aggregateAndPublish(
        {
          ...stack.deps,
          publisher: {
            publish: async (programme, period, written) => {
              files.push(...written);
              return written.map((file) => `${programme}/${period}/${file.name}`);
            },
          },
          mailer: { send: async (message) => void mails.push(message) },
          sender: 'test@prepost.invalid',
          summaryRenderer: summaryRenderer(stack.deps.catalog),
        },
        SYSTEM_ACTOR,
        PROGRAMME,
        '2026-12',
      );
      const whole = report.summary.rows.find(
        (row) =>
          row.cohort === COHORT &&
          row.session === 'individual-meeting-1' &&
          row.instrument === 'rosenberg-self-esteem' &&
          row.group === null,
      );
      // Five completers are left (rounded to 5 by disclosure control, and k = 5 lets it show).
      expect(whole?.n_paired).toBe(5);
      const after = await readImpact(stack.deps, PROGRAMME);
      expect(after.recomputing).toEqual([]);
      expect(paired(after)).toBe(5);
    },
  );

  it('recomputes a table whose aggregation raced an erasure, so the stored rows never keep the person', async () => {
    const cohort = COHORT;
    const impactBefore = await readImpact(stack.deps, PROGRAMME, cohort);
    const nBefore =
      impactBefore.rows.find(
        (row) =>
          row.session === 'individual-meeting-1' &&
          row.instrument === 'rosenberg-self-esteem' &&
          row.dimension === null,
      )?.n_paired ?? 0;
    expect(nBefore).toBeGreaterThan(1);
    const someone =
      (await stack.deps.responses.listCohortResponses(PROGRAMME, cohort)).find(
        (response) => response.session === 'individual-meeting-1' && response.wave === 'post',
      )?.participant ?? '';
    // An aggregation that reads the cohort just before the erasure and stores just after it.
    const slow = createDocumentClient(stack.environment.endpoint);
    let erased = false;
    slow.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { SK?: unknown } };
        if (!erased && String(input.Item?.SK ?? '').startsWith('IND#')) {
          erased = true;
          await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, cohort, someone);
        }
        return next(args);
      },
      { step: 'initialize', name: 'eraseMidAggregation' },
    );
    await aggregate(depsThrough(stack, slow), { programme: PROGRAMME, full: true });
    expect(erased).toBe(true);
    const impact = await readImpact(stack.deps, PROGRAMME, cohort);
    expect(impact.recomputing).toEqual([]);
    expect(
      impact.rows.find(
        (row) =>
          row.session === 'individual-meeting-1' &&
          row.instrument === 'rosenberg-self-esteem' &&
          row.dimension === null,
      )?.n_paired,
    ).toBe(nBefore - 1);
  });

  it('never lets an older aggregation put a withdrawn person back over a newer table', async () => {
    const pooled = async (): Promise<{ recomputing: string[]; n: number | null | undefined }> => {
      const impact = await readImpact(stack.deps, PROGRAMME, 'pooled');
      return {
        recomputing: impact.recomputing,
        n: impact.rows.find(
          (row) => row.cohort === null && row.instrument === 'rosenberg-self-esteem' && row.dimension === null,
        )?.n_paired,
      };
    };
    await aggregate(stack.deps, { programme: PROGRAMME });
    const before = await pooled();
    expect(before.recomputing).toEqual([]);
    // Run A (a publication, say) is held at the SDK middleware just before it stores the pool.
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached = (): void => undefined;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    const held = createDocumentClient(stack.environment.endpoint);
    held.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { Item?: { PK?: unknown; SK?: unknown } };
        if (input.Item?.PK === `PROG#${PROGRAMME}` && String(input.Item.SK).startsWith('IND#')) {
          reached();
          await gate;
        }
        return next(args);
      },
      { step: 'initialize', name: 'holdPoolWrite' },
    );
    const runA = aggregate(depsThrough(stack, held), {
      programme: PROGRAMME,
      full: true,
    });
    await atGate;
    // Meanwhile someone withdraws, and run B (the hourly one) completes.
    const someone =
      (await stack.deps.responses.listCohortResponses(PROGRAMME, COHORT)).find(
        (response) => response.session === 'individual-meeting-1' && response.wave === 'post',
      )?.participant ?? '';
    await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, someone);
    await aggregate(stack.deps, { programme: PROGRAMME });
    const afterB = await pooled();
    expect(afterB).toEqual({ recomputing: [], n: (before.n ?? 0) - 1 });
    // A is let go: its pool, read before the withdrawal, must not replace B's.
    release();
    await runA;
    expect(await pooled()).toEqual(afterB);
    await aggregate(stack.deps, { programme: PROGRAMME });
    expect(await pooled()).toEqual(afterB);
  });

  it('changes nothing for a participant that does not exist', async () => {
    const before = JSON.stringify(await partition(COHORT));
    const report = await eraseParticipant(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 'p-doesnotexist');
    expect(report).toEqual({ responses: 0, links: 0, found: false });
    expect(JSON.stringify(await partition(COHORT))).toBe(before);
    expect((await stack.deps.indicators.getMark({ programme: PROGRAMME, cohort: COHORT }))?.erasures).toBe(
      (JSON.parse(before) as { SK: string; erasures?: number }[]).find((item) => item.SK === 'AGG')?.erasures,
    );
  });
});

describe('retention', () => {
  it('gives participant and link items the programme retention, and an expired link is gone', async () => {
    const programme = stack.deps.catalog.programmes.get(PROGRAMME);
    if (programme === undefined) throw new Error('no programme');
    const now = Math.floor(Date.now() / 1000);
    const { links } = await createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, COHORT, 1);
    const participant = links[0]?.participant ?? '';
    const item = (await partition(COHORT)).find((candidate) => candidate.SK === `PART#${participant}`);
    const expected = now + programme.retentionDays * 86_400;
    expect(Number(item?.expiresAt)).toBeGreaterThanOrEqual(expected - 5);
    expect(Number(item?.expiresAt)).toBeLessThanOrEqual(expected + 5);
    const link = await stack.deps.participants.findLink(hashCode(links[0]?.code ?? '', await stack.deps.linkKey()));
    expect(link?.status === 'active' ? link.expiresAt : undefined).toBe(item?.expiresAt);
    // The day after its expiry the link is gone, even before DynamoDB's TTL deletes it.
    const later = { ...stack.deps, clock: { now: () => new Date((Number(item?.expiresAt) + 86_400) * 1000) } };
    const { openLink } = await import('#use-cases/open-link.ts');
    await expect(openLink(later, links[0]?.code)).rejects.toThrow('expired');
    // A draft lives days, not the retention.
    const context = seedWave(PROGRAMME, COHORT, 'individual-meeting-1', 'pre', stack.deps.catalog);
    const pre = links.find((candidate) => candidate.session === 'individual-meeting-1' && candidate.wave === 'pre');
    if (context === undefined || pre === undefined) throw new Error('no wave');
    await fetch(`${stack.url}/s/${pre.code}`, {
      method: 'POST',
      headers: FORM,
      body: new URLSearchParams({ step: '0', nav: 'next', consent: programme.consent.version }).toString(),
      redirect: 'manual',
    });
    const draft = (await partition(COHORT)).find(
      (candidate) => candidate.SK === `RESP#${participant}#individual-meeting-1#pre`,
    );
    expect(draft?.type).toBe('draft');
    expect(Number(draft?.expiresAt)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3 * 86_400 + 5);
    expect(draft?.TSK).toBeUndefined();
  });

  it('refuses to make links that would expire before their cohort last wave closes', async () => {
    const programme = stack.deps.catalog.programmes.get(PROGRAMME);
    if (programme === undefined) throw new Error('no programme');
    // A cohort whose last wave closes after the programme's retention from today has run out.
    const today = stack.deps.clock.now().toISOString().slice(0, 10);
    const closes = new Date(stack.deps.clock.now().getTime() + (programme.retentionDays + 1) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const windows = Object.fromEntries(waveIdsOf(programme).map((wave) => [wave, { opens: today, closes }]));
    // Coordinators cannot set such windows (addCohort refuses them at the field, nothing written)...
    await expect(
      addCohort(stack.deps, SYSTEM_ACTOR, PROGRAMME, { id: 'long-cohort', name: 'Long cohort', windows }),
    ).rejects.toMatchObject({ name: 'CohortInputError' });
    expect(await stack.deps.cohorts.getCohort(PROGRAMME, 'long-cohort')).toBeUndefined();
    // ... but a cohort stored under a longer retention, since shortened in the definition, has them.
    const long = {
      id: 'long-cohort',
      name: 'Long cohort',
      attributes: {},
      windows,
      status: 'open' as const,
      comparison: false,
    };
    expect(await stack.deps.cohorts.createCohort(PROGRAMME, long, new Date().toISOString())).toBe(true);
    const before = await partition('long-cohort');
    await expect(createLinks(stack.deps, SYSTEM_ACTOR, PROGRAMME, 'long-cohort', 1)).rejects.toThrow(
      'links made today would expire before their waves',
    );
    expect(await partition('long-cohort')).toEqual(before);
  });
});
