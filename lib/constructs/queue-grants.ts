/**
 * Sending to a KMS-encrypted queue with the least that works. `Queue.grantSendMessages` adds, for an
 * encrypted queue, the key's `kms:Encrypt`, `kms:ReEncrypt*` and `kms:GenerateDataKey*`, which a
 * sender never uses: SQS asks KMS for a data key (`kms:GenerateDataKey`) and, when it reuses one,
 * decrypts it (`kms:Decrypt`), both on the sender's behalf (AWS: "Key management" in the SQS
 * developer guide). These grants name exactly those, through SQS only.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Lets `grantee` send messages to `queue`, and use the queue's key through SQS for that alone. */
export function grantSendThroughKey(queue: sqs.IQueue, grantee: iam.IGrantable): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queue.queueArn] }),
  );
  if (queue.encryptionMasterKey === undefined) return;
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [queue.encryptionMasterKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(queue).region}.amazonaws.com` } },
    }),
  );
}

/**
 * A Lambda destination (on-failure, on-success) on an encrypted queue, granted with
 * {@link grantSendThroughKey} rather than `SqsDestination`'s `grantSendMessages`.
 */
export class EncryptedQueueDestination implements lambda.IDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, fn: lambda.IFunction): lambda.DestinationConfig {
    grantSendThroughKey(this.queue, fn);
    return { destination: this.queue.queueArn };
  }
}
