/**
 * CSV per RFC 4180 (CRLF line ends, quoting of commas, quotes and line breaks) with formula
 * neutralisation (OWASP CSV injection: a leading =, +, -, @, tab or CR gets an apostrophe).
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from '#core/csv.ts';

describe('toCsv', () => {
  it('ends every line, the last included, with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', '2'],
          ['3', '4'],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n3,4\r\n');
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
    expect(toCsv(['a', 'b', 'c'], [[Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]])).toBe(
      'a,b,c\r\n,,\r\n',
    );
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

  it('reads CR line ends too, and line ends mixed in one file', () => {
    expect(parseCsv('a,b\r1,2\r\n3,4\n5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('reads each separator a spreadsheet writes, quoted or not', () => {
    expect(parseCsv('a;"b;c"\r\n3,5;4\r\n', ';')).toEqual([
      ['a', 'b;c'],
      ['3,5', '4'],
    ]);
    expect(parseCsv('a\t"b\tc"\n', '\t')).toEqual([['a', 'b\tc']]);
  });

  it('keeps rows of any length and empty lines, so that callers can name a row by its place', () => {
    expect(parseCsv('a,b\n\n1,2,3\n4\n')).toEqual([['a', 'b'], [''], ['1', '2', '3'], ['4']]);
  });

  it('reads a quote inside an unquoted cell as a quote, not as the start of a quoted cell', () => {
    // Typed data with an inch mark: the rest of the file is not swallowed into one cell.
    expect(parseCsv('p1,5",4\np2,5,6\n')).toEqual([
      ['p1', '5"', '4'],
      ['p2', '5', '6'],
    ]);
  });

  it('reads a quoted cell with spaces around it as the quoted value, as spreadsheets type it', () => {
    // Refused as "not a number" by the first csv-parse version (review finding): `1, "2"` is 2.
    expect(parseCsv(' "a",b\n')).toEqual([['a', 'b']]);
    expect(parseCsv('pre, post\n1, "2"\n"5" ,7\n')).toEqual([
      ['pre', 'post'],
      ['1', '2'],
      ['5', '7'],
    ]);
    expect(parseCsv('"3,5" ;4\n" a b ";c\n', ';')).toEqual([
      ['3,5', '4'],
      [' a b ', 'c'],
    ]);
  });

  it('reads a quoted cell left open to the end of the file', () => {
    expect(parseCsv('x,"abc\n1,2\n')).toEqual([['x', 'abc\n1,2\n']]);
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

describe('CSV as European spreadsheets save it', () => {
  it('reads the separator from the header (comma, semicolon, tab) or from a sep= first line', async () => {
    const { readCsvTable } = await import('#core/csv.ts');
    expect(readCsvTable('pre;post\r\n3,5;4,5\r\n')).toEqual({
      separator: ';',
      header: ['pre', 'post'],
      rows: [{ line: 2, cells: ['3,5', '4,5'] }],
    });
    expect(readCsvTable('pre\tpost\n1\t2\n').separator).toBe('\t');
    expect(readCsvTable('"a;b",post\n1,2\n').separator).toBe(',');
    expect(readCsvTable('sep=;\npre;post\n1;2\n')).toEqual({
      separator: ';',
      header: ['pre', 'post'],
      rows: [{ line: 3, cells: ['1', '2'] }],
    });
  });

  it('numbers rows as a spreadsheet does: blank rows counted, not kept; a quoted line break in its row', async () => {
    const { readCsvTable } = await import('#core/csv.ts');
    expect(readCsvTable('\uFEFFid;note\r\n\r\n1;"two\r\nlines"\r\n;\r\n2;x\r\n')).toEqual({
      separator: ';',
      header: ['id', 'note'],
      rows: [
        { line: 3, cells: ['1', 'two\r\nlines'] },
        { line: 5, cells: ['2', 'x'] },
      ],
    });
  });

  it('decodes UTF-16 with a byte order mark, and UTF-8 with or without one', async () => {
    const { decodeCsv } = await import('#core/csv.ts');
    const text = 'pre;post\r\n3,5;ă\r\n';
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    const bigEndian = Buffer.from(text, 'utf16le').swap16();
    expect(decodeCsv(Buffer.concat([Buffer.from([0xfe, 0xff]), bigEndian]))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    expect(decodeCsv(Buffer.from(text))).toBe(text);
  });
});

describe('readStatsCsv', () => {
  it('reads decimal commas when the columns are separated by semicolons or tabs', async () => {
    const { readStatsCsv } = await import('#core/stats-csv.ts');
    expect(readStatsCsv('pre;post\n3,5;4,5\n2;3,25\n')).toEqual({ pre: [3.5, 2], post: [4.5, 3.25], rows: 2 });
    expect(readStatsCsv('Before\tAfter\n1,5\t2\n')).toEqual({ pre: [1.5], post: [2], rows: 1 });
    expect(readStatsCsv('pre-test,post-test\n1.5,2\n')).toEqual({ pre: [1.5], post: [2], rows: 1 });
  });

  it('refuses, naming the row, an unquoted decimal comma that would split numbers in a comma file', async () => {
    const { readStatsCsv } = await import('#core/stats-csv.ts');
    // Today's reader took this as pre = 3, post = 5: a "result" from wrong numbers.
    expect(() => readStatsCsv('pre,post\n3,5,4,5\n')).toThrow(
      'row 2: 4 cells but the header has 2 columns (a decimal comma',
    );
    expect(() => readStatsCsv('pre,post\n"3,5",4\n')).toThrow(
      'row 2: pre "3,5" is not a number (use a point for decimals',
    );
  });

  it('refuses a column named twice', async () => {
    const { readStatsCsv } = await import('#core/stats-csv.ts');
    expect(() => readStatsCsv('pre,post,pre\n1,2,3\n')).toThrow(
      'the header row has the column "pre" twice (columns 1 and 3)',
    );
  });
});
