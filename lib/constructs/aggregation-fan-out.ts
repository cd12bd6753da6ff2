/**
 * The Aggregate stage's fan-out: the hourly planner (`aggregate`) puts one message per changed
 * cohort, and one per programme pool, on a queue; the worker (`aggregate-cohort`) takes them one
 * at a time, many instances at once up to a ceiling that protects the table. A message that fails
 * {@link SqsToLambdaFanOutProps.maxReceiveCount} times goes to a dead-letter queue, whose depth raises an alarm.
 *
 * The message contract (the runtime's): a JSON body `{"programme": "<id>", "cohort": "<id>" | null}`,
 * `null` meaning the programme's pool. The queue's URL reaches the runtime as `AGGREGATION_QUEUE_URL`
 * (set by `grantFunctionAccess` with the send permission, on the planner and the worker).
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { fanOutDefaults } from '../config.ts';

export interface SqsToLambdaFanOutProps {
  /** The function that takes the messages (`aggregate-cohort`); its timeout sets the queue's visibility timeout. */
  readonly worker: lambda.Function;

  /** The customer-managed key the queue and its dead-letter queue are encrypted under. */
  readonly encryptionKey: kms.IKey;

  /**
   * Messages per invocation; the worker reports each failed one (`batchItemFailures`) so the others are not retried.
   * @default fanOutDefaults.batchSize (1: see there why)
   */
  readonly batchSize?: number;

  /**
   * Worker instances at once (the event source's maximum concurrency).
   * @default fanOutDefaults.maxConcurrency (50)
   */
  readonly maxConcurrency?: number;

  /**
   * Receives before a message goes to the dead-letter queue.
   * @default fanOutDefaults.maxReceiveCount (5)
   */
  readonly maxReceiveCount?: number;
}

/** A KMS-encrypted SQS queue with its dead-letter queue, driving a Lambda function. */
export class SqsToLambdaFanOut extends Construct {
  /** The queue of planned aggregations. */
  public readonly queue: sqs.Queue;
  /** Messages the worker failed {@link SqsToLambdaFanOutProps.maxReceiveCount} times. */
  public readonly deadLetterQueue: sqs.Queue;
  /** The worker's event source mapping. */
  public readonly eventSource: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: SqsToLambdaFanOutProps) {
    super(scope, id);
    const workerTimeout = props.worker.timeout ?? Duration.seconds(3);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      retentionPeriod: fanOutDefaults.deadLetterRetentionPeriod,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This is the dead-letter queue of the aggregation queue; its depth raises an alarm.',
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      // A message in flight stays hidden while a worker may still be on it: AWS advises six times the
      // function's timeout for a Lambda event source, so retries of throttled batches do not redeliver it.
      visibilityTimeout: Duration.seconds(workerTimeout.toSeconds() * fanOutDefaults.visibilityTimeoutFactor),
      retentionPeriod: fanOutDefaults.retentionPeriod,
      deadLetterQueue: {
        queue: this.deadLetterQueue,
        maxReceiveCount: props.maxReceiveCount ?? fanOutDefaults.maxReceiveCount,
      },
    });

    // The mapping is made directly rather than through `SqsEventSource`, whose `grantConsumeMessages`
    // adds `kms:Decrypt` on the key with no condition: the worker could then call KMS with the one
    // key itself, on any ciphertext under it (the table's, the summaries', the link secret's), rather
    // than only through SQS.
    this.eventSource = props.worker.addEventSourceMapping('AggregationQueue', {
      eventSourceArn: this.queue.queueArn,
      batchSize: props.batchSize ?? fanOutDefaults.batchSize,
      maxConcurrency: props.maxConcurrency ?? fanOutDefaults.maxConcurrency,
      reportBatchItemFailures: true,
    });
    // What Lambda's poller does as the worker: receive, delete, extend visibility, read the queue's
    // attributes; and decrypt each message's data key, which SQS asks of KMS on its behalf.
    props.worker.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'sqs:ReceiveMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueUrl',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
        ],
        resources: [this.queue.queueArn],
      }),
    );
    props.worker.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt'],
        resources: [props.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
  }
}
