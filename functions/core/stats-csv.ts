/**
 * `prepost stats` input: a CSV with columns `pre` and `post` (or `before`/`after`,
 * `pre-test`/`post-test`), optionally `participant`, `followup` (a later wave), `then` (the
 * retrospective pre-test asked at post) and `group` (`programme` or `comparison`); one
 * participant a row, empty cells missing. Every row is kept, complete or not: attrition needs
 * the people with pre and no post. Problems are reported with the row and column, so data typed
 * up from paper can be fixed where it is wrong.
 */
import { readCsvTable } from './csv.ts';

/** A problem in the CSV, with its row (1 = the header) and column. */
export class StatsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsInputError';
  }
}

/** Which group a row belongs to, with a `group` column. */
export type StatsGroup = 'programme' | 'comparison';

/** The columns as numbers, null where empty; the optional ones absent when the file has none. */
export interface StatsInput {
  readonly pre: (number | null)[];
  readonly post: (number | null)[];
  readonly followup?: (number | null)[];
  /** The `then` column (a property named `then` would make the object look like a promise). */
  readonly thenTest?: (number | null)[];
  readonly group?: StatsGroup[];
  readonly rows: number;
}

/** Header names read as the pre and post columns (case and spaces aside). */
const PRE_NAMES = ['pre', 'before', 'pre-test', 'pretest'];
const POST_NAMES = ['post', 'after', 'post-test', 'posttest'];
const FOLLOWUP_NAMES = ['followup', 'follow-up'];
const THEN_NAMES = ['then', 'then-test', 'thentest'];
/** A `group` cell's accepted spellings (case aside). */
const GROUP_NAMES: ReadonlyMap<string, StatsGroup> = new Map([
  ['programme', 'programme'],
  ['program', 'programme'],
  ['comparison', 'comparison'],
]);

/**
 * Parses and checks the CSV text, whichever separator the spreadsheet used (comma, semicolon,
 * tab, or a `sep=` first line). With a semicolon or a tab, a decimal comma is a decimal. A row
 * with more cells than the header is refused, naming the row: with commas, an unquoted decimal
 * comma (`3,5,4,5`) would otherwise be read as other numbers. With `range` (the lowest and
 * highest score the instrument can give), a score outside it is refused, naming its row.
 */
export function readStatsCsv(text: string, range?: { readonly min: number; readonly max: number }): StatsInput {
  const table = readCsvTable(text);
  const header = table.header.map((cell) => cell.trim().toLowerCase());
  if (header.length === 0 || header.every((cell) => cell === ''))
    throw new StatsInputError('the file is empty; expected a header row with columns pre and post');
  header.forEach((name, position) => {
    const first = header.indexOf(name);
    if (name !== '' && first !== position)
      throw new StatsInputError(
        `the header row has the column "${name}" twice (columns ${first + 1} and ${position + 1})`,
      );
  });
  const preColumn = header.findIndex((name) => PRE_NAMES.includes(name));
  const postColumn = header.findIndex((name) => POST_NAMES.includes(name));
  const participantColumn = header.indexOf('participant');
  const followupColumn = header.findIndex((name) => FOLLOWUP_NAMES.includes(name));
  const thenColumn = header.findIndex((name) => THEN_NAMES.includes(name));
  const groupColumn = header.indexOf('group');
  const missing = [preColumn < 0 ? 'pre' : undefined, postColumn < 0 ? 'post' : undefined].filter(
    (name) => name !== undefined,
  );
  if (missing.length > 0)
    throw new StatsInputError(`the header row has no column ${missing.join(' or ')} (found: ${header.join(', ')})`);
  const decimalComma = table.separator !== ',';
  const seen = new Map<string, number>();
  const pre: (number | null)[] = [];
  const post: (number | null)[] = [];
  const followup: (number | null)[] = [];
  const thenTest: (number | null)[] = [];
  const group: StatsGroup[] = [];
  for (const { line, cells } of table.rows) {
    const extra = cells.slice(header.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      const hint =
        table.separator === ','
          ? ' (a decimal comma in a comma-separated file splits a number in two: use points, or separate ' +
            'the columns with semicolons)'
          : '';
      throw new StatsInputError(
        `row ${line}: ${cells.length} cells but the header has ${header.length} columns${hint}`,
      );
    }
    if (participantColumn >= 0) {
      const id = cells[participantColumn]?.trim() ?? '';
      if (id !== '') {
        const first = seen.get(id);
        if (first !== undefined)
          throw new StatsInputError(
            `row ${line}: participant "${id}" already appears in row ${first}; one row per participant`,
          );
        seen.set(id, line);
      }
    }
    const score = (column: number, name: string): number | null => {
      const value = readNumber(cells[column], line, name, decimalComma);
      if (range !== undefined && value !== null && (value < range.min || value > range.max))
        throw new StatsInputError(
          `row ${line}: ${name} ${value} lies outside the range ${range.min} to ${range.max}, which must hold ` +
            'every score the instrument can give',
        );
      return value;
    };
    pre.push(score(preColumn, 'pre'));
    post.push(score(postColumn, 'post'));
    if (followupColumn >= 0) followup.push(score(followupColumn, 'followup'));
    if (thenColumn >= 0) thenTest.push(score(thenColumn, 'then'));
    if (groupColumn >= 0) group.push(readGroup(cells[groupColumn], line));
  }
  return {
    pre,
    post,
    ...(followupColumn >= 0 ? { followup } : {}),
    ...(thenColumn >= 0 ? { thenTest } : {}),
    ...(groupColumn >= 0 ? { group } : {}),
    rows: table.rows.length,
  };
}

function readNumber(cell: string | undefined, line: number, column: string, decimalComma: boolean): number | null {
  const raw = (cell ?? '').trim();
  if (raw === '' || raw.toUpperCase() === 'NA') return null;
  const text = decimalComma && /^[+-]?\d*,\d+$/.test(raw) ? raw.replace(',', '.') : raw;
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    throw new StatsInputError(
      `row ${line}: ${column} "${raw}" is not a number ` +
        `(${decimalComma ? 'a point or a comma for decimals' : 'use a point for decimals'}; ` +
        'leave the cell empty when missing)',
    );
  }
  return value;
}

function readGroup(cell: string | undefined, line: number): StatsGroup {
  const raw = (cell ?? '').trim();
  const group = GROUP_NAMES.get(raw.toLowerCase());
  if (group === undefined)
    throw new StatsInputError(
      `row ${line}: group "${raw}" is neither programme nor comparison (every row needs one when the file has a ` +
        'group column)',
    );
  return group;
}
