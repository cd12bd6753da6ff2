/**
 * Where aggregation work goes: the hourly plan hands each changed cohort (and, after them, the
 * programme's pool) to a queue, so that thousands of cohorts are aggregated in parallel by
 * separate invocations instead of one after another in the scheduled function.
 */

/**
 * One unit of aggregation work: a cohort's tables, or (cohort null) the programme's pool. Its
 * JSON is the body of an SQS message, `{"programme":"<id>","cohort":"<id>","run":"<id>"}` or
 * `{"programme":"<id>","cohort":null}`.
 */
export interface AggregationJob {
  readonly programme: string;
  readonly cohort: string | null;
  /**
   * The plan's run a cohort job belongs to: it counts itself off that run only, once, however
   * often the queue delivers it. Absent on a pool job (and on jobs queued before runs had ids,
   * which count nothing).
   */
  readonly run?: string;
}

/** Takes aggregation jobs to be run later, each at least once. */
export interface AggregationJobs {
  enqueue(jobs: readonly AggregationJob[]): Promise<void>;
}
