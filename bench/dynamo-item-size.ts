/**
 * The size DynamoDB bills an item at, from its rules ("DynamoDB item sizes and formats",
 * developer guide): the sum over attributes of the UTF-8 length of the name and the size of the
 * value. Strings: their UTF-8 bytes. Numbers: 1 byte per two significant digits, plus 1.
 * Booleans and null: 1 byte. Maps and lists: 3 bytes, plus 1 byte per element, plus their
 * elements (a map element's key counted like an attribute name). Binary: its raw bytes.
 * Items are given as the document client sees them (plain values, before marshalling).
 */

/** Bytes of one item as DynamoDB counts them for capacity. */
export function dynamoItemSize(item: Readonly<Record<string, unknown>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    size += utf8Bytes(name) + valueSize(value);
  }
  return size;
}

/**
 * Read capacity of `bytes` read in one request: 4 KB units, rounded up; half a unit each when eventually consistent.
 */
export function readCapacityUnits(bytes: number, consistent: boolean): number {
  return Math.ceil(bytes / 4096) * (consistent ? 1 : 0.5);
}

function valueSize(value: unknown): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberSize(String(value));
  if (typeof value === 'boolean' || value === null) return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set)
    return [...(value as Set<unknown>)].reduce<number>((sum, member) => sum + valueSize(member), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, element) => sum + 1 + valueSize(element), 0);
  if (typeof value === 'object') {
    let size = 3;
    for (const [key, element] of Object.entries(value as Record<string, unknown>)) {
      if (element === undefined) continue;
      size += 1 + utf8Bytes(key) + valueSize(element);
    }
    return size;
  }
  throw new Error(`no DynamoDB type for ${typeof value}`);
}

/** 1 byte per two significant digits (leading and trailing zeros trimmed), plus 1. */
function numberSize(text: string): number {
  const mantissa = text.replace(/^-/, '').replace(/e.*$/i, '');
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
