/**
 * The part of prepost that AWS requires in us-east-1: the WAF web ACL of the CloudFront
 * distribution in front of the API (a web ACL of CLOUDFRONT scope can only be made there), with
 * its log group and that log group's key. The PipelineStack, in any region, reads the web ACL's ARN
 * from this stack's output at deploy time (`Fn::GetStackOutput`), so no account or region has to be
 * known at synth.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { edgeDefaults } from '../config.ts';
import { EdgeProtection } from '../constructs/edge-protection.ts';

/** The output the PipelineStack reads. */
export const WEB_ACL_ARN_OUTPUT = 'WebAclArn';

export type EdgeStackProps = Omit<StackProps, 'env'>;

/** The web ACL in us-east-1. */
export class EdgeStack extends Stack {
  public readonly protection: EdgeProtection;

  constructor(scope: Construct, id: string, props: EdgeStackProps = {}) {
    super(scope, id, { ...props, env: { region: edgeDefaults.region } });
    this.protection = new EdgeProtection(this, 'Protection');
    new CfnOutput(this, WEB_ACL_ARN_OUTPUT, {
      value: this.protection.webAcl.attrArn,
      description: 'The web ACL of the CloudFront distribution (read by PrepostPipeline)',
    });
  }
}
