/**
 * The CDK app as `npx cdk synth` builds it (same `buildApp`, same cdk.json context, the real
 * survey catalogue), checked for the properties that protect participants' data: retention,
 * encryption, public access, least-privilege grants, and a clean cdk-nag report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PrepostApp } from '../../lib/app.ts';
import { workerSizing } from '../../lib/config.ts';
import { routes } from '../../lib/routes.ts';
import { shippedCatalog } from '../../surveys/index.ts';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamo-client.ts';
import { ensureTable } from '../../functions/adapters/dynamo-table.ts';
import { POOLED_SESSION, TABLE_DESIGN } from '../../functions/adapters/table-design.ts';
import { POOLED } from '../../functions/core/model.ts';
import { startEmbeddedDynamo } from '../../local/embedded-dynamodb.ts';

const catalog = shippedCatalog();

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read by path in assertions
type Json = any;

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Json;
}

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

const handlerNames = [
  'get-survey',
  'submit-survey',
  'get-impact',
  'get-dashboard',
  'get-summaries',
  'preview-summary',
  'authorize-api',
  'staff-admin',
  'api-tokens',
  'audit-log',
  'console',
  'sign-in',
  'sign-in-callback',
  'sign-out',
  'aggregate',
  'aggregate-cohort',
  'publish-summaries',
] as const;
type Name = (typeof handlerNames)[number];
const readOnly: readonly Name[] = [
  'get-survey',
  'get-impact',
  'get-dashboard',
  'get-summaries',
  'preview-summary',
  'authorize-api',
];
const tableWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

let built: PrepostApp;
let data: Template;
let pipeline: Template;
let validationReport: Json;

beforeAll(() => {
  built = buildApp({
    programmes: catalog.programmes,
    // Report validation findings in the file (asserted below) instead of throwing from synth,
    // so a finding fails one named test rather than every test.
    appProps: { context: { ...cdkJson.context, '@aws-cdk/core:failSynthOnValidationErrors': false } },
  });
  const assembly = built.app.synth();
  data = Template.fromStack(built.dataStack);
  pipeline = Template.fromStack(built.pipelineStack);
  validationReport = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'));
}, 180_000);

/** A statement letting S3 use the DataStack's key on a role's behalf, for these actions only. */
function keyThroughS3(action: string): Json {
  return {
    Effect: 'Allow',
    Action: action,
    Resource: { 'Fn::GetAtt': [logicalId(built.dataStack.key), 'Arn'] },
    Condition: {
      StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
    },
  };
}

function logicalId(resource: { node: { defaultChild?: unknown } }): string {
  const cfn = resource.node.defaultChild as CfnResource;
  return cfn.stack.getLogicalId(cfn);
}

function fn(name: Name): { id: string; props: Json; roleId: string } {
  const construct = built.pipelineStack.functions.get(name);
  if (construct === undefined) throw new Error(`no function ${name}`);
  const id = logicalId(construct);
  const role = construct.role as unknown as { node: { defaultChild?: unknown } };
  return { id, props: pipeline.toJSON().Resources[id].Properties, roleId: logicalId(role) };
}

function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: Json) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function actionsOf(statements: readonly Statement[]): string[] {
  return statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

describe('DataStack', () => {
  it('keeps one table keyed PK/SK, on demand, with PITR, encryption and TTL on expiresAt, retained', () => {
    data.resourceCountIs('AWS::DynamoDB::Table', 1);
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'PK', AttributeType: 'S' },
          { AttributeName: 'SK', AttributeType: 'S' },
          { AttributeName: 'TSK', AttributeType: 'S' },
        ],
        LocalSecondaryIndexes: [
          {
            IndexName: 'ByTime',
            KeySchema: [
              { AttributeName: 'PK', KeyType: 'HASH' },
              { AttributeName: 'TSK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
      },
    });
  });

  it('is the table ensureTable creates locally: both follow the one table design', async () => {
    const deployed = (Object.values(data.findResources('AWS::DynamoDB::Table'))[0] as Json).Properties;
    expect(deployed.TimeToLiveSpecification.AttributeName).toBe(TABLE_DESIGN.timeToLiveAttribute);
    // Written out in the table design so the CDK app loads no runtime code; the same name.
    expect(POOLED_SESSION).toBe(POOLED);
    const dynamo = await startEmbeddedDynamo();
    const client = createDocumentClient(dynamo.endpoint);
    try {
      await ensureTable(client, 'design-check');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'design-check' }));
      const byName = <T extends { AttributeName?: string }>(list: readonly T[] = []): T[] =>
        [...list].sort((a, b) => String(a.AttributeName).localeCompare(String(b.AttributeName)));
      expect(byName(Table?.KeySchema)).toEqual(byName(deployed.KeySchema));
      expect(byName(Table?.AttributeDefinitions)).toEqual(byName(deployed.AttributeDefinitions));
      const index = Table?.LocalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({
        IndexName,
        KeySchema,
        Projection: { ProjectionType: Projection?.ProjectionType },
      }));
      expect(index).toEqual(deployed.LocalSecondaryIndexes);
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });

  it('blocks public access, encrypts, retains and enforces SSL on every bucket', () => {
    const buckets = data.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets)).toHaveLength(2);
    const policies = Object.values(data.findResources('AWS::S3::BucketPolicy'));
    for (const [id, bucket] of Object.entries(buckets)) {
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm,
      ).toMatch(/^(AES256|aws:kms)$/);
      const policy = policies.find((p: Json) => p.Properties.Bucket.Ref === id);
      const denyInsecure = (policy?.Properties.PolicyDocument.Statement ?? []).find(
        (s: Json) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(denyInsecure, `bucket ${id} denies requests without TLS`).toBeDefined();
    }
  });

  it('versions the summary bucket and logs its access to the log bucket', () => {
    const summary = logicalId(built.dataStack.summaryBucket);
    const logs = logicalId(built.dataStack.accessLogBucket);
    const props = data.toJSON().Resources[summary].Properties;
    expect(props.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logs });
  });

  it('generates the link key (64 alphanumerics) and retains it', () => {
    data.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 64 } },
    });
    data.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  it('is termination-protected', () => {
    expect(built.dataStack.terminationProtection).toBe(true);
  });

  it('lets summaries be written (and their data keys made, through S3 only) and nothing else', () => {
    const policy = data.toJSON().Resources[logicalId(built.dataStack.summaryPublisherPolicy)].Properties;
    expect(actionsOf(policy.PolicyDocument.Statement)).toEqual(['s3:PutObject', 'kms:GenerateDataKey']);
    expect(policy.PolicyDocument.Statement[1]).toEqual(keyThroughS3('kms:GenerateDataKey'));
  });

  it('lets summaries be read back, the bucket listed, and nothing else', () => {
    const bucket = logicalId(built.dataStack.summaryBucket);
    const policy = data.toJSON().Resources[logicalId(built.dataStack.summaryReaderPolicy)].Properties;
    expect(policy.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [bucket, 'Arn'] } },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucket, 'Arn'] }, '/*']] },
      },
      keyThroughS3('kms:Decrypt'),
    ]);
  });
});

describe('PipelineStack', () => {
  it('has one function per handler, each on Node.js 24, ARM64, traced, with TABLE_NAME and its own log group', () => {
    const functions = pipeline.findResources('AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(handlerNames.length);
    const logGroups = pipeline.findResources('AWS::Logs::LogGroup');
    for (const name of handlerNames) {
      const { props } = fn(name);
      expect(props.Runtime, name).toBe('nodejs24.x');
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.TracingConfig, name).toEqual({ Mode: 'Active' });
      // The console renders a batch's printable sheet (up to 5,000 QR codes): more memory, so more CPU.
      // The functions that read whole cohorts and programmes are sized from measurement (workerSizing).
      const sized = workerSizing[name as keyof typeof workerSizing];
      expect(props.MemorySize, name).toBe(sized?.memorySize ?? (name === 'console' ? 1024 : 256));
      expect(props.Timeout, name).toBe(sized?.timeout.toSeconds() ?? 10);
      expect(props.Environment.Variables.TABLE_NAME, name).toBeDefined();
      // No --enable-source-maps: Node would parse the source map at every cold start (bench/cold-start.ts).
      expect(props.Environment.Variables.NODE_OPTIONS, name).toBeUndefined();
      const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
      expect(logGroups[logGroupId]?.Properties.RetentionInDays, name).toBeGreaterThan(0);
    }
  });

  it(
    'gives the link key to the survey handlers and the console (new links) only, the summary bucket to ' +
      'publish-summaries (write), get-summaries (read) and preview-summary (write under preview/) only, and ' +
      'the SES sender to publish-summaries only',
    () => {
      for (const name of handlerNames) {
        const { props, roleId } = fn(name);
        const variables = props.Environment.Variables;
        const readsLinkKey = name === 'get-survey' || name === 'submit-survey' || name === 'console';
        expect(variables.LINK_KEY_SECRET_ARN !== undefined, name).toBe(readsLinkKey);
        expect(actionsOf(statementsOfRole(pipeline, roleId)).includes('secretsmanager:GetSecretValue'), name).toBe(
          readsLinkKey,
        );
        const publishes = name === 'publish-summaries';
        const readsSummaries = name === 'get-summaries';
        const previews = name === 'preview-summary';
        expect(variables.SUMMARY_BUCKET !== undefined, name).toBe(publishes || readsSummaries || previews);
        const managed = JSON.stringify(pipeline.toJSON().Resources[roleId].Properties.ManagedPolicyArns ?? []);
        expect(managed.match(/SummaryPublisherPolicy/g)?.length ?? 0, name).toBe(publishes ? 1 : 0);
        expect(managed.match(/SummaryReaderPolicy/g)?.length ?? 0, name).toBe(readsSummaries ? 1 : 0);
        expect(managed.match(/SummaryPreviewPolicy/g)?.length ?? 0, name).toBe(previews ? 1 : 0);
        // A preview's messages name the sender, but only publish-summaries may send.
        expect(variables.SENDER_ADDRESS, name).toBe(
          publishes || previews ? cdkJson.context['prepost:senderAddress'] : undefined,
        );
        const sends = statementsOfRole(pipeline, roleId).filter((s) =>
          actionsOf([s]).some((a) => a.startsWith('ses:')),
        );
        expect(sends.length, name).toBe(publishes ? 1 : 0);
        for (const statement of sends) {
          expect(statement.Action).toBe('ses:SendEmail');
          expect(JSON.stringify(statement.Resource)).not.toContain('*');
        }
      }
      // The preview policy writes under preview/ and nowhere else of the bucket.
      const previewPolicy = Object.values(data.findResources('AWS::IAM::ManagedPolicy')).find((policy) =>
        JSON.stringify(policy).includes('summary previews'),
      ) as Json;
      const statements = previewPolicy.Properties.PolicyDocument.Statement as Json[];
      expect(statements.map((statement) => statement.Action)).toEqual(['s3:PutObject', 'kms:GenerateDataKey']);
      expect(JSON.stringify(statements[0].Resource)).toContain('/preview/*');
    },
  );

  it('grants no table write to the read-only handlers (get-survey among them) but their own staff sessions', () => {
    for (const name of readOnly) {
      const statements = statementsOfRole(pipeline, fn(name).roleId);
      expect(
        actionsOf(statements).some((a) => a.startsWith('dynamodb:')),
        name,
      ).toBe(true);
      for (const statement of statements) {
        // A staff page writes its session's activity back, confined to SESSION# items (item-grants.test.ts).
        const confined = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
        for (const action of actionsOf([statement])) {
          if (tableWriteActions.includes(action)) expect(confined, `${name} may ${action}`).toEqual(['SESSION#*']);
          expect(action, name).not.toMatch(/^dynamodb:\*$|^\*$/);
        }
      }
    }
    for (const name of ['get-survey', 'get-impact'] as const)
      expect(
        statementsOfRole(pipeline, fn(name).roleId).filter(
          (s) => s.Condition !== undefined && actionsOf([s]).some((a) => a.startsWith('dynamodb:')),
        ),
        name,
      ).toEqual([]);
    for (const name of ['submit-survey', 'aggregate', 'publish-summaries'] as const) {
      expect(actionsOf(statementsOfRole(pipeline, fn(name).roleId)), name).toContain('dynamodb:PutItem');
    }
    // A withdrawal (submit-survey) counts itself on the aggregation marks.
    expect(actionsOf(statementsOfRole(pipeline, fn('submit-survey').roleId))).toContain('dynamodb:UpdateItem');
  });

  it('routes every entry of lib/routes.ts to its handler, and nothing else, api-token routes authorized', () => {
    const apiRoutes = pipeline.findResources('AWS::ApiGatewayV2::Route');
    const integrations = pipeline.findResources('AWS::ApiGatewayV2::Integration');
    expect(Object.keys(apiRoutes)).toHaveLength(routes.length);
    for (const route of routes) {
      const found: Json = Object.values(apiRoutes).find(
        (r: Json) => r.Properties.RouteKey === `${route.method} ${route.path}`,
      );
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      // The authorizer itself is checked in staff-access.test.ts.
      expect(found.Properties.AuthorizationType ?? 'NONE').toBe(route.access === 'api-token' ? 'CUSTOM' : 'NONE');
      const integrationId = found.Properties.Target['Fn::Join'][1][1].Ref as string;
      expect(integrations[integrationId]?.Properties.IntegrationUri).toEqual({
        'Fn::GetAtt': [fn(route.handler).id, 'Arn'],
      });
    }
  });

  it('throttles the default stage and keeps access logs without paths or client addresses', () => {
    const stages = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const stage = (stages[0] as Json).Properties;
    expect(stage.StageName).toBe('$default');
    expect(stage.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(stage.AccessLogSettings.DestinationArn).toBeDefined();
    expect(stage.AccessLogSettings.Format).toContain('$context.requestId');
    // Paths carry link codes; addresses and agents identify participants.
    expect(stage.AccessLogSettings.Format).not.toMatch(/\$context\.(path|identity)/);
  });

  it('schedules aggregation hourly and each programme summary on its own cron and time zone', () => {
    const schedules = Object.values(pipeline.findResources('AWS::Scheduler::Schedule')).map((s: Json) => s.Properties);
    expect(schedules).toHaveLength(1 + catalog.programmes.size);
    const aggregation = schedules.filter((s: Json) => s.Target.Arn['Fn::GetAtt'][0] === fn('aggregate').id);
    expect(aggregation).toHaveLength(1);
    expect(aggregation[0].ScheduleExpression).toBe('rate(1 hour)');
    for (const [programmeId, programme] of catalog.programmes) {
      const schedule: Json = schedules.find(
        (s: Json) => s.Target.Input !== undefined && JSON.parse(s.Target.Input).programme === programmeId,
      );
      expect(schedule, programmeId).toBeDefined();
      expect(schedule.Target.Arn).toEqual({ 'Fn::GetAtt': [fn('publish-summaries').id, 'Arn'] });
      expect(JSON.parse(schedule.Target.Input)).toEqual({ programme: programmeId });
      expect(schedule.ScheduleExpressionTimezone).toBe(programme.summarySchedule.timezone);
      expect(schedule.ScheduleExpression).toMatch(/^cron\(.+\)$/);
    }
  });
});

describe('the app', () => {
  it('uses no AWS managed policy and names no resource physically', () => {
    const physicalNames: Record<string, string> = {
      'AWS::DynamoDB::Table': 'TableName',
      'AWS::S3::Bucket': 'BucketName',
      'AWS::SecretsManager::Secret': 'Name',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::Scheduler::Schedule': 'Name',
      'AWS::Cognito::UserPool': 'UserPoolName',
      'AWS::Cognito::UserPoolClient': 'ClientName',
    };
    for (const template of [data, pipeline, Template.fromStack(built.edgeStack)]) {
      for (const [id, resource] of Object.entries(template.toJSON().Resources as Record<string, Json>)) {
        const nameProperty = physicalNames[resource.Type];
        // WAF delivers logs only to a log group named aws-waf-logs-*; the name ends in the stack's.
        const wafLogs = resource.Type === 'AWS::Logs::LogGroup' && JSON.stringify(resource.Properties?.LogGroupName);
        if (typeof wafLogs === 'string' && wafLogs.startsWith('{"Fn::Join":["",["aws-waf-logs-')) continue;
        if (nameProperty !== undefined)
          expect(resource.Properties?.[nameProperty], `${id}.${nameProperty}`).toBeUndefined();
        if (resource.Type === 'AWS::IAM::Role')
          expect(JSON.stringify(resource.Properties.ManagedPolicyArns ?? []), id).not.toContain(':iam::aws:policy/');
      }
    }
  });

  it('has no unacknowledged cdk-nag AwsSolutions finding', () => {
    const findings = new AwsSolutionsChecks()
      .validateScope(built.app)
      .violations.map(
        (v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      );
    expect(findings).toEqual([]);
  });

  it('has no validation error in the synth report (cdk-nag and CloudFormation rules)', () => {
    const errors = (validationReport.pluginReports as Json[]).flatMap((report: Json) =>
      (report.violations as Json[])
        .filter((v: Json) => v.severity === 'error')
        .map((v: Json) => `${report.pluginName} ${v.ruleName}`),
    );
    expect(errors).toEqual([]);
  });
});

describe('aggregation runs', () => {
  it('never overlap: the aggregate function has a reserved concurrency of 1', () => {
    const functions = pipeline.findResources('AWS::Lambda::Function', {
      Properties: { Description: 'prepost aggregate' },
    });
    expect(
      Object.values(functions).map(
        (fn) =>
          (fn as { Properties: { ReservedConcurrentExecutions?: number } }).Properties.ReservedConcurrentExecutions,
      ),
    ).toEqual([1]);
  });
});
