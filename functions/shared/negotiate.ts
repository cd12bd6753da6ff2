/**
 * Content negotiation for the impact API, by negotiator: RFC 9110 weights and wildcards read the
 * way every Node framework reads them, instead of our looking for "text/csv" in the header.
 */
import Negotiator from 'negotiator';

/** What the impact API writes: JSON, or CSV (UTF-8, with a header row). */
const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';

/**
 * Whether an Accept header prefers our CSV to our JSON. JSON stays the answer with no header,
 * when any type will do, on a tie that lists JSON first, and when neither is acceptable: a browser
 * asking for a page gets JSON, not a 406, as it always has. A range's parameters other than its
 * weight do not matter: there is one CSV, and a client asking for `text/csv;charset=latin1` is
 * better served by it (its charset declared) than by JSON it did not ask for.
 */
export function prefersCsv(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const weightsOnly = accept
    .split(',')
    .map((range) => {
      const [type = '', ...parameters] = range.split(';');
      return [type, ...parameters.filter((parameter) => /^\s*q\s*=/i.test(parameter))].join(';');
    })
    .join(',');
  return new Negotiator({ headers: { accept: weightsOnly } }).mediaType([JSON_TYPE, CSV_TYPE]) === CSV_TYPE;
}
