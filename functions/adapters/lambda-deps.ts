/**
 * The one place a Lambda reads its environment, once, at module load of its entry
 * (`functions/lambda/<name>.ts`), failing fast with the variable's name when one is missing.
 * The local stack and the tests never come here: they build the same deps with `depsOn`.
 */
import type { IdentityDirectory } from '#ports/staff.ts';
import type { AggregationJobs } from '#ports/aggregation-jobs.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { requireEnv, optionalEnv } from '#shared/env.ts';
import { CognitoDirectory, createCognitoClient, userPoolRegion } from './cognito-directory.ts';
import { createDocumentClient } from './dynamo-client.ts';
import { DynamoTable } from './dynamo-table.ts';
import { depsOn, type Deps } from './deps.ts';
import { linkKeyFrom } from './link-key.ts';
import type { OidcSettings } from './openid-client-provider.ts';
import { createSqsClient, SqsAggregationJobs } from './sqs-aggregation-jobs.ts';

/** Wraps an SDK client once it is made: X-Ray tracing (`traced`) in the entries that trace. */
export type Instrument = <Client extends object>(client: Client) => Client;

/**
 * Every function's deps: the table `TABLE_NAME` names and the key `LINK_KEY_SECRET_ARN` holds, the
 * table's client through `instrument`.
 */
export function lambdaDeps(instrument: Instrument = (client) => client): Deps {
  const table = new DynamoTable(instrument(createDocumentClient()), requireEnv('TABLE_NAME'));
  const linkKey =
    linkKeyFrom({ value: optionalEnv('LINK_KEY'), secretArn: optionalEnv('LINK_KEY_SECRET_ARN') }) ??
    // Functions that never hash a code (aggregation, summaries) have no key; one that does fails
    // on its first use with the variable's name.
    (() => Promise.reject(new Error('environment variable LINK_KEY or LINK_KEY_SECRET_ARN is required')));
  return depsOn({ table, catalog: shippedCatalog(), linkKey });
}

/**
 * The OpenID Connect settings of the sign-in functions (only their entries call this), from the
 * `OIDC_*` variables: one deployed without them fails when it loads, naming the variable, rather
 * than on somebody's sign-in. `OIDC_LOGOUT_URL` is for a provider whose discovery names no
 * end-session endpoint (Cognito). Settings, not the relying party: the entries build that, so
 * `openid-client` is bundled into the three sign-in functions only.
 */
export function lambdaOidcSettings(): OidcSettings {
  return {
    issuer: requireEnv('OIDC_ISSUER'),
    clientId: requireEnv('OIDC_CLIENT_ID'),
    redirectUri: requireEnv('OIDC_REDIRECT_URI'),
    postLogoutRedirectUri: requireEnv('OIDC_POST_LOGOUT_REDIRECT_URI'),
    logoutUrl: optionalEnv('OIDC_LOGOUT_URL'),
  };
}

/** The summary function's destinations: the bucket and the sender address. */
export function publishingEnvironment(): { readonly bucket: string; readonly sender: string } {
  return { bucket: summaryBucket(), sender: requireEnv('SENDER_ADDRESS') };
}

/** The bucket summaries are published to, which the funders' pages read back. */
export function summaryBucket(): string {
  return requireEnv('SUMMARY_BUCKET');
}

/**
 * The staff accounts' directory: the user pool `USER_POOL_ID` names. Only the functions that make
 * or delete accounts call this (the others' bundles leave the Cognito client out).
 */
export function lambdaDirectory(): IdentityDirectory {
  const userPoolId = requireEnv('USER_POOL_ID');
  return new CognitoDirectory(createCognitoClient(userPoolRegion(userPoolId)), userPoolId);
}

/**
 * The aggregation queue `AGGREGATION_QUEUE_URL` names: the plan queues cohort jobs on it, and
 * the cohort jobs queue their programme's pool. Only those two functions' entries call this.
 */
export function lambdaAggregationJobs(instrument: Instrument = (client) => client): AggregationJobs {
  return new SqsAggregationJobs(instrument(createSqsClient()), requireEnv('AGGREGATION_QUEUE_URL'));
}
