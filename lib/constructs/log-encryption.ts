/**
 * A customer-managed key that log groups can be encrypted under. CloudWatch Logs encrypts a log
 * group's events itself, as its regional service principal, and names the log group in the
 * encryption context; the condition keeps the key to this account's log groups in the key's region
 * (AWS: "Encrypt log data in CloudWatch Logs using AWS KMS").
 */
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** Adds to `key`'s policy what CloudWatch Logs needs to encrypt this account's log groups with it. */
export function letCloudWatchLogsUse(key: kms.Key): void {
  const logGroups = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': logGroups } },
    }),
  );
}
