/**
 * cdk-nag finding ids that name a resource, computed from the construct rather than copied from a
 * synth report, so an acknowledgement follows the resource when ids change and cannot silently
 * cover a different one.
 */
import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The AwsSolutions-IAM5 finding for a wildcard under `resource`'s ARN, as cdk-nag flattens it:
 * `AwsSolutions-IAM5[Resource::<LogicalId.Arn><suffix>]`, e.g. suffix `/*` (objects of a bucket)
 * or `:*` (versions and aliases of a function).
 */
export function wildcardUnderArnFinding(resource: CfnResource, suffix: string): string {
  return `AwsSolutions-IAM5[Resource::<${Stack.of(resource).getLogicalId(resource)}.Arn>${suffix}]`;
}

/**
 * Acknowledges the one wildcard EventBridge Scheduler's `LambdaInvoke` target grants: its role
 * may invoke the function and the function's qualified ARNs (`<arn>:*`), via
 * `Function.grantInvoke`. Acknowledged on the stack because the target creates that role at
 * stack level; the id names this function, so it covers no other grant.
 */
export function acknowledgeScheduledInvoke(fn: lambda.IFunction): void {
  const resource = fn.node.defaultChild;
  // An imported function has no resource here, and its grant is no finding of this app.
  if (!CfnResource.isCfnResource(resource)) return;
  Validations.of(Stack.of(fn)).acknowledge({
    id: wildcardUnderArnFinding(resource, ':*'),
    reason:
      `The scheduler role may invoke ${fn.node.path} and its versions or aliases (":*", added by ` +
      `Function.grantInvoke); the wildcard stays within this one function.`,
  });
}
