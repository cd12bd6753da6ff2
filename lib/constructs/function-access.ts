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
import { Stack } from 'aws-cdk-lib';
import { auditPartition, sessionKey, signInKey } from '../../functions/adapters/table-design.ts';
import type { FunctionTrigger, PrepostFunction, TableAccessMode } from './prepost-function.ts';
import type { StaffSignIn } from './staff-sign-in.ts';

/** Kinds of item a function may write without write access to the rest of the table. */
export type ItemWrite = 'session-activity' | 'session-open' | 'sign-in-state' | 'audit-append';

/**
 * Each kind's partition-key prefix and the item writes it allows. The prefixes come from the key
 * builders the adapters use, so a changed key format moves the grant with it.
 */
const itemWrites: Readonly<Record<ItemWrite, { readonly partitionPrefix: string; readonly actions: string[] }>> = {
  // A staff page's own session (staffSession): lastSeenAt written back, an expired session ended;
  // sign-out ends it too.
  'session-activity': {
    partitionPrefix: sessionKey('').PK,
    actions: ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  // The session a completed sign-in opens.
  'session-open': { partitionPrefix: sessionKey('').PK, actions: ['dynamodb:PutItem'] },
  // A sign-in under way: stored when it starts, taken (deleted) when the browser comes back.
  'sign-in-state': { partitionPrefix: signInKey('').PK, actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'] },
  // Audit entries are appended; nothing updates or deletes one.
  'audit-append': { partitionPrefix: auditPartition(''), actions: ['dynamodb:PutItem'] },
};

/** A function's trigger and everything it may touch; see {@link grantFunctionAccess}. */
export interface FunctionAccess {
  readonly trigger: FunctionTrigger;
  /** The table as a whole (`TABLE_NAME`). */
  readonly table: TableAccessMode;
  /** Writes these kinds of item too, and no other, whatever {@link table} says. */
  readonly writes?: readonly ItemWrite[];
  /** Reads the link-code HMAC key (`LINK_KEY_SECRET_ARN`). */
  readonly linkKey?: boolean;
  /** Writes objects to the summary bucket (`SUMMARY_BUCKET`). */
  readonly putSummaries?: boolean;
  /** Lists the summary bucket and reads its objects (`SUMMARY_BUCKET`). */
  readonly readSummaries?: boolean;
  /** Emails funders through SES from the sender address (`SENDER_ADDRESS`). */
  readonly mailFunders?: boolean;
  /** Never more than one instance (reserved concurrency 1). */
  readonly singleRun?: boolean;
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
  /** The SES-verified address funder summaries are sent from. */
  readonly senderAddress: string;
  readonly userPool: cognito.IUserPool;
  readonly staffSignIn: StaffSignIn;
}

/** Sets the function's environment and grants what its flags say, and nothing more. */
export function grantFunctionAccess(fn: PrepostFunction, access: FunctionAccess, resources: AccessibleResources): void {
  fn.bindTable({ table: resources.table, accessMode: access.table });
  for (const kind of access.writes ?? []) fn.grantItemWrites({ table: resources.table, ...itemWrites[kind] });
  if (access.linkKey === true) {
    fn.addEnvironment('LINK_KEY_SECRET_ARN', resources.linkKeySecret.secretArn);
    resources.linkKeySecret.grantRead(fn);
  }
  if (access.putSummaries === true || access.readSummaries === true)
    fn.addEnvironment('SUMMARY_BUCKET', resources.summaryBucket.bucketName);
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
 * Whether a function can keep a staff session going: read it, write its activity back, end it
 * when expired. Every handler behind a `staff-session` route must.
 */
export function keepsStaffSessions(access: FunctionAccess): boolean {
  return (
    access.table === 'readWrite' || (access.table === 'read' && (access.writes ?? []).includes('session-activity'))
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
