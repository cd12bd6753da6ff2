/**
 * The Lambda entry of the aggregation queue's consumer: its deps and queue built from the
 * environment once, at module load, its SDK calls traced from its first batch on, each batch's
 * duration and the cohorts whose tables it stored recorded.
 */
import { lambdaAggregationJobs, lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateCohortHandler } from '#handlers/aggregate-cohort.ts';
import { aggregationRuns, withMetrics } from '#shared/telemetry.ts';
import { lazyTracing } from '#shared/tracing.ts';

const tracing = lazyTracing();
const runs = aggregationRuns();
const deps = lambdaDeps(tracing.traced);
export const handler = withMetrics(
  makeAggregateCohortHandler({
    ...deps,
    indicators: runs.counting(deps.indicators),
    jobs: lambdaAggregationJobs(tracing.traced),
  }),
  tracing.start,
  runs.recorder,
);
