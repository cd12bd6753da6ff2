/**
 * The Lambda entry of the hourly aggregation plan: its deps and queue built from the environment
 * once, at module load, its SDK calls traced from its first run on, each run's duration recorded
 * (a plan stores no cohort's tables: its AggregatedCohorts is 0, the jobs count theirs), and the
 * programmes whose summary is past its deadline (OverdueSummaries).
 */
import { lambdaAggregationJobs, lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';
import { aggregationRuns, overdueSummaries, withMetrics } from '#shared/telemetry.ts';
import { lazyTracing } from '#shared/tracing.ts';

const tracing = lazyTracing();
const runs = aggregationRuns();
const deps = lambdaDeps(tracing.traced);
export const handler = withMetrics(
  makeAggregateHandler({
    ...deps,
    indicators: runs.counting(deps.indicators),
    jobs: lambdaAggregationJobs(tracing.traced),
  }),
  tracing.start,
  runs.recorder,
  overdueSummaries(),
);
