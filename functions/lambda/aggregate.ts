/**
 * The Lambda entry of the hourly aggregation: its deps built from the environment once, at module
 * load, its SDK calls traced, each run's duration and recomputed cohorts recorded.
 */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeAggregateHandler } from '#handlers/aggregate.ts';
import { aggregationRuns, withMetrics } from '#shared/telemetry.ts';
import { traced } from '#shared/tracing.ts';

const runs = aggregationRuns();
const deps = lambdaDeps(traced);
export const handler = withMetrics(
  makeAggregateHandler({ ...deps, indicators: runs.counting(deps.indicators) }),
  runs.recorder,
);
