/**
 * The stateless half of prepost: one function per handler, the HTTP API (Collect, the staff pages
 * and the impact API behind its token authorizer), the staff pages' app client of the user pool,
 * the aggregation schedule and its fan-out queue (Aggregate), the per-programme summary schedules
 * (Publish), their failure queues, and the alarms and dashboard over all of it. It holds no data;
 * the DataStack's resources (and its key) come in through props.
 */
import { CfnOutput, Stack, type Duration, type StackProps } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { handlerEntry, workerSizing } from '../config.ts';
import { SqsToLambdaFanOut } from '../constructs/aggregation-fan-out.ts';
import { AggregationSchedule } from '../constructs/aggregation-schedule.ts';
import { grantFunctionAccess, type FunctionAccess } from '../constructs/function-access.ts';
import { pascalCase } from '../constructs/naming.ts';
import { OperationsMonitoring } from '../constructs/operations-monitoring.ts';
import { PrepostApi } from '../constructs/prepost-api.ts';
import { PrepostFunction } from '../constructs/prepost-function.ts';
import { CloudFrontToHttpApi } from '../constructs/public-site.ts';
import { StaffSignIn } from '../constructs/staff-sign-in.ts';
import { SummarySchedules, type SummarySchedule } from '../constructs/summary-schedules.ts';
import { routes, type AuthorizerHandlerName, type HandlerName, type ScheduledHandlerName } from '../routes.ts';

/** Every function: one per handler module. */
export type FunctionName = HandlerName | ScheduledHandlerName | AuthorizerHandlerName;

/**
 * Memory above the default, where a function renders large files: the console's printable sheet
 * of a 500-participant batch of a ten-wave programme (5,000 QR codes) takes about 5 s to render
 * locally, and Lambda's CPU grows with memory. The functions that read whole cohorts and
 * programmes are sized in `workerSizing` (lib/config.ts), with the figures behind each.
 */
const functionMemory: Readonly<Partial<Record<FunctionName, number>>> = { console: 1024 };

/** Memory and timeout from `workerSizing`, for the functions it sizes. */
function sizingOf(name: FunctionName): { memorySize?: number; timeout?: Duration } {
  if (name in workerSizing) return workerSizing[name as keyof typeof workerSizing];
  const memorySize = functionMemory[name];
  return memorySize === undefined ? {} : { memorySize };
}

/**
 * What each function may touch: the one place to read to know a handler's permissions (the flags
 * are documented on `FunctionAccess`). Typed by handler name, so adding a handler without deciding
 * its access does not compile. `table` is the table as a whole; the staff functions have none of
 * it, only the kinds of item their code reads and writes, so none of them can touch an answer, a
 * link or an indicator. Every handler behind a `staff-session` route has `staffSession`; synth
 * fails otherwise.
 */
const functionAccess: Readonly<Record<FunctionName, FunctionAccess>> = {
  'get-survey': { table: 'read', linkKey: true },
  'submit-survey': { table: 'readWrite', linkKey: true },
  'get-impact': { table: 'read' },
  // Indicators, marks and participant counts of any cohort its reader may see.
  'get-dashboard': { table: 'read', staffSession: true },
  // The published files come from the bucket.
  'get-summaries': { staffSession: true, readSummaries: true },
  // An evaluator's look at the month's summary: builds it from the stored tables (as get-dashboard reads
  // them) and writes the files and .eml messages under the bucket's preview/ prefix; records nothing.
  'preview-summary': { table: 'read', staffSession: true, putPreviews: true },
  // The token and its owner; writes nothing, so a flood of bad tokens costs reads only.
  'authorize-api': { reads: ['api-tokens', 'staff'] },
  // It also makes and deletes accounts in the user pool.
  'staff-admin': { staffSession: true, writes: ['staff', 'audit-append'], manageAccounts: true },
  'api-tokens': { staffSession: true, reads: ['api-tokens'], writes: ['api-tokens', 'audit-append'] },
  'audit-log': { staffSession: true, reads: ['audit-log'] },
  // Cohorts, funders and participants of the programmes its reader coordinates (their roll, never an
  // answer shown); new participants' links are hashed with the link key, which also seals a batch's
  // downloads. Confined to those partitions: no staff grant, token or sign-in can be written from it.
  console: {
    staffSession: true,
    reads: ['programmes', 'cohorts'],
    writes: ['cohorts', 'participants', 'audit-append'],
    linkKey: true,
  },
  // The relying party (`OIDC_*`): sign-in stores the sign-in under way; the callback takes it, finds the
  // member and opens the session; sign-out ends it.
  'sign-in': { writes: ['sign-in-start'], oidc: true },
  'sign-in-callback': { reads: ['staff'], writes: ['sign-in-take', 'session-open', 'audit-append'], oidc: true },
  'sign-out': { staffSession: true, writes: ['audit-append'], oidc: true },
  // One run at a time: overlapping runs could store older tables under a newer mark. Plans: one
  // message per changed cohort and programme pool on the fan-out's queue.
  aggregate: { trigger: 'schedule', table: 'readWrite', singleRun: true, planAggregation: true },
  // The fan-out's worker: recomputes the cohort (or the programme's pool, `cohort: null`) a message
  // names, and queues the pool once its cohorts are done.
  'aggregate-cohort': { trigger: 'queue', table: 'readWrite', planAggregation: true },
  // Aggregates its programme when it has new responses, then writes publication and delivery records.
  'publish-summaries': { trigger: 'schedule', table: 'readWrite', putSummaries: true, mailFunders: true },
};

export interface PipelineStackProps extends StackProps {
  /**
   * The DataStack's customer-managed key: the queues, the alarm topic and every log group here are
   * encrypted under it (the table, bucket and secret already are, in the DataStack).
   */
  readonly key: kms.IKey;
  /** The DataStack's table. */
  readonly table: dynamodb.ITable;
  /** The DataStack's bucket of published summaries. */
  readonly summaryBucket: s3.IBucket;
  /** The DataStack's permission to write summaries into {@link summaryBucket}. */
  readonly summaryPublisherPolicy: iam.IManagedPolicy;
  /** The DataStack's permission to list {@link summaryBucket} and read its summaries. */
  readonly summaryReaderPolicy: iam.IManagedPolicy;
  /** The DataStack's permission to write previews under {@link summaryBucket}'s `preview/`. */
  readonly summaryPreviewPolicy: iam.IManagedPolicy;
  /** The DataStack's link-code HMAC key. */
  readonly linkKeySecret: secretsmanager.ISecret;
  /** The DataStack's user pool of staff accounts. */
  readonly userPool: cognito.IUserPool;
  /** The DataStack's managed login domain of {@link userPool}. */
  readonly userPoolDomain: cognito.UserPoolDomain;
  /**
   * The SES-verified address funder summaries are sent from; the function may send as this
   * address or its domain, whichever identity is verified, and as nothing else.
   */
  readonly senderAddress: string;
  /** Programme id -> summary schedule, from the survey catalogue. */
  readonly programmes: ReadonlyMap<string, { readonly summarySchedule: SummarySchedule }>;
  /**
   * The CLOUDFRONT-scope WAF web ACL (EdgeStack, us-east-1) of the distribution in front of the API:
   * its ARN, or a deploy-time reference to it.
   */
  readonly webAclArn: string;
  /**
   * Who receives the alarms by email.
   * @default - nobody (the topic is there to subscribe to)
   */
  readonly alarmEmails?: readonly string[];
}

/** Functions, API, staff sign-in and schedules over the DataStack's resources. */
export class PipelineStack extends Stack {
  /** Handler name -> its function. */
  public readonly functions: ReadonlyMap<FunctionName, PrepostFunction>;
  public readonly api: PrepostApi;
  /** The CloudFront distribution in front of {@link api}, behind the web ACL: the address people use. */
  public readonly site: CloudFrontToHttpApi;
  /** The staff pages' app client of the user pool, and the relying party's configuration. */
  public readonly staffSignIn: StaffSignIn;
  public readonly aggregationSchedule: AggregationSchedule;
  /** The aggregation fan-out: queue, dead-letter queue, and the worker's event source. */
  public readonly aggregationFanOut: SqsToLambdaFanOut;
  public readonly summarySchedules: SummarySchedules;
  /** The alarm topic, the alarms and the dashboard. */
  public readonly monitoring: OperationsMonitoring;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);

    for (const route of routes)
      if (route.access === 'staff-session' && functionAccess[route.handler].staffSession !== true)
        throw new Error(
          `PipelineStack: ${route.handler} serves the staff page ${route.method} ${route.path} but cannot keep its ` +
            'session: give it staffSession: true',
        );

    const functions = new Map<FunctionName, PrepostFunction>();
    for (const [name, access] of Object.entries(functionAccess) as [FunctionName, FunctionAccess][]) {
      functions.set(
        name,
        new PrepostFunction(this, `${pascalCase(name)}Function`, {
          entry: handlerEntry(name),
          trigger: access.trigger,
          description: `prepost ${name}`,
          logEncryptionKey: props.key,
          ...sizingOf(name),
          ...(access.singleRun === true ? { reservedConcurrentExecutions: 1 } : {}),
        }),
      );
    }
    this.functions = functions;

    this.api = new PrepostApi(this, 'Api', {
      functions,
      apiTokenAuthorizer: requireFunction(functions, 'authorize-api'),
      accessLogEncryptionKey: props.key,
    });
    this.site = new CloudFrontToHttpApi(this, 'Site', { apiHost: this.api.host, webAclArn: props.webAclArn });
    // Made after the site (its redirect URIs are the site's) and before the grants (the sign-in
    // handlers' environment names the client). No cycle: functions and the client refer to the
    // distribution, the distribution to the API's id, the API's routes to the functions.
    this.staffSignIn = new StaffSignIn(this, 'StaffSignIn', {
      userPool: props.userPool,
      domain: props.userPoolDomain,
      site: this.site,
    });
    // Behind CloudFront, a request reaches the function with the API's host (API Gateway refuses any
    // other), so the function cannot tell from the request where people see the site: this says it,
    // for the links a coordinator makes and the same-origin check of staff forms.
    for (const [name, fn] of functions)
      if (routes.some((route) => route.handler === name))
        fn.addEnvironment('PUBLIC_ORIGIN', `https://${this.site.host}`);
    this.aggregationFanOut = new SqsToLambdaFanOut(this, 'AggregationFanOut', {
      worker: requireFunction(functions, 'aggregate-cohort'),
      encryptionKey: props.key,
    });
    for (const [name, fn] of functions)
      grantFunctionAccess(fn, functionAccess[name], {
        ...props,
        staffSignIn: this.staffSignIn,
        aggregationQueue: this.aggregationFanOut.queue,
      });

    this.aggregationSchedule = new AggregationSchedule(this, 'AggregationSchedule', {
      aggregateFunction: requireFunction(functions, 'aggregate'),
      encryptionKey: props.key,
    });
    this.summarySchedules = new SummarySchedules(this, 'SummarySchedules', {
      publishFunction: requireFunction(functions, 'publish-summaries'),
      programmes: props.programmes,
      encryptionKey: props.key,
    });

    this.monitoring = new OperationsMonitoring(this, 'Monitoring', {
      functions,
      authorizers: ['authorize-api'] satisfies AuthorizerHandlerName[],
      api: this.api,
      table: props.table,
      failureQueues: new Map([
        ['aggregation fan-out dead letters', this.aggregationFanOut.deadLetterQueue],
        ['aggregation schedule dead letters', this.aggregationSchedule.failures.deadLetterQueue],
        ['aggregation run failures', this.aggregationSchedule.failures.failureQueue],
        ['summary schedule dead letters', this.summarySchedules.failures.deadLetterQueue],
        ['summary run failures', this.summarySchedules.failures.failureQueue],
      ]),
      workQueues: new Map([['aggregation fan-out', this.aggregationFanOut.queue]]),
      encryptionKey: props.key,
      ...(props.alarmEmails === undefined ? {} : { alarmEmails: props.alarmEmails }),
    });

    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.alarmTopic.topicArn,
      description: 'SNS topic of the alarms (subscribe more addresses here, or deploy with -c alarmEmails=...)',
    });
    new CfnOutput(this, 'ApiUrl', {
      value: this.site.url,
      description: 'Base URL of the survey links, evaluator API and dashboard (CloudFront, behind the web ACL)',
    });
    new CfnOutput(this, 'StaffSignInUrl', {
      value: `${this.site.url}sign-in`,
      description: "Where staff sign in (through the user pool's managed login)",
    });
  }
}

function requireFunction(functions: ReadonlyMap<FunctionName, PrepostFunction>, name: FunctionName): PrepostFunction {
  const fn = functions.get(name);
  if (fn === undefined) throw new Error(`PipelineStack: no function for "${name}"`);
  return fn;
}
