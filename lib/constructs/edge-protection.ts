/**
 * The AWS WAF web ACL in front of prepost's CloudFront distribution: a rate-based rule per client
 * address, and AWS's managed rule groups for known-bad addresses, common exploits and known-bad
 * inputs. It protects what the HTTP API cannot: API Gateway's throttles are per route and shared
 * by every client, so only a per-client limit stops one client from using them all up.
 *
 * What it logs, and what it never logs. Participants include survivors of violence, and their
 * links' paths carry the link code. So: no sampled requests anywhere (WAF keeps samples with the
 * client address and full URI for three hours); the log keeps only requests that were BLOCKED on a
 * staff route (labelled by the first rule, which only counts), and drops every other record,
 * participant routes and unknown paths included; and in what it keeps, the URI path, the query
 * string and the `cookie` and `authorization` headers are redacted. A kept record holds the time,
 * the blocking rule, the client address and country, the method, the other headers, and the labels.
 */
import { ArnFormat, Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { edgeDefaults } from '../config.ts';
import { letCloudWatchLogsUse } from './log-encryption.ts';
import { routes as allRoutes, type Route } from '../routes.ts';

/** The label the first rule puts on requests to a staff route (sign-in, staff pages, the impact API). */
export const STAFF_ROUTE_LABEL = 'prepost:staff-route';

/**
 * AWS managed rule groups, in the order they run (after the rate limit). Not the anonymous-IP list:
 * a participant fleeing violence may well answer through a VPN or Tor, and must not be refused.
 */
const managedRuleGroups = [
  // Addresses Amazon's threat intelligence knows for bots and attacks.
  'AWSManagedRulesAmazonIpReputationList',
  // OWASP-style exploits in the URI, query and headers; its body rules only count, see below.
  'AWSManagedRulesCommonRuleSet',
  // Request patterns known to exploit vulnerabilities (Log4j, Java deserialisation, ...); its body
  // rules only count too.
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/**
 * Each group's rules on the request body, counted rather than blocking (see their use): every
 * `_BODY` rule of the groups' current versions (AWS, "AWS Managed Rules rule groups list"). The
 * groups are not pinned to a version, so a body rule AWS adds later blocks until it is listed here
 * (the AWS Managed Rules changelog announces each).
 */
const COUNTED_BODY_RULES: Readonly<Partial<Record<(typeof managedRuleGroups)[number], readonly string[]>>> = {
  AWSManagedRulesCommonRuleSet: [
    'SizeRestrictions_BODY',
    'EC2MetaDataSSRF_BODY',
    'GenericLFI_BODY',
    'GenericRFI_BODY',
    'CrossSiteScripting_BODY',
  ],
  AWSManagedRulesKnownBadInputsRuleSet: ['JavaDeserializationRCE_BODY', 'Log4JRCE_BODY'],
};

export interface EdgeProtectionProps {
  /**
   * Requests per client address in five minutes before WAF blocks the address.
   * @default edgeDefaults.rateLimitPer5Minutes (1000)
   */
  readonly rateLimitPer5Minutes?: number;

  /**
   * The routes; those not reached by a participant link are the staff routes whose blocked requests are logged.
   * @default routes from lib/routes.ts
   */
  readonly routes?: readonly Route[];

  /**
   * How long the log of blocked staff requests is kept.
   * @default edgeDefaults.logRetention (three months)
   */
  readonly logRetention?: logs.RetentionDays;
}

/** A CLOUDFRONT-scope web ACL (its stack must be in us-east-1), its encrypted log group and logging configuration. */
export class EdgeProtection extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  /** Blocked requests to staff routes, redacted; see the file's comment. Encrypted under {@link logKey}. */
  public readonly logGroup: logs.LogGroup;
  /** A key of this region for {@link logGroup}: a log group can use only a key of its own region. */
  public readonly logKey: kms.Key;
  public readonly loggingConfiguration: wafv2.CfnLoggingConfiguration;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps = {}) {
    super(scope, id);
    const staffPrefixes = [
      ...new Set(
        (props.routes ?? allRoutes)
          .filter((route) => route.access !== 'participant-link')
          .map((route) => `/${route.path.split('/')[1]}`),
      ),
    ];
    const startsWith = (prefix: string): wafv2.CfnWebACL.StatementProperty => ({
      byteMatchStatement: {
        fieldToMatch: { uriPath: {} },
        positionalConstraint: 'STARTS_WITH',
        searchString: prefix,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    });
    // Metrics, yes (counts per rule); sampled requests, never: a sample is a participant's address and link.
    const visibility = (metricName: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: false,
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      description: 'prepost: per-client rate limit and AWS managed rules in front of the API',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('prepost'),
      rules: [
        {
          // Counts (never blocks) and labels the staff routes, for the logging filter.
          name: 'LabelStaffRoutes',
          priority: 0,
          action: { count: {} },
          ruleLabels: [{ name: STAFF_ROUTE_LABEL }],
          statement:
            staffPrefixes.length === 1
              ? startsWith(staffPrefixes[0] as string)
              : { orStatement: { statements: staffPrefixes.map(startsWith) } },
          visibilityConfig: visibility('prepost-staff-routes'),
        },
        {
          name: 'RateLimitPerClient',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPer5Minutes ?? edgeDefaults.rateLimitPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
            },
          },
          visibilityConfig: visibility('prepost-rate-limit'),
        },
        ...managedRuleGroups.map(
          (name, index): wafv2.CfnWebACL.RuleProperty => ({
            name,
            priority: 2 + index,
            overrideAction: { none: {} },
            statement: {
              managedRuleGroupStatement: {
                vendorName: 'AWS',
                name,
                // The body rules only count. A participant's answer may hold what they flag ("<3", a
                // path-like "../", an address, "${...}"), and a refusal from WAF is a bare 403 in
                // English, where the rules of prepost promise a clear 4xx in the participant's language;
                // every body is validated against its schema by the handler, and pages escape what they
                // show; no code of prepost fetches a URL from a body, runs Java or deserialises objects.
                // Staff forms (a funder message) may exceed the 8 KB of the size rule; the API answers
                // 413 itself.
                ...(COUNTED_BODY_RULES[name] === undefined
                  ? {}
                  : {
                      ruleActionOverrides: COUNTED_BODY_RULES[name].map((rule) => ({
                        name: rule,
                        actionToUse: { count: {} },
                      })),
                    }),
              },
            },
            visibilityConfig: visibility(`prepost-${name}`),
          }),
        ),
      ],
    });

    this.logKey = new kms.Key(this, 'LogKey', {
      description: 'prepost: the web ACL log group',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    letCloudWatchLogsUse(this.logKey);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      // WAF delivers only to log groups whose name starts with this.
      logGroupName: `aws-waf-logs-prepost-${Aws.STACK_NAME}`,
      retention: props.logRetention ?? edgeDefaults.logRetention,
      encryptionKey: this.logKey,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.loggingConfiguration = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // The log group's ARN without the `:*` its Arn attribute ends in, which WAF refuses.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [
        { uriPath: {} },
        { queryString: {} },
        { singleHeader: { Name: 'cookie' } },
        { singleHeader: { Name: 'authorization' } },
      ],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ALL',
            Conditions: [
              { ActionCondition: { Action: 'BLOCK' } },
              { LabelNameCondition: { LabelName: `${this.webAcl.attrLabelNamespace}${STAFF_ROUTE_LABEL}` } },
            ],
          },
        ],
      },
    });
  }
}
