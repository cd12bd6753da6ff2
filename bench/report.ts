/**
 * How the benchmarks print: aligned tables with units, and budget checks that decide the exit
 * code of `npm run bench`.
 */

/** A budget held by the benchmark: what was measured against its limit. */
export interface BudgetCheck {
  readonly budget: string;
  readonly measured: string;
  readonly ok: boolean;
}

/** A table with a header row; figures right-aligned, and the first `textColumns` columns (default 1) left-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 1): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column < textColumns ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The checks as a table, failures marked. */
export function formatChecks(checks: readonly BudgetCheck[]): string {
  return formatTable(
    ['result', 'budget', 'measured'],
    checks.map((check) => [check.ok ? 'ok' : 'BROKEN', check.budget, check.measured]),
    2,
  );
}

export const count = (value: number): string => Math.round(value).toLocaleString('en-GB');

/** Milliseconds below 10 s, seconds above. */
export const duration = (ms: number): string =>
  ms < 10_000 ? `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(1)} s`;

/** Mebibytes, one decimal. */
export const megabytes = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MiB`;

export const ratio = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)}x`;
