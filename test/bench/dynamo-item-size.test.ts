/**
 * Item sizes by the rules of "DynamoDB item sizes and formats" (developer guide), worked out by
 * hand: attribute name bytes plus value bytes; numbers 1 byte per two significant digits plus
 * 1; maps and lists 3 bytes plus 1 byte per element plus their elements.
 */
import { describe, expect, it } from 'vitest';
import { dynamoItemSize, readCapacityUnits } from '../../bench/dynamo-item-size.ts';

describe('dynamoItemSize', () => {
  it('counts strings as UTF-8 bytes of name and value', () => {
    expect(dynamoItemSize({ PK: 'COHORT#a#b' })).toBe(2 + 10);
    expect(dynamoItemSize({ name: 'Girona àè' })).toBe(4 + 11);
  });

  it('counts numbers by significant digits, leading and trailing zeros trimmed', () => {
    expect(dynamoItemSize({ n: 7 })).toBe(1 + 2);
    expect(dynamoItemSize({ n: 123 })).toBe(1 + 3);
    expect(dynamoItemSize({ n: 1_800_000_000 })).toBe(1 + 2);
    expect(dynamoItemSize({ n: 1_814_335_996 })).toBe(1 + 6);
    expect(dynamoItemSize({ n: 0.25 })).toBe(1 + 2);
  });

  it('counts booleans and null as one byte', () => {
    expect(dynamoItemSize({ ok: true, no: null })).toBe(2 + 1 + 2 + 1);
  });

  it('counts maps and lists with 3 bytes each and 1 byte per element', () => {
    expect(dynamoItemSize({ m: {} })).toBe(1 + 3);
    expect(dynamoItemSize({ m: { a: 'x', bb: 'yy' } })).toBe(1 + 3 + (1 + 1 + 1) + (1 + 2 + 2));
    expect(dynamoItemSize({ l: ['x', 'yy'] })).toBe(1 + 3 + (1 + 1) + (1 + 2));
    expect(dynamoItemSize({ answers: { mood: { 'mood-last-week': 'good' } } })).toBe(
      7 + 3 + (1 + 4 + 3 + (1 + 14 + 4)),
    );
  });

  it('leaves out undefined attributes, as the document client does', () => {
    expect(dynamoItemSize({ a: 'x', b: undefined })).toBe(2);
  });
});

describe('readCapacityUnits', () => {
  it('rounds up to 4 KB units, half a unit each when eventually consistent', () => {
    expect(readCapacityUnits(0, false)).toBe(0);
    expect(readCapacityUnits(1, false)).toBe(0.5);
    expect(readCapacityUnits(4096, false)).toBe(0.5);
    expect(readCapacityUnits(4097, false)).toBe(1);
    expect(readCapacityUnits(4097, true)).toBe(2);
  });
});
