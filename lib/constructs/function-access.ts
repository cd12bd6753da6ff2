/**
 * What a function may touch, as flags, and the one place that turns a flag into its environment
 * variable and its IAM grant together, so neither can be given without the other. The
 * PipelineStack's table of handlers and their flags is where to read a handler's permissions.
 */
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Stack } from 'aws-cdk-lib';
import {
  API_TOKEN_PARTITION,
  STAFF_PARTITION,
  auditPartition,
  cohortKey,
  linkKey,
  scopeKey,
  sessionKey,
  signInKey,
} from '../../functions/adapters/table-design.ts';
import type { FunctionTrigger, GrantItemsOptions, PrepostFunction, TableAccessMode } from './prepost-function.ts';
import { grantSendThroughKey } from './queue-grants.ts';
import type { StaffSignIn } from './staff-sign-in.ts';

/**
 * The partitions of the staff items, as `dynamodb:LeadingKeys` patterns built with the key
 * builders the adapters use, so a changed key format moves the grants with it. The staff and the
 * tokens are one partition each, matched exactly; sessions, sign-ins and audit months are many,
 * matched by prefix.
 */
const partitions = {
  staff: STAFF_PARTITION,
  apiTokens: API_TOKEN_PARTITION,
  sessions: `${sessionKey('').PK}*`,
  signIns: `${signInKey('').PK}*`,
  audit: `${auditPartition('')}*`,
  /** A programme's own items: its cohorts, funders, pool, publications, console form tokens. */
  programmes: `${scopeKey('', null)}*`,
  /** Cohorts' partitions: participants, batches, answers, indicators (`COHORT#<programme>#<cohort>`). */
  cohorts: `${cohortKey('', '').slice(0, -1)}*`,
  links: `${linkKey('').PK}*`,
} as const;

/** Kinds of item a function may read without read access to the rest of the table. */
export type ItemRead = 'staff' | 'api-tokens' | 'audit-log' | 'programmes' | 'cohorts';

const itemReads: Readonly<Record<ItemRead, string>> = {
  // The members and their grants (and whatever else the staff store keeps in their partition).
  staff: partitions.staff,
  'api-tokens': partitions.apiTokens,
  'audit-log': partitions.audit,
  // A programme's cohorts and funders (and the rest of its partition).
  programmes: partitions.programmes,
  // A cohort's roll: its batches, participants and the waves answered.
  cohorts: partitions.cohorts,
};

/** An item read: one item by key, or a partition by Query (listing staff, tokens, a month of audit); never a Scan. */
const readActions = ['dynamodb:GetItem', 'dynamodb:Query'];

/** Kinds of item a function may write without write access to the rest of the table. */
export type ItemWrite =
  | 'staff'
  | 'api-tokens'
  | 'audit-append'
  | 'session-open'
  | 'sign-in-start'
  | 'sign-in-take'
  | 'cohorts'
  | 'participants';

/** One statement of item access: {@link PrepostFunction.grantItems} without the table. */
type ItemGrant = Omit<GrantItemsOptions, 'table'>;

const itemWrites: Readonly<Record<ItemWrite, ItemGrant>> = {
  // Members added, their grants changed, members removed: the whole partition, which the staff store owns.
  staff: {
    partitionKeys: [partitions.staff],
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  // Tokens made and revoked; nothing deletes one (TTL does).
  'api-tokens': { partitionKeys: [partitions.apiTokens], actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'] },
  // Audit entries are appended; nothing updates or deletes one.
  'audit-append': { partitionKeys: [partitions.audit], actions: ['dynamodb:PutItem'] },
  // The session a completed sign-in opens.
  'session-open': { partitionKeys: [partitions.sessions], actions: ['dynamodb:PutItem'] },
  // A sign-in under way, stored when it starts ...
  'sign-in-start': { partitionKeys: [partitions.signIns], actions: ['dynamodb:PutItem'] },
  // ... and taken (deleted, returning what it held) when the browser comes back.
  'sign-in-take': { partitionKeys: [partitions.signIns], actions: ['dynamodb:DeleteItem'] },
  // Cohorts made and changed, funders added and removed, console form tokens claimed.
  cohorts: {
    partitionKeys: [partitions.programmes],
    actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  // New participants, their batch and their links (BatchWriteItem puts, the batch record a PutItem).
  participants: {
    partitionKeys: [partitions.cohorts, partitions.links],
    actions: ['dynamodb:PutItem', 'dynamodb:BatchWriteItem'],
  },
};

/**
 * What the session check of a staff page (the staffSession middleware) touches: it reads the
 * session and its member, writes `lastSeenAt` back and ends a session found expired (sign-out ends
 * it too). UpdateItem makes the item when it is missing, so it may name `lastSeenAt` and nothing
 * else: what it could make that way holds no member and no expiry, and opens nothing. (The session
 * store's touch names just that; item-grants.test.ts runs it against this grant.)
 */
const staffSessionAccess = {
  reads: [partitions.sessions, partitions.staff],
  writes: [
    { partitionKeys: [partitions.sessions], actions: ['dynamodb:UpdateItem'], attributes: ['lastSeenAt'] },
    { partitionKeys: [partitions.sessions], actions: ['dynamodb:DeleteItem'] },
  ],
} as const satisfies { reads: readonly string[]; writes: readonly ItemGrant[] };

/** A function's trigger and everything it may touch; see {@link grantFunctionAccess}. */
export interface FunctionAccess {
  /**
   * What invokes it.
   * @default 'api'
   */
  readonly trigger?: FunctionTrigger;
  /**
   * The table as a whole. Every function gets `TABLE_NAME`; one without this reaches only the items
   * its other table flags name.
   * @default - none of the table but those items
   */
  readonly table?: TableAccessMode;
  /**
   * Serves a staff page: keeps the staff session going (reads `SESSION#` and `STAFF` items, writes
   * `lastSeenAt` back, ends an expired session). Every handler behind a `staff-session` route has it.
   */
  readonly staffSession?: boolean;
  /** Reads these kinds of item too (GetItem, Query), and no other unless {@link table} says so. */
  readonly reads?: readonly ItemRead[];
  /** Writes these kinds of item too, and no other unless {@link table} says so. */
  readonly writes?: readonly ItemWrite[];
  /** Reads the link-code HMAC key (`LINK_KEY_SECRET_ARN`). */
  readonly linkKey?: boolean;
  /** Writes objects to the summary bucket (`SUMMARY_BUCKET`). */
  readonly putSummaries?: boolean;
  /**
   * Writes summary previews: objects under the summary bucket's `preview/` prefix only
   * (`SUMMARY_BUCKET`), and knows the sender address their messages name (`SENDER_ADDRESS`) without
   * being able to send.
   */
  readonly putPreviews?: boolean;
  /** Lists the summary bucket and reads its objects (`SUMMARY_BUCKET`). */
  readonly readSummaries?: boolean;
  /** Emails funders through SES from the sender address (`SENDER_ADDRESS`). */
  readonly mailFunders?: boolean;
  /** Never more than one instance (reserved concurrency 1). */
  readonly singleRun?: boolean;
  /**
   * Puts planned aggregations on the fan-out's queue (`AGGREGATION_QUEUE_URL`; sqs:SendMessage and the
   * key's data keys): the planner, and the worker that queues a programme's pool after its cohorts.
   */
  readonly planAggregation?: boolean;
  /** Is the OpenID Connect relying party (sign-in, callback, sign-out): the `OIDC_*` environment. */
  readonly oidc?: boolean;
  /**
   * Creates and deletes staff accounts in the user pool (`USER_POOL_ID`;
   * cognito-idp:AdminCreateUser and AdminDeleteUser on that pool, nothing else of Cognito).
   */
  readonly manageAccounts?: boolean;
}

/** What the flags give access to. */
export interface AccessibleResources {
  readonly table: dynamodb.ITable;
  readonly linkKeySecret: secretsmanager.ISecret;
  readonly summaryBucket: s3.IBucket;
  readonly summaryPublisherPolicy: iam.IManagedPolicy;
  readonly summaryReaderPolicy: iam.IManagedPolicy;
  readonly summaryPreviewPolicy: iam.IManagedPolicy;
  /** The SES-verified address funder summaries are sent from. */
  readonly senderAddress: string;
  readonly userPool: cognito.IUserPool;
  readonly staffSignIn: StaffSignIn;
  /** The aggregation fan-out's queue. */
  readonly aggregationQueue: sqs.IQueue;
}

/** Sets the function's environment and grants what its flags say, and nothing more. */
export function grantFunctionAccess(fn: PrepostFunction, access: FunctionAccess, resources: AccessibleResources): void {
  const { table } = resources;
  fn.bindTable({ table, ...(access.table === undefined ? {} : { accessMode: access.table }) });
  const items = itemGrants(access);
  for (const grant of items) fn.grantItems({ table, ...grant });
  if (access.table !== undefined || items.length > 0)
    fn.grantTableKey(
      table,
      access.table === 'write' ||
        access.table === 'readWrite' ||
        items.some((grant) => grant.actions.some((action) => !readActions.includes(action))),
    );
  if (access.planAggregation === true) {
    fn.addEnvironment('AGGREGATION_QUEUE_URL', resources.aggregationQueue.queueUrl);
    grantSendThroughKey(resources.aggregationQueue, fn);
  }
  if (access.linkKey === true) {
    fn.addEnvironment('LINK_KEY_SECRET_ARN', resources.linkKeySecret.secretArn);
    grantSecretValue(fn, resources.linkKeySecret);
  }
  if (access.putSummaries === true || access.readSummaries === true || access.putPreviews === true)
    fn.addEnvironment('SUMMARY_BUCKET', resources.summaryBucket.bucketName);
  if (access.putPreviews === true) {
    fn.role?.addManagedPolicy(resources.summaryPreviewPolicy);
    fn.addEnvironment('SENDER_ADDRESS', resources.senderAddress);
  }
  if (access.putSummaries === true) fn.role?.addManagedPolicy(resources.summaryPublisherPolicy);
  if (access.readSummaries === true) fn.role?.addManagedPolicy(resources.summaryReaderPolicy);
  if (access.mailFunders === true) {
    fn.addEnvironment('SENDER_ADDRESS', resources.senderAddress);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: senderIdentityArns(Stack.of(fn), resources.senderAddress),
      }),
    );
  }
  if (access.oidc === true) resources.staffSignIn.configureRelyingParty(fn);
  if (access.manageAccounts === true) {
    fn.addEnvironment('USER_POOL_ID', resources.userPool.userPoolId);
    resources.userPool.grant(fn, 'cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser');
  }
}

/**
 * The item statements the flags add to what the table access gives: one for every read (the same
 * actions on each partition), then each write; none the table access covers already.
 */
function itemGrants(access: FunctionAccess): ItemGrant[] {
  const session = access.staffSession === true;
  const grants: ItemGrant[] = [];
  if (access.table !== 'read' && access.table !== 'readWrite') {
    const reads = [
      ...(session ? staffSessionAccess.reads : []),
      ...(access.reads ?? []).map((kind) => itemReads[kind]),
    ];
    if (reads.length > 0) grants.push({ partitionKeys: [...new Set(reads)], actions: readActions });
  }
  if (access.table !== 'write' && access.table !== 'readWrite') {
    if (session) grants.push(...staffSessionAccess.writes);
    grants.push(...(access.writes ?? []).map((kind) => itemWrites[kind]));
  }
  return grants;
}

/**
 * `secretsmanager:GetSecretValue` on the secret (all the link-key adapter calls), and decryption under
 * its customer-managed key through Secrets Manager only. Not `Secret.grantRead`: for a key in another
 * stack it also writes the function's role into the key's policy, which would make the DataStack
 * depend on this one (a cycle), and it adds `DescribeSecret`, unused.
 */
function grantSecretValue(fn: PrepostFunction, secret: secretsmanager.ISecret): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
  );
  if (secret.encryptionKey === undefined) return;
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [secret.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}

/** The SES identities a sender address can be verified as: the address itself, or its domain. */
function senderIdentityArns(stack: Stack, address: string): string[] {
  const domain = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(address)?.[1];
  if (domain === undefined) throw new Error(`senderAddress "${address}" is not an email address`);
  return [address, domain].map((identity) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
  );
}
