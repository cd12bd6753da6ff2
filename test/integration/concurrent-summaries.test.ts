/**
 * Two runs of a programme's summary at once (the schedule and a command) against the embedded
 * DynamoDB: both finish, the second recorded builds again on the first, and the record reads back
 * whole with both publications in its history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { DirectoryPublisher, OutboxMailer } from '#adapters/directory-publisher.ts';
import { LOCAL_SENDER } from '#local/server.ts';
import { aggregateAndPublish } from '#use-cases/publish-summaries.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { answerCohorts } from '../support/published.ts';
import { startTestStack } from '../support/stack.ts';

const P = 'justrom3-mentoring';
let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
  stack = await startTestStack();
  await answerCohorts(stack, P, 12);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('two summary runs at once', () => {
  it('both finish and neither publication goes unrecorded', async () => {
    const deps = {
      ...stack.deps,
      publisher: new DirectoryPublisher(stack.summariesDir),
      mailer: new OutboxMailer(stack.summariesDir, stack.deps.clock),
      sender: LOCAL_SENDER,
      summaryRenderer: summaryRenderer(stack.deps.catalog),
    };
    const runs = await Promise.allSettled([
      aggregateAndPublish(deps, SYSTEM_ACTOR, P, '2026-11'),
      aggregateAndPublish(deps, SYSTEM_ACTOR, P, '2026-11'),
    ]);
    expect(runs.map((run) => run.status)).toEqual(['fulfilled', 'fulfilled']);
    const record = await stack.deps.publications.latestPublication(P);
    expect(record?.history?.exact).toHaveLength(2);
  }, 120_000);
});
