/**
 * The HMAC key link codes are hashed under. In AWS it lives in Secrets Manager and is fetched
 * once per container, on first use; locally the local stack passes the key it keeps in `.data/`
 * (or `LINK_KEY`). Callers say where the key is; nothing here reads the environment.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Gives the link key; the same bytes on every call. */
export type LinkKeySource = () => Promise<Buffer>;

/** The key held in a Secrets Manager secret, fetched once (again after a failure). */
function linkKeyFromSecret(secretArn: string): LinkKeySource {
  let cached: Promise<Buffer> | undefined;
  return () => {
    cached ??= readSecret(secretArn).catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}

/** A key given as base64 (local runs, `LINK_KEY`). */
export function linkKeyFromValue(base64: string): LinkKeySource {
  const key = Buffer.from(base64, 'base64');
  if (key.length < 32) throw new Error('LINK_KEY must be at least 32 bytes, base64-encoded');
  return () => Promise.resolve(key);
}

/**
 * Where the key is, in one order for Lambdas and local commands alike: a key given as a value
 * (`LINK_KEY`) first, else the secret (`LINK_KEY_SECRET_ARN`), else none (the caller decides).
 */
export function linkKeyFrom(where: {
  readonly value?: string;
  readonly secretArn?: string;
}): LinkKeySource | undefined {
  if (where.value !== undefined) return linkKeyFromValue(where.value);
  if (where.secretArn !== undefined) return linkKeyFromSecret(where.secretArn);
  return undefined;
}

async function readSecret(secretArn: string): Promise<Buffer> {
  // Created on first use, not at module load: only functions that hash codes pay for it.
  const { SecretString } = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (SecretString === undefined || SecretString.length < 32)
    throw new Error('the link key secret is empty or too short');
  return Buffer.from(SecretString, 'utf8');
}
