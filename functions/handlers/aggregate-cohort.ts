/**
 * The aggregation queue's consumer (SQS event source, up to ten messages a batch): runs each
 * message's job, a cohort's tables or a programme's pool, and reports the jobs that failed as
 * partial batch failures, so SQS delivers only those again (and, after its retries, moves them to
 * the dead-letter queue) while the others are deleted.
 */
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '#shared/logger.ts';
import { runAggregationJob, type AggregationJobDeps } from '#use-cases/aggregate.ts';

/**
 * A message's body: the job the plan queued (ports/aggregation-jobs.ts). A cohort job without a
 * run (queued before runs had ids) still aggregates, and counts nothing toward any run.
 */
const JobMessage = z.object({
  programme: z.string().check(z.minLength(1)),
  cohort: z.nullable(z.string().check(z.minLength(1))),
  run: z.optional(z.string().check(z.minLength(1))),
});

/** Builds the handler around its ports. */
export function makeAggregateCohortHandler(
  deps: AggregationJobDeps,
): middy.MiddyfiedHandler<SQSEvent, SQSBatchResponse> {
  return middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    // One job at a time: each holds its participants' columns, and the function's memory is sized for one.
    for (const record of event.Records ?? []) {
      const job = JobMessage.safeParse(parseJson(record.body));
      if (!job.success) {
        // No plan writes such a message: retrying it could never succeed.
        logger.error('not an aggregation job; dropped', { messageId: record.messageId });
        continue;
      }
      try {
        const { programme, cohort, run } = job.data;
        const report = await runAggregationJob(
          deps,
          run === undefined ? { programme, cohort } : { programme, cohort, run },
        );
        logger.info('aggregation job done', {
          programme,
          cohort,
          run: run ?? null,
          recomputed: report?.recomputed ?? false,
          responses: report?.responses ?? 0,
        });
      } catch (error) {
        logger.error('aggregation job failed', { programme: job.data.programme, cohort: job.data.cohort, error });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
