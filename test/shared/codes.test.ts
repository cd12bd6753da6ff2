/**
 * Link codes: 26 symbols of Crockford's base32 (130 bits), read back the way people type them,
 * and stored only as a keyed hash.
 */
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import {
  CODE_LENGTH,
  formatCode,
  generateCode,
  generateParticipantId,
  hashCode,
  normaliseCode,
} from '#shared/codes.ts';

/** Crockford's base32: the digits and the letters without I, L, O, U. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('generateCode', () => {
  it("uses the 32-symbol Crockford alphabet (sanity check of the test's own alphabet)", () => {
    expect(CROCKFORD).toHaveLength(32);
    expect(new Set(CROCKFORD).size).toBe(32);
    for (const excluded of 'ILOU') expect(CROCKFORD).not.toContain(excluded);
  });

  it('gives 26 symbols, at least 128 bits', () => {
    const code = generateCode();
    expect(code).toHaveLength(26);
    expect(CODE_LENGTH).toBe(26);
    expect(CODE_LENGTH * Math.log2(CROCKFORD.length)).toBeGreaterThanOrEqual(128);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('gives 10,000 distinct codes using every symbol about equally often', () => {
    const count = 10_000;
    const codes = Array.from({ length: count }, () => generateCode());
    expect(new Set(codes).size).toBe(count);
    const frequency = new Map<string, number>();
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
      for (const symbol of code) frequency.set(symbol, (frequency.get(symbol) ?? 0) + 1);
    }
    expect([...frequency.keys()].sort().join('')).toBe([...CROCKFORD].sort().join(''));
    // 260,000 symbols: 8,125 expected each, SD about 89, so +-25% (about 23 SD) only fails on a real bias.
    const expected = (count * 26) / 32;
    for (const symbol of CROCKFORD) {
      const seen = frequency.get(symbol) ?? 0;
      expect(seen, symbol).toBeGreaterThanOrEqual(expected * 0.75);
      expect(seen, symbol).toBeLessThanOrEqual(expected * 1.25);
    }
  });

  it('is unrelated to participant ids, which have their own shape', () => {
    const id = generateParticipantId();
    expect(id).toMatch(/^p-[0-9a-hjkmnp-tv-z]{12}$/);
    expect(normaliseCode(id)).toBeUndefined();
  });
});

describe('normaliseCode', () => {
  const code = 'ABCD0123EFGH4567JKMN89PQRS';

  it('accepts a code as generated', () => {
    expect(code).toHaveLength(26);
    expect(normaliseCode(code)).toBe(code);
    const fresh = generateCode();
    expect(normaliseCode(fresh)).toBe(fresh);
  });

  it('accepts lower case, hyphens and spaces', () => {
    expect(normaliseCode(code.toLowerCase())).toBe(code);
    expect(normaliseCode('abcd-0123-efgh-4567-jkmn-89pq-rs')).toBe(code);
    expect(normaliseCode(' ABCD 0123 EFGH 4567 JKMN 89PQ RS ')).toBe(code);
    expect(normaliseCode('AbCd-0123 efgh-4567 JkMn-89pQ rS')).toBe(code);
  });

  it('reads O as 0 and I, L as 1', () => {
    expect(normaliseCode('ABCDO123EFGH4567JKMN89PQRS')).toBe(code);
    expect(normaliseCode('ABCDoI23EFGH4567JKMN89PQRS')).toBe(code);
    expect(normaliseCode('ABCD0I23EFGH4567JKMN89PQRS')).toBe(code);
    expect(normaliseCode('ABCD0l23EFGH4567JKMN89PQRS')).toBe(code);
    expect(normaliseCode('ABCD0L23EFGH4567JKMN89PQRS')).toBe(code);
    expect(normaliseCode('abcd0i23efgh4567jkmn89pqrs')).toBe(code);
  });

  it('rejects wrong lengths', () => {
    expect(normaliseCode('')).toBeUndefined();
    expect(normaliseCode(code.slice(0, 25))).toBeUndefined();
    expect(normaliseCode(`${code}0`)).toBeUndefined();
    expect(normaliseCode(`${code}${code}`)).toBeUndefined();
    expect(normaliseCode('-'.repeat(100) + code)).toBeUndefined();
  });

  it('rejects symbols outside the alphabet, such as U', () => {
    expect(normaliseCode(`U${code.slice(1)}`)).toBeUndefined();
    expect(normaliseCode(`u${code.slice(1)}`)).toBeUndefined();
    expect(normaliseCode(`${code.slice(0, 25)}!`)).toBeUndefined();
    expect(normaliseCode(`${code.slice(0, 25)}_`)).toBeUndefined();
    expect(normaliseCode(`${code.slice(0, 25)}É`)).toBeUndefined();
    expect(normaliseCode(`${code.slice(0, 24)}/.`)).toBeUndefined();
  });
});

describe('formatCode', () => {
  it('groups a code by four with hyphens, and normaliseCode reads it back', () => {
    const code = 'ABCD0123EFGH4567JKMN89PQRS';
    const formatted = formatCode(code);
    expect(formatted).toBe('ABCD-0123-EFGH-4567-JKMN-89PQ-RS');
    expect(normaliseCode(formatted)).toBe(code);
    const fresh = generateCode();
    expect(
      formatCode(fresh)
        .split('-')
        .map((group) => group.length),
    ).toEqual([4, 4, 4, 4, 4, 4, 2]);
  });
});

describe('hashCode', () => {
  const code = 'ABCD0123EFGH4567JKMN89PQRS';
  const key = randomBytes(32);

  it('is stable under the same key', () => {
    expect(hashCode(code, key)).toBe(hashCode(code, Buffer.from(key)));
  });

  it('differs under a different key and for a different code', () => {
    const other = randomBytes(32);
    expect(hashCode(code, other)).not.toBe(hashCode(code, key));
    expect(hashCode('ABCD0123EFGH4567JKMN89PQRT', key)).not.toBe(hashCode(code, key));
  });

  it('does not contain the code or any long piece of it', () => {
    for (let index = 0; index < 200; index += 1) {
      const fresh = generateCode();
      const hash = hashCode(fresh, key);
      expect(hash).not.toContain(fresh);
      for (const piece of fresh.match(/.{8}/g) ?? []) expect(hash.toUpperCase()).not.toContain(piece);
    }
  });

  it('is a keyed SHA-256 (256 bits, base64url)', () => {
    const hash = hashCode(code, key);
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(hash, 'base64url')).toHaveLength(32);
  });
});
