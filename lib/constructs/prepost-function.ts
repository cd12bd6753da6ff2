/**
 * Every prepost Lambda: the runtime, architecture, logging, tracing and bundling decided once,
 * so the stacks say only what differs between functions (entry, trigger, data access).
 */
import { RemovalPolicy, Validations, type Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { depsLockFilePath, functionDefaults, projectRoot } from '../config.ts';
import { TABLE_DESIGN } from '../../functions/adapters/table-design.ts';

/**
 * Lets the ESM bundle load the CommonJS dependencies esbuild inlines (`require` does not exist
 * in an ES module). Declared once here so every bundle gets the same line.
 */
const esmRequireBanner = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/**
 * How every function is bundled: exported so the cold-start benchmark (`bench/cold-start.ts`) builds
 * exactly what is deployed and cannot drift from it.
 */
export const prepostBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: 'node20',
  minify: true,
  // Error classes name themselves after their class (`new.target.name`), and the logs say which
  // error was raised by that name: minified, an UnknownLinkError would be logged as "Gm".
  keepNames: true,
  // Shipped beside the bundle (index.mjs.map), read by nothing at run time: see prepostNodeOptions.
  sourceMap: true,
  // Stack traces need file and line, not the sources: keep the bundle small.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // Bundle everything, the AWS SDK v3 included.
  externalModules: [],
  banner: esmRequireBanner,
  // The survey catalogue inside each bundle was validated by the synth that bundles it (bin/app.ts
  // loads it first), so the function does not validate it again at every cold start (surveys/index.ts).
  define: { PREPOST_CATALOG_VALIDATED_AT_BUILD: 'true' },
};

/**
 * `NODE_OPTIONS` of every function: none. `--enable-source-maps` made Node read and parse the
 * bundle's source map at every cold start, a large share of it (see the README's benchmarks).
 * Stack traces in the logs point into the minified bundle; the source map in the function's code
 * package turns them into file and line (`node --enable-source-maps` on the downloaded code, or
 * setting `NODE_OPTIONS=--enable-source-maps` on the function while debugging).
 */
export const prepostNodeOptions: string | undefined = undefined;

/**
 * What starts the function; it decides the default timeout. `queue`: an SQS event source (the
 * aggregation fan-out's worker), which sets its own timeout from measurement (`workerSizing`).
 */
export type FunctionTrigger = 'api' | 'schedule' | 'queue';

/** The table access a function is granted: no more than its handler uses. */
export type TableAccessMode = 'read' | 'write' | 'readWrite';

export interface PrepostFunctionProps {
  /** Absolute path of the handler module; it must export `handler`. */
  readonly entry: string;

  /**
   * What invokes the function: API Gateway (short timeout, a person is waiting) or a schedule
   * (long timeout, whole cohorts are read).
   * @default 'api'
   */
  readonly trigger?: FunctionTrigger;

  /**
   * Memory in MB; on Lambda it also buys CPU, which bundle parsing at cold start needs.
   * @default functionDefaults.memorySize (256)
   */
  readonly memorySize?: number;

  /**
   * How long one invocation may run.
   * @default functionDefaults.httpTimeout (10 s) for `api`, functionDefaults.scheduledTimeout (5 min) otherwise
   */
  readonly timeout?: Duration;

  /**
   * The customer-managed key the function's log group is encrypted under (its policy must let
   * `logs.<region>.amazonaws.com` use it; see `DataStack`).
   * @default - CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;

  /**
   * At most this many instances at once; 1 for functions whose runs must not overlap.
   * @default - no reservation
   */
  readonly reservedConcurrentExecutions?: number;

  /**
   * How long the function's log group keeps its events.
   * @default functionDefaults.logRetention (one month)
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Extra environment variables; `POWERTOOLS_SERVICE_NAME` is always set (and `NODE_OPTIONS`, when
   * {@link prepostNodeOptions} names any).
   * @default - none
   */
  readonly environment?: Readonly<Record<string, string>>;

  /**
   * A description shown in the console.
   * @default - none
   */
  readonly description?: string;
}

/** Options for {@link PrepostFunction.bindTable}. */
export interface BindTableOptions {
  readonly table: dynamodb.ITable;
  /**
   * Access to the table as a whole.
   * @default - none: `TABLE_NAME` only; {@link PrepostFunction.grantItems} grants the items it may touch
   */
  readonly accessMode?: TableAccessMode;
}

/** Options for {@link PrepostFunction.grantItems}. */
export interface GrantItemsOptions {
  readonly table: dynamodb.ITable;
  /**
   * The partition keys of the items, as IAM `StringLike` patterns: `STAFF` (that partition alone),
   * `SESSION#*` (every partition starting so).
   */
  readonly partitionKeys: readonly string[];
  /** Item-level actions (`dynamodb:GetItem`, `dynamodb:PutItem`, ...). */
  readonly actions: readonly string[];
  /**
   * The only attributes a request may name (IAM `dynamodb:Attributes`), for an UpdateItem that
   * must not be able to write anything else; the table's key attributes are always allowed.
   * @default - any attribute
   */
  readonly attributes?: readonly string[];
}

/**
 * A NodejsFunction with prepost's defaults: Node.js 24 on ARM64, an explicit log group with
 * retention written through a role scoped to that log group alone, X-Ray tracing, and an ESM
 * bundle that inlines the AWS SDK (loading it from the runtime's node_modules costs more at
 * cold start than parsing the few clients we use).
 */
export class PrepostFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: PrepostFunctionProps) {
    // The log group and role are siblings rather than children: both must exist before the
    // function does, and a subclass cannot add children before calling super().
    const logGroup = new logs.LogGroup(scope, `${id}LogGroup`, {
      retention: props.logRetention ?? functionDefaults.logRetention,
      ...(props.logEncryptionKey === undefined ? {} : { encryptionKey: props.logEncryptionKey }),
      // Operational logs of a stateless stack; they go with it.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the default AWSLambdaBasicExecutionRole, which may write to every
    // log group in the account: this one may write only to the function's own.
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${scope.node.path}/${id}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? functionDefaults.memorySize,
      ...(props.reservedConcurrentExecutions === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrentExecutions }),
      timeout:
        props.timeout ??
        ((props.trigger ?? 'api') === 'api' ? functionDefaults.httpTimeout : functionDefaults.scheduledTimeout),
      logGroup,
      role,
      tracing: lambda.Tracing.ACTIVE,
      projectRoot,
      depsLockFilePath,
      environment: {
        POWERTOOLS_SERVICE_NAME: functionDefaults.serviceName,
        ...(prepostNodeOptions === undefined ? {} : { NODE_OPTIONS: prepostNodeOptions }),
        ...props.environment,
      },
      bundling: prepostBundling,
    });

    // X-Ray's PutTraceSegments and PutTelemetryRecords, added by `tracing`, take no resource.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only the X-Ray actions added for active tracing use "*": xray:PutTraceSegments and xray:PutTelemetryRecords ' +
        'support no resource-level permissions.',
    });
  }

  /**
   * Points the function at the table (`TABLE_NAME`) and grants exactly the access its handler
   * needs to the table as a whole, so the environment and the permission cannot be set one without
   * the other. Without an access mode, only the items {@link grantItems} names are reachable.
   */
  bindTable({ table, accessMode }: BindTableOptions): void {
    this.addEnvironment('TABLE_NAME', table.tableName);
    if (accessMode === undefined) return;
    // The actions the runtime code uses, and no others: no Scan, no table management. Named
    // resources (the table, the ByTime index) rather than grantReadData's `index/*` wildcard.
    const actions = [
      ...(accessMode === 'write' ? [] : ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']),
      // UpdateItem: an erasure counts itself on the aggregation marks (ADD erasures).
      ...(accessMode === 'read'
        ? []
        : ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']),
    ];
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions,
        resources: [table.tableArn, `${table.tableArn}/index/${TABLE_DESIGN.timeIndex.name}`],
      }),
    );
  }

  /**
   * Lets DynamoDB use the table's customer-managed key on the function's behalf, and only DynamoDB
   * (`kms:ViaService`): what `Table.grantReadData` and `grantWriteData` add for such a key (decrypt
   * to read; encrypt and new data keys to write), for the custom statements of {@link bindTable} and
   * {@link grantItems}, with the actions spelled out rather than CDK's `kms:ReEncrypt*` and
   * `kms:GenerateDataKey*`. Call it once per function. Nothing when the table has no such key.
   */
  grantTableKey(table: dynamodb.ITable, writes: boolean): void {
    if (table.encryptionKey === undefined) return;
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'kms:Decrypt',
          'kms:DescribeKey',
          ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom', 'kms:ReEncryptTo'] : []),
        ],
        resources: [table.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${this.stack.region}.amazonaws.com` } },
      }),
    );
  }

  /**
   * Lets the function act on the table's items whose partition key matches, and no others (IAM's
   * `dynamodb:LeadingKeys`, which every item action carries): a staff page can read its session and
   * keep it up to date without being able to read or touch an answer.
   */
  grantItems({ table, partitionKeys, actions, attributes }: GrantItemsOptions): void {
    this.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...actions],
        resources: [table.tableArn],
        conditions: {
          // ForAllValues, as AWS documents for LeadingKeys: every partition key the request names must
          // match. Item actions always name one, so the condition is never vacuously true.
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...partitionKeys] },
          ...(attributes === undefined
            ? {}
            : {
                'ForAllValues:StringEquals': {
                  'dynamodb:Attributes': [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, ...attributes],
                },
                // Nor may it read other attributes back: ALL_OLD and ALL_NEW would return them.
                StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
              }),
        },
      }),
    );
  }
}
