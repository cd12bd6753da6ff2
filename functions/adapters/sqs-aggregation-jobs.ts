/**
 * Aggregation jobs on an SQS queue: the hourly plan sends one message per job, ten to a
 * SendMessageBatch call, and the `aggregate-cohort` function consumes them (many at once, as
 * the queue's event source mapping allows). The body is the job's JSON,
 * `{"programme":"<id>","cohort":"<id>","run":"<id>"}` or `{"programme":"<id>","cohort":null}`,
 * which that function's handler validates.
 */
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AggregationJob, AggregationJobs } from '#ports/aggregation-jobs.ts';

/** SQS takes at most ten messages a SendMessageBatch call. */
const BATCH = 10;
/** Entries SQS refuses for a passing reason (throttling, an internal error) are sent again this often. */
const RETRIES = 4;

/** {@link AggregationJobs} on the queue at `queueUrl`. */
export class SqsAggregationJobs implements AggregationJobs {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(jobs: readonly AggregationJob[]): Promise<void> {
    for (let start = 0; start < jobs.length; start += BATCH) {
      let entries = jobs.slice(start, start + BATCH).map((job, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify({
          programme: job.programme,
          cohort: job.cohort,
          ...(job.run === undefined ? {} : { run: job.run }),
        }),
      }));
      for (let attempt = 0; entries.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
        const { Failed = [] } = await this.client.send(
          new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: entries }),
        );
        const permanent = Failed.find((failure) => failure.SenderFault === true);
        if (permanent !== undefined || (Failed.length > 0 && attempt >= RETRIES))
          throw new Error(
            `SQS refused ${Failed.length} aggregation job(s): ${(permanent ?? Failed[0])?.Code ?? 'unknown'}`,
          );
        const failed = new Set(Failed.map((failure) => failure.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
      }
    }
  }
}

/** The queue's client: the function's region and credentials, with the SDK's retries. */
export function createSqsClient(): SQSClient {
  return new SQSClient({ maxAttempts: 3 });
}
