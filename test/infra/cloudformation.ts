/**
 * Reading a synthesised template as CloudFormation would at deploy time: intrinsic functions
 * evaluated against stand-in values, and the dependency graph between resources. Template
 * assertions then check URLs as strings and the absence of cycles, which synth does not.
 */

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read by path
type Json = any;

/** Stand-ins for what only a deployment knows: URL-safe like the real values. */
export const STAND_INS = {
  region: 'eu-west-1',
  urlSuffix: 'amazonaws.com',
  account: '123456789012',
  stackId: (stackName: string): string =>
    `arn:aws:cloudformation:eu-west-1:123456789012:stack/${stackName}/1c2fa620-982a-11e3-aff7-50e2416294e0`,
  /** A resource's `Ref` (and GetAtt) stands in as its logical id, lower-cased as API and pool ids are. */
  ref: (logicalId: string): string => `ref-${logicalId.toLowerCase()}`,
  /** Another stack's output. */
  output: (outputName: string): string => `out-${outputName.toLowerCase()}`,
} as const;

/** The string CloudFormation would make of `value` in stack `stackName`, with {@link STAND_INS}. */
export function evaluate(value: Json, stackName: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) throw new Error(`a list where a string was expected: ${JSON.stringify(value)}`);
  const [[fn, args] = []] = Object.entries(value as Record<string, Json>);
  switch (fn) {
    case 'Ref':
      return pseudo(args, stackName) ?? STAND_INS.ref(args);
    case 'Fn::GetAtt':
      return STAND_INS.ref(`${args[0]}.${args[1]}`);
    case 'Fn::GetStackOutput':
      return STAND_INS.output(args.OutputName);
    case 'Fn::Join':
      return (args[1] as Json[]).map((part) => evaluate(part, stackName)).join(args[0]);
    case 'Fn::Select': {
      const list = evaluateList(args[1], stackName);
      const item = list[Number(args[0])];
      if (item === undefined) throw new Error(`Fn::Select ${args[0]} of ${list.length} items`);
      return item;
    }
    default:
      throw new Error(`cannot evaluate ${JSON.stringify(value)}`);
  }
}

function evaluateList(value: Json, stackName: string): string[] {
  if (Array.isArray(value)) return value.map((item) => evaluate(item, stackName));
  const split = (value as Record<string, Json>)['Fn::Split'];
  if (split === undefined) throw new Error(`cannot evaluate a list from ${JSON.stringify(value)}`);
  return evaluate(split[1], stackName).split(split[0]);
}

function pseudo(name: string, stackName: string): string | undefined {
  const values: Record<string, string> = {
    'AWS::Region': STAND_INS.region,
    'AWS::URLSuffix': STAND_INS.urlSuffix,
    'AWS::AccountId': STAND_INS.account,
    'AWS::Partition': 'aws',
    'AWS::StackId': STAND_INS.stackId(stackName),
    'AWS::StackName': stackName,
  };
  return values[name];
}

/**
 * A cycle among the template's resources (through Ref, Fn::GetAtt and DependsOn), as the logical
 * ids around it, or undefined. CloudFormation refuses such a template at deploy time; synth does not.
 */
export function dependencyCycle(template: Json): string[] | undefined {
  const resources = template.Resources as Record<string, Json>;
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const targets = new Set<string>([resource.DependsOn ?? []].flat());
    collectReferences(resource.Properties, targets);
    edges.set(id, new Set([...targets].filter((target) => target in resources)));
  }
  const done = new Set<string>();
  const visit = (id: string, path: readonly string[]): string[] | undefined => {
    if (path.includes(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return undefined;
    for (const target of edges.get(id) ?? []) {
      const cycle = visit(target, [...path, id]);
      if (cycle !== undefined) return cycle;
    }
    done.add(id);
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id, []);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

function collectReferences(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) collectReferences(item, into);
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value as Record<string, Json>)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(inner) ? inner[0] : String(inner).split('.')[0]);
      else collectReferences(inner, into);
    }
}
