/**
 * Scheduled aggregation (EventBridge Scheduler): recomputes the stored indicators of every
 * cohort, or of one programme when the schedule's input names it.
 */
import middy from '@middy/core';
import { logger } from '#shared/logger.ts';
import { aggregate, type AggregateDeps, type AggregateReport } from '#use-cases/aggregate.ts';

/** The schedule's input. */
export interface AggregateEvent {
  readonly programme?: string;
  /** Recompute every cohort, changed or not. */
  readonly full?: boolean;
}

/** Builds the handler around its ports. */
export function makeAggregateHandler(deps: AggregateDeps): middy.MiddyfiedHandler<AggregateEvent, AggregateReport> {
  return middy<AggregateEvent, AggregateReport>().handler(async (event) => {
    const report = await aggregate(deps, {
      ...(typeof event?.programme === 'string' ? { programme: event.programme } : {}),
      full: event?.full === true,
    });
    logger.info('aggregated', {
      cohorts: report.cohorts.length,
      recomputed: report.cohorts.filter((cohort) => cohort.recomputed).length,
    });
    return report;
  });
}
