/**
 * Link tokens: what a questionnaire form carries instead of a second look-up of its link. A
 * token opens only with the key and on the link it was made for, reveals nothing it carries,
 * is refused once it or the participant's items expire, and never outlives the markers an
 * erasure leaves (the write it leads to would otherwise find the wave's key empty again).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateCode } from '#shared/codes.ts';
import { LINK_TOKEN_SECONDS, openLinkToken, sealLinkToken, type LinkTokenClaims } from '#shared/link-token.ts';
import { ERASURE_MARKER_DAYS } from '#use-cases/erase-participant.ts';

const key = randomBytes(32);
const code = generateCode();
const now = new Date('2026-12-03T10:00:00Z');
const seconds = now.getTime() / 1000;
const claims: LinkTokenClaims = {
  target: {
    programme: 'dones-mentores',
    cohort: 'barcelona-2026',
    participant: 'p-0a1b2c3d4e5f',
    session: 'mentoring-cycle',
    wave: 'post',
  },
  linkExpiresAt: seconds + 365 * 86_400,
  issuedAt: seconds,
  expiresAt: seconds + LINK_TOKEN_SECONDS,
};

describe('a link token', () => {
  it('opens to what it was sealed with, with the key and on its own link', () => {
    const token = sealLinkToken(key, code, claims);
    expect(openLinkToken(key, code, token, now)).toEqual(claims);
    // A link made before expiry was kept.
    const ageless = { ...claims, linkExpiresAt: undefined };
    expect(openLinkToken(key, code, sealLinkToken(key, code, ageless), now)).toEqual(ageless);
  });

  it('is refused on another link, under another key, altered, cut or made up', () => {
    const token = sealLinkToken(key, code, claims);
    expect(openLinkToken(key, generateCode(), token, now)).toBeUndefined();
    expect(openLinkToken(randomBytes(32), code, token, now)).toBeUndefined();
    const bytes = Buffer.from(token, 'base64url');
    for (const at of [0, 1, 20, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] = (altered[at] ?? 0) ^ 1;
      expect(openLinkToken(key, code, altered.toString('base64url'), now), `byte ${at}`).toBeUndefined();
    }
    expect(openLinkToken(key, code, token.slice(0, -4), now)).toBeUndefined();
    for (const made of ['', 'x', 'AQ', '!!!', 'a'.repeat(5000), Buffer.alloc(80, 1).toString('base64url')])
      expect(openLinkToken(key, code, made, now)).toBeUndefined();
  });

  it('is refused once it has expired, or once the participant items have', () => {
    const token = sealLinkToken(key, code, claims);
    const later = (offset: number): Date => new Date(now.getTime() + offset * 1000);
    expect(openLinkToken(key, code, token, later(LINK_TOKEN_SECONDS - 1))).toEqual(claims);
    expect(openLinkToken(key, code, token, later(LINK_TOKEN_SECONDS))).toBeUndefined();
    const ending = sealLinkToken(key, code, { ...claims, linkExpiresAt: seconds + 60 });
    expect(openLinkToken(key, code, ending, later(59))).toBeDefined();
    expect(openLinkToken(key, code, ending, later(60))).toBeUndefined();
  });

  it('is refused a day after it was made, whatever expiry it was sealed with', () => {
    const later = (offset: number): Date => new Date(now.getTime() + offset * 1000);
    // Sealed to live as long as its link (a year): refused at once, and a day on all the same.
    const lasting = sealLinkToken(key, code, { ...claims, expiresAt: claims.linkExpiresAt ?? 0 });
    expect(openLinkToken(key, code, lasting, now)).toBeUndefined();
    expect(openLinkToken(key, code, lasting, later(364 * 86_400))).toBeUndefined();
    // Sealed a day ago with an expiry still ahead.
    const old = sealLinkToken(key, code, {
      ...claims,
      issuedAt: seconds - LINK_TOKEN_SECONDS,
      expiresAt: seconds + 60,
    });
    expect(openLinkToken(key, code, old, now)).toBeUndefined();
    // Made "later" than any instance's clock can be ahead: its day would not start.
    const ahead = sealLinkToken(key, code, { ...claims, issuedAt: seconds + 3600, expiresAt: seconds + 3600 });
    expect(openLinkToken(key, code, ahead, now)).toBeUndefined();
    // A few seconds of another instance's clock ahead of this one's are borne.
    const skewed = { ...claims, issuedAt: seconds + 5, expiresAt: seconds + 5 + LINK_TOKEN_SECONDS - 10 };
    expect(openLinkToken(key, code, sealLinkToken(key, code, skewed), now)).toEqual(skewed);
  });

  it('says nothing of what it carries, and differs each time it is made', () => {
    const token = sealLinkToken(key, code, claims);
    const readable = Buffer.from(token, 'base64url').toString('latin1');
    for (const part of ['p-0a1b2c3d4e5f', 'dones', 'barcelona', 'mentoring', 'post'])
      expect(`${token} ${readable}`).not.toContain(part);
    expect(sealLinkToken(key, code, claims)).not.toBe(token);
    // Small enough for every screen of the questionnaire to carry.
    expect(token.length).toBeLessThan(300);
  });

  it('lives a day, well under the erasure markers it relies on', () => {
    expect(LINK_TOKEN_SECONDS).toBe(86_400);
    expect(LINK_TOKEN_SECONDS).toBeLessThan(ERASURE_MARKER_DAYS * 86_400);
  });
});
