/**
 * Content negotiation for the impact API, by negotiator: RFC 9110 weights and wildcards read the
 * way every Node framework reads them, instead of our looking for "text/csv" in the header.
 */
import Negotiator from 'negotiator';

/** What the impact API writes: JSON, or CSV with a header row (RFC 4180's `header=present`). */
const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

/**
 * Whether an Accept header prefers our CSV to our JSON. JSON stays the answer with no header,
 * when any type will do, on a tie that lists JSON first, and when neither is acceptable: a browser
 * asking for a page gets JSON, not a 406, as it always has.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, CSV_TYPE]) === CSV_TYPE;
}
