/**
 * Builds the CDK app: the stateful DataStack, the stateless PipelineStack bound to it, and the
 * cdk-nag AwsSolutions checks over both. `bin/app.ts` and the infrastructure tests both call
 * this, so the tests check the app that `cdk synth` produces.
 */
import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { SummarySchedule } from './constructs/summary-schedules.ts';
import { DataStack } from './stacks/data-stack.ts';
import { PipelineStack } from './stacks/pipeline-stack.ts';

/** Context key of the SES-verified address funder summaries are sent from (cdk.json, or `-c`). */
export const senderAddressContextKey = 'prepost:senderAddress';

/**
 * Context key of the staff's managed login domain prefix (`-c authDomainPrefix=...`): the sign-in
 * pages are at `https://<prefix>.auth.<region>.amazoncognito.com`. Without it, the DataStack
 * derives one from its stack id.
 */
export const authDomainPrefixContextKey = 'authDomainPrefix';

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
  const dataStack = new DataStack(app, 'PrepostData', {
    description: 'prepost stateful resources: table, summary bucket, link key, staff user pool (retained)',
    ...(authDomainPrefix === undefined ? {} : { signInDomainPrefix: authDomainPrefix }),
  });
  const pipelineStack = new PipelineStack(app, 'PrepostPipeline', {
    description: 'prepost stateless resources: functions, HTTP API, staff sign-in client, schedules',
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
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, dataStack, pipelineStack };
}
