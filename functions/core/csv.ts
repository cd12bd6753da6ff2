/**
 * CSV in one place (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or
 * line break), for the impact export, summaries and link sheets alike. Cells that a spreadsheet
 * would run as a formula are prefixed with an apostrophe (OWASP CSV injection advice). Reading
 * goes through csv-parse; what is ours is what a spreadsheet's file needs around it (its
 * encoding, its separator) and the writer, whose escaping is a security rule.
 */
import { parse } from 'csv-parse/sync';

/** A cell value; null and undefined become empty cells. */
export type CsvCell = string | number | boolean | null | undefined;

/** The CSV text of a header row and data rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(formatCell).join(',')).join('\r\n')}\r\n`;
}

function formatCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  let text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The separators a spreadsheet writes: comma, semicolon (where the decimal mark is a comma), tab. */
export type CsvSeparator = ',' | ';' | '\t';

/**
 * Text of a CSV file as a spreadsheet saved it: UTF-8 (with or without a byte order mark) or
 * UTF-16 with its byte order mark ("Unicode text").
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

/**
 * A CSV table whose separator is read from the file: a first line `sep=;` (as Excel writes it)
 * names it; otherwise the separator found most often outside quotes in the header row wins
 * (comma on a tie). Rows keep their line in the file for messages.
 */
export function readCsvTable(text: string): {
  separator: CsvSeparator;
  header: string[];
  rows: { line: number; cells: string[] }[];
} {
  let body = text.replace(/^\uFEFF/, '');
  let separator: CsvSeparator | undefined;
  let firstLine = 1;
  const declared = /^sep=(.)\r?\n/i.exec(body);
  if (declared !== null && [',', ';', '\t'].includes(declared[1] ?? '')) {
    separator = declared[1] as CsvSeparator;
    body = body.slice(declared[0].length);
    firstLine = 2;
  }
  separator ??= detectSeparator(body);
  const [header, ...records] = parseCsv(body, separator).map((cells, index) => ({ line: index + firstLine, cells }));
  return {
    separator,
    header: header?.cells ?? [],
    rows: records.filter((record) => record.cells.some((cell) => cell.trim() !== '')),
  };
}

function detectSeparator(text: string): CsvSeparator {
  const counts = new Map<CsvSeparator, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as CsvSeparator))
      counts.set(char as CsvSeparator, (counts.get(char as CsvSeparator) ?? 0) + 1);
  }
  let best: CsvSeparator = ',';
  for (const [candidate, count] of counts) if (count > (counts.get(best) ?? 0)) best = candidate;
  return best;
}

/**
 * Parses CSV text into rows of cells: quoted fields, doubled quotes, CRLF, LF or CR line ends,
 * mixed in one file as they come. csv-parse reads it, set to read like a spreadsheet program: a
 * row may have any number of cells (the callers name a row that has too many), a quote inside an
 * unquoted cell is a quote, spaces around a cell are dropped (inside quotes they stay), and a quote
 * left open runs to the end of the file.
 */
export function parseCsv(text: string, separator: CsvSeparator = ','): string[][] {
  try {
    return parseRecords(text, separator);
  } catch (error) {
    // The only error left with these options: the file ends inside a quoted cell. Read it as
    // closed there, as a spreadsheet does and as our own reader did.
    if ((error as { code?: unknown }).code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
    return parseRecords(`${text}"`, separator);
  }
}

function parseRecords(text: string, separator: CsvSeparator): string[][] {
  return parse(text, {
    delimiter: separator,
    // Longest first, so CRLF is one line end and not two.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    // Spaces around a cell are not part of it, quoted or not (`1, "2"` is 1 and 2, as spreadsheets
    // and our own reader read it); spaces inside quotes are kept.
    ltrim: true,
    rtrim: true,
  });
}
