/**
 * The HTTP API in front of the handlers: one route per entry in `lib/routes.ts` (the table the
 * local server reads too), the API token authorizer on every `api-token` route, a `$default` stage
 * throttled per route by how the route is reached (so a flood of one kind cannot starve another),
 * and access logs that record what happened to a request without recording who made it or which
 * link it carried.
 */
import { Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiDefaults } from '../config.ts';
import { routes as allRoutes, type HandlerName, type Route, type RouteAccess } from '../routes.ts';
import { pascalCase } from './naming.ts';

/**
 * Why each kind of route may go without an API Gateway authorizer (the reason given to cdk-nag),
 * keyed by how the route authenticates (`lib/routes.ts`), so a new kind cannot appear unexplained.
 * `api-token` routes have the authorizer and need no reason.
 */
const noAuthorizerBecause: Readonly<Record<Exclude<RouteAccess, 'api-token'>, string>> = {
  'participant-link':
    'Participants have no account: the unguessable link code in the path (at least 128 bits from a CSPRNG, stored ' +
    'only as a keyed hash) is the credential, checked by the function against the table.',
  'staff-session':
    'Staff pages are checked by the function: a session cookie whose hash is stored (set after an OpenID Connect ' +
    'sign-in through the Cognito user pool), then the role and programme each request needs.',
  'sign-in':
    'The OpenID Connect sign-in itself (authorization code with PKCE through the Cognito user pool): open by nature.',
};

/**
 * Access log fields. No path (it holds link codes) or query string (sign-in tokens), no source
 * IP or user agent (participants include survivors of violence): the route template, status
 * and timings are enough to operate the API.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

export interface PrepostApiProps {
  /** The function behind each handler name the routes use (other entries are ignored). */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;

  /**
   * The routes to expose.
   * @default routes from lib/routes.ts
   */
  readonly routes?: readonly Route[];

  /**
   * The API token authorizer (`functions/handlers/authorize-api.ts`), put in front of every route
   * whose access is `api-token`.
   * @default - none; then a route with access `api-token` is an error
   */
  readonly apiTokenAuthorizer?: lambda.IFunction;

  /**
   * Steady-state requests per second across the stage.
   * @default apiDefaults.throttleRateLimit (50)
   */
  readonly throttleRateLimit?: number;

  /**
   * Burst of requests the stage accepts above the rate.
   * @default apiDefaults.throttleBurstLimit (100)
   */
  readonly throttleBurstLimit?: number;

  /**
   * Requests per second and burst of each route, by how the route is reached.
   * @default apiDefaults.routeThrottles
   */
  readonly routeThrottles?: Readonly<Record<RouteAccess, RouteThrottle>>;

  /**
   * How long access logs are kept.
   * @default apiDefaults.accessLogRetention (one month)
   */
  readonly accessLogRetention?: logs.RetentionDays;

  /**
   * The customer-managed key of the access log group (its policy must let CloudWatch Logs use it).
   * @default - CloudWatch Logs' own encryption
   */
  readonly accessLogEncryptionKey?: kms.IKey;
}

/** A route's throttle: steady requests per second, and the burst above it. */
export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** An API Gateway HTTP API routing to prepost's HTTP handlers. */
export class PrepostApi extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  /** The `$default` stage, throttled and access-logged. */
  public readonly stage: apigwv2.HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  /** The authorizer of the `api-token` routes, when there is one. */
  public readonly apiTokenAuthorizer: HttpLambdaAuthorizer | undefined;

  constructor(scope: Construct, id: string, props: PrepostApiProps) {
    super(scope, id);

    // The stage is made explicitly: the one HttpApi creates cannot be throttled or logged.
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: Names.uniqueResourceName(this, { maxLength: 128 }),
      description: 'prepost: survey links, evaluator API and dashboard',
      createDefaultStage: false,
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? apiDefaults.accessLogRetention,
      ...(props.accessLogEncryptionKey === undefined ? {} : { encryptionKey: props.accessLogEncryptionKey }),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttleRateLimit ?? apiDefaults.throttleRateLimit,
        burstLimit: props.throttleBurstLimit ?? apiDefaults.throttleBurstLimit,
      },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat,
      },
    });

    this.apiTokenAuthorizer =
      props.apiTokenAuthorizer === undefined
        ? undefined
        : new HttpLambdaAuthorizer('ApiTokenAuthorizer', props.apiTokenAuthorizer, {
            // The handler answers { isAuthorized, context } (payload 2.0), and fails to answer 401.
            responseTypes: [HttpLambdaResponseType.SIMPLE],
            // No header, no call: API Gateway answers 401 itself.
            identitySource: ['$request.header.Authorization'],
            // Never cached: a token revoked, expired, or whose owner lost a grant or was removed stops
            // working on the next request, not up to a cache lifetime later (the grants travel in the
            // authorizer's context, so a cached answer would also carry stale grants).
            resultsCacheTtl: Duration.seconds(0),
          });

    const routes = props.routes ?? allRoutes;
    // Per route key ("GET /s/{code}"): API Gateway keeps a separate bucket for each, so participants'
    // routes keep their capacity however hard the staff or sign-in routes are hit, and the other way round.
    const routeThrottles = props.routeThrottles ?? apiDefaults.routeThrottles;
    (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = Object.fromEntries(
      routes.map((route) => [
        `${route.method} ${route.path}`,
        {
          ThrottlingRateLimit: routeThrottles[route.access].rateLimit,
          ThrottlingBurstLimit: routeThrottles[route.access].burstLimit,
        },
      ]),
    );

    const integrations = new Map<HandlerName, HttpLambdaIntegration>();
    for (const route of routes) {
      const fn = props.functions.get(route.handler);
      if (fn === undefined)
        throw new Error(`PrepostApi: no function for handler "${route.handler}" (route ${route.method} ${route.path})`);
      let integration = integrations.get(route.handler);
      if (integration === undefined) {
        integration = new HttpLambdaIntegration(`${pascalCase(route.handler)}Integration`, fn);
        integrations.set(route.handler, integration);
      }
      const httpRoute = new apigwv2.HttpRoute(
        this,
        `${pascalCase(route.method.toLowerCase())}${pascalCase(route.path)}Route`,
        {
          httpApi: this.httpApi,
          routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
          integration,
          ...(route.access === 'api-token' ? { authorizer: this.requireApiTokenAuthorizer(route) } : {}),
        },
      );
      // CloudFormation refuses a stage whose route settings name a route that does not exist yet.
      this.stage.node.addDependency(httpRoute);
      if (route.access !== 'api-token')
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `No API Gateway authorizer; the function authenticates. ${noAuthorizerBecause[route.access]}`,
        });
    }
  }

  /** The API's base URL, ending in `/`: `https://<host>/`. */
  get url(): string {
    // A stage named $default has a URL, so this is always defined.
    return this.stage.url;
  }

  /**
   * The host of {@link url} (`<api id>.execute-api.<region>.<url suffix>`), for building URLs that
   * must be composed at synth time around deploy-time values; the infrastructure test holds the
   * two equal.
   */
  get host(): string {
    const stack = Stack.of(this);
    return `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  private requireApiTokenAuthorizer(route: Route): HttpLambdaAuthorizer {
    if (this.apiTokenAuthorizer === undefined)
      throw new Error(`PrepostApi: route ${route.method} ${route.path} needs the API token authorizer`);
    return this.apiTokenAuthorizer;
  }
}
