/**
 * The infrastructure's defaults, kept in one place so a construct's TSDoc `@default` and the
 * value it applies cannot drift apart, and so a reviewer sees every tunable on one screen.
 */
import { fileURLToPath } from 'node:url';
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The repository root: NodejsFunction bundles from here and finds `package-lock.json` here. */
export const projectRoot: string = fileURLToPath(new URL('..', import.meta.url));

/** The lock file esbuild resolves dependencies against. */
export const depsLockFilePath: string = fileURLToPath(new URL('../package-lock.json', import.meta.url));

/**
 * The entry file of a Lambda, `functions/lambda/<name>.ts`, exporting `handler`: the handler
 * factory of `functions/handlers/<name>.ts` wired with deps read from the environment.
 */
export function handlerEntry(name: string): string {
  return fileURLToPath(new URL(`../functions/lambda/${name}.ts`, import.meta.url));
}

/** Defaults every function starts from; see `PrepostFunction`. */
export const functionDefaults = {
  memorySize: 256,
  /** Behind API Gateway: its integration gives up at 30 s, and a participant will not wait that long. */
  httpTimeout: Duration.seconds(10),
  /** Aggregation and publication read whole cohorts and write summaries. */
  scheduledTimeout: Duration.minutes(5),
  /** Logs never hold answers or link codes, but keep them no longer than debugging needs. */
  logRetention: RetentionDays.ONE_MONTH,
  serviceName: 'prepost',
} as const;

/** Defaults for the HTTP API; see `PrepostApi`. */
export const apiDefaults = {
  /** Requests per second across the stage: far above a cohort filling in forms at once. */
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  accessLogRetention: RetentionDays.ONE_MONTH,
} as const;

/** Defaults for the schedules; see `AggregationSchedule` and `SummarySchedules`. */
export const scheduleDefaults = {
  /** Indicators are at most this stale. */
  aggregationRate: Duration.hours(1),
  /** A missed hourly run is superseded by the next one: retry briefly, then give up. */
  aggregationMaxEventAge: Duration.hours(1),
  aggregationRetryAttempts: 2,
  /** A missed summary is not superseded until the next period: keep trying for most of a day. */
  summaryMaxEventAge: Duration.hours(12),
  summaryRetryAttempts: 10,
} as const;

/** Defaults for the stateful resources; see `DataStack`. */
export const dataDefaults = {
  /** Earlier versions of a published summary, kept to answer "what did the funder see then". */
  summaryNoncurrentVersionExpiration: Duration.days(365),
  /** S3 server access logs of the summary bucket. */
  accessLogExpiration: Duration.days(365),
  /** The link key: HMAC over link codes; alphanumeric so it reads the same in every client. */
  linkKeyLength: 64,
} as const;

/** Defaults for staff sign-in; see `StaffUserPool` and `StaffSignIn`. */
export const staffAccessDefaults = {
  passwordMinLength: 12,
  /** Cognito refuses a staff member's last few passwords when they choose a new one. */
  passwordHistorySize: 5,
  /**
   * An invitation's temporary password lapses after this (whole days): long enough for a weekend,
   * short enough that an unread invitation in a mailbox does not stay a way in.
   */
  temporaryPasswordValidity: Duration.days(3),
  /**
   * Managed login's session between its steps: a first sign-in sets a password and enrols an
   * authenticator app in one go, which takes longer than Cognito's 3-minute default.
   */
  signInStepsValidity: Duration.minutes(10),
  /**
   * ID and access tokens are read once, at the sign-in callback, and never kept (the staff session
   * is our own): Cognito's shortest lifetime.
   */
  tokenValidity: Duration.minutes(5),
  /** Cognito's shortest; the relying party revokes the refresh token right after sign-in anyway. */
  refreshTokenValidity: Duration.minutes(60),
  /** Where the identity provider sends the browser back with a code, under the API's URL. */
  callbackPath: 'auth/callback',
  /** Where Cognito's logout endpoint sends the browser once it has ended its own session. */
  signedOutPath: 'sign-in',
  /** The default managed login domain prefix starts with this; see `StaffUserPool`. */
  domainPrefixStem: 'prepost',
} as const;
