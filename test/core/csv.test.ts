/**
 * CSV per RFC 4180 (CRLF line ends, quoting of commas, quotes and line breaks) with formula
 * neutralisation (OWASP CSV injection: a leading =, +, -, @, tab or CR gets an apostrophe).
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '#core/csv.ts';

describe('toCsv', () => {
  it('ends every line, the last included, with CRLF', () => {
    expect(toCsv(['a', 'b'], [['1', '2'], ['3', '4']])).toBe('a,b\r\n1,2\r\n3,4\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(toCsv(['h'], [['a,b']])).toBe('h\r\n"a,b"\r\n');
    expect(toCsv(['h'], [['say "hi"']])).toBe('h\r\n"say ""hi"""\r\n');
    expect(toCsv(['h'], [['two\nlines']])).toBe('h\r\n"two\nlines"\r\n');
    expect(toCsv(['h'], [['two\r\nlines']])).toBe('h\r\n"two\r\nlines"\r\n');
    expect(toCsv(['h'], [['plain text']])).toBe('h\r\nplain text\r\n');
  });

  it('quotes header cells the same way', () => {
    expect(toCsv(['a,b', 'c'], [])).toBe('"a,b",c\r\n');
  });

  it('writes null and undefined as empty cells, numbers and booleans as text', () => {
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], [[null, undefined, 0, 1.5, false]])).toBe('a,b,c,d,e\r\n,,0,1.5,false\r\n');
  });

  it('writes non-finite numbers as empty cells', () => {
    expect(toCsv(['a', 'b', 'c'], [[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]])).toBe('a,b,c\r\n,,\r\n');
  });

  it('leaves negative numbers as numbers (they are values, not formulas)', () => {
    expect(toCsv(['a'], [[-2.5]])).toBe('a\r\n-2.5\r\n');
  });

  it('prefixes strings a spreadsheet would run as a formula with an apostrophe', () => {
    const cells = ['=1+1', '+x', '-x', '@x', '\tx', '=HYPERLINK("http://example.org","x")'];
    const [, line] = parseCsv(toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [cells]));
    expect(line).toEqual(["'=1+1", "'+x", "'-x", "'@x", "'\tx", '\'=HYPERLINK("http://example.org","x")']);
    expect(toCsv(['a'], [['=1+1']])).toBe("a\r\n'=1+1\r\n");
    expect(toCsv(['a'], [['=SUM(A1,A2)']])).toBe('a\r\n"\'=SUM(A1,A2)"\r\n');
  });

  it('leaves strings alone that only contain those characters later on', () => {
    expect(toCsv(['a', 'b'], [['1+1=2', 'a@b.org']])).toBe('a,b\r\n1+1=2,a@b.org\r\n');
  });
});

describe('parseCsv', () => {
  it('reads CRLF and LF line ends alike', () => {
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('"a,b","say ""hi""","x\r\ny"\r\n')).toEqual([['a,b', 'say "hi"', 'x\r\ny']]);
  });

  it('reads empty cells', () => {
    expect(parseCsv('a,,c\r\n,,\r\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  it('round-trips plain values written by toCsv', () => {
    const header = ['id', 'text', 'number', 'empty', 'flag'];
    const rows: (string | number | boolean | null)[][] = [
      ['a', 'plain', 1, null, true],
      ['b', 'with, comma', 2.25, '', false],
      ['c', 'with "quotes"', 0, null, true],
      ['d', 'line\r\nbreak and, "all"', 100, 'x', false],
      ['e', 'Iași, București — ñ, ç, ă', 3, null, true],
      ['f', '', 4, null, false],
    ];
    const parsed = parseCsv(toCsv(header, rows));
    const expected = [header, ...rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))];
    expect(parsed).toEqual(expected);
  });
});
