/** `prepost stats`: paired change statistics for any CSV of pre and post scores. */
import { readFile } from 'node:fs/promises';
import { decodeCsv } from '#core/csv.ts';
import { completePairs, pairedStatistics, reliableChange } from '#core/statistics/paired.ts';
import { StatsInputError, readStatsCsv } from '#core/stats-csv.ts';
import { UsageError, InputError } from '../cli/errors.ts';
import type { OptionValues } from '../cli/command.ts';

/** Its line in `prepost --help`. */
export const summary = 'paired statistics for a CSV of pre and post scores';

/** `prepost stats --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- stats FILE.csv [--reliability R] [--lower-better] [--json]

Computes the paired change indicators for any CSV with columns pre and post (or before and
after, pre-test and post-test; optional participant; one participant a row; empty cells or
NA are missing), for data collected on paper or elsewhere. Change is post - pre. The
separator is read from the file (comma, semicolon, tab, or a first line sep=;); with a
semicolon or a tab a decimal comma is a decimal; UTF-8 or UTF-16 with a byte order mark.
A row with more cells than the header is refused (with commas, 3,5 would split a number).

  --reliability R  the instrument's reliability (0 < R < 1), for Jacobson-Truax reliable
                   change: rci_threshold, rci_improved, rci_unchanged, rci_deteriorated
                   (counts of participants)
  --lower-better   lower scores are better (e.g. loneliness): improvement is a fall
  --json           one JSON object: n_paired, mean_pre, mean_post, mean_change, sd_change,
                   ci95_low, ci95_high, t, df, p_t, wilcoxon_v, p_wilcoxon, wilcoxon_method,
                   d_z, d_av, g_av (and the rci_ fields with --reliability)

Methods: 95% CI and paired t with df = n - 1; Wilcoxon signed-rank as R's wilcox.test
(V = sum of ranks of positive changes, zeros dropped, exact p for n < 50 without ties or
zeros, else normal approximation with tie and continuity correction; changes equal to 9
significant digits of the largest count as tied, so decimal rounding noise does not break
ties, where R compares exactly); d_z = mean/SD of
change, d_av = mean change/mean of the two SDs, g_av = d_av x J(n - 1) (Lakens 2013).`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  reliability: { type: 'string' },
  'lower-better': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** It takes one operand, the CSV file. */
export const allowPositionals = true;

/** Reads the file, pairs the complete rows and prints the statistics, as a table or one JSON object. */
export async function run(values: OptionValues<typeof options>, positionals: string[]): Promise<void> {
  if (positionals.length !== 1) throw new UsageError('give one CSV file');
  const reliability = values.reliability === undefined ? undefined : Number(values.reliability);
  if (reliability !== undefined && !(reliability > 0 && reliability < 1))
    throw new UsageError('--reliability must be a number between 0 and 1, such as 0.85');
  let text: string;
  try {
    // UTF-8 or, with its byte order mark, UTF-16 ("Unicode text" from a spreadsheet).
    text = decodeCsv(await readFile(positionals[0] ?? ''));
  } catch (error) {
    throw new InputError(
      `cannot read ${positionals[0] ?? ''}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let input: ReturnType<typeof readStatsCsv>;
  try {
    input = readStatsCsv(text);
  } catch (error) {
    if (error instanceof StatsInputError) throw new InputError(`${positionals[0] ?? ''}: ${error.message}`);
    throw error;
  }
  const pairs = completePairs(input.pre, input.post);
  const statistics = pairedStatistics(pairs.pre, pairs.post);
  // Standard error, so --json output stays one object on standard output.
  if (statistics.n_paired < 2)
    console.error(
      `prepost stats: warning: ${statistics.n_paired} participant(s) with both pre and post; ` +
        'most statistics need at least 2',
    );
  const { sd_pre: _sdPre, sd_post: _sdPost, ...reported } = statistics;
  const result =
    reliability === undefined
      ? reported
      : {
          ...reported,
          ...reliableChange(
            pairs.pre,
            pairs.post,
            reliability,
            values['lower-better'] ? 'lower-better' : 'higher-better',
          ),
        };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`${input.rows} rows, ${statistics.n_paired} with both pre and post`);
  for (const [key, value] of Object.entries(result))
    console.log(`${key.padEnd(18)} ${value === null ? '-' : String(value)}`);
}
