/**
 * What tells an operator that prepost is failing, before a participant or a funder does: alarms on
 * every function, every failure queue, the fan-out queue, the API, the table and the summaries'
 * deadlines, sent to one encrypted SNS topic whose subscribers come from configuration, and a
 * dashboard of the same.
 */
import { Aws, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmDefaults, functionDefaults } from '../config.ts';
import { pascalCase } from './naming.ts';
import type { PrepostApi } from './prepost-api.ts';

/** The CloudWatch namespace of the metrics the runtime emits (Powertools Metrics, EMF). */
export const METRICS_NAMESPACE = 'prepost';

/**
 * The runtime's metrics the alarms and dashboard read, each with the single dimension
 * `service=prepost` (Powertools' `serviceName`, `POWERTOOLS_SERVICE_NAME`).
 * - `Submissions`, `ValidationFailures` (Count): submit-survey.
 * - `AggregationDuration` (Milliseconds), `AggregatedCohorts` (Count): aggregate and aggregate-cohort.
 * - `SummariesSent` (Count): publish-summaries, one per summary email sent.
 * - `OverdueSummaries` (Count): see {@link OVERDUE_SUMMARIES}.
 */
export const RUNTIME_METRICS = [
  'Submissions',
  'ValidationFailures',
  'AggregationDuration',
  'AggregatedCohorts',
  'SummariesSent',
  'OverdueSummaries',
] as const;

/**
 * Why "a summary period not sent by its deadline" is a metric the hourly aggregate run emits rather
 * than an alarm on missing `SummariesSent`: summaries are monthly (cron `0 8 1 * ? *`), and a
 * CloudWatch alarm cannot look back over a month (an alarm's evaluation range is at most 7 days for
 * periods of an hour or more, and "missing data" over a month cannot be told from a quiet week). The
 * runtime knows each programme's schedule and its publication records, so it can say it directly:
 * on every run, `aggregate` emits `OverdueSummaries` = the number of programmes whose latest
 * scheduled summary time is more than `alarmDefaults.summaryGrace` (13 h: the Scheduler's 12 h of
 * retries plus one run) in the past without a publication of that period, 0 included. The alarm
 * fires when it is at least 1, or when it has not been emitted for two of three hours (the
 * aggregation itself stopped, which would hide an overdue summary).
 */
export const OVERDUE_SUMMARIES = 'OverdueSummaries';

export interface OperationsMonitoringProps {
  /** Every function, by name: each gets an errors alarm (authorizers excepted) and a throttles alarm. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;

  /**
   * Names in {@link functions} of Lambda authorizers, which get no errors alarm: an authorizer
   * refuses a token by failing with `Unauthorized` (API Gateway's one way to answer 401), which
   * Lambda counts as an error, so the alarm would fire on every refused token. An authorizer that
   * really fails (its table unreachable) makes API Gateway answer 500, which `Api5xxRate` watches.
   * @default - none
   */
  readonly authorizers?: readonly string[];
  /** The HTTP API: 5xx rate and p95 latency of its stage. */
  readonly api: PrepostApi;
  /** The table: read and write throttle events. */
  readonly table: dynamodb.ITable;
  /** Dead-letter and on-failure queues, by a name for the alarm: any message in one raises it. */
  readonly failureQueues: ReadonlyMap<string, sqs.IQueue>;
  /**
   * Queues of work a function takes, by a name for the alarm: the oldest message waiting longer
   * than {@link maxWorkAge} raises it (a stalled or starved worker).
   */
  readonly workQueues?: ReadonlyMap<string, sqs.IQueue>;

  /**
   * How long the oldest message of a work queue may wait before the alarm.
   * @default alarmDefaults.maxWorkAge (one hour)
   */
  readonly maxWorkAge?: Duration;
  /** The customer-managed key of the alarm topic (its policy must let CloudWatch use it). */
  readonly encryptionKey: kms.IKey;

  /**
   * Who receives the alarms by email (each confirms the subscription from the email SNS sends).
   * @default - nobody: subscribe to the topic later, or deploy with `-c alarmEmails=a@b.org,c@d.org`
   */
  readonly alarmEmails?: readonly string[];

  /**
   * Share of API requests answered 5xx over five minutes that raises the alarm.
   * @default alarmDefaults.api5xxRate (0.01)
   */
  readonly api5xxRate?: number;

  /**
   * p95 API latency in ms over five minutes (three in a row) that raises the alarm.
   * @default alarmDefaults.apiLatencyP95Ms (3000)
   */
  readonly apiLatencyP95Ms?: number;
}

/** The alarm topic, the alarms, and the dashboard. */
export class OperationsMonitoring extends Construct {
  /** Where every alarm (and its return to OK) is published. */
  public readonly alarmTopic: sns.Topic;
  /** Every alarm, by construct id. */
  public readonly alarms: ReadonlyMap<string, cloudwatch.Alarm>;
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsMonitoringProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'prepost alarms',
      masterKey: props.encryptionKey,
      enforceSSL: true,
    });
    // `enforceSSL` gives the topic a policy of its own, which replaces SNS's default one (that let
    // the account publish): CloudWatch publishes an alarm as the CloudWatch service, on behalf of the
    // alarm, so without this statement no alarm would ever reach the topic. Only this account's
    // alarms in this region (the confused-deputy guard AWS documents).
    this.alarmTopic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
          ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:*` },
        },
      }),
    );
    for (const email of props.alarmEmails ?? [])
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(email));

    const alarms = new Map<string, cloudwatch.Alarm>();
    const fiveMinutes = Duration.minutes(5);
    const alarm = (alarmId: string, options: cloudwatch.AlarmProps): void => {
      const created = new cloudwatch.Alarm(this, alarmId, options);
      created.addAlarmAction(new actions.SnsAction(this.alarmTopic));
      created.addOkAction(new actions.SnsAction(this.alarmTopic));
      alarms.set(alarmId, created);
    };
    const anyInFiveMinutes = {
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;

    const authorizers = new Set(props.authorizers ?? []);
    for (const [name, fn] of props.functions) {
      if (!authorizers.has(name))
        alarm(`${pascalCase(name)}Errors`, {
          metric: fn.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
          alarmDescription: `prepost ${name}: the function failed (see its log group)`,
          ...anyInFiveMinutes,
        });
      alarm(`${pascalCase(name)}Throttles`, {
        metric: fn.metricThrottles({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        alarmDescription: `prepost ${name}: invocations were throttled (concurrency exhausted)`,
        ...anyInFiveMinutes,
      });
    }

    for (const [name, queue] of props.failureQueues)
      alarm(`${pascalCase(name)}Depth`, {
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        alarmDescription: `prepost ${name}: a failed invocation is waiting to be read (and redriven)`,
        ...anyInFiveMinutes,
      });

    const maxWorkAge = props.maxWorkAge ?? alarmDefaults.maxWorkAge;
    for (const [name, queue] of props.workQueues ?? [])
      alarm(`${pascalCase(name)}Age`, {
        metric: queue.metricApproximateAgeOfOldestMessage({
          period: fiveMinutes,
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        alarmDescription:
          `prepost ${name}: a message has waited over ${maxWorkAge.toHumanString()} (the worker is stalled, ` +
          'throttled or failing)',
        threshold: maxWorkAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        // No data is an empty queue (SQS reports a queue that has been idle for a while as no data).
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });

    const { stage } = props.api;
    const requests = stage.metricCount({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM });
    const serverErrors = stage.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM });
    alarm('Api5xxRate', {
      metric: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, errors / requests, 0)',
        usingMetrics: { requests, errors: serverErrors },
        period: fiveMinutes,
        label: 'share of requests answered 5xx',
      }),
      alarmDescription: 'prepost API: requests answered 5xx (participants and staff must never see one)',
      threshold: props.api5xxRate ?? alarmDefaults.api5xxRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    const latencyP95 = stage.metricLatency({ period: fiveMinutes, statistic: cloudwatch.Stats.p(95) });
    alarm('ApiLatencyP95', {
      metric: latencyP95,
      alarmDescription: 'prepost API: p95 latency high for 15 minutes',
      threshold: props.apiLatencyP95Ms ?? alarmDefaults.apiLatencyP95Ms,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const tableThrottles = new cloudwatch.MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: props.table.metric('ReadThrottleEvents', { period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
        writes: props.table.metric('WriteThrottleEvents', { period: fiveMinutes, statistic: cloudwatch.Stats.SUM }),
      },
      period: fiveMinutes,
      label: 'read and write throttle events',
    });
    alarm('TableThrottles', {
      metric: tableThrottles,
      alarmDescription: 'prepost table: requests throttled (on-demand capacity or a hot partition)',
      ...anyInFiveMinutes,
    });

    const runtimeMetric = (metricName: string, statistic: string, period = fiveMinutes): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: functionDefaults.serviceName },
        statistic,
        period,
      });
    alarm('OverdueSummaries', {
      metric: runtimeMetric(OVERDUE_SUMMARIES, cloudwatch.Stats.MAXIMUM, Duration.hours(1)),
      alarmDescription:
        "prepost summaries: a programme's summary period passed its deadline without a send, or the hourly " +
        'aggregation stopped saying so',
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      // Missing data counts as breaching, so that a stopped aggregation cannot hide an overdue
      // summary. The price, kept knowingly: a fresh deployment has no data yet and is in ALARM from
      // the start until two hourly runs have emitted 0 (README, "Operations"). NOT_BREACHING with a
      // separate "aggregation stopped" alarm would have the same start, since that one too could
      // only read missing data as breaching.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.alarms = alarms;

    const functionWidget = (
      title: string,
      metricOf: (fn: lambda.IFunction) => cloudwatch.IMetric,
    ): cloudwatch.GraphWidget =>
      new cloudwatch.GraphWidget({
        title,
        width: 12,
        left: [...props.functions].map(([name, fn]) =>
          (metricOf(fn) as cloudwatch.Metric).with({ label: name, period: fiveMinutes }),
        ),
      });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', width: 24, alarms: [...alarms.values()] })],
        [
          new cloudwatch.GraphWidget({
            title: 'API requests and 5xx',
            width: 8,
            left: [requests.with({ label: 'requests' })],
            right: [serverErrors.with({ label: '5xx' })],
          }),
          new cloudwatch.GraphWidget({ title: 'API latency p95 (ms)', width: 8, left: [latencyP95] }),
          new cloudwatch.GraphWidget({ title: 'Table throttle events', width: 8, left: [tableThrottles] }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Submissions and validation failures',
            width: 8,
            left: [
              runtimeMetric('Submissions', cloudwatch.Stats.SUM),
              runtimeMetric('ValidationFailures', cloudwatch.Stats.SUM),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Aggregation',
            width: 8,
            left: [runtimeMetric('AggregatedCohorts', cloudwatch.Stats.SUM, Duration.hours(1))],
            right: [runtimeMetric('AggregationDuration', cloudwatch.Stats.MAXIMUM, Duration.hours(1))],
          }),
          new cloudwatch.GraphWidget({
            title: 'Summaries sent and overdue',
            width: 8,
            left: [runtimeMetric('SummariesSent', cloudwatch.Stats.SUM, Duration.hours(1))],
            right: [runtimeMetric(OVERDUE_SUMMARIES, cloudwatch.Stats.MAXIMUM, Duration.hours(1))],
          }),
        ],
        [
          functionWidget('Function errors', (fn) => fn.metricErrors({ statistic: cloudwatch.Stats.SUM })),
          functionWidget('Function throttles', (fn) => fn.metricThrottles({ statistic: cloudwatch.Stats.SUM })),
        ],
        [
          functionWidget('Function duration p95 (ms)', (fn) =>
            fn.metricDuration({ statistic: cloudwatch.Stats.p(95) }),
          ),
          new cloudwatch.GraphWidget({
            title: 'Failure queues (messages waiting); work queues (oldest job, s)',
            width: 12,
            left: [...props.failureQueues].map(([name, queue]) =>
              queue.metricApproximateNumberOfMessagesVisible({
                label: name,
                period: fiveMinutes,
                statistic: cloudwatch.Stats.MAXIMUM,
              }),
            ),
            right: [...(props.workQueues ?? [])].map(([name, queue]) =>
              queue.metricApproximateAgeOfOldestMessage({
                label: name,
                period: fiveMinutes,
                statistic: cloudwatch.Stats.MAXIMUM,
              }),
            ),
          }),
        ],
      ],
    });
  }
}
