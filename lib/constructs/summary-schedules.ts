/**
 * The Publish stage's clock: one EventBridge Scheduler schedule per programme, on the cron and
 * time zone its definition in `surveys/` gives, each invoking publish-summaries with
 * `{"programme": "<id>"}`. A delivery that failed goes to a dead-letter queue, a run that failed
 * to the function's on-failure destination: a missed monthly summary is never silent.
 */
import { TimeZone } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { scheduleDefaults } from '../config.ts';
import { InvocationFailures } from './invocation-failures.ts';
import { acknowledgeScheduledInvoke } from './nag.ts';
import { pascalCase } from './naming.ts';

/** When a programme's funders receive their summary, as its definition states it. */
export interface SummarySchedule {
  /** An EventBridge Scheduler cron expression, with or without the `cron(...)` wrapper. */
  readonly cron: string;
  /** An IANA time zone name, e.g. `Europe/Bucharest`. */
  readonly timezone: string;
}

export interface SummarySchedulesProps {
  /** The publish-summaries function. */
  readonly publishFunction: lambda.IFunction;
  /** Programme id -> its summary schedule (the catalogue's `programmes`, or any such map). */
  readonly programmes: ReadonlyMap<string, { readonly summarySchedule: SummarySchedule }>;
  /** The customer-managed key of the failure queues. */
  readonly encryptionKey: kms.IKey;
}

/** A summary schedule per programme. */
export class SummarySchedules extends Construct {
  /** Programme id -> its schedule. */
  public readonly schedules: ReadonlyMap<string, scheduler.Schedule>;
  /** Where failed deliveries and failed runs of every programme's schedule go. */
  public readonly failures: InvocationFailures;

  constructor(scope: Construct, id: string, props: SummarySchedulesProps) {
    super(scope, id);
    this.failures = new InvocationFailures(this, 'Failures', {
      fn: props.publishFunction,
      encryptionKey: props.encryptionKey,
      maxEventAge: scheduleDefaults.summaryMaxEventAge,
    });
    const schedules = new Map<string, scheduler.Schedule>();
    for (const [programmeId, { summarySchedule }] of props.programmes) {
      schedules.set(
        programmeId,
        new scheduler.Schedule(this, pascalCase(programmeId), {
          description: `prepost: publish the summaries of programme ${programmeId}`,
          schedule: toScheduleExpression(programmeId, summarySchedule),
          target: new targets.LambdaInvoke(props.publishFunction, {
            input: scheduler.ScheduleTargetInput.fromObject({ programme: programmeId }),
            maxEventAge: scheduleDefaults.summaryMaxEventAge,
            retryAttempts: scheduleDefaults.summaryRetryAttempts,
            deadLetterQueue: this.failures.deadLetterQueue,
            role: this.failures.schedulerRole,
          }),
        }),
      );
    }
    this.schedules = schedules;
    acknowledgeScheduledInvoke(props.publishFunction);
  }
}

/**
 * Checks a programme's schedule here, at synth, where the message can name the programme,
 * rather than leaving a malformed cron for CloudFormation to reject mid-deployment.
 */
export function toScheduleExpression(
  programmeId: string,
  { cron, timezone }: SummarySchedule,
): scheduler.ScheduleExpression {
  const where = `programme "${programmeId}" summarySchedule`;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new Error(`${where}.timezone: "${timezone}" is not an IANA time zone`);
  }
  const body = /^cron\((.*)\)$/.exec(cron.trim())?.[1] ?? cron.trim();
  const fields = body.split(/\s+/);
  if (fields.length !== 6) {
    throw new Error(
      `${where}.cron: "${cron}" must have 6 fields (minutes hours day-of-month month day-of-week year), as ` +
        `EventBridge Scheduler expects`,
    );
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    throw new Error(`${where}.cron: "${cron}" must set exactly one of day-of-month and day-of-week to "?"`);
  }
  return scheduler.ScheduleExpression.expression(`cron(${fields.join(' ')})`, TimeZone.of(timezone));
}
