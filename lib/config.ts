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

/**
 * Defaults every function starts from; see `PrepostFunction`. The scheduled and queue-driven
 * functions get their own memory and timeout from {@link workerSizing}.
 */
export const functionDefaults = {
  memorySize: 256,
  /** Behind API Gateway: its integration gives up at 30 s, and a participant will not wait that long. */
  httpTimeout: Duration.seconds(10),
  /** A scheduled function without its own entry in {@link workerSizing}. */
  scheduledTimeout: Duration.minutes(5),
  /** Logs never hold answers or link codes, but keep them no longer than debugging needs. */
  logRetention: RetentionDays.ONE_MONTH,
  serviceName: 'prepost',
} as const;

/**
 * Memory and timeout of the functions that read whole cohorts or programmes, from measurement.
 * On Lambda, memory buys CPU in proportion (1,769 MB is one full vCPU), and reading is CPU-bound:
 * unmarshalling costs about 15.8 us per response, ten times scoring it (issue 13's measurement).
 * Measured on this 2-core machine, busy with other work, on 2026-12-03:
 * `node --expose-gc --import tsx bench/aggregate-worker.ts 100000` aggregates 10^5 responses in
 * memory in 1.05 s (a bare pass: 0.41 s), the responses holding 74 MiB of heap (about 770 bytes
 * each) and the process 211 MiB resident; README "Benchmarks" gives 3.3 s at 10^6. `npm run demo`
 * (three programmes: cohorts, simulated participants over HTTP, aggregation, publication) takes
 * 9.8 s and 251 MiB resident. So a cohort of 10^6 responses, if a worker ever held it whole, is
 * about 740 MiB: 1,769 MB covers that with room for the runtime, and streaming keeps it far lower.
 */
export const workerSizing = {
  /**
   * The hourly planner: one keys-only Query of the ByTime index per cohort to find the changed
   * ones, then one SQS message per changed cohort (and per programme pool). 10,000 cohorts at
   * about 10 ms a Query, 16 at a time, is about 6 s; 1,024 MB keeps the SDK's parsing off the
   * critical path; 5 minutes is 50 times the work and well inside the hour.
   */
  aggregate: { memorySize: 1024, timeout: Duration.minutes(5) },
  /**
   * The fan-out worker: one cohort, or the pool of one programme (`cohort: null`), which reads
   * the whole programme. 10^7 responses at 15.8 us each is 158 s of unmarshalling on one vCPU,
   * plus the reads (about 1 KB a response, 10 GB at DynamoDB's per-partition 3,000 RCU/s is over
   * 10 minutes when it all sits in few partitions): 15 minutes, Lambda's maximum, at 1,769 MB for a
   * whole vCPU. Heap stays under the 256 MiB budget (memory grows with cells, not responses).
   */
  'aggregate-cohort': { memorySize: 1769, timeout: Duration.minutes(15) },
  /**
   * Publication aggregates its programme when it has new responses (as aggregate-cohort's pool
   * does), then renders an HTML page with charts per funder language and sends the emails: the
   * same 15 minutes and vCPU as the pool.
   */
  'publish-summaries': { memorySize: 1769, timeout: Duration.minutes(15) },
} as const;

/** Defaults for the HTTP API; see `PrepostApi`. */
export const apiDefaults = {
  /**
   * Requests per second across the stage, for a route without its own limit: far above a cohort
   * filling in forms at once.
   */
  throttleRateLimit: 50,
  throttleBurstLimit: 100,
  /**
   * Per route, by how it is reached (`lib/routes.ts` `access`), so that a flood on one kind of
   * route cannot use up another's. API Gateway's route limits are shared by every client of the
   * route; per-client limits are the web ACL's rate-based rule (`EdgeProtection`). Participant
   * routes: a session of 15+ people opening and submitting multi-page forms within a minute is a
   * few requests a second; 50 leaves room for several sessions at once. Staff pages are read by
   * a handful of people; the impact API by scripts; sign-in by people typing.
   */
  routeThrottles: {
    'participant-link': { rateLimit: 50, burstLimit: 100 },
    'staff-session': { rateLimit: 10, burstLimit: 20 },
    'api-token': { rateLimit: 5, burstLimit: 10 },
    'sign-in': { rateLimit: 5, burstLimit: 10 },
  },
  accessLogRetention: RetentionDays.ONE_MONTH,
} as const;

/** Defaults for the aggregation fan-out; see `SqsToLambdaFanOut`. */
export const fanOutDefaults = {
  /**
   * Messages a worker takes at once: one. A batch runs its jobs one after the other within one
   * invocation's timeout, and a programme's pool may take most of the 15 minutes alone, so a batch
   * of 10 could outrun the timeout, which fails (and redelivers) every job in it. Cohort jobs are
   * short and an invocation costs little, so one job per invocation loses almost nothing.
   */
  batchSize: 1,
  /**
   * Workers at once: each reads one partition at its own pace; 50 keeps an on-demand table's
   * throughput for participants' writes while 10,000 cohorts drain in minutes.
   */
  maxConcurrency: 50,
  /**
   * A message received this many times without success goes to the dead-letter queue and raises an
   * alarm. AWS advises at least 5 for a Lambda event source: a receive Lambda could not hand to the
   * function (throttled at the concurrency ceiling) still counts, and must not dead-letter a job.
   */
  maxReceiveCount: 5,
  /** AWS's advice for a Lambda event source: at least six times the function's timeout. */
  visibilityTimeoutFactor: 6,
  /** A planned cohort not taken within a day is superseded by later hourly runs anyway. */
  retentionPeriod: Duration.days(1),
  /** Dead letters wait two weeks (SQS's maximum) for someone to read them. */
  deadLetterRetentionPeriod: Duration.days(14),
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
  /**
   * Lambda's own retries of an asynchronous invocation that failed in the function (the
   * Scheduler's retries above cover only handing the event to Lambda): Lambda's maximum, 2, with
   * the event kept at most as long as the Scheduler keeps trying.
   */
  functionRetryAttempts: 2,
  /** Failed schedule deliveries and failed invocations wait two weeks (SQS's maximum) to be read. */
  failureRetentionPeriod: Duration.days(14),
} as const;

/** Defaults for the alarms and dashboard; see `Operations`. */
export const alarmDefaults = {
  /** API 5xx answers, as a share of requests over five minutes, that raise the alarm. */
  api5xxRate: 0.01,
  /**
   * p95 latency of the API over five minutes that raises the alarm, in ms: a participant on weak
   * mobile data waits this on top of the network; the functions' timeout is 10 s.
   */
  apiLatencyP95Ms: 3000,
  /**
   * The grace after a programme's scheduled summary time before the period counts as overdue:
   * the Scheduler keeps trying for `summaryMaxEventAge` (12 h), plus an hourly aggregation run to
   * notice. The runtime's `OverdueSummaries` uses this figure (see `Operations`).
   */
  summaryGrace: Duration.hours(13),
  /**
   * How long the oldest planned aggregation may wait on the fan-out queue: the hourly planner
   * queues the next round after an hour, so a job older than that means the worker has stalled.
   */
  maxWorkAge: Duration.hours(1),
} as const;

/** Defaults for the web ACL in front of the API; see `EdgeProtection`. */
export const edgeDefaults = {
  /**
   * Requests per client address in WAF's window of five minutes. A whole training session of
   * 15-30 people behind one venue's NAT, each loading and posting a few pages per wave, makes
   * about 300; 1,000 blocks a flood without blocking a room.
   */
  rateLimitPer5Minutes: 1000,
  /** The region CloudFront's web ACLs must live in. */
  region: 'us-east-1',
  /** WAF's logs of blocked staff requests. */
  logRetention: RetentionDays.THREE_MONTHS,
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
