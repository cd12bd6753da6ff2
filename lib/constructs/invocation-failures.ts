/**
 * Where a scheduled invocation that failed ends up, so a failed monthly summary is a message to
 * read (and an alarm) rather than a line in a log that nobody opens. Two ways to fail, two queues:
 * the Scheduler could not hand the event to Lambda (its retry policy spent: the target's
 * dead-letter queue), or the function ran and failed (Lambda's asynchronous retries spent: the
 * function's on-failure destination, which records the event, the error and the attempts).
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { scheduleDefaults } from '../config.ts';
import { EncryptedQueueDestination, grantSendThroughKey } from './queue-grants.ts';

/** The schedule group of prepost's schedules: EventBridge Scheduler's default, as they name none. */
const SCHEDULE_GROUP = 'default';

/** Lambda keeps an asynchronous event at most six hours. */
const lambdaMaxEventAge = Duration.hours(6);

export interface InvocationFailuresProps {
  /** The function the schedules invoke (asynchronously: the Scheduler's Lambda target is an `Event` invoke). */
  readonly fn: lambda.IFunction;

  /** The customer-managed key the queues are encrypted under. */
  readonly encryptionKey: kms.IKey;

  /**
   * How long Lambda keeps retrying a failed event; capped at Lambda's six hours.
   * @default the cap, six hours
   */
  readonly maxEventAge?: Duration;

  /**
   * Lambda's retries of an event the function failed (0 to 2).
   * @default scheduleDefaults.functionRetryAttempts (2)
   */
  readonly retryAttempts?: number;
}

/** A scheduled function's dead-letter queue, its on-failure destination, and a Scheduler role that reaches both. */
export class InvocationFailures extends Construct {
  /** Events the Scheduler could not deliver; give it to every schedule target of {@link InvocationFailuresProps.fn}. */
  public readonly deadLetterQueue: sqs.Queue;
  /** Invocations the function failed after Lambda's retries: the event, the error, the attempts. */
  public readonly failureQueue: sqs.Queue;
  /**
   * The role the schedules invoke the function as: it may also send to {@link deadLetterQueue}, through
   * the key (the Scheduler's own grant of the queue names no key).
   */
  public readonly schedulerRole: iam.Role;

  constructor(scope: Construct, id: string, props: InvocationFailuresProps) {
    super(scope, id);
    const queueProps: sqs.QueueProps = {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: scheduleDefaults.failureRetentionPeriod,
    };
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', queueProps);
    this.failureQueue = new sqs.Queue(this, 'FailureQueue', queueProps);
    for (const queue of [this.deadLetterQueue, this.failureQueue])
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself where failed invocations go; its depth raises an alarm and nothing consumes it.',
      });

    const maxEventAge = props.maxEventAge ?? lambdaMaxEventAge;
    props.fn.configureAsyncInvoke({
      onFailure: new EncryptedQueueDestination(this.failureQueue),
      maxEventAge: maxEventAge.toSeconds() > lambdaMaxEventAge.toSeconds() ? lambdaMaxEventAge : maxEventAge,
      retryAttempts: props.retryAttempts ?? scheduleDefaults.functionRetryAttempts,
    });

    const stack = Stack.of(this);
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: `The EventBridge Scheduler's role for ${props.fn.node.path}`,
      // The confused-deputy guard AWS documents for Scheduler: only this account's schedules, and only
      // those of the schedule group prepost's schedules are in (the default one: they name no group;
      // since September 2023 the Scheduler presents the group's ARN as the source).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: {
            'aws:SourceArn': stack.formatArn({
              service: 'scheduler',
              resource: 'schedule-group',
              resourceName: SCHEDULE_GROUP,
            }),
          },
        },
      }),
    });
    grantSendThroughKey(this.deadLetterQueue, this.schedulerRole);
  }
}
