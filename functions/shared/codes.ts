/**
 * Link codes, pseudonymous ids, and the stored form of the staff's random secrets. A link code is
 * the participant's only key to their survey, so it carries 130 bits from the CSPRNG, is written
 * in Crockford's base32 (no I, L, O, U: easy to read aloud and type from paper), and is stored
 * only as an HMAC under a server-side key, so a leaked table does not reveal working links. Plain
 * `node:crypto` and nothing else, so the API authorizer, which hashes token secrets, bundles no
 * cookie parser or middleware.
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 26 symbols x 5 bits = 130 bits, above the 128 the rules ask for. */
export const CODE_LENGTH = 26;

/** A fresh link code from the CSPRNG. */
export function generateCode(): string {
  return randomSymbols(CODE_LENGTH);
}

/** A receipt shown after a submission: random, so it says nothing about the answers. */
export function generateReceipt(): string {
  return randomSymbols(10);
}

/** A fresh pseudonymous participant id, unrelated to any of the participant's codes. */
export function generateParticipantId(): string {
  return `p-${randomSymbols(12).toLowerCase()}`;
}

function randomSymbols(count: number): string {
  let out = '';
  for (let index = 0; index < count; index += 1) out += ALPHABET[randomInt(32)];
  return out;
}

/**
 * A code as typed by a person: case-insensitive, hyphens and spaces ignored, and the letters
 * people confuse with digits read as those digits (Crockford's rule). Undefined when it cannot
 * be a code, so malformed input is rejected before any lookup.
 */
export function normaliseCode(input: string): string | undefined {
  if (input.length > 64) return undefined;
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH) return undefined;
  for (const symbol of code) if (!ALPHABET.includes(symbol)) return undefined;
  return code;
}

/** The code in groups of four, for printed sheets and messages. */
export function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The keyed hash a code is stored under. */
export function hashCode(code: string, key: Buffer): string {
  return createHmac('sha256', key).update(code).digest('base64url');
}

/**
 * SHA-256, base64url: the stored form of random secrets (session ids, sign-in states, API token
 * secrets). They carry 256 bits from the CSPRNG, so a plain hash is enough: nothing to guess.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** A fresh session id (256 bits from the CSPRNG) and the hash it is stored under. */
export function newSessionId(): { readonly id: string; readonly hash: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, hash: hashSecret(id) };
}

/** A one-use token of a form (128 random bits), claimed once when the form is sent. */
export function newFormToken(): string {
  return randomBytes(16).toString('base64url');
}

/** A batch's id: its creation time (so batches sort in the order they were made) and 32 random bits against a tie. */
export function newBatchId(createdAt: string): string {
  return `${createdAt}#${randomBytes(4).toString('hex')}`;
}
