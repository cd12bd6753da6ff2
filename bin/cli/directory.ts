/**
 * Which identity provider the staff commands create and delete accounts at: the deployed stack's
 * Cognito user pool when `USER_POOL_ID` names it, else the local provider's accounts file in the
 * data folder (`npm start` signs staff in against it).
 */
import { CognitoDirectory, createCognitoClient, userPoolRegion } from '#adapters/cognito-directory.ts';
import type { LocalEnvironment } from '#local/environment.ts';
import { LocalDirectory, accountsFile } from '#local/local-directory.ts';
import type { IdentityDirectory } from '#ports/staff.ts';
import { optionalEnv } from '#shared/env.ts';
import { InputError } from './errors.ts';

/** The directory, and whether it is the local one (whose new accounts get a password to print). */
export function identityDirectory(environment: LocalEnvironment): {
  readonly directory: IdentityDirectory;
  readonly local: boolean;
} {
  const userPoolId = optionalEnv('USER_POOL_ID');
  if (userPoolId !== undefined) {
    const region = optionalEnv('AWS_REGION') ?? userPoolRegion(userPoolId);
    return { directory: new CognitoDirectory(createCognitoClient(region), userPoolId), local: false };
  }
  // A deployed table with local accounts would print passwords that sign in nowhere.
  if (environment.source === 'DYNAMODB_ENDPOINT' && /\.amazonaws\.com(?::\d+)?\/?$/.test(environment.endpoint))
    throw new InputError(
      `DYNAMODB_ENDPOINT is AWS's DynamoDB (${environment.endpoint}): set USER_POOL_ID to the stack's user pool ` +
        'so accounts are made there',
    );
  return { directory: new LocalDirectory(accountsFile(environment.dataDir)), local: true };
}
