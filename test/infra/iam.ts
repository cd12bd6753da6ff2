/**
 * A role's IAM statements read as IAM evaluates them for a DynamoDB item request: the actions, and
 * the conditions prepost's grants use (`dynamodb:LeadingKeys` by StringLike, `dynamodb:Attributes`
 * by StringEquals, `dynamodb:ReturnValues`). A test can then ask whether a role allows a request
 * the code really made, or one it must never make. Any other condition is refused rather than
 * guessed at: an evaluator that guessed could pass what IAM refuses.
 */
import type { Template } from 'aws-cdk-lib/assertions';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read by path
type Json = any;

export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: Json;
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** One item request as IAM sees it. */
export interface ItemRequest {
  /** `dynamodb:GetItem`, ... */
  readonly action: string;
  /** The partition key it names (`dynamodb:LeadingKeys`). */
  readonly partitionKey: string;
  /** The top-level attributes it names (`dynamodb:Attributes`): the key's, and those of its expressions. */
  readonly attributes: readonly string[];
  /** Its `ReturnValues`; DynamoDB takes NONE when a write names none. */
  readonly returnValues?: string | undefined;
}

/** The statements of the inline policies attached to a role (by its logical id). */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: Json) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/** IAM's StringLike: `*` any run of characters, `?` any one; nothing else special. */
export function stringLike(pattern: string, value: string): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

/**
 * Whether an Allow statement of the role lets the request through (prepost's roles hold no Deny).
 * For single-item requests and Query, which always name one partition key: a Scan or a batch may
 * name none, which IAM's ForAllValues lets through, so confined grants must never hold them
 * (item-grants.test.ts checks that they do not).
 */
export function allows(statements: readonly Statement[], request: ItemRequest): boolean {
  if (statements.some((s) => s.Effect !== 'Allow')) throw new Error('a Deny statement: not evaluated here');
  return statements.some(
    (statement) => actionsOf(statement).includes(request.action) && conditionHolds(statement, request),
  );
}

function conditionHolds(statement: Statement, request: ItemRequest): boolean {
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, value]) => {
      const values = Array.isArray(value) ? value : [value];
      switch (`${operator} ${key}`) {
        case 'ForAllValues:StringLike dynamodb:LeadingKeys':
          return values.some((pattern) => stringLike(pattern, request.partitionKey));
        case 'ForAllValues:StringEquals dynamodb:Attributes':
          return request.attributes.every((attribute) => values.includes(attribute));
        case 'StringEqualsIfExists dynamodb:ReturnValues':
          return values.includes(request.returnValues ?? 'NONE');
        default:
          throw new Error(`condition ${operator} on ${key}: not evaluated here`);
      }
    }),
  );
}

/** Words of an expression that are not attribute names. */
const EXPRESSION_WORDS = new Set(
  [
    'SET',
    'REMOVE',
    'ADD',
    'DELETE',
    'AND',
    'OR',
    'NOT',
    'BETWEEN',
    'IN',
    'attribute_exists',
    'attribute_not_exists',
    'attribute_type',
    'begins_with',
    'contains',
    'size',
    'if_not_exists',
    'list_append',
  ].map((word) => word.toUpperCase()),
);

/** The names of a request's key, item and expressions (aliases resolved): what `dynamodb:Attributes` holds. */
export function attributesNamed(input: Json): string[] {
  const aliases: Record<string, string> = input.ExpressionAttributeNames ?? {};
  const expressions = [
    input.UpdateExpression,
    input.ConditionExpression,
    input.KeyConditionExpression,
    input.ProjectionExpression,
    input.FilterExpression,
  ].filter((expression): expression is string => typeof expression === 'string');
  const named = expressions.flatMap((expression) =>
    (expression.replace(/:\w+/g, ' ').match(/#?[A-Za-z_]\w*/g) ?? [])
      .filter((word) => !EXPRESSION_WORDS.has(word.toUpperCase()))
      .map((word) => (word.startsWith('#') ? (aliases[word] ?? word) : word)),
  );
  return [...new Set([...Object.keys(input.Key ?? {}), ...Object.keys(input.Item ?? {}), ...named])].sort();
}
