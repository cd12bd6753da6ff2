/**
 * The DynamoDB document client, configured from the environment. `DYNAMODB_ENDPOINT` points it
 * at another DynamoDB (the embedded one, DynamoDB Local); such endpoints accept any credentials,
 * so placeholders are used when none are configured.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { optionalEnv } from '#shared/env.ts';

/** A document client for the endpoint given, or the one the environment names, or AWS. */
export function createDocumentClient(endpoint: string | undefined = optionalEnv('DYNAMODB_ENDPOINT')): DynamoDBDocumentClient {
  const hasCredentials = optionalEnv('AWS_ACCESS_KEY_ID') !== undefined || optionalEnv('AWS_PROFILE') !== undefined;
  const client = new DynamoDBClient({
    ...(endpoint === undefined
      ? {}
      : {
          endpoint,
          region: optionalEnv('AWS_REGION') ?? 'local',
          ...(hasCredentials ? {} : { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
        }),
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}
