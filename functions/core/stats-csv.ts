/**
 * `prepost stats` input: a CSV with columns `pre` and `post` (and optionally `participant`),
 * one participant a row, empty cells missing. Problems are reported with the row and column,
 * so data typed up from paper can be fixed where it is wrong.
 */
import { parseCsv } from './csv.ts';

/** A problem in the CSV, with its row (1 = the header) and column. */
export class StatsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

/** The pre and post columns as numbers, null where empty. */
export interface StatsInput {
  readonly pre: (number | null)[];
  readonly post: (number | null)[];
  readonly rows: number;
}

/** Parses and checks the CSV text. */
export function readStatsCsv(text: string): StatsInput {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((row) => row.some((cell) => cell.trim() !== ''));
  const header = rows[0]?.map((cell) => cell.trim().toLowerCase());
  if (header === undefined) throw new StatsInputError('the file is empty; expected a header row with columns pre and post');
  const preColumn = header.indexOf('pre');
  const postColumn = header.indexOf('post');
  const participantColumn = header.indexOf('participant');
  const missing = [preColumn < 0 ? 'pre' : undefined, postColumn < 0 ? 'post' : undefined].filter((name) => name !== undefined);
  if (missing.length > 0) throw new StatsInputError(`the header row has no column ${missing.join(' or ')} (found: ${header.join(', ')})`);
  const seen = new Map<string, number>();
  const pre: (number | null)[] = [];
  const post: (number | null)[] = [];
  rows.slice(1).forEach((row, index) => {
    const line = index + 2;
    if (participantColumn >= 0) {
      const id = row[participantColumn]?.trim() ?? '';
      if (id !== '') {
        const first = seen.get(id);
        if (first !== undefined) throw new StatsInputError(`row ${line}: participant "${id}" already appears in row ${first}; one row per participant`);
        seen.set(id, line);
      }
    }
    pre.push(readNumber(row[preColumn], line, 'pre'));
    post.push(readNumber(row[postColumn], line, 'post'));
  });
  return { pre, post, rows: rows.length - 1 };
}

function readNumber(cell: string | undefined, line: number, column: string): number | null {
  const text = (cell ?? '').trim();
  if (text === '' || text.toUpperCase() === 'NA') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new StatsInputError(`row ${line}: ${column} "${text}" is not a number (use a point for decimals; leave the cell empty when missing)`);
  }
  return value;
}
