/**
 * Staff access in the CDK app as `npx cdk synth` builds it: the user pool (MFA, no self sign-up,
 * threat protection), the staff pages' app client, the token authorizer on every `/api/*` route,
 * no staff route without a session check, and the function flags that give the staff handlers
 * their environment and grants (tried on probe functions, since the handlers that will carry
 * them arrive separately). One synth, without bundling: templates do not depend on bundle
 * contents, and app.test.ts synthesises the bundles.
 */
import { readFileSync } from 'node:fs';
import { App, Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnUserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type PrepostApp } from '../../lib/app.ts';
import { handlerEntry } from '../../lib/config.ts';
import {
  grantFunctionAccess,
  type AccessibleResources,
  type FunctionAccess,
} from '../../lib/constructs/function-access.ts';
import { PrepostApi } from '../../lib/constructs/prepost-api.ts';
import { PrepostFunction } from '../../lib/constructs/prepost-function.ts';
import { StaffSignIn } from '../../lib/constructs/staff-sign-in.ts';
import { DataStack } from '../../lib/stacks/data-stack.ts';
import { routes } from '../../lib/routes.ts';
import { shippedCatalog } from '../../surveys/index.ts';
import { dependencyCycle, evaluate, STAND_INS } from './cloudformation.ts';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON is read by path in assertions
type Json = any;

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: Json;
  readonly Condition?: Json;
}

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/** Synth context: cdk.json's, findings reported rather than thrown, no bundling (see above). */
const context = {
  ...cdkJson.context,
  '@aws-cdk/core:failSynthOnValidationErrors': false,
  'aws:cdk:bundling-stacks': [],
};

const tableWrites = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** What a staff handler will be, on a stand-in function: flags as the PipelineStack applies them. */
const probeAccess = {
  relyingParty: {
    oidc: true,
    reads: ['staff'],
    writes: ['sign-in-start', 'sign-in-take', 'session-open', 'audit-append'],
  },
  accountManager: { staffSession: true, writes: ['staff', 'audit-append'], manageAccounts: true },
  staffPage: { table: 'read', staffSession: true },
} as const satisfies Record<string, FunctionAccess>;
type ProbeName = keyof typeof probeAccess;

interface Probe {
  readonly stack: Stack;
  readonly functions: Readonly<Record<ProbeName, PrepostFunction>>;
}

let built: PrepostApp;
let probe: Probe;
let data: Template;
let pipeline: Template;
let probed: Template;

beforeAll(() => {
  built = buildApp({ programmes: shippedCatalog().programmes, appProps: { context } });
  probe = addProbe(built.app, built.dataStack);
  built.app.synth();
  data = Template.fromStack(built.dataStack);
  pipeline = Template.fromStack(built.pipelineStack);
  probed = Template.fromStack(probe.stack);
}, 120_000);

/**
 * Stand-in functions given each flag through `grantFunctionAccess`, against the real DataStack,
 * the relying party behind a route of its own API as the sign-in handlers are.
 */
/** The fan-out queue the flags can name; no probe function has `planAggregation`, so nothing sends to it. */
function standInQueue(stack: Stack): sqs.Queue {
  const queue = new sqs.Queue(stack, 'AggregationQueue', { enforceSSL: true });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'A stand-in that no probe function uses.' });
  return queue;
}

function addProbe(app: App, dataStack: DataStack): Probe {
  const stack = new Stack(app, 'StaffAccessProbe');
  const entry = handlerEntry('get-dashboard');
  const functions = {
    relyingParty: new PrepostFunction(stack, 'RelyingParty', { entry }),
    accountManager: new PrepostFunction(stack, 'AccountManager', { entry }),
    staffPage: new PrepostFunction(stack, 'StaffPage', { entry }),
  };
  const api = new PrepostApi(stack, 'Api', {
    functions: new Map([['get-dashboard', functions.relyingParty]]),
    routes: [{ method: 'GET', path: '/sign-in', handler: 'get-dashboard', access: 'sign-in' }],
  });
  const resources: AccessibleResources = {
    table: dataStack.table,
    linkKeySecret: dataStack.linkKeySecret,
    summaryBucket: dataStack.summaryBucket,
    summaryPublisherPolicy: dataStack.summaryPublisherPolicy,
    summaryReaderPolicy: dataStack.summaryReaderPolicy,
    summaryPreviewPolicy: dataStack.summaryPreviewPolicy,
    senderAddress: 'summaries@example.org',
    userPool: dataStack.userPool,
    aggregationQueue: standInQueue(stack),
    staffSignIn: new StaffSignIn(stack, 'StaffSignIn', {
      userPool: dataStack.userPool,
      domain: dataStack.userPoolDomain,
      site: api,
    }),
  };
  for (const name of Object.keys(functions) as ProbeName[])
    grantFunctionAccess(functions[name], probeAccess[name], resources);
  return { stack, functions };
}

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  const cfn = construct.node.defaultChild as CfnResource;
  return cfn.stack.getLogicalId(cfn);
}

function only<T>(values: Record<string, T>, what: string): [string, T] {
  const entries = Object.entries(values);
  expect(entries, what).toHaveLength(1);
  return entries[0] as [string, T];
}

function statementsOfRole(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy: Json) => policy.Properties.Roles.some((role: Json) => role.Ref === roleId))
    .flatMap((policy: Json) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

function roleOf(fn: PrepostFunction): string {
  return logicalId(fn.role as unknown as { node: { defaultChild?: unknown } });
}

function environmentOf(template: Template, fn: PrepostFunction): Record<string, Json> {
  return template.toJSON().Resources[logicalId(fn)].Properties.Environment.Variables;
}

/** The partition keys (`dynamodb:LeadingKeys` patterns) a statement is confined to, or undefined when not confined. */
function leadingKeyPrefixes(statement: Statement): string[] | undefined {
  const keys = statement.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'];
  return keys === undefined ? undefined : (keys as string[]);
}

/** Table writes a role may make, each with the partition prefixes it is confined to (undefined: any item). */
function tableWritesOf(template: Template, roleId: string): { action: string; prefixes: string[] | undefined }[] {
  return statementsOfRole(template, roleId)
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) =>
      actionsOf(s)
        .filter((action) => tableWrites.includes(action))
        .map((action) => ({ action, prefixes: leadingKeyPrefixes(s) })),
    );
}

describe('the staff user pool', () => {
  function pool(): Json {
    return only(data.findResources('AWS::Cognito::UserPool'), 'one user pool')[1];
  }

  it('takes no self sign-up: an admin creates every account, signed in to by email in any case', () => {
    const props = pool().Properties;
    expect(props.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(props.UsernameAttributes).toEqual(['email']);
    expect(props.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(props.Schema).toContainEqual({ Name: 'email', Required: true, Mutable: false });
  });

  it('requires MFA on every sign-in, by authenticator app (TOTP) only', () => {
    const props = pool().Properties;
    expect(props.MfaConfiguration).toBe('ON');
    expect(props.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(props.SmsConfiguration).toBeUndefined();
  });

  it('asks for long passwords with every character class, and lets invitations lapse within days', () => {
    const policy = pool().Properties.Policies.PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true });
    expect(policy.RequireSymbols).toBe(true);
    expect(policy.TemporaryPasswordValidityDays).toBeGreaterThan(0);
    expect(policy.TemporaryPasswordValidityDays).toBeLessThanOrEqual(3);
  });

  it('recovers accounts by verified email only', () => {
    expect(pool().Properties.AccountRecoverySetting).toEqual({
      RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }],
    });
  });

  it('enforces threat protection: high-risk sign-ins and breached passwords are refused', () => {
    const [poolId, resource] = only(data.findResources('AWS::Cognito::UserPool'), 'one user pool');
    expect(resource.Properties.UserPoolTier).toBe('PLUS');
    expect(resource.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    const risk = only(data.findResources('AWS::Cognito::UserPoolRiskConfigurationAttachment'), 'risk config')[1]
      .Properties;
    expect(risk.UserPoolId).toEqual({ Ref: poolId });
    expect(risk.ClientId).toBe('ALL');
    expect(risk.AccountTakeoverRiskConfiguration.Actions.HighAction.EventAction).toBe('BLOCK');
    expect(risk.CompromisedCredentialsRiskConfiguration.Actions.EventAction).toBe('BLOCK');
    expect(risk.CompromisedCredentialsRiskConfiguration.EventFilter).toEqual(
      expect.arrayContaining(['SIGN_IN', 'PASSWORD_CHANGE']),
    );
  });

  it('is retained and deletion-protected', () => {
    const resource = pool();
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    expect(resource.Properties.DeletionProtection).toBe('ACTIVE');
  });

  it('invites by email as prepost staff access, with the username and the temporary password', () => {
    const invitation = pool().Properties.AdminCreateUserConfig.InviteMessageTemplate;
    expect(invitation.EmailSubject).toMatch(/prepost staff access/i);
    expect(invitation.EmailMessage).toMatch(/staff access to prepost/);
    expect(invitation.EmailMessage).toContain('{username}');
    expect(invitation.EmailMessage).toContain('{####}');
  });

  it('has a managed login domain (the newer managed login), by default prepost-<stack id> offline', () => {
    const domain = only(data.findResources('AWS::Cognito::UserPoolDomain'), 'one domain')[1].Properties;
    expect(domain.ManagedLoginVersion).toBe(2);
    const prefix = evaluate(domain.Domain, built.dataStack.stackName);
    expect(prefix).toBe('prepost-1c2fa620');
    expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
  });

  it('takes the domain prefix from -c authDomainPrefix, and refuses one Cognito would', () => {
    const withPrefix = buildApp({
      programmes: shippedCatalog().programmes,
      appProps: { context: { ...context, authDomainPrefix: 'staff-example-org' } },
    });
    // Read from the construct: a second synth would double this file's time.
    expect((withPrefix.dataStack.userPoolDomain.node.defaultChild as CfnUserPoolDomain).domain).toBe(
      'staff-example-org',
    );
    for (const bad of ['Staff', 'my_org', '-staff', 'aws-staff', 'mycognito'])
      expect(() => new DataStack(new App({ context }), 'Data', { signInDomainPrefix: bad }), bad).toThrow(
        /domain prefix/,
      );
  });

  it('outputs what an admin needs for staff commands: table, user pool, region, sign-in domain', () => {
    const outputs = data.toJSON().Outputs;
    expect(outputs.TableName.Value).toEqual({ Ref: logicalId(built.dataStack.table) });
    expect(outputs.UserPoolId.Value).toEqual({ Ref: logicalId(built.dataStack.userPool) });
    expect(outputs.Region.Value).toEqual({ Ref: 'AWS::Region' });
    expect(evaluate(outputs.SignInDomainUrl.Value, built.dataStack.stackName)).toBe(
      `https://${STAND_INS.ref(logicalId(built.dataStack.userPoolDomain))}.auth.${STAND_INS.region}.amazoncognito.com`,
    );
  });
});

describe('the staff app client', () => {
  function client(): Json {
    return only(pipeline.findResources('AWS::Cognito::UserPoolClient'), 'one app client')[1].Properties;
  }

  it('grants by authorization code only, to a public client (no secret; PKCE), for openid and email', () => {
    const props = client();
    expect(props.AllowedOAuthFlows).toEqual(['code']);
    expect(props.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(props.GenerateSecret).toBe(false);
    expect([...props.AllowedOAuthScopes].sort()).toEqual(['email', 'openid']);
    expect(props.SupportedIdentityProviders).toEqual(['COGNITO']);
    for (const flow of props.ExplicitAuthFlows)
      expect(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], flow).toContain(flow);
  });

  it('sends the browser back to /auth/callback and, after logout, to /sign-in of the site (CloudFront)', () => {
    const props = client();
    // The distribution in front of the API, behind the web ACL: where staff see the site.
    const apiUrl = evaluate(built.pipelineStack.resolve(built.pipelineStack.site.url), 'PrepostPipeline');
    expect(apiUrl).toMatch(/^https:\/\/ref-sitedistribution[a-z0-9]*\.domainname\/$/);
    expect(props.CallbackURLs.map((url: Json) => evaluate(url, 'PrepostPipeline'))).toEqual([`${apiUrl}auth/callback`]);
    expect(props.LogoutURLs.map((url: Json) => evaluate(url, 'PrepostPipeline'))).toEqual([`${apiUrl}sign-in`]);
  });

  it('hides whether an account exists, revokes tokens on request, and keeps tokens short-lived', () => {
    const props = client();
    expect(props.PreventUserExistenceErrors).toBe('ENABLED');
    expect(props.EnableTokenRevocation).toBe(true);
    expect(props.TokenValidityUnits).toEqual({ AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' });
    expect(props.IdTokenValidity).toBeLessThanOrEqual(15);
    expect(props.AccessTokenValidity).toBeLessThanOrEqual(15);
    expect(props.RefreshTokenValidity).toBeLessThanOrEqual(60);
  });

  it('belongs to the DataStack user pool and has its managed login style', () => {
    const [clientId, resource] = only(pipeline.findResources('AWS::Cognito::UserPoolClient'), 'one app client');
    const poolId = evaluate(resource.Properties.UserPoolId, 'PrepostPipeline');
    expect(poolId).toMatch(/^out-/);
    const branding = only(pipeline.findResources('AWS::Cognito::ManagedLoginBranding'), 'one style')[1].Properties;
    expect(branding.ClientId).toEqual({ Ref: clientId });
    expect(evaluate(branding.UserPoolId, 'PrepostPipeline')).toBe(poolId);
    expect(branding.UseCognitoProvidedValues).toBe(true);
  });
});

describe('the impact API authorizer', () => {
  function authorizer(): [string, Json] {
    return only(pipeline.findResources('AWS::ApiGatewayV2::Authorizer'), 'one authorizer');
  }

  it('is the authorize-api function: payload 2.0, simple responses, Authorization header, never cached', () => {
    const props = authorizer()[1].Properties;
    expect(props).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: 0,
    });
    const authorizerFunction = built.pipelineStack.functions.get('authorize-api');
    if (authorizerFunction === undefined) throw new Error('no authorize-api function');
    expect(JSON.stringify(props.AuthorizerUri)).toContain(`"${logicalId(authorizerFunction)}","Arn"`);
  });

  it('guards every api-token route, and only those; every /api/ route is an api-token route', () => {
    const [authorizerId] = authorizer();
    const templateRoutes = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Route')) as Json[];
    for (const route of routes) {
      const found = templateRoutes.find((r) => r.Properties.RouteKey === `${route.method} ${route.path}`);
      expect(found, `${route.method} ${route.path}`).toBeDefined();
      if (route.access === 'api-token') {
        expect(found.Properties.AuthorizationType, route.path).toBe('CUSTOM');
        expect(found.Properties.AuthorizerId, route.path).toEqual({ Ref: authorizerId });
      } else {
        expect(found.Properties.AuthorizationType ?? 'NONE', route.path).toBe('NONE');
      }
      if (route.path.startsWith('/api/')) expect(route.access, route.path).toBe('api-token');
    }
    expect(routes.some((route) => route.access === 'api-token')).toBe(true);
  });

  it('serves no route that lib/routes.ts does not declare', () => {
    const declared = routes.map((route) => `${route.method} ${route.path}`).sort();
    const deployed = Object.values(pipeline.findResources('AWS::ApiGatewayV2::Route'))
      .map((r: Json) => r.Properties.RouteKey as string)
      .sort();
    expect(deployed).toEqual(declared);
  });

  it('reads the tokens and the staff, nothing else of the table, and writes nothing', () => {
    const authorizerFunction = built.pipelineStack.functions.get('authorize-api');
    if (authorizerFunction === undefined) throw new Error('no authorize-api function');
    const statements = statementsOfRole(pipeline, roleOf(authorizerFunction)).filter((s) =>
      actionsOf(s).some((action) => action.startsWith('dynamodb:')),
    );
    expect(statements.map((s) => [actionsOf(s), leadingKeyPrefixes(s)])).toEqual([
      [
        ['dynamodb:GetItem', 'dynamodb:Query'],
        ['APITOKEN', 'STAFF'],
      ],
    ]);
    expect(tableWritesOf(pipeline, roleOf(authorizerFunction))).toEqual([]);
  });
});

describe('no staff route without a check', () => {
  const staffRoutes = routes.filter((route) => route.access === 'staff-session');

  it('every staff-session route is served by a handler that applies the staffSession middleware', () => {
    expect(staffRoutes.length).toBeGreaterThan(0);
    for (const route of staffRoutes) {
      const source = readFileSync(new URL(`../../functions/handlers/${route.handler}.ts`, import.meta.url), 'utf8');
      expect(source, `${route.handler} (${route.method} ${route.path})`).toMatch(/\.use\(\s*staffSession\(/);
    }
  });

  it('every staff-session handler may read its session and member, and keep the session', () => {
    for (const route of staffRoutes) {
      const fn = built.pipelineStack.functions.get(route.handler);
      if (fn === undefined) throw new Error(`no function for ${route.handler}`);
      const reads = statementsOfRole(pipeline, roleOf(fn)).filter(
        (s) => s.Effect === 'Allow' && actionsOf(s).includes('dynamodb:GetItem'),
      );
      expect(
        reads.some((s) => {
          const prefixes = leadingKeyPrefixes(s);
          return prefixes === undefined || (prefixes.includes('SESSION#*') && prefixes.includes('STAFF'));
        }),
        `${route.handler} GetItem`,
      ).toBe(true);
      const writes = tableWritesOf(pipeline, roleOf(fn));
      for (const action of ['dynamodb:UpdateItem', 'dynamodb:DeleteItem'])
        expect(
          writes.some((w) => w.action === action && (w.prefixes === undefined || w.prefixes.includes('SESSION#*'))),
          `${route.handler} ${action}`,
        ).toBe(true);
    }
  });
});

describe('the staff function flags', () => {
  const oidcVariables = [
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'OIDC_REDIRECT_URI',
    'OIDC_POST_LOGOUT_REDIRECT_URI',
    'OIDC_LOGOUT_URL',
  ];

  function oidcEnvironment(): Record<string, string> {
    const variables = environmentOf(probed, probe.functions.relyingParty);
    return Object.fromEntries(oidcVariables.map((name) => [name, evaluate(variables[name], probe.stack.stackName)]));
  }

  it('oidc: gives the relying party exactly the five OIDC_* variables, and only it', () => {
    expect(
      Object.keys(environmentOf(probed, probe.functions.relyingParty)).filter((n) => n.startsWith('OIDC_')),
    ).toEqual(oidcVariables);
    for (const name of ['accountManager', 'staffPage'] as const)
      expect(
        Object.keys(environmentOf(probed, probe.functions[name])).some((n) => n.startsWith('OIDC_')),
        name,
      ).toBe(false);
  });

  it('oidc: names the pool as issuer, this client, and redirect URIs the client accepts', () => {
    const env = oidcEnvironment();
    const client = only(probed.findResources('AWS::Cognito::UserPoolClient'), 'one client');
    const poolId = evaluate(client[1].Properties.UserPoolId, probe.stack.stackName);
    expect(env.OIDC_ISSUER).toBe(`https://cognito-idp.${STAND_INS.region}.${STAND_INS.urlSuffix}/${poolId}`);
    expect(env.OIDC_CLIENT_ID).toBe(STAND_INS.ref(client[0]));
    const accepted = (urls: Json[]): string[] => urls.map((url) => evaluate(url, probe.stack.stackName));
    expect(accepted(client[1].Properties.CallbackURLs)).toEqual([env.OIDC_REDIRECT_URI]);
    expect(accepted(client[1].Properties.LogoutURLs)).toEqual([env.OIDC_POST_LOGOUT_REDIRECT_URI]);
    expect(env.OIDC_REDIRECT_URI).toMatch(
      /^https:\/\/[a-z0-9-]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/auth\/callback$/,
    );
  });

  it("oidc: the logout URL is Cognito's, for this client, with the post-logout URI encoded", () => {
    const env = oidcEnvironment();
    const logout = new URL(env.OIDC_LOGOUT_URL ?? '');
    expect(logout.protocol).toBe('https:');
    // The DataStack's domain, through its output.
    expect(logout.hostname).toMatch(/^out-[a-z0-9]*signindomain[a-z0-9]*\.auth\.eu-west-1\.amazoncognito\.com$/);
    expect(logout.pathname).toBe('/logout');
    expect(logout.searchParams.get('client_id')).toBe(env.OIDC_CLIENT_ID);
    expect(logout.searchParams.get('logout_uri')).toBe(env.OIDC_POST_LOGOUT_REDIRECT_URI);
    expect(logout.search).toBe(
      `?client_id=${env.OIDC_CLIENT_ID}&logout_uri=${encodeURIComponent(env.OIDC_POST_LOGOUT_REDIRECT_URI ?? '')}`,
    );
  });

  it("builds the logout URI around the site's host, which is the host of the site's URL (the API's too)", () => {
    const { api, site } = built.pipelineStack;
    for (const address of [api, site]) {
      const host = evaluate(built.pipelineStack.resolve(address.host), 'PrepostPipeline');
      expect(evaluate(built.pipelineStack.resolve(address.url), 'PrepostPipeline')).toBe(`https://${host}/`);
    }
  });

  it('manageAccounts: USER_POOL_ID and AdminCreateUser/AdminDeleteUser on that pool, for that function only', () => {
    for (const name of Object.keys(probeAccess) as ProbeName[]) {
      const fn = probe.functions[name];
      const cognito = statementsOfRole(probed, roleOf(fn)).filter((s) =>
        actionsOf(s).some((action) => action.startsWith('cognito-idp:')),
      );
      const variables = environmentOf(probed, fn);
      if (name !== 'accountManager') {
        expect(cognito, name).toEqual([]);
        expect(variables.USER_POOL_ID, name).toBeUndefined();
        continue;
      }
      expect(evaluate(variables.USER_POOL_ID, probe.stack.stackName)).toMatch(/^out-publishoutputrefstaffuserpool/);
      expect(cognito).toHaveLength(1);
      expect([...actionsOf(cognito[0] as Statement)].sort()).toEqual([
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
      ]);
      expect(evaluate((cognito[0] as Statement).Resource, probe.stack.stackName)).toMatch(
        /^out-publishoutputfngetattstaffuserpool[a-z0-9]*arn/,
      );
    }
  });

  it('writes, staffSession: confine each item write to its partition, and grant no other write', () => {
    const expected: Record<ProbeName, { action: string; prefixes: string[] | undefined }[]> = {
      relyingParty: [
        { action: 'dynamodb:PutItem', prefixes: ['SIGNIN#*'] },
        { action: 'dynamodb:DeleteItem', prefixes: ['SIGNIN#*'] },
        { action: 'dynamodb:PutItem', prefixes: ['SESSION#*'] },
        { action: 'dynamodb:PutItem', prefixes: ['AUDIT#*'] },
      ],
      accountManager: [
        { action: 'dynamodb:UpdateItem', prefixes: ['SESSION#*'] },
        { action: 'dynamodb:DeleteItem', prefixes: ['SESSION#*'] },
        { action: 'dynamodb:PutItem', prefixes: ['STAFF'] },
        { action: 'dynamodb:UpdateItem', prefixes: ['STAFF'] },
        { action: 'dynamodb:DeleteItem', prefixes: ['STAFF'] },
        { action: 'dynamodb:PutItem', prefixes: ['AUDIT#*'] },
      ],
      staffPage: [
        { action: 'dynamodb:UpdateItem', prefixes: ['SESSION#*'] },
        { action: 'dynamodb:DeleteItem', prefixes: ['SESSION#*'] },
      ],
    };
    const byAction = (a: { action: string; prefixes?: string[] }, b: { action: string; prefixes?: string[] }) =>
      `${a.action}${a.prefixes}`.localeCompare(`${b.action}${b.prefixes}`);
    for (const name of Object.keys(probeAccess) as ProbeName[])
      expect(tableWritesOf(probed, roleOf(probe.functions[name])).sort(byAction), name).toEqual(
        expected[name].sort(byAction),
      );
  });
});

describe('the app with staff access', () => {
  it('has no dependency cycle in any template (functions name the API; routes name the functions)', () => {
    for (const template of [data, pipeline, probed]) expect(dependencyCycle(template.toJSON())).toBeUndefined();
  });

  it('has no cdk-nag finding on the staff resources or the flagged functions', () => {
    const report = JSON.parse(readFileSync(`${built.app.outdir}/validation-report.json`, 'utf8')) as {
      pluginReports: Json[];
    };
    const violations = report.pluginReports.flatMap((plugin) =>
      (plugin.violations as Json[]).map((v) => `${v.ruleName}: ${JSON.stringify(v.violatingResources)}`),
    );
    expect(violations).toEqual([]);
  });
});
