/**
 * Builds the CDK app: the stateful DataStack, the EdgeStack (the WAF web ACL, in us-east-1 as
 * CloudFront requires), the stateless PipelineStack bound to both, and the cdk-nag AwsSolutions
 * checks over all three. `bin/app.ts` and the infrastructure tests both call
 * this, so the tests check the app that `cdk synth` produces.
 */
import { App, Fn, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SummarySchedule } from './constructs/summary-schedules.ts';
import { edgeDefaults } from './config.ts';
import { DataStack } from './stacks/data-stack.ts';
import { EdgeStack, WEB_ACL_ARN_OUTPUT } from './stacks/edge-stack.ts';
import { PipelineStack } from './stacks/pipeline-stack.ts';

/** Context key of the SES-verified address funder summaries are sent from (cdk.json, or `-c`). */
export const senderAddressContextKey = 'prepost:senderAddress';

/**
 * Context key of the staff's managed login domain prefix (`-c authDomainPrefix=...`): the sign-in
 * pages are at `https://<prefix>.auth.<region>.amazoncognito.com`. Without it, the DataStack
 * derives one from its stack id.
 */
export const authDomainPrefixContextKey = 'authDomainPrefix';

/**
 * Context key of the addresses that receive the alarms by email (`-c alarmEmails=a@b.org,c@d.org`,
 * or a list in cdk.json). None by default: the topic is there, and SNS asks each address to confirm.
 */
export const alarmEmailsContextKey = 'alarmEmails';

export interface BuildAppProps {
  /** Programme id -> definition; only `summarySchedule` is read. The survey catalogue's `programmes`. */
  readonly programmes: ReadonlyMap<string, { readonly summarySchedule: SummarySchedule }>;

  /**
   * Props for the App (context, outdir).
   * @default - none: the CLI supplies context and outdir through the environment
   */
  readonly appProps?: AppProps;
}

/** The app and its stacks. */
export interface PrepostApp {
  readonly app: App;
  readonly dataStack: DataStack;
  readonly edgeStack: EdgeStack;
  readonly pipelineStack: PipelineStack;
}

/** Creates the app with both stacks, environment-agnostic so synth needs no AWS account. */
export function buildApp({ programmes, appProps }: BuildAppProps): PrepostApp {
  const app = new App(appProps);
  const senderAddress: unknown = app.node.tryGetContext(senderAddressContextKey);
  if (typeof senderAddress !== 'string' || senderAddress === '') {
    throw new Error(
      `context "${senderAddressContextKey}" must name the SES-verified address funder summaries are sent from ` +
        `(cdk.json, or -c ${senderAddressContextKey}=...)`,
    );
  }
  const authDomainPrefix: unknown = app.node.tryGetContext(authDomainPrefixContextKey);
  if (authDomainPrefix !== undefined && typeof authDomainPrefix !== 'string')
    throw new Error(`context "${authDomainPrefixContextKey}" must be a string (-c ${authDomainPrefixContextKey}=...)`);
  const alarmEmails = parseAlarmEmails(app.node.tryGetContext(alarmEmailsContextKey));
  const dataStack = new DataStack(app, 'PrepostData', {
    description: 'prepost stateful resources: table, summary bucket, link key, staff user pool (retained)',
    ...(authDomainPrefix === undefined ? {} : { signInDomainPrefix: authDomainPrefix }),
  });
  const edgeStack = new EdgeStack(app, 'PrepostEdge', {
    description: 'prepost web ACL of the CloudFront distribution in front of the API (us-east-1)',
  });
  const pipelineStack = new PipelineStack(app, 'PrepostPipeline', {
    description: 'prepost stateless resources: functions, HTTP API, staff sign-in client, schedules, alarms',
    key: dataStack.key,
    table: dataStack.table,
    summaryBucket: dataStack.summaryBucket,
    summaryPublisherPolicy: dataStack.summaryPublisherPolicy,
    summaryReaderPolicy: dataStack.summaryReaderPolicy,
    summaryPreviewPolicy: dataStack.summaryPreviewPolicy,
    linkKeySecret: dataStack.linkKeySecret,
    userPool: dataStack.userPool,
    userPoolDomain: dataStack.userPoolDomain,
    senderAddress,
    programmes,
    alarmEmails,
    // Read at deploy time from the other region's stack: nothing about the account or region at synth.
    webAclArn: Fn.getStackOutput(edgeStack.stackName, WEB_ACL_ARN_OUTPUT, edgeDefaults.region),
  });
  // `cdk deploy --all` deploys the web ACL before the distribution that names it.
  pipelineStack.addStackDependency(edgeStack, 'the distribution names the web ACL');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, dataStack, edgeStack, pipelineStack };
}

/** The alarm addresses from context: a comma-separated string (`-c`) or a list (cdk.json); checked here, at synth. */
function parseAlarmEmails(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string'))
    throw new Error(`context "${alarmEmailsContextKey}" must be addresses separated by commas, or a list of them`);
  const emails = (list as string[]).map((item) => item.trim()).filter((item) => item !== '');
  const wrong = emails.find((email) => !/^[^@\s,]+@[^@\s,]+\.[^@\s,]+$/.test(email));
  if (wrong !== undefined) throw new Error(`context "${alarmEmailsContextKey}": "${wrong}" is not an email address`);
  return emails;
}
