/**
 * The DynamoDB document client: AWS's DynamoDB in a Lambda, or another endpoint the local stack
 * names (the embedded one, DynamoDB Local, `DYNAMODB_ENDPOINT`); such endpoints accept any
 * credentials, so placeholders are used when none are configured.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { optionalEnv } from '#shared/env.ts';

/**
 * Per-attempt limits. A participant is waiting and the function has 10 s: a call that hangs is
 * abandoned after {@link REQUEST_TIMEOUT_MS} and retried, so three attempts with the SDK's
 * backoff end within about 7 s and the participant gets a page either way. Every write on the
 * participant's request path is conditional or idempotent, so a retry after an unacknowledged
 * write changes nothing and returns what the first one stored; the staff store's writes carry a
 * change id instead, by which it tells a write that landed from one that did not (its `ADMINS`
 * count must never be too high). A 1 MB Query page takes well under a second
 * on DynamoDB, so the same limits serve the scheduled functions.
 */
export const CONNECTION_TIMEOUT_MS = 1000;
export const REQUEST_TIMEOUT_MS = 2000;
export const MAX_ATTEMPTS = 3;

/** A document client for the endpoint given, else for AWS's DynamoDB in the function's region. */
export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  // Credentials and region of an endpoint of our own: the SDK's usual variables when set.
  const hasCredentials = optionalEnv('AWS_ACCESS_KEY_ID') !== undefined || optionalEnv('AWS_PROFILE') !== undefined;
  const client = new DynamoDBClient({
    maxAttempts: MAX_ATTEMPTS,
    // Without throwOnRequestTimeout the handler only logs a warning when a request overruns.
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
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
