/**
 * The Lambda entry of the hourly aggregation: its deps built from the environment once, at module
 * load, its SDK calls traced from its first run on, each run's duration and recomputed cohorts
 * recorded.
 */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';
import { aggregationRuns, withMetrics } from '#shared/telemetry.ts';
import { lazyTracing } from '#shared/tracing.ts';

const tracing = lazyTracing();
const runs = aggregationRuns();
const deps = lambdaDeps(tracing.traced);
export const handler = withMetrics(
  makeAggregateHandler({ ...deps, indicators: runs.counting(deps.indicators) }),
  tracing.start,
  runs.recorder,
);
