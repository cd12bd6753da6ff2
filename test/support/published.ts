/**
 * Test helpers for what funders are sent: a programme's cohorts answered by simulated
 * participants over HTTP, and its summaries published into the stack's own folder, through the
 * same use cases and local adapters `npm run prepost -- summaries` uses.
 */
import { SYSTEM_ACTOR } from '#core/access.ts';
import { DirectoryPublisher, OutboxMailer } from '#adapters/directory-publisher.ts';
import { LOCAL_SENDER } from '#local/server.ts';
import { seededRandom, simulateCohort } from '#local/simulation.ts';
import { createLinks } from '#use-cases/create-links.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { aggregateAndPublish } from '#use-cases/publish-summaries.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import type { startTestStack } from './stack.ts';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** Every cohort of the programme answered pre and post by `perCohort` simulated participants (seeded). */
export async function answerCohorts(stack: TestStack, programmeId: string, perCohort = 14): Promise<void> {
  const programme = await loadProgramme(stack.deps, programmeId);
  const random = seededRandom(3);
  for (const cohort of programme.cohorts)
    await simulateCohort(
      stack.url,
      programme,
      stack.deps.catalog,
      (await createLinks(stack.deps, SYSTEM_ACTOR, programmeId, cohort.id, perCohort)).links,
      random,
    );
}

/** Publishes the programme's summary of each period into the stack's summaries folder, as the schedule would. */
export async function publishPeriods(stack: TestStack, programmeId: string, periods: readonly string[]): Promise<void> {
  const publishing = {
    ...stack.deps,
    publisher: new DirectoryPublisher(stack.summariesDir),
    mailer: new OutboxMailer(stack.summariesDir, stack.deps.clock),
    sender: LOCAL_SENDER,
    summaryRenderer: summaryRenderer(stack.deps.catalog),
  };
  for (const period of periods) await aggregateAndPublish(publishing, SYSTEM_ACTOR, programmeId, period);
}
