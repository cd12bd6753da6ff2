/**
 * A link token: what a link resolved to, carried in the questionnaire's form so that posting a
 * screen need not look the link up again (the link read was most of the submit path's cost).
 * It holds the link's target (programme, cohort, participant, session, wave), when the
 * participant's items expire, and when the token itself stops being accepted.
 *
 * Sealed with AES-256-GCM under a key derived from the link key (HKDF, a purpose of its own, so a
 * token can never pass for a code's hash or a batch seal), with the link's code as associated
 * data: a token opens only on the link it was made for, cannot be altered or forged without the
 * key, and says nothing to whoever reads the page (not even the pseudonymous participant id).
 * Plain `node:crypto`, a few microseconds to seal or open.
 *
 * A token is no authority over erasure: the write it leads to is conditional on the wave's item
 * (absent or a draft), and an erasure turns that item into a marker first, so a token of an
 * erased participant leads nowhere. It must not outlive those markers: whatever expiry it was
 * sealed with, a token is refused {@link LINK_TOKEN_SECONDS} after it was made (the issue time
 * is sealed too), well under the markers' life (`ERASURE_MARKER_DAYS`, a test holds it).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { isWaveKind, type LinkTarget } from '#core/model.ts';

/**
 * The longest a link token is accepted: a day, so a form left open overnight still posts without
 * a read (an expired token only costs the read again). Held by `openLinkToken` against the issue
 * time sealed in the token, not only by the expiry its maker chose: a token made before an
 * erasure always meets the markers it left, never the empty key after DynamoDB's TTL removed them.
 */
export const LINK_TOKEN_SECONDS = 24 * 60 * 60;

/** How far ahead of this instance's clock another instance's may be when it made a token. */
const CLOCK_SKEW_SECONDS = 300;

/** What a token carries. */
export interface LinkTokenClaims {
  readonly target: LinkTarget;
  /** Epoch seconds when the token was made: it is refused {@link LINK_TOKEN_SECONDS} after. */
  readonly issuedAt: number;
  /**
   * Epoch seconds when the participant's items (and so the link) expire; absent on links made
   * before expiry was kept.
   */
  readonly linkExpiresAt?: number | undefined;
  /** Epoch seconds after which the token is refused (the form then resolves the link as a new visit does). */
  readonly expiresAt: number;
}

/** 2: the issue time sealed (a token of version 1 is refused, and the link read instead). */
const VERSION = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Longer than any token this module makes (about 200 characters): anything longer is refused unread. */
const MAX_TOKEN_LENGTH = 600;

const keys = new WeakMap<Buffer, Buffer>();

/** The token key, derived once per link key. */
function tokenKey(linkKey: Buffer): Buffer {
  let key = keys.get(linkKey);
  if (key === undefined) {
    key = Buffer.from(hkdfSync('sha256', linkKey, Buffer.alloc(0), 'prepost link token', 32));
    keys.set(linkKey, key);
  }
  return key;
}

/** The associated data: the version and the code, so a token opens only on its own link. */
function associatedData(code: string): Buffer {
  return Buffer.from(`prepost.link-token/${VERSION}:${code}`, 'utf8');
}

/** Seals the claims for the link with this (normalised) code, base64url. */
export function sealLinkToken(linkKey: Buffer, code: string, claims: LinkTokenClaims): string {
  const { programme, cohort, participant, session, wave } = claims.target;
  const plain = JSON.stringify([
    programme,
    cohort,
    participant,
    session,
    wave,
    claims.linkExpiresAt ?? null,
    claims.expiresAt,
    claims.issuedAt,
  ]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', tokenKey(linkKey), iv);
  cipher.setAAD(associatedData(code));
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The claims of a token made for this (normalised) code that still holds at `now`; undefined
 * for anything else (altered, forged, another link's, expired, made more than
 * {@link LINK_TOKEN_SECONDS} ago or sealed to live longer, the participant's items expired),
 * which the caller answers by looking the link up as a new visit does.
 */
export function openLinkToken(linkKey: Buffer, code: string, token: string, now: Date): LinkTokenClaims | undefined {
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return undefined;
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', tokenKey(linkKey), bytes.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(associatedData(code));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    plain = Buffer.concat([
      decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // The tag did not hold: not a token this key made for this link.
    return undefined;
  }
  const claims = claimsOf(JSON.parse(plain) as unknown);
  if (claims === undefined) return undefined;
  const seconds = now.getTime() / 1000;
  if (claims.expiresAt <= seconds) return undefined;
  // Never longer than a day, whatever expiry was sealed: the erasure markers must outlive it.
  if (seconds - claims.issuedAt >= LINK_TOKEN_SECONDS || claims.issuedAt - seconds > CLOCK_SKEW_SECONDS)
    return undefined;
  if (claims.expiresAt - seconds > LINK_TOKEN_SECONDS) return undefined;
  if (claims.linkExpiresAt !== undefined && claims.linkExpiresAt <= seconds) return undefined;
  return claims;
}

/** The claims of an opened token's plain text (only this module writes it; checked all the same). */
function claimsOf(value: unknown): LinkTokenClaims | undefined {
  if (!Array.isArray(value) || value.length !== 8) return undefined;
  const [programme, cohort, participant, session, wave, linkExpiresAt, expiresAt, issuedAt] = value as unknown[];
  if (
    typeof programme !== 'string' ||
    typeof cohort !== 'string' ||
    typeof participant !== 'string' ||
    typeof session !== 'string' ||
    !isWaveKind(wave) ||
    (linkExpiresAt !== null && typeof linkExpiresAt !== 'number') ||
    typeof expiresAt !== 'number' ||
    typeof issuedAt !== 'number'
  )
    return undefined;
  return {
    target: { programme, cohort, participant, session, wave },
    issuedAt,
    linkExpiresAt: linkExpiresAt ?? undefined,
    expiresAt,
  };
}
