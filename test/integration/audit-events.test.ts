/**
 * The audit entries the data use cases write, from the callers the commands do not cover (a
 * participant withdrawing through their link, the summary schedule), and what happens when the
 * audit log cannot be written: a change already made stands and is returned (the failure is
 * logged), while an export is refused before any row is handed over. The log fails on demand at
 * the AWS SDK's own middleware, as the embedded DynamoDB cannot.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { DirectoryPublisher, OutboxMailer } from '#adapters/directory-publisher.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import type { Actor, AuditEvent } from '#core/access.ts';
import { makePublishHandler } from '#handlers/publish-summaries.ts';
import { createLinks, type IssuedLink } from '#use-cases/create-links.ts';
import { exportResponses } from '#use-cases/export-responses.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { answerAll, depsThrough, startSurveyServer, startTestStack, storedWave } from '../support/stack.ts';

const PROGRAMME = 'dones-mentores';
const COHORT = 'barcelona-2026';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ADMIN: Actor = { id: 'st-0123456789ab', email: 'admin@example.org' };

let stack: Awaited<ReturnType<typeof startTestStack>>;
let out: string;

beforeAll(async () => {
  stack = await startTestStack();
  out = await mkdtemp(join(tmpdir(), 'prepost-audit-'));
});

afterAll(async () => {
  await stack?.stop();
  if (out !== undefined) await rm(out, { recursive: true, force: true });
});

async function entriesSince(since: Date): Promise<AuditEvent[]> {
  // In time order (the store lists newest first).
  return (await stack.deps.audit.list({ since, until: new Date(Date.now() + 60_000) })).reverse();
}

/** The stack's deps on a client whose every write to the audit log fails, as a throttled table would. */
function depsWithFailingAuditLog(): ReturnType<typeof depsThrough> {
  const client = createDocumentClient(stack.environment.endpoint);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if ((context.commandName ?? '').startsWith('Put') && JSON.stringify(args.input).includes('"AUDIT#'))
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
          name: 'ProvisionedThroughputExceededException',
        });
      return next(args);
    },
    { step: 'initialize', name: 'failAuditWrites' },
  );
  return depsThrough(stack, client);
}

function preLink(links: readonly IssuedLink[]): IssuedLink {
  const link = links.find((candidate) => candidate.wave === 'pre');
  if (link === undefined) throw new Error('no pre link');
  return link;
}

describe('audit entries', () => {
  it('record a withdrawal through its link as by a participant, with counts and never who', async () => {
    const since = new Date();
    const { links } = await createLinks(stack.deps, ADMIN, PROGRAMME, COHORT, 1);
    const link = preLink(links);
    const context = await storedWave(stack.deps, PROGRAMME, COHORT, link.session, link.wave);
    const answered = await fetch(`${stack.url}/s/${link.code}`, {
      method: 'POST',
      headers: FORM,
      body: answerAll(context, stack.deps.catalog, 0).toString(),
      redirect: 'manual',
    });
    expect(answered.status).toBe(303);
    const withdrawn = await fetch(`${stack.url}/s/${link.code}`, {
      method: 'POST',
      headers: FORM,
      body: 'lang=en&nav=withdraw-confirm',
      redirect: 'manual',
    });
    expect(withdrawn.status).toBe(303);
    const entries = await entriesSince(since);
    expect(
      entries.map(({ actor, actorEmail, action, programme, detail }) => ({
        actor,
        actorEmail,
        action,
        programme,
        detail,
      })),
    ).toEqual([
      {
        actor: ADMIN.id,
        actorEmail: ADMIN.email,
        action: 'links-created',
        programme: PROGRAMME,
        detail: `cohort ${COHORT}: 1 participants, ${links.length} links, cards in ca`,
      },
      {
        actor: 'participant',
        actorEmail: undefined,
        action: 'erasure',
        programme: PROGRAMME,
        detail: `cohort ${COHORT}: 1 responses, ${links.length} links`,
      },
    ]);
    const text = JSON.stringify(entries);
    expect(text).not.toContain(link.participant);
    for (const issued of links) expect(text).not.toContain(issued.code);
  });

  it("record the schedule's summaries as by the system, with the period and the funders emailed", async () => {
    const since = new Date();
    const handler = makePublishHandler({
      ...stack.deps,
      publisher: new DirectoryPublisher(out),
      mailer: new OutboxMailer(out, stack.deps.clock),
      sender: 'prepost <summaries@example.org>',
      summaryRenderer: summaryRenderer(stack.deps.catalog),
    });
    await handler({ programme: PROGRAMME, period: '2026-10' }, {} as Context);
    await handler({ programme: PROGRAMME, period: '2026-10' }, {} as Context);
    // The funders stored for the programme (its seed's), as coordinators keep them.
    const funders = (await stack.deps.cohorts.listFunders(PROGRAMME)).length;
    expect(funders).toBe(1);
    expect(
      (await entriesSince(since)).map(({ actor, action, programme, detail }) => [actor, action, programme, detail]),
    ).toEqual([
      ['system', 'summary-sent', PROGRAMME, `2026-10: ${funders} of ${funders} funders emailed, 0 already sent`],
      ['system', 'summary-sent', PROGRAMME, `2026-10: 0 of ${funders} funders emailed, ${funders} already sent`],
    ]);
  });
});

describe('an audit log that cannot be written', () => {
  it('never costs a change already made: the links are returned and stored, the failure logged', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const since = new Date();
      const { links } = await createLinks(depsWithFailingAuditLog(), ADMIN, PROGRAMME, COHORT, 2);
      expect(links.length).toBeGreaterThan(0);
      for (const participant of new Set(links.map((link) => link.participant)))
        expect(await stack.deps.participants.findParticipant(PROGRAMME, COHORT, participant)).toBeDefined();
      expect(await entriesSince(since)).toEqual([]);
      const logged = errors.mock.calls.map((call) => String(call[0]));
      expect(logged.some((line) => line.includes('audit entry not written') && line.includes('links-created'))).toBe(
        true,
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('never costs a participant their withdrawal: it is done and they are told so', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const server = await startSurveyServer(depsWithFailingAuditLog());
    try {
      const { links } = await createLinks(stack.deps, ADMIN, PROGRAMME, COHORT, 1);
      const link = preLink(links);
      const withdrawn = await fetch(`${server.url}/s/${link.code}`, {
        method: 'POST',
        headers: FORM,
        body: 'lang=en&nav=withdraw-confirm',
        redirect: 'manual',
      });
      expect(withdrawn.status).toBe(303);
      expect(withdrawn.headers.get('location')).toBe(`/s/${link.code}?lang=en&withdrawn=1`);
      expect(await stack.deps.participants.findParticipant(PROGRAMME, COHORT, link.participant)).toBeUndefined();
      expect(errors.mock.calls.some((call) => String(call[0]).includes('audit entry not written'))).toBe(true);
    } finally {
      await server.close();
      errors.mockRestore();
    }
  });

  it('refuses an export: no row leaves unrecorded', async () => {
    await expect(exportResponses(depsWithFailingAuditLog(), ADMIN, PROGRAMME, COHORT)).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
    });
    // The same export with the log working is recorded, and then handed over.
    const since = new Date();
    const { rows } = await exportResponses(stack.deps, ADMIN, PROGRAMME, COHORT);
    expect((await entriesSince(since)).map((entry) => [entry.action, entry.detail])).toEqual([
      ['export', `cohort ${COHORT}: ${rows} responses`],
    ]);
  });
});
