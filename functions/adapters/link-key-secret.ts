/**
 * The link key read from its Secrets Manager secret. A module of its own so that `link-key.ts`
 * loads it, and the Secrets Manager client with it, only when a code is first hashed: a cold
 * start that hashes nothing does not evaluate the client (about 8 ms), and importing this module
 * rather than the client's package keeps the bundle to the one command it sends.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The secret's value as the key's bytes; refused when too short to be a key. */
export async function readLinkKeySecret(secretArn: string): Promise<Buffer> {
  const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretString === undefined || SecretString.length < 32)
    throw new Error('the link key secret is empty or too short');
  return Buffer.from(SecretString, 'utf8');
}
