/**
 * The Lambda entry of the hourly aggregation: its deps built from the environment once, at module
 * load, its SDK calls traced, each run's duration and recomputed cohorts recorded.
 */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';
import { aggregationRun, withMetrics } from '#shared/telemetry.ts';
import { traced } from '#shared/tracing.ts';

export const handler = withMetrics(
  makeAggregateHandler(lambdaDeps(traced)),
  aggregationRun((report) => report.cohorts.filter((cohort) => cohort.recomputed).length),
);
