/**
 * The stateless half of prepost: one function per handler, the HTTP API (Collect, and the
 * evaluators' reads), the aggregation schedule (Aggregate) and the per-programme summary
 * schedules (Publish). It holds no data; the DataStack's resources come in through props.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { handlerEntry } from '../config.ts';
import { AggregationSchedule } from '../constructs/aggregation-schedule.ts';
import { pascalCase } from '../constructs/naming.ts';
import { PrepostApi } from '../constructs/prepost-api.ts';
import { PrepostFunction, type FunctionTrigger, type TableAccessMode } from '../constructs/prepost-function.ts';
import { SummarySchedules, type SummarySchedule } from '../constructs/summary-schedules.ts';
import type { HandlerName, ScheduledHandlerName } from '../routes.ts';

/**
 * What each function may touch: the one place to read to know a handler's permissions.
 * Typed by handler name, so adding a handler without deciding its access does not compile.
 */
const functionAccess: Readonly<Record<HandlerName | ScheduledHandlerName, FunctionAccess>> = {
  'get-survey': { trigger: 'api', table: 'read', linkKey: true },
  'submit-survey': { trigger: 'api', table: 'readWrite', linkKey: true },
  'get-impact': { trigger: 'api', table: 'read' },
  'get-dashboard': { trigger: 'api', table: 'read' },
  // Staff and their grants, and the audit log; it also makes and deletes accounts in the user pool
  // (USER_POOL_ID, cognito-idp:AdminCreateUser and AdminDeleteUser), which come with the pool.
  'staff-admin': { trigger: 'api', table: 'readWrite' },
  // Personal API tokens and their audit entries.
  'api-tokens': { trigger: 'api', table: 'readWrite' },
  // Reads the audit log; readWrite only for the session's activity, which every staff page records.
  'audit-log': { trigger: 'api', table: 'readWrite' },
  // One run at a time: overlapping runs could store older tables under a newer mark.
  aggregate: { trigger: 'schedule', table: 'readWrite', singleRun: true },
  // Aggregates its programme when it has new responses, then writes publication and delivery records.
  'publish-summaries': { trigger: 'schedule', table: 'readWrite', putSummaries: true, mailFunders: true },
};

interface FunctionAccess {
  readonly trigger: FunctionTrigger;
  readonly table: TableAccessMode;
  /** Reads the link-code HMAC key (`LINK_KEY_SECRET_ARN`). */
  readonly linkKey?: boolean;
  /** Writes objects to the summary bucket (`SUMMARY_BUCKET`). */
  readonly putSummaries?: boolean;
  /** Emails funders through SES from the sender address (`SENDER_ADDRESS`). */
  readonly mailFunders?: boolean;
  /** Never more than one instance (reserved concurrency 1). */
  readonly singleRun?: boolean;
}

export interface PipelineStackProps extends StackProps {
  /** The DataStack's table. */
  readonly table: dynamodb.ITable;
  /** The DataStack's bucket of published summaries. */
  readonly summaryBucket: s3.IBucket;
  /** The DataStack's permission to write summaries into {@link summaryBucket}. */
  readonly summaryPublisherPolicy: iam.IManagedPolicy;
  /** The DataStack's link-code HMAC key. */
  readonly linkKeySecret: secretsmanager.ISecret;
  /**
   * The SES-verified address funder summaries are sent from; the function may send as this
   * address or its domain, whichever identity is verified, and as nothing else.
   */
  readonly senderAddress: string;
  /** Programme id -> summary schedule, from the survey catalogue. */
  readonly programmes: ReadonlyMap<string, { readonly summarySchedule: SummarySchedule }>;
}

/** Functions, API and schedules over the DataStack's resources. */
export class PipelineStack extends Stack {
  /** Handler name -> its function. */
  public readonly functions: ReadonlyMap<HandlerName | ScheduledHandlerName, PrepostFunction>;
  public readonly api: PrepostApi;
  public readonly aggregationSchedule: AggregationSchedule;
  public readonly summarySchedules: SummarySchedules;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);

    const functions = new Map<HandlerName | ScheduledHandlerName, PrepostFunction>();
    for (const [name, access] of Object.entries(functionAccess) as [
      HandlerName | ScheduledHandlerName,
      FunctionAccess,
    ][]) {
      const fn = new PrepostFunction(this, `${pascalCase(name)}Function`, {
        entry: handlerEntry(name),
        trigger: access.trigger,
        description: `prepost ${name}`,
        ...(access.singleRun === true ? { reservedConcurrentExecutions: 1 } : {}),
      });
      fn.bindTable({ table: props.table, accessMode: access.table });
      if (access.linkKey === true) {
        fn.addEnvironment('LINK_KEY_SECRET_ARN', props.linkKeySecret.secretArn);
        props.linkKeySecret.grantRead(fn);
      }
      if (access.putSummaries === true) {
        fn.addEnvironment('SUMMARY_BUCKET', props.summaryBucket.bucketName);
        fn.role?.addManagedPolicy(props.summaryPublisherPolicy);
      }
      if (access.mailFunders === true) {
        fn.addEnvironment('SENDER_ADDRESS', props.senderAddress);
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail'],
            resources: this.senderIdentityArns(props.senderAddress),
          }),
        );
      }
      functions.set(name, fn);
    }
    this.functions = functions;

    this.api = new PrepostApi(this, 'Api', { functions });
    this.aggregationSchedule = new AggregationSchedule(this, 'AggregationSchedule', {
      aggregateFunction: requireFunction(functions, 'aggregate'),
    });
    this.summarySchedules = new SummarySchedules(this, 'SummarySchedules', {
      publishFunction: requireFunction(functions, 'publish-summaries'),
      programmes: props.programmes,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.url,
      description: 'Base URL of the survey links, evaluator API and dashboard',
    });
  }

  /** The SES identities a sender address can be verified as: the address itself, or its domain. */
  private senderIdentityArns(address: string): string[] {
    const domain = /^[^@\s]+@([^@\s]+\.[^@\s]+)$/.exec(address)?.[1];
    if (domain === undefined) throw new Error(`PipelineStack: senderAddress "${address}" is not an email address`);
    return [address, domain].map((identity) =>
      this.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
    );
  }
}

function requireFunction(functions: ReadonlyMap<string, PrepostFunction>, name: ScheduledHandlerName): PrepostFunction {
  const fn = functions.get(name);
  if (fn === undefined) throw new Error(`PipelineStack: no function for "${name}"`);
  return fn;
}
