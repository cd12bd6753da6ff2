/**
 * Issue 13's infrastructure, read from the templates `cdk synth` writes (same `buildApp`, same
 * cdk.json context, the real catalogue; bundling skipped): the customer-managed key on everything
 * that stores data, the aggregation fan-out's wiring, a failure queue behind every asynchronous
 * invocation and every schedule, the alarms and the dashboard, the per-route throttles, and the web
 * ACL in front of the API with what it may log. cdk-nag over all three stacks is app.test.ts's.
 */
import { readFileSync } from 'node:fs';
import { App, Duration, Stack, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as kms from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PrepostApp } from '../../lib/app.ts';
import {
  apiDefaults,
  edgeDefaults,
  functionDefaults,
  handlerEntry,
  scheduleDefaults,
  workerSizing,
} from '../../lib/config.ts';
import { SqsToLambdaFanOut } from '../../lib/constructs/aggregation-fan-out.ts';
import { RUNTIME_METRICS } from '../../lib/constructs/operations-monitoring.ts';
import { PrepostFunction } from '../../lib/constructs/prepost-function.ts';
import { routes } from '../../lib/routes.ts';
import type { FunctionName } from '../../lib/stacks/pipeline-stack.ts';
import { shippedCatalog } from '../../surveys/index.ts';
import { dependencyCycle, evaluate } from './cloudformation.ts';
import { actionsOf, statementsOfRole, type Statement } from './iam.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read by path in assertions
type Json = any;

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const context = { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] };

let built: PrepostApp;
let data: Template;
let pipeline: Template;
let edge: Template;

beforeAll(() => {
  built = buildApp({ programmes: shippedCatalog().programmes, appProps: { context } });
  data = Template.fromStack(built.dataStack);
  pipeline = Template.fromStack(built.pipelineStack);
  edge = Template.fromStack(built.edgeStack);
}, 180_000);

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const cfn = construct.node.defaultChild as CfnResource;
  return cfn.stack.getLogicalId(cfn);
}

function resources(template: Template, type: string): [string, Json][] {
  return Object.entries(template.findResources(type));
}

function functionNamed(name: FunctionName): { id: string; props: Json; roleId: string } {
  const fn = built.pipelineStack.functions.get(name);
  if (fn === undefined) throw new Error(`no function ${name}`);
  const id = logicalId(fn);
  const roleId = logicalId(fn.role as unknown as { node: { defaultChild?: unknown } });
  return { id, props: pipeline.toJSON().Resources[id].Properties, roleId };
}

const functionNames = (): FunctionName[] => [...built.pipelineStack.functions.keys()];

/** The DataStack's key as the PipelineStack names it: its ARN, read from the DataStack's output. */
function keyArnInPipeline(): string {
  const [, queue] = resources(pipeline, 'AWS::SQS::Queue')[0] ?? [];
  return evaluate(queue.Properties.KmsMasterKeyId, 'PrepostPipeline');
}

function statementsWith(roleId: string, prefix: string): Statement[] {
  return statementsOfRole(pipeline, roleId).filter((s) => actionsOf(s).some((action) => action.startsWith(prefix)));
}

function viaService(statement: Statement): string {
  const service = statement.Condition?.StringEquals?.['kms:ViaService'];
  return service === undefined ? '' : evaluate(service, 'PrepostPipeline');
}

/** Whether a statement names this resource (alone, or among others: CDK merges statements that differ only in it). */
function names(statement: Statement, resource: Json): boolean {
  const list = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
  return list.some((item: Json) => JSON.stringify(item) === JSON.stringify(resource));
}

describe('the customer-managed key', () => {
  it('is one key, rotated, retained, in the DataStack', () => {
    const keys = resources(data, 'AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const [, key] = keys[0] as [string, Json];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(key.UpdateReplacePolicy).toBe('Retain');
  });

  it('encrypts the table, the summary bucket and the link secret; the access-log bucket stays SSE-S3', () => {
    const key = { 'Fn::GetAtt': [logicalId(built.dataStack.key), 'Arn'] };
    const table = data.toJSON().Resources[logicalId(built.dataStack.table)].Properties;
    expect(table.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: key });
    const bucket = data.toJSON().Resources[logicalId(built.dataStack.summaryBucket)].Properties;
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { BucketKeyEnabled: true, ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: key } },
    ]);
    // S3 server access logs are delivered only to SSE-S3 buckets.
    const logs = data.toJSON().Resources[logicalId(built.dataStack.accessLogBucket)].Properties;
    expect(logs.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    const secret = data.toJSON().Resources[logicalId(built.dataStack.linkKeySecret)].Properties;
    expect(secret.KmsKeyId).toEqual(key);
  });

  it("lets CloudWatch Logs use it for this account's log groups only, and CloudWatch alarms publish with it", () => {
    const key = data.toJSON().Resources[logicalId(built.dataStack.key)].Properties;
    const statements = key.KeyPolicy.Statement as Json[];
    const logs = statements.find((s) => JSON.stringify(s.Principal).includes('logs.'));
    expect(evaluate(logs.Principal.Service, 'PrepostData')).toBe('logs.eu-west-1.amazonaws.com');
    expect(evaluate(logs.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn'], 'PrepostData')).toBe(
      'arn:aws:logs:eu-west-1:123456789012:log-group:*',
    );
    expect(logs.Condition).toEqual({ ArnLike: { 'kms:EncryptionContext:aws:logs:arn': expect.anything() } });
    const alarms = statements.find((s) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(alarms.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    // Only for this account's alarms in this region.
    expect(Object.keys(alarms.Condition).sort()).toEqual(['ArnLike', 'StringEquals']);
    expect(evaluate(alarms.Condition.StringEquals['aws:SourceAccount'], 'PrepostData')).toBe('123456789012');
    expect(evaluate(alarms.Condition.ArnLike['aws:SourceArn'], 'PrepostData')).toBe(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*',
    );
  });

  it('encrypts every queue, the alarm topic and every log group of the PipelineStack', () => {
    const keyArn = keyArnInPipeline();
    expect(keyArn).toMatch(/^out-publishoutputfngetattkey[a-z0-9]*arn/);
    const queues = resources(pipeline, 'AWS::SQS::Queue');
    // The fan-out's queue and dead-letter queue; each schedule's dead-letter and on-failure queues.
    expect(queues.length).toBe(6);
    for (const [id, queue] of queues) expect(evaluate(queue.Properties.KmsMasterKeyId, 'x'), id).toBe(keyArn);
    for (const [id, topic] of resources(pipeline, 'AWS::SNS::Topic'))
      expect(evaluate(topic.Properties.KmsMasterKeyId, 'x'), id).toBe(keyArn);
    const logGroups = resources(pipeline, 'AWS::Logs::LogGroup');
    // One per function, and the API's access log.
    expect(logGroups).toHaveLength(functionNames().length + 1);
    for (const [id, group] of logGroups) expect(evaluate(group.Properties.KmsKeyId, 'x'), id).toBe(keyArn);
  });

  it('lets DynamoDB use it for each function, decrypting only for those that only read', () => {
    const keyArn = keyArnInPipeline();
    const readOnly = ['get-survey', 'get-impact', 'authorize-api'];
    for (const name of functionNames()) {
      const key = statementsWith(functionNamed(name).roleId, 'kms:').filter((s) =>
        viaService(s).startsWith('dynamodb.'),
      );
      expect(key, name).toHaveLength(1);
      const statement = key[0] as Statement;
      expect(evaluate(statement.Resource, 'x'), name).toBe(keyArn);
      expect(viaService(statement), name).toBe('dynamodb.eu-west-1.amazonaws.com');
      expect([...actionsOf(statement)].sort(), name).toEqual(
        readOnly.includes(name)
          ? ['kms:Decrypt', 'kms:DescribeKey']
          : [
              'kms:Decrypt',
              'kms:DescribeKey',
              'kms:Encrypt',
              'kms:GenerateDataKey',
              'kms:ReEncryptFrom',
              'kms:ReEncryptTo',
            ],
      );
    }
  });

  it('lets the link-key readers decrypt the secret through Secrets Manager, and no one else', () => {
    for (const name of functionNames()) {
      const { roleId, props } = functionNamed(name);
      const throughSecrets = statementsWith(roleId, 'kms:').filter((s) => viaService(s).startsWith('secretsmanager.'));
      if (props.Environment.Variables.LINK_KEY_SECRET_ARN === undefined) {
        expect(throughSecrets, name).toEqual([]);
        continue;
      }
      expect(
        throughSecrets.map((s) => actionsOf(s)),
        name,
      ).toEqual([['kms:Decrypt']]);
      expect(
        statementsWith(roleId, 'secretsmanager:').map((s) => actionsOf(s)),
        name,
      ).toEqual([['secretsmanager:GetSecretValue']]);
    }
  });

  it('grants no role a KMS action on any key except through a named service (kms:ViaService)', () => {
    const policies = [
      ...resources(pipeline, 'AWS::IAM::Policy'),
      ...resources(data, 'AWS::IAM::Policy'),
      ...resources(data, 'AWS::IAM::ManagedPolicy'),
    ];
    let checked = 0;
    for (const [id, policy] of policies)
      for (const statement of policy.Properties.PolicyDocument.Statement as Statement[])
        if (actionsOf(statement).some((action) => action.startsWith('kms:'))) {
          checked += 1;
          expect(Object.keys(statement.Condition ?? {}), `${id} ${actionsOf(statement)}`).toEqual(['StringEquals']);
          expect(Object.keys(statement.Condition?.StringEquals ?? {}), id).toEqual(['kms:ViaService']);
        }
    // Every function (DynamoDB), the link-key readers, the queue senders and consumer, the summary policies.
    expect(checked).toBeGreaterThan(functionNames().length);
  });

  it('grants no wildcard KMS action to any function', () => {
    for (const name of functionNames())
      for (const statement of statementsWith(functionNamed(name).roleId, 'kms:'))
        for (const action of actionsOf(statement)) expect(action, name).not.toContain('*');
  });
});

describe('the aggregation fan-out', () => {
  it('is a standard queue with its own dead-letter queue after 5 receives, hidden 6x the worker timeout', () => {
    const { queue, deadLetterQueue } = built.pipelineStack.aggregationFanOut;
    const props = pipeline.toJSON().Resources[logicalId(queue)].Properties;
    expect(props.FifoQueue).toBeUndefined();
    expect(props.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [logicalId(deadLetterQueue), 'Arn'] },
      // AWS's advice for a Lambda event source: throttled receives count too.
      maxReceiveCount: 5,
    });
    const workerTimeout = functionNamed('aggregate-cohort').props.Timeout as number;
    expect(workerTimeout).toBe(workerSizing['aggregate-cohort'].timeout.toSeconds());
    expect(props.VisibilityTimeout).toBeGreaterThanOrEqual(6 * workerTimeout);
  });

  it('drives aggregate-cohort one job per invocation, reporting failed items, at most 50 at once', () => {
    const mappings = resources(pipeline, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0] as [string, Json];
    expect(mapping.Properties.FunctionName).toEqual({ Ref: functionNamed('aggregate-cohort').id });
    expect(mapping.Properties.EventSourceArn).toEqual({
      'Fn::GetAtt': [logicalId(built.pipelineStack.aggregationFanOut.queue), 'Arn'],
    });
    // One: a batch runs its jobs in turn within one timeout, and a pool's job may take most of it.
    expect(mapping.Properties.BatchSize).toBe(1);
    expect(mapping.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mapping.Properties.ScalingConfig).toEqual({ MaximumConcurrency: 50 });
    // Consuming: receive, delete, and decrypt the messages' data keys through SQS only.
    const { roleId } = functionNamed('aggregate-cohort');
    const actions = statementsOfRole(pipeline, roleId).flatMap(actionsOf);
    expect(actions).toEqual(expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']));
    const decrypts = statementsWith(roleId, 'kms:').filter((s) => actionsOf(s).includes('kms:Decrypt'));
    expect(decrypts.length).toBeGreaterThan(0);
    for (const statement of decrypts)
      expect(viaService(statement)).toMatch(/^(sqs|dynamodb)\.eu-west-1\.amazonaws\.com$/);
    expect(decrypts.map(viaService)).toContain('sqs.eu-west-1.amazonaws.com');
  });

  it('gives AGGREGATION_QUEUE_URL and sqs:SendMessage on the queue to aggregate and aggregate-cohort only', () => {
    const queueId = logicalId(built.pipelineStack.aggregationFanOut.queue);
    const senders: string[] = [];
    for (const name of functionNames()) {
      const { props, roleId } = functionNamed(name);
      const sends = statementsWith(roleId, 'sqs:SendMessage').filter((s) =>
        names(s, { 'Fn::GetAtt': [queueId, 'Arn'] }),
      );
      const url = props.Environment.Variables.AGGREGATION_QUEUE_URL;
      expect(url === undefined, name).toBe(sends.length === 0);
      if (url === undefined) continue;
      senders.push(name);
      expect(url, name).toEqual({ Ref: queueId });
      // The worker also consumes the queue (CDK merges statements on one resource).
      expect([...new Set(sends.flatMap(actionsOf))].sort(), name).toEqual(
        name === 'aggregate-cohort'
          ? [
              'sqs:ChangeMessageVisibility',
              'sqs:DeleteMessage',
              'sqs:GetQueueAttributes',
              'sqs:GetQueueUrl',
              'sqs:ReceiveMessage',
              'sqs:SendMessage',
            ]
          : ['sqs:SendMessage'],
      );
      // SQS makes the message's data key with the queue's key, on the sender's behalf.
      const key = statementsWith(roleId, 'kms:').filter((s) => viaService(s).startsWith('sqs.'));
      expect(
        key.map((s) => [...actionsOf(s)].sort()),
        name,
      ).toEqual([['kms:Decrypt', 'kms:GenerateDataKey']]);
    }
    expect(senders.sort()).toEqual(['aggregate', 'aggregate-cohort']);
  });

  it('lets aggregate-cohort read and write the table, sized from measurement, without a reservation', () => {
    const { props, roleId } = functionNamed('aggregate-cohort');
    expect(statementsWith(roleId, 'dynamodb:').flatMap(actionsOf)).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:BatchWriteItem']),
    );
    expect(props.MemorySize).toBe(workerSizing['aggregate-cohort'].memorySize);
    expect(props.Timeout).toBe(15 * 60);
    expect(props.ReservedConcurrentExecutions).toBeUndefined();
    expect(props.Environment.Variables.TABLE_NAME).toBeDefined();
  });

  it("follows its worker's timeout and takes its limits from props (SqsToLambdaFanOut on its own)", () => {
    const stack = new Stack(new App({ context }), 'FanOutAlone');
    const worker = new PrepostFunction(stack, 'Worker', {
      entry: handlerEntry('aggregate-cohort'),
      trigger: 'queue',
      timeout: Duration.minutes(2),
    });
    const fanOut = new SqsToLambdaFanOut(stack, 'FanOut', {
      worker,
      encryptionKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
      batchSize: 5,
      maxConcurrency: 7,
      maxReceiveCount: 4,
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 6 * 120,
      RedrivePolicy: { maxReceiveCount: 4 },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 5,
      ScalingConfig: { MaximumConcurrency: 7 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // The worker may consume the queue, and decrypt its messages' data keys through SQS only.
    const statements = statementsOfRole(
      template,
      logicalId(worker.role as unknown as { node: { defaultChild?: unknown } }),
    );
    const keyArn = { 'Fn::GetAtt': [Object.keys(template.findResources('AWS::KMS::Key'))[0], 'Arn'] };
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')))).toEqual([
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: keyArn,
        Condition: {
          StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['sqs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
        },
      },
    ]);
    const queueArn = { 'Fn::GetAtt': [logicalId(fanOut.queue), 'Arn'] };
    const consume = statements.find((s) => names(s, queueArn));
    expect([...actionsOf(consume as Statement)].sort()).toEqual([
      'sqs:ChangeMessageVisibility',
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ReceiveMessage',
    ]);
  });
});

describe('senders to the encrypted queues', () => {
  it('are exactly the expected roles, each using the key through SQS only, for a data key and its decryption', () => {
    const { aggregationFanOut, aggregationSchedule, summarySchedules } = built.pipelineStack;
    const role = (name: FunctionName): string => functionNamed(name).roleId;
    const expected = new Map<string, string[]>([
      [logicalId(aggregationFanOut.queue), [role('aggregate'), role('aggregate-cohort')]],
      // SQS moves dead letters itself: no role sends to the fan-out's dead-letter queue.
      [logicalId(aggregationFanOut.deadLetterQueue), []],
      [logicalId(aggregationSchedule.failures.failureQueue), [role('aggregate')]],
      [
        logicalId(aggregationSchedule.failures.deadLetterQueue),
        [logicalId(aggregationSchedule.failures.schedulerRole)],
      ],
      [logicalId(summarySchedules.failures.failureQueue), [role('publish-summaries')]],
      [logicalId(summarySchedules.failures.deadLetterQueue), [logicalId(summarySchedules.failures.schedulerRole)]],
    ]);
    const queues = resources(pipeline, 'AWS::SQS::Queue');
    expect(queues.map(([id]) => id).sort()).toEqual([...expected.keys()].sort());
    const keyArn = keyArnInPipeline();
    const policies = resources(pipeline, 'AWS::IAM::Policy');
    for (const [queueId, queue] of queues) {
      expect(evaluate(queue.Properties.KmsMasterKeyId, 'x'), queueId).toBe(keyArn);
      const senders = policies
        .filter(([, policy]) =>
          (policy.Properties.PolicyDocument.Statement as Statement[]).some(
            (s) => actionsOf(s).includes('sqs:SendMessage') && names(s, { 'Fn::GetAtt': [queueId, 'Arn'] }),
          ),
        )
        .flatMap(([, policy]) => policy.Properties.Roles.map((r: Json) => r.Ref as string));
      expect(senders.sort(), queueId).toEqual([...(expected.get(queueId) ?? [])].sort());
      for (const roleId of senders) {
        const throughSqs = statementsOfRole(pipeline, roleId).filter(
          (s) => actionsOf(s).some((a) => a.startsWith('kms:')) && viaService(s).startsWith('sqs.'),
        );
        const sends = throughSqs.filter((s) => actionsOf(s).includes('kms:GenerateDataKey'));
        expect(sends, roleId).toHaveLength(1);
        const statement = sends[0] as Statement;
        expect([...actionsOf(statement)].sort(), roleId).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
        expect(evaluate(statement.Resource, 'x'), roleId).toBe(keyArn);
        expect(statement.Condition, roleId).toEqual({ StringEquals: { 'kms:ViaService': expect.anything() } });
        expect(viaService(statement), roleId).toBe('sqs.eu-west-1.amazonaws.com');
      }
    }
  });
});

describe('failure paths', () => {
  const scheduled = (): { name: FunctionName; failures: Json }[] => [
    { name: 'aggregate', failures: built.pipelineStack.aggregationSchedule.failures },
    { name: 'publish-summaries', failures: built.pipelineStack.summarySchedules.failures },
  ];

  it('sends every failed asynchronous run to an encrypted on-failure queue after Lambda retries', () => {
    const configs = resources(pipeline, 'AWS::Lambda::EventInvokeConfig');
    // Only the scheduled functions are invoked asynchronously.
    expect(configs).toHaveLength(scheduled().length);
    for (const { name, failures } of scheduled()) {
      const { id, roleId } = functionNamed(name);
      const [, config] = configs.find(([, c]) => c.Properties.FunctionName.Ref === id) as [string, Json];
      const queueId = logicalId(failures.failureQueue);
      expect(config.Properties.DestinationConfig, name).toEqual({
        OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      });
      expect(config.Properties.MaximumRetryAttempts, name).toBe(scheduleDefaults.functionRetryAttempts);
      expect(config.Properties.MaximumEventAgeInSeconds, name).toBeLessThanOrEqual(6 * 3600);
      expect(pipeline.toJSON().Resources[queueId].Properties.KmsMasterKeyId, name).toBeDefined();
      // The function's role sends the record, through the key.
      const sends = statementsWith(roleId, 'sqs:').filter((s) => JSON.stringify(s.Resource).includes(queueId));
      expect(sends.flatMap(actionsOf), name).toEqual(['sqs:SendMessage']);
    }
  });

  it('gives every schedule target a dead-letter queue its role may send to, and the retries of lib/config.ts', () => {
    const schedules = resources(pipeline, 'AWS::Scheduler::Schedule');
    expect(schedules.length).toBeGreaterThan(1);
    for (const [id, schedule] of schedules) {
      const target = schedule.Properties.Target;
      const isAggregation = target.Arn['Fn::GetAtt'][0] === functionNamed('aggregate').id;
      const { failures } = scheduled()[isAggregation ? 0 : 1] as { failures: Json };
      const dlqId = logicalId(failures.deadLetterQueue);
      expect(target.DeadLetterConfig, id).toEqual({ Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } });
      expect(target.RetryPolicy, id).toEqual(
        isAggregation
          ? {
              MaximumEventAgeInSeconds: scheduleDefaults.aggregationMaxEventAge.toSeconds(),
              MaximumRetryAttempts: scheduleDefaults.aggregationRetryAttempts,
            }
          : {
              MaximumEventAgeInSeconds: scheduleDefaults.summaryMaxEventAge.toSeconds(),
              MaximumRetryAttempts: scheduleDefaults.summaryRetryAttempts,
            },
      );
      const roleId = logicalId(failures.schedulerRole);
      expect(target.RoleArn, id).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      const statements = statementsOfRole(pipeline, roleId);
      expect(
        statements.some((s) => actionsOf(s).includes('sqs:SendMessage') && JSON.stringify(s.Resource).includes(dlqId)),
        id,
      ).toBe(true);
      expect(
        statements.some((s) => actionsOf(s).includes('kms:GenerateDataKey')),
        id,
      ).toBe(true);
      expect(
        statements.some((s) => actionsOf(s).includes('lambda:InvokeFunction')),
        id,
      ).toBe(true);
    }
  });

  it("lets only this account's schedules of the default schedule group assume the scheduler roles", () => {
    for (const { failures } of scheduled()) {
      const role = pipeline.toJSON().Resources[logicalId(failures.schedulerRole)].Properties;
      expect(role.AssumeRolePolicyDocument.Statement).toEqual([
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnEquals: { 'aws:SourceArn': expect.anything() },
          },
        },
      ]);
      const [statement] = role.AssumeRolePolicyDocument.Statement;
      expect(evaluate(statement.Condition.ArnEquals['aws:SourceArn'], 'PrepostPipeline')).toBe(
        'arn:aws:scheduler:eu-west-1:123456789012:schedule-group/default',
      );
    }
    // The schedules are in that group (they name none).
    for (const [id, schedule] of resources(pipeline, 'AWS::Scheduler::Schedule'))
      expect(schedule.Properties.GroupName, id).toBeUndefined();
  });
});

describe('alarms and dashboard', () => {
  const alarms = (): Json[] => resources(pipeline, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
  const topicRef = (): Json => ({ Ref: logicalId(built.pipelineStack.monitoring.alarmTopic) });

  it('sends every alarm, and its return to OK, to the encrypted alarm topic', () => {
    expect(alarms().length).toBeGreaterThan(0);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, alarm.AlarmDescription).toEqual([topicRef()]);
      expect(alarm.OKActions, alarm.AlarmDescription).toEqual([topicRef()]);
    }
    const topic = pipeline.toJSON().Resources[logicalId(built.pipelineStack.monitoring.alarmTopic)].Properties;
    expect(topic.KmsMasterKeyId).toBeDefined();
    // The topic's own policy (enforceSSL writes one, replacing SNS's default) lets CloudWatch publish,
    // for this account's alarms in this region only: without it no alarm would ever arrive.
    const policies = resources(pipeline, 'AWS::SNS::TopicPolicy').filter(([, p]) =>
      p.Properties.Topics.some((t: Json) => JSON.stringify(t) === JSON.stringify(topicRef())),
    );
    expect(policies).toHaveLength(1);
    const statements = (policies[0] as [string, Json])[1].Properties.PolicyDocument.Statement as Json[];
    const publish = statements.filter(
      (s) => s.Effect === 'Allow' && s.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(publish).toHaveLength(1);
    expect(publish[0].Action).toBe('sns:Publish');
    expect(publish[0].Resource).toEqual(topicRef());
    expect(Object.keys(publish[0].Condition).sort()).toEqual(['ArnLike', 'StringEquals']);
    expect(evaluate(publish[0].Condition.StringEquals['aws:SourceAccount'], 'PrepostPipeline')).toBe('123456789012');
    expect(evaluate(publish[0].Condition.ArnLike['aws:SourceArn'], 'PrepostPipeline')).toBe(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*',
    );
    // And the SSL-only deny is still there.
    expect(statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition).includes('SecureTransport'))).toBe(
      true,
    );
    // No address by default.
    pipeline.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('watches errors of every function but the authorizer, and throttles of every function', () => {
    for (const name of functionNames()) {
      const { id } = functionNamed(name);
      for (const metric of ['Errors', 'Throttles']) {
        const found = alarms().filter(
          (a) =>
            a.Namespace === 'AWS/Lambda' &&
            a.MetricName === metric &&
            JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: id } }]),
        );
        // The authorizer refuses a token by failing ('Unauthorized' is API Gateway's 401): Lambda
        // counts each refusal as an error. Its real failures are API 5xx, which Api5xxRate watches.
        if (name === 'authorize-api' && metric === 'Errors') {
          expect(found, `${name} ${metric}`).toEqual([]);
          continue;
        }
        expect(found, `${name} ${metric}`).toHaveLength(1);
        expect(found[0].Threshold).toBe(0);
        expect(found[0].ComparisonOperator).toBe('GreaterThanThreshold');
      }
    }
  });

  it('raises an alarm for any message in any dead-letter or on-failure queue', () => {
    const queues = resources(pipeline, 'AWS::SQS::Queue')
      .map(([id]) => id)
      .filter((id) => id !== logicalId(built.pipelineStack.aggregationFanOut.queue));
    expect(queues).toHaveLength(5);
    for (const queueId of queues) {
      const found = alarms().filter(
        (a) =>
          a.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(a.Dimensions).includes(`"${queueId}","QueueName"`),
      );
      expect(found, queueId).toHaveLength(1);
      expect(found[0]).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Statistic: 'Maximum',
      });
    }
  });

  it("raises an alarm when the fan-out queue's oldest job has waited over an hour", () => {
    const queueId = logicalId(built.pipelineStack.aggregationFanOut.queue);
    const found = alarms().filter(
      (a) =>
        a.MetricName === 'ApproximateAgeOfOldestMessage' &&
        JSON.stringify(a.Dimensions).includes(`"${queueId}","QueueName"`),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 3600,
      ComparisonOperator: 'GreaterThanThreshold',
      Statistic: 'Maximum',
      TreatMissingData: 'notBreaching',
    });
    expect(alarms().filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage')).toHaveLength(1);
  });

  it("watches the API stage's 5xx rate and p95 latency", () => {
    const stage = [
      { Name: 'ApiId', Value: { Ref: logicalId(built.pipelineStack.api.httpApi) } },
      { Name: 'Stage', Value: '$default' },
    ];
    const rate = alarms().find((a) => a.Metrics?.some((m: Json) => m.MetricStat?.Metric.MetricName === '5xx'));
    expect(rate).toBeDefined();
    const named = (name: string): Json => rate.Metrics.find((m: Json) => m.MetricStat?.Metric.MetricName === name);
    for (const name of ['5xx', 'Count']) {
      expect(named(name).MetricStat.Metric.Namespace).toBe('AWS/ApiGateway');
      expect(named(name).MetricStat.Metric.Dimensions).toEqual(stage);
    }
    expect(rate.Metrics.find((m: Json) => m.Expression !== undefined).Expression).toContain('/');
    const latency = alarms().find((a) => a.MetricName === 'Latency');
    expect(latency).toMatchObject({ Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p95', Dimensions: stage });
  });

  it('watches read and write throttle events of the table', () => {
    const throttles = alarms().find((a) =>
      a.Metrics?.some((m: Json) => m.MetricStat?.Metric.MetricName === 'ReadThrottleEvents'),
    );
    const names = throttles.Metrics.flatMap((m: Json) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : []));
    expect(names.sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
    for (const m of throttles.Metrics.filter((metric: Json) => metric.MetricStat))
      expect(evaluate(m.MetricStat.Metric.Dimensions[0].Value, 'x')).toMatch(/^out-publishoutputreftable/);
  });

  it('raises an alarm when a summary period is overdue, or when the hourly run stops saying so', () => {
    const overdue = alarms().find((a) => a.MetricName === 'OverdueSummaries');
    expect(overdue).toMatchObject({
      Namespace: 'prepost',
      Dimensions: [{ Name: 'service', Value: functionDefaults.serviceName }],
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'breaching',
    });
  });

  it('has a dashboard of the alarms, the API, the table, the queues and every runtime metric', () => {
    const dashboards = resources(pipeline, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.[1].Properties.DashboardBody);
    for (const metric of [...RUNTIME_METRICS, '5xx', 'Latency', 'ReadThrottleEvents', 'Errors', 'Throttles'])
      expect(body, metric).toContain(`\\"${metric}\\"`);
    expect(body).toContain('ApproximateNumberOfMessagesVisible');
    expect(body).toContain('ApproximateAgeOfOldestMessage');
  });

  it('subscribes the addresses given as context, and refuses one that is not an address', () => {
    const withEmails = buildApp({
      programmes: shippedCatalog().programmes,
      appProps: { context: { ...context, alarmEmails: 'ops@example.org, evaluator@example.org' } },
    });
    const subscriptions = resources(Template.fromStack(withEmails.pipelineStack), 'AWS::SNS::Subscription');
    expect(subscriptions.map(([, s]) => [s.Properties.Protocol, s.Properties.Endpoint]).sort()).toEqual([
      ['email', 'evaluator@example.org'],
      ['email', 'ops@example.org'],
    ]);
    expect(() =>
      buildApp({
        programmes: shippedCatalog().programmes,
        appProps: { context: { ...context, alarmEmails: 'ops@example.org,not-an-address' } },
      }),
    ).toThrow(/"not-an-address" is not an email address/);
  }, 120_000);
});

describe('per-route throttles', () => {
  it('throttles every route by how it is reached, participants apart from staff', () => {
    const [, stage] = resources(pipeline, 'AWS::ApiGatewayV2::Stage')[0] as [string, Json];
    const settings = stage.Properties.RouteSettings;
    expect(Object.keys(settings).sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const route of routes)
      expect(settings[`${route.method} ${route.path}`], route.path).toEqual({
        ThrottlingRateLimit: apiDefaults.routeThrottles[route.access].rateLimit,
        ThrottlingBurstLimit: apiDefaults.routeThrottles[route.access].burstLimit,
      });
    // Separate buckets: a flood of staff or sign-in requests cannot use the participants' capacity.
    expect(apiDefaults.routeThrottles['participant-link'].rateLimit).toBeGreaterThan(
      apiDefaults.routeThrottles['staff-session'].rateLimit,
    );
  });

  it('is deployed after the routes it names (CloudFormation refuses settings for a missing route)', () => {
    const [, stage] = resources(pipeline, 'AWS::ApiGatewayV2::Stage')[0] as [string, Json];
    for (const [id] of resources(pipeline, 'AWS::ApiGatewayV2::Route')) expect(stage.DependsOn, id).toContain(id);
  });
});

describe('the web ACL in front of the API', () => {
  const webAcl = (): Json => (resources(edge, 'AWS::WAFv2::WebACL')[0] as [string, Json])[1].Properties;
  const rule = (name: string): Json => webAcl().Rules.find((r: Json) => r.Name === name);

  it('lives in us-east-1, CLOUDFRONT scope, and is what the distribution names', () => {
    expect(built.edgeStack.region).toBe('us-east-1');
    expect(webAcl().Scope).toBe('CLOUDFRONT');
    const [, distribution] = resources(pipeline, 'AWS::CloudFront::Distribution')[0] as [string, Json];
    expect(distribution.Properties.DistributionConfig.WebACLId).toEqual({
      'Fn::GetStackOutput': { StackName: 'PrepostEdge', Region: edgeDefaults.region, OutputName: 'WebAclArn' },
    });
    expect(edge.toJSON().Outputs.WebAclArn.Value).toEqual({
      'Fn::GetAtt': [built.edgeStack.getLogicalId(built.edgeStack.protection.webAcl), 'Arn'],
    });
    expect(built.pipelineStack.dependencies).toContain(built.edgeStack);
  });

  it('blocks a client address over the rate limit, then runs the AWS managed rule groups', () => {
    expect(rule('RateLimitPerClient')).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: {
          Limit: edgeDefaults.rateLimitPer5Minutes,
          AggregateKeyType: 'IP',
          EvaluationWindowSec: 300,
        },
      },
    });
    const groups = webAcl()
      .Rules.filter((r: Json) => r.Statement.ManagedRuleGroupStatement !== undefined)
      .map((r: Json) => [r.Statement.ManagedRuleGroupStatement.VendorName, r.Statement.ManagedRuleGroupStatement.Name]);
    expect(groups).toEqual([
      ['AWS', 'AWSManagedRulesAmazonIpReputationList'],
      ['AWS', 'AWSManagedRulesCommonRuleSet'],
      ['AWS', 'AWSManagedRulesKnownBadInputsRuleSet'],
    ]);
    expect(webAcl().DefaultAction).toEqual({ Allow: {} });
    // Every body rule counts: a participant's answer is never refused by a pattern, only by its schema.
    const counted = (group: string): Json[] =>
      rule(group)
        .Statement.ManagedRuleGroupStatement.RuleActionOverrides.map((o: Json) => [o.Name, o.ActionToUse])
        .sort();
    const countAll = (names: string[]): Json[] => names.sort().map((name) => [name, { Count: {} }]);
    expect(counted('AWSManagedRulesCommonRuleSet')).toEqual(
      countAll([
        'SizeRestrictions_BODY',
        'EC2MetaDataSSRF_BODY',
        'GenericLFI_BODY',
        'GenericRFI_BODY',
        'CrossSiteScripting_BODY',
      ]),
    );
    expect(counted('AWSManagedRulesKnownBadInputsRuleSet')).toEqual(
      countAll(['JavaDeserializationRCE_BODY', 'Log4JRCE_BODY']),
    );
    expect(rule('AWSManagedRulesAmazonIpReputationList').Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBe(
      undefined,
    );
    // No anonymous-IP list: a participant may answer through a VPN or Tor for their safety.
    expect(JSON.stringify(webAcl())).not.toContain('AnonymousIpList');
  });

  it('keeps no sampled request anywhere (a sample is an address and a full URI)', () => {
    expect(webAcl().VisibilityConfig.SampledRequestsEnabled).toBe(false);
    for (const r of webAcl().Rules) expect(r.VisibilityConfig.SampledRequestsEnabled, r.Name).toBe(false);
  });

  it('labels the staff routes first, counting only, and never a participant route', () => {
    const label = rule('LabelStaffRoutes');
    expect(label.Priority).toBe(0);
    expect(label.Action).toEqual({ Count: {} });
    const prefixes = label.Statement.OrStatement.Statements.map((s: Json) => {
      expect(s.ByteMatchStatement.PositionalConstraint).toBe('STARTS_WITH');
      expect(s.ByteMatchStatement.FieldToMatch).toEqual({ UriPath: {} });
      return s.ByteMatchStatement.SearchString as string;
    });
    for (const route of routes) {
      const samplePath = route.path.replace(/\{[^}]+\}/g, 'X7K2');
      const labelled = prefixes.some((prefix: string) => samplePath.startsWith(prefix));
      expect(labelled, route.path).toBe(route.access !== 'participant-link');
    }
  });

  it('logs only blocked staff requests, with path, query, cookie and authorization redacted', () => {
    const [, logging] = resources(edge, 'AWS::WAFv2::LoggingConfiguration')[0] as [string, Json];
    const props = logging.Properties;
    expect(props.RedactedFields).toEqual([
      { UriPath: {} },
      { QueryString: {} },
      { SingleHeader: { Name: 'cookie' } },
      { SingleHeader: { Name: 'authorization' } },
    ]);
    expect(props.LoggingFilter.DefaultBehavior).toBe('DROP');
    expect(props.LoggingFilter.Filters).toHaveLength(1);
    const [keep] = props.LoggingFilter.Filters;
    expect(keep.Behavior).toBe('KEEP');
    expect(keep.Requirement).toBe('MEETS_ALL');
    expect(keep.Conditions[0]).toEqual({ ActionCondition: { Action: 'BLOCK' } });
    expect(evaluate(keep.Conditions[1].LabelNameCondition.LabelName, 'PrepostEdge')).toMatch(
      /labelnamespace.*prepost:staff-route$/,
    );
    const label = rule('LabelStaffRoutes').RuleLabels;
    expect(label).toEqual([{ Name: 'prepost:staff-route' }]);
    // To an encrypted log group named as WAF requires, by an ARN without the `:*` WAF refuses.
    const [groupId, group] = resources(edge, 'AWS::Logs::LogGroup')[0] as [string, Json];
    expect(evaluate(group.Properties.LogGroupName, 'PrepostEdge')).toBe('aws-waf-logs-prepost-PrepostEdge');
    const destination = evaluate(props.LogDestinationConfigs[0], 'PrepostEdge');
    expect(destination).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:ref-${groupId.toLowerCase()}`);
    expect(group.Properties.KmsKeyId).toBeDefined();
    const [, key] = resources(edge, 'AWS::KMS::Key')[0] as [string, Json];
    expect(key.Properties.EnableKeyRotation).toBe(true);
  });
});

describe('the three stacks', () => {
  it('have no dependency cycle', () => {
    for (const template of [data, edge, pipeline]) expect(dependencyCycle(template.toJSON())).toBeUndefined();
  });
});

describe('the CloudFront distribution in front of the API', () => {
  const config = (): Json =>
    (resources(pipeline, 'AWS::CloudFront::Distribution')[0] as [string, Json])[1].Properties.DistributionConfig;

  it('passes everything through to the API uncached, over HTTPS, and keeps no access log', () => {
    const [origin] = config().Origins;
    expect(evaluate(origin.DomainName, 'PrepostPipeline')).toBe(
      evaluate(built.pipelineStack.resolve(built.pipelineStack.api.host), 'PrepostPipeline'),
    );
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const behavior = config().DefaultCacheBehavior;
    expect(behavior.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(behavior.OriginRequestPolicyId).toBe(
      cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    );
    expect(behavior.AllowedMethods).toEqual(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']);
    expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config().Logging).toBeUndefined();
  });

  it('is the address people use: the ApiUrl output, and PUBLIC_ORIGIN of every API function', () => {
    const site = evaluate(built.pipelineStack.resolve(built.pipelineStack.site.url), 'PrepostPipeline');
    expect(evaluate(pipeline.toJSON().Outputs.ApiUrl.Value, 'PrepostPipeline')).toBe(site);
    for (const name of functionNames()) {
      const origin = functionNamed(name).props.Environment.Variables.PUBLIC_ORIGIN;
      const behindApi = routes.some((route) => route.handler === name);
      expect(origin === undefined, name).toBe(!behindApi);
      if (origin !== undefined) expect(`${evaluate(origin, 'PrepostPipeline')}/`, name).toBe(site);
    }
  });
});
