/**
 * Scheduled aggregation (EventBridge Scheduler), the plan: finds the cohorts with new responses
 * (of every programme, or of the one the schedule's input names) and queues one job per cohort for
 * the `aggregate-cohort` function; each programme's pool follows its cohorts.
 */
import middy from '@middy/core';
import { logger } from '#shared/logger.ts';
import { planAggregation, type AggregationJobDeps, type AggregationPlanReport } from '#use-cases/aggregate.ts';

/** The schedule's input. */
export interface AggregateEvent {
  readonly programme?: string;
  /** Recompute every cohort, changed or not. */
  readonly full?: boolean;
}

/** Builds the handler around its ports. */
export function makeAggregateHandler(
  deps: AggregationJobDeps,
): middy.MiddyfiedHandler<AggregateEvent, AggregationPlanReport> {
  return middy<AggregateEvent, AggregationPlanReport>().handler(async (event) => {
    const report = await planAggregation(deps, {
      ...(typeof event?.programme === 'string' ? { programme: event.programme } : {}),
      full: event?.full === true,
    });
    logger.info('aggregation planned', {
      programmes: report.programmes.length,
      cohorts: report.programmes.reduce((sum, programme) => sum + programme.cohorts, 0),
      queued: report.programmes.reduce((sum, programme) => sum + programme.queued, 0),
      pools: report.programmes.filter((programme) => programme.pool).length,
    });
    return report;
  });
}
