/**
 * Scheduled publication (one EventBridge Scheduler schedule per programme): aggregates the
 * programme if it has new responses, then writes its summary for the period to S3 and emails it
 * to the funders via SES. Should this run overlap the hourly aggregation and store older tables
 * last, its mark counts fewer responses than the table holds, and the next run recomputes.
 */
import middy from '@middy/core';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { previousMonth } from '#core/summary-deadline.ts';
import { logger } from '#shared/logger.ts';
import type { AggregateDeps } from '#use-cases/aggregate.ts';
import { aggregateAndPublish, type PublishDeps } from '#use-cases/publish-summaries.ts';
import type { Clock } from '#ports/store.ts';

/** The schedule's input: which programme, and optionally which month. */
export interface PublishEvent {
  readonly programme: string;
  readonly period?: string;
}

/** Builds the handler around its ports. */
export function makePublishHandler(
  deps: PublishDeps & AggregateDeps & { readonly clock: Clock },
): middy.MiddyfiedHandler<PublishEvent, { files: string[]; messages: number }> {
  return middy<PublishEvent, { files: string[]; messages: number }>().handler(async (event) => {
    const period =
      event.period !== undefined && /^\d{4}-\d{2}$/.test(event.period) ? event.period : previousMonth(deps.clock.now());
    const report = await aggregateAndPublish(deps, SYSTEM_ACTOR, event.programme, period);
    logger.info('summary published', {
      programme: report.programme,
      period,
      files: report.files.length,
      messages: report.messages,
    });
    return { files: report.files, messages: report.messages };
  });
}
