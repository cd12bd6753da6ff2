/**
 * The stateful half of prepost: the customer-managed key everything is encrypted under, the table
 * of participants, responses and indicators, the bucket of published summaries, the key link codes
 * are hashed under, and the staff's accounts (the Cognito user pool and its managed login domain).
 * Everything here outlives a deployment (retained, termination-protected), so the stateless
 * PipelineStack can be torn down and rebuilt without losing an answer or invalidating a printed link.
 */
import { Aws, CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../../functions/adapters/table-design.ts';
import { dataDefaults } from '../config.ts';
import { letCloudWatchLogsUse } from '../constructs/log-encryption.ts';
import { wildcardUnderArnFinding } from '../constructs/nag.ts';
import { StaffUserPool } from '../constructs/staff-user-pool.ts';

export interface DataStackProps extends StackProps {
  /**
   * Whether CloudFormation refuses to delete this stack.
   * @default true
   */
  readonly terminationProtection?: boolean;

  /**
   * The prefix of the staff's managed login domain (`<prefix>.auth.<region>.amazoncognito.com`).
   * @default - derived from the stack's id; see `StaffUserPool`
   */
  readonly signInDomainPrefix?: string;
}

/** The table, summary bucket and link key, exposed for the PipelineStack to bind to. */
export class DataStack extends Stack {
  /**
   * The customer-managed key (rotated yearly) of the table, the summary bucket, the link secret and,
   * in the PipelineStack, the queues, the alarm topic and the log groups: one key whose policy and
   * CloudTrail record say who decrypted what, and which an operator can disable to cut off all
   * access at once. Retained: data encrypted under a deleted key is lost.
   */
  public readonly key: kms.Key;
  /** Single table: `PK`/`SK` strings, raw answers expire through `expiresAt` (epoch seconds). */
  public readonly table: dynamodb.Table;
  /** Published anonymised summaries (JSON, CSV, HTML), versioned. */
  public readonly summaryBucket: s3.Bucket;
  /** Server access logs of {@link summaryBucket}. */
  public readonly accessLogBucket: s3.Bucket;
  /** The HMAC key link codes are stored under; see `functions/adapters/link-key.ts`. */
  public readonly linkKeySecret: secretsmanager.Secret;
  /** Lets a role publish summaries: `s3:PutObject` on {@link summaryBucket}'s objects, nothing more. */
  public readonly summaryPublisherPolicy: iam.ManagedPolicy;
  /**
   * Lets a role read published summaries back: `s3:ListBucket` on {@link summaryBucket} (the months
   * published, and a missing file answered as 404 rather than 403) and `s3:GetObject` on its objects.
   */
  public readonly summaryReaderPolicy: iam.ManagedPolicy;
  /**
   * Lets a role write summary previews: `s3:PutObject` on {@link summaryBucket}'s objects under
   * `preview/` only, so a preview can never stand in the place of a published summary.
   */
  public readonly summaryPreviewPolicy: iam.ManagedPolicy;
  /** Staff accounts: no self sign-up, TOTP MFA required, threat protection enforced. */
  public readonly userPool: cognito.UserPool;
  /** The user pool's managed login domain, where staff sign in. */
  public readonly userPoolDomain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: DataStackProps = {}) {
    super(scope, id, { ...props, terminationProtection: props.terminationProtection ?? true });

    this.key = new kms.Key(this, 'Key', {
      description: 'prepost: table, summaries, link key, queues, alarm topic and logs',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    letCloudWatchLogsUse(this.key);
    // CloudWatch alarms publish to the encrypted alarm topic as the CloudWatch service, not as a role
    // (AWS: "Amazon SNS ... encrypted topic ... CloudWatch alarms"); only for this account's alarms
    // in this region (the confused-deputy guard).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Responses carry TSK = <receivedAt>#...: aggregation counts a cohort's responses received
    // since its last run with one keys-only Query of this index, and recomputes only cohorts with
    // new ones (functions/adapters/table-design.ts).
    this.table.addLocalSecondaryIndex({
      indexName: TABLE_DESIGN.timeIndex.name,
      sortKey: { name: TABLE_DESIGN.timeIndex.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType[TABLE_DESIGN.timeIndex.projection],
    });

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // S3 server access logging delivers only to buckets encrypted with SSE-S3 (AES256): a target
      // bucket under SSE-KMS receives no logs (AWS: "Enabling Amazon S3 server access logging").
      // The logs hold request metadata of summary files, no summary content.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: dataDefaults.accessLogExpiration }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the access-log destination of the summary bucket; logging it into itself would log its own ' +
        'log deliveries without end.',
    });

    this.summaryBucket = new s3.Bucket(this, 'SummaryBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket for a while instead of a KMS request per object: fewer KMS calls, and
      // the encryption context is the bucket (the IAM grants below need no object-level condition).
      bucketKeyEnabled: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'summary-bucket/',
      lifecycleRules: [{ noncurrentVersionExpiration: dataDefaults.summaryNoncurrentVersionExpiration }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Defined beside the bucket rather than granted in the PipelineStack so that the object
    // wildcard is acknowledged against the bucket's own logical id: seen from the other stack,
    // the bucket ARN is a cross-stack reference whose rendering cdk-nag cannot name stably.
    // `grantPut` would also add retention, legal hold, tagging and s3:Abort*, unused here.
    this.summaryPublisherPolicy = new iam.ManagedPolicy(this, 'SummaryPublisherPolicy', {
      description: 'prepost: write published summaries (s3:PutObject on the summary bucket objects)',
      statements: [
        new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [this.summaryBucket.arnForObjects('*')] }),
        // Writing under SSE-KMS: a data key for the object (S3 asks KMS for it as the writer).
        this.keyUse(['kms:GenerateDataKey'], 's3'),
      ],
    });
    Validations.of(this.summaryPublisherPolicy).acknowledge({
      id: wildcardUnderArnFinding(this.summaryBucket.node.defaultChild as s3.CfnBucket, '/*'),
      reason:
        'Summary object keys are chosen at run time (programme and period), so the resource is every object of this ' +
        'one bucket; the only action is s3:PutObject.',
    });

    // Beside the bucket for the same reason as the publisher's; `grantRead` would add s3:GetBucket*
    // and s3:GetObject* (versions, ACLs, tags), unused here.
    this.summaryReaderPolicy = new iam.ManagedPolicy(this, 'SummaryReaderPolicy', {
      description:
        'prepost: read published summaries (s3:ListBucket on the summary bucket, s3:GetObject on its objects)',
      statements: [
        new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.summaryBucket.bucketArn] }),
        new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.summaryBucket.arnForObjects('*')] }),
        this.keyUse(['kms:Decrypt'], 's3'),
      ],
    });
    Validations.of(this.summaryReaderPolicy).acknowledge({
      id: wildcardUnderArnFinding(this.summaryBucket.node.defaultChild as s3.CfnBucket, '/*'),
      reason:
        'The funder pages read any programme and month a reader is granted, checked per request against their ' +
        'grants, so the resource is every object of this one bucket; the only object action is s3:GetObject.',
    });

    this.summaryPreviewPolicy = new iam.ManagedPolicy(this, 'SummaryPreviewPolicy', {
      description: 'prepost: write summary previews (s3:PutObject on the summary bucket objects under preview/)',
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [this.summaryBucket.arnForObjects('preview/*')],
        }),
        this.keyUse(['kms:GenerateDataKey'], 's3'),
      ],
    });
    Validations.of(this.summaryPreviewPolicy).acknowledge({
      id: wildcardUnderArnFinding(this.summaryBucket.node.defaultChild as s3.CfnBucket, '/preview/*'),
      reason:
        'Preview object keys are chosen at run time (programme, period, funder message), all under preview/ of ' +
        'this one bucket; the only action is s3:PutObject.',
    });

    this.linkKeySecret = new secretsmanager.Secret(this, 'LinkKeySecret', {
      description: 'HMAC key under which prepost stores participant link codes (as keyed hashes).',
      generateSecretString: {
        excludePunctuation: true,
        passwordLength: dataDefaults.linkKeyLength,
      },
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.linkKeySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Link codes are stored only as HMACs under this key and are printed on QR sheets handed to participants; ' +
        'rotating the key would make every issued link unresolvable.',
    });

    const staff = new StaffUserPool(this, 'Staff', {
      ...(props.signInDomainPrefix === undefined ? {} : { domainPrefix: props.signInDomainPrefix }),
    });
    this.userPool = staff.userPool;
    this.userPoolDomain = staff.domain;

    // What an admin sets to run staff commands against this deployment (README "Deploying, and the
    // first admin").
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'TABLE_NAME for commands' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.userPool.userPoolId,
      description: 'USER_POOL_ID for staff commands (the Cognito user pool of staff accounts)',
    });
    new CfnOutput(this, 'Region', { value: Aws.REGION, description: 'AWS_REGION for commands' });
    new CfnOutput(this, 'LinkKeySecretArn', {
      value: this.linkKeySecret.secretArn,
      description: 'LINK_KEY_SECRET_ARN for commands that hash link codes',
    });
    new CfnOutput(this, 'KeyArn', { value: this.key.keyArn, description: 'The customer-managed KMS key of prepost' });
    new CfnOutput(this, 'SignInDomainUrl', {
      value: this.userPoolDomain.baseUrl(),
      description: 'Managed login domain of the staff user pool (staff start at <ApiUrl>sign-in)',
    });
  }

  /**
   * Use of {@link key} by a service on a role's behalf, and only through that service
   * (`kms:ViaService`): a role that may write summaries can make S3 ask for a data key, but cannot
   * call KMS with the key itself.
   */
  private keyUse(actions: readonly string[], service: string): iam.PolicyStatement {
    return new iam.PolicyStatement({
      actions: [...actions],
      resources: [this.key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Aws.REGION}.amazonaws.com` } },
    });
  }
}
