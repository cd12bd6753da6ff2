/**
 * The Aggregate stage's clock: an EventBridge Scheduler schedule that runs the aggregate
 * function, which recomputes every cohort's indicators from the stored responses.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { scheduleDefaults } from '../config.ts';
import { acknowledgeScheduledInvoke } from './nag.ts';

export interface AggregationScheduleProps {
  /** The aggregate function. */
  readonly aggregateFunction: lambda.IFunction;

  /**
   * How often indicators are recomputed.
   * @default scheduleDefaults.aggregationRate (one hour)
   */
  readonly rate?: Duration;
}

/** Runs aggregation at a fixed rate. */
export class AggregationSchedule extends Construct {
  public readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: AggregationScheduleProps) {
    super(scope, id);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'prepost: recompute cohort indicators',
      schedule: scheduler.ScheduleExpression.rate(props.rate ?? scheduleDefaults.aggregationRate),
      target: new targets.LambdaInvoke(props.aggregateFunction, {
        // The next run recomputes everything anyway: a late retry would only overlap it.
        maxEventAge: scheduleDefaults.aggregationMaxEventAge,
        retryAttempts: scheduleDefaults.aggregationRetryAttempts,
      }),
    });
    acknowledgeScheduledInvoke(props.aggregateFunction);
  }
}
