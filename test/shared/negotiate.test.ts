/**
 * The impact API answers CSV when the Accept header prefers it to JSON (RFC 9110 weights and
 * wildcards, read by negotiator), and JSON otherwise, as it always has by default.
 */
import { describe, expect, it } from 'vitest';
import { prefersCsv } from '#shared/negotiate.ts';

describe('prefersCsv', () => {
  it('answers CSV to a client that asks for it, in any case, with our charset or a header row', () => {
    for (const accept of [
      'text/csv',
      'TEXT/CSV',
      'text/csv; charset=utf-8',
      'text/csv;charset=UTF-8',
      'text/csv;header=present',
      // There is one CSV: parameters other than the weight do not turn a request for it into JSON.
      'text/csv;charset=latin1',
      'text/csv;header=absent',
      'text/csv;charset=iso-8859-1;q=0.8',
      'text/*',
    ])
      expect(prefersCsv(accept), accept).toBe(true);
  });

  it('answers JSON with no header, when any type will do, and when neither is acceptable', () => {
    for (const accept of [
      undefined,
      '',
      '*/*',
      'application/json',
      'application/*',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
      'text/html',
      'image/png',
      ';;;,,,q=',
    ])
      expect(prefersCsv(accept), String(accept)).toBe(false);
  });

  it('follows q values, and the client order on a tie', () => {
    expect(prefersCsv('application/json;q=0.9, text/csv')).toBe(true);
    expect(prefersCsv('text/csv;q=0.5, */*;q=0.1')).toBe(true);
    expect(prefersCsv('application/json;q=0, */*')).toBe(true);
    expect(prefersCsv('text/csv, application/json')).toBe(true);
    expect(prefersCsv('application/json, text/csv;q=0.5')).toBe(false);
    expect(prefersCsv('application/json, text/csv')).toBe(false);
  });

  it('refuses CSV the client refuses', () => {
    expect(prefersCsv('text/csv;q=0')).toBe(false);
    expect(prefersCsv('text/csv;charset=latin1;q=0')).toBe(false);
    expect(prefersCsv('text/csv;q=0, application/json;q=0.1')).toBe(false);
  });
});
