/**
 * Standard output of commands: written and flushed before the process exits (a result piped as
 * CSV, a token), and listings as aligned columns.
 */

/** Writes to standard output and waits until it is flushed (a pipe may be slower than exit). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolvePromise, reject) =>
    process.stdout.write(text, (error) => (error === null || error === undefined ? resolvePromise() : reject(error))),
  );
}

/**
 * Rows as aligned columns under a header, for listings read in a terminal: every column but the
 * last padded to its widest cell, so the last (the longest, free text) may run on.
 */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** Every line of a block indented by two spaces: the rows under a heading. */
export function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** "1 cohort", "3 cohorts", "2 batches". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : /(?:ch|sh|s|x)$/.test(noun) ? 'es' : 's'}`;
}
