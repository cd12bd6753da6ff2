/**
 * Scheduled aggregation (EventBridge Scheduler): recomputes the stored indicators of every
 * cohort, or of one programme when the schedule's input names it.
 */
import middy from '@middy/core';
import { defaultDeps } from '#adapters/default-deps.ts';
import { logger } from '#shared/logger.ts';
import { aggregate, type AggregateDeps, type AggregateReport } from '#use-cases/aggregate.ts';

/** The schedule's input. */
export interface AggregateEvent {
  readonly programme?: string;
}

/** Builds the handler around its ports. */
export function makeAggregateHandler(deps: AggregateDeps): middy.MiddyfiedHandler<AggregateEvent, AggregateReport> {
  return middy<AggregateEvent, AggregateReport>().handler(async (event) => {
    const report = await aggregate(deps, typeof event?.programme === 'string' ? event.programme : undefined);
    logger.info('aggregated', { cohorts: report.cohorts.length, responses: report.cohorts.reduce((sum, cohort) => sum + cohort.responses, 0) });
    return report;
  });
}

export const handler = makeAggregateHandler(defaultDeps());
