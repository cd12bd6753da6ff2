/**
 * The Aggregate stage's clock: an EventBridge Scheduler schedule that runs the aggregate
 * function, which plans the recomputation of every changed cohort (see `SqsToLambdaFanOut`), with a
 * dead-letter queue for deliveries that failed and an on-failure destination for runs that failed.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { scheduleDefaults } from '../config.ts';
import { InvocationFailures } from './invocation-failures.ts';
import { acknowledgeScheduledInvoke } from './nag.ts';

export interface AggregationScheduleProps {
  /** The aggregate function. */
  readonly aggregateFunction: lambda.IFunction;

  /** The customer-managed key of the failure queues. */
  readonly encryptionKey: kms.IKey;

  /**
   * How often indicators are recomputed.
   * @default scheduleDefaults.aggregationRate (one hour)
   */
  readonly rate?: Duration;
}

/** Runs aggregation at a fixed rate. */
export class AggregationSchedule extends Construct {
  public readonly schedule: scheduler.Schedule;
  /** Where failed deliveries and failed runs go. */
  public readonly failures: InvocationFailures;

  constructor(scope: Construct, id: string, props: AggregationScheduleProps) {
    super(scope, id);
    this.failures = new InvocationFailures(this, 'Failures', {
      fn: props.aggregateFunction,
      encryptionKey: props.encryptionKey,
      maxEventAge: scheduleDefaults.aggregationMaxEventAge,
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'prepost: recompute cohort indicators',
      schedule: scheduler.ScheduleExpression.rate(props.rate ?? scheduleDefaults.aggregationRate),
      target: new targets.LambdaInvoke(props.aggregateFunction, {
        // The next run recomputes everything anyway: a late retry would only overlap it.
        maxEventAge: scheduleDefaults.aggregationMaxEventAge,
        retryAttempts: scheduleDefaults.aggregationRetryAttempts,
        deadLetterQueue: this.failures.deadLetterQueue,
        role: this.failures.schedulerRole,
      }),
    });
    acknowledgeScheduledInvoke(props.aggregateFunction);
  }
}
