/** `prepost stats`: paired change statistics, and the evaluation of issue 14, for any CSV of scores. */
import { readFile } from 'node:fs/promises';
import { decodeCsv } from '#core/csv.ts';
import type { Direction } from '#core/statistics/columns.ts';
import {
  attritionBounds,
  clinicalSignificance,
  comparisonDifference,
  sustainedCount,
  type ScoreRange,
} from '#core/statistics/evaluation.ts';
import { completePairs, pairedStatistics, reliableChange } from '#core/statistics/paired.ts';
import { StatsInputError, readStatsCsv, type StatsGroup, type StatsInput } from '#core/stats-csv.ts';
import { UsageError, InputError } from '../cli/errors.ts';
import type { OptionValues } from '../cli/command.ts';

/** Its line in `prepost --help`. */
export const summary = 'paired statistics for a CSV of pre and post scores';

/** `prepost stats --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- stats FILE.csv [--reliability R [--cutoff C]] [--range MIN MAX]
                     [--lower-better] [--json]

Computes the paired change indicators for any CSV with columns pre and post (or before and
after, pre-test and post-test; optional participant; one participant a row; empty cells or
NA are missing), for data collected on paper or elsewhere. Change is post - pre. The
separator is read from the file (comma, semicolon, tab, or a first line sep=;); with a
semicolon or a tab a decimal comma is a decimal; UTF-8 or UTF-16 with a byte order mark.
A row with more cells than the header is refused (with commas, 3,5 would split a number).

Optional columns: followup (a later wave, e.g. 6 months after), then (the retrospective
pre-test asked at post: "looking back, how were you before?") and group (programme or
comparison, on every row). With a group column, every key except did_* is computed over the
programme rows only; the comparison rows serve did_* alone.

  --reliability R  the instrument's reliability (0 < R < 1), for Jacobson-Truax reliable
                   change: rci_threshold, rci_improved, rci_unchanged, rci_deteriorated
                   (counts of participants)
  --cutoff C       with --reliability: the score between the atypical and the typical
                   range (a published cut-off, or Jacobson-Truax c), for rci_recovered
  --range MIN MAX  the lowest and highest score the instrument can give (also --range
                   MIN,MAX; --range=MIN,MAX when MIN is negative), for bounds_low and
                   bounds_high
  --lower-better   lower scores are better (e.g. loneliness): improvement is a fall
  --json           one JSON object: n_paired, mean_pre, mean_post, mean_change, sd_change,
                   ci95_low, ci95_high, t, df, p_t, wilcoxon_v, p_wilcoxon, wilcoxon_method,
                   d_z, d_av, g_av (and the rci_ fields with --reliability), then
                   n_followup, mean_change_followup, ci95_low_followup, ci95_high_followup,
                   n_sustained, mean_response_shift, ci95_low_shift, ci95_high_shift,
                   mean_change_then, lost_share, bounds_low, bounds_high, rci_recovered,
                   did_estimate, did_ci95_low, did_ci95_high, did_g (null when the column
                   or option they need is absent, or no row has what they need;
                   n_followup is a count, 0 when no row has pre and followup)

Methods: 95% CI and paired t with df = n - 1; Wilcoxon signed-rank as R's wilcox.test
(V = sum of ranks of positive changes, zeros dropped, exact p for n < 50 without ties or
zeros, else normal approximation with tie and continuity correction; a change is zero when
|post - pre| <= 1e-12 x max(|pre|, |post|) and two changes tie when they differ by at most
1e-12 x their pairs' scores, so decimal rounding noise neither makes a change nor breaks a
tie, where R compares exactly); d_z = mean/SD of change, d_av = mean change/mean of the
two SDs, g_av = d_av x J(n - 1) (Lakens 2013).
Evaluation (each over the rows that have what it needs; better = higher, lower with
--lower-better):
  follow-up change = followup - pre over rows with both, t interval (n_followup rows);
  n_sustained = rows with pre, post and followup whose post is better than pre and whose
    followup is still better than pre (null when no row has all three);
  mean_response_shift = then - pre (t interval), mean_change_then = post - then;
  lost_share = rows with pre and no post / rows with pre (the NHLBI before-after quality
    tool asks for 0.2 or less);
  bounds_low, bounds_high = mean change over every row with pre, each row without post
    taken at MIN (low) and at MAX (high): whatever those people would have answered, the
    mean change of everyone who started lies between them (Manski 1990); a score outside
    the range is refused;
  rci_recovered = reliable improvement (as rci_improved) from pre below C to post above C
    (above to below with --lower-better; a score equal to C is on neither side)
    (Jacobson & Truax 1991);
  did_estimate = programme rows' mean change - comparison rows' mean change, a
    quasi-experimental estimate, with Welch's 95% interval (did_ci95_low, did_ci95_high);
    did_g = that difference / the pooled SD of the change scores x J(n1 + n2 - 2).`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  reliability: { type: 'string' },
  cutoff: { type: 'string' },
  range: { type: 'string' },
  'lower-better': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** It takes one operand, the CSV file. */
export const allowPositionals = true;

/** What `prepost stats` was asked for besides the file. */
export interface StatsSettings {
  readonly reliability: number | undefined;
  readonly cutoff: number | undefined;
  readonly range: ScoreRange | undefined;
  readonly direction: Direction;
}

/** The evaluation keys of issue 14, printed after the paired ones. */
export interface EvaluationKeys {
  readonly n_followup: number | null;
  readonly mean_change_followup: number | null;
  readonly ci95_low_followup: number | null;
  readonly ci95_high_followup: number | null;
  readonly n_sustained: number | null;
  readonly mean_response_shift: number | null;
  readonly ci95_low_shift: number | null;
  readonly ci95_high_shift: number | null;
  readonly mean_change_then: number | null;
  readonly lost_share: number | null;
  readonly bounds_low: number | null;
  readonly bounds_high: number | null;
  readonly rci_recovered: number | null;
  readonly did_estimate: number | null;
  readonly did_ci95_low: number | null;
  readonly did_ci95_high: number | null;
  readonly did_g: number | null;
}

/** The report: the paired keys (as before this issue), then the evaluation keys. */
export type StatsReport = Record<string, number | string | null>;

const toScores = (values: readonly (number | null)[]): number[] => values.map((value) => value ?? Number.NaN);

/**
 * Every statistic `prepost stats` prints, from its parsed input: the paired keys over the
 * (programme) rows with pre and post, and the evaluation keys, each over the rows that have
 * what it needs. Pure, so the tests hold it without a process.
 */
export function statsReport(input: StatsInput, settings: StatsSettings): StatsReport {
  const { direction } = settings;
  const { group } = input;
  const isProgramme = (index: number): boolean => group === undefined || group[index] === 'programme';
  const own = <T>(values: readonly T[]): T[] => values.filter((_, index) => isProgramme(index));
  const pre = own(input.pre);
  const post = own(input.post);
  const pairs = completePairs(pre, post);
  const statistics = pairedStatistics(pairs.pre, pairs.post);
  const { sd_pre: sdPre, sd_post: _sdPost, ...reported } = statistics;
  const reliable =
    settings.reliability === undefined ? {} : reliableChange(pairs.pre, pairs.post, settings.reliability, direction);
  const later = (column: readonly (number | null)[] | undefined): ReturnType<typeof pairedStatistics> | null => {
    if (column === undefined) return null;
    const both = completePairs(pre, own(column));
    return pairedStatistics(both.pre, both.post);
  };
  const followup = later(input.followup);
  const sustained =
    input.followup === undefined
      ? null
      : sustainedCount(toScores(pre), toScores(post), toScores(own(input.followup)), direction);
  const shift = later(input.thenTest);
  const afterThen = input.thenTest === undefined ? null : completePairs(own(input.thenTest), post);
  const thenChange = afterThen === null ? null : pairedStatistics(afterThen.pre, afterThen.post);
  // Without --range the bounds have no range to impute from: NaN limits give null bounds.
  const range = settings.range ?? { min: Number.NaN, max: Number.NaN };
  const attrition = attritionBounds(toScores(pre), toScores(post), range, direction);
  const clinical =
    settings.cutoff === undefined || settings.reliability === undefined
      ? null
      : clinicalSignificance(pairs.pre, pairs.post, {
          reliability: settings.reliability,
          norms: { cutoff: settings.cutoff },
          direction,
          baselineSd: sdPre ?? undefined,
        });
  const did = group === undefined ? null : comparisonDifference(...changesByGroup(input, group));
  const evaluation: EvaluationKeys = {
    n_followup: followup?.n_paired ?? null,
    mean_change_followup: followup?.mean_change ?? null,
    ci95_low_followup: followup?.ci95_low ?? null,
    ci95_high_followup: followup?.ci95_high ?? null,
    n_sustained: sustained === null || sustained.n === 0 ? null : sustained.sustained,
    mean_response_shift: shift?.mean_change ?? null,
    ci95_low_shift: shift?.ci95_low ?? null,
    ci95_high_shift: shift?.ci95_high ?? null,
    mean_change_then: thenChange?.mean_change ?? null,
    lost_share: attrition.lost_share,
    bounds_low: attrition.bounds_low,
    bounds_high: attrition.bounds_high,
    rci_recovered: clinical?.recovered ?? null,
    did_estimate: did?.difference ?? null,
    did_ci95_low: did?.ci95_low ?? null,
    did_ci95_high: did?.ci95_high ?? null,
    did_g: did?.g ?? null,
  };
  return { ...reported, ...reliable, ...evaluation };
}

/** Post - pre of the rows with both, programme rows and comparison rows apart. */
function changesByGroup(input: StatsInput, group: readonly StatsGroup[]): [number[], number[]] {
  const programme: number[] = [];
  const comparison: number[] = [];
  input.pre.forEach((before, index) => {
    const after = input.post[index];
    if (before === null || after === null || after === undefined) return;
    (group[index] === 'programme' ? programme : comparison).push(after - before);
  });
  return [programme, comparison];
}

/**
 * `--range MIN MAX` as the issue spells it: parseArgs gives `--range` one value, so a MAX written
 * after a space arrives as an operand; taken back when `--range` has no comma and exactly one
 * of two operands is a number (the other is the file).
 */
export function rangeWithSpace(
  range: string | undefined,
  operands: readonly string[],
): { range: string | undefined; positionals: string[] } {
  if (range === undefined || range.includes(',') || operands.length !== 2) return { range, positionals: [...operands] };
  const numbers = operands.filter((operand) => readNumber(operand) !== undefined);
  if (numbers.length !== 1) return { range, positionals: [...operands] };
  const max = numbers[0] as string;
  return { range: `${range},${max}`, positionals: operands.filter((operand) => operand !== max) };
}

/** The options read and checked; a mistake is a UsageError (exit 2, with the usage). */
export function readSettings(values: OptionValues<typeof options>): StatsSettings {
  const reliability = values.reliability === undefined ? undefined : Number(values.reliability);
  if (reliability !== undefined && !(reliability > 0 && reliability < 1))
    throw new UsageError('--reliability must be a number between 0 and 1, such as 0.85');
  const cutoff = values.cutoff === undefined ? undefined : readNumber(values.cutoff);
  if (values.cutoff !== undefined && cutoff === undefined)
    throw new UsageError(`--cutoff must be a number, such as 20 (got "${values.cutoff}")`);
  if (cutoff !== undefined && reliability === undefined)
    throw new UsageError('--cutoff needs --reliability: recovery is a reliable improvement that crosses the cut-off');
  let range: ScoreRange | undefined;
  if (values.range !== undefined) {
    const parts = values.range.split(',');
    const [min, max] = parts.map(readNumber);
    if (parts.length !== 2 || min === undefined || max === undefined)
      throw new UsageError(
        `--range must be MIN MAX (or MIN,MAX), two numbers, such as --range 0 40 (got "${values.range}")`,
      );
    if (!(min < max)) throw new UsageError(`--range ${values.range}: MIN must be below MAX`);
    range = { min, max };
  }
  return { reliability, cutoff, range, direction: values['lower-better'] ? 'lower-better' : 'higher-better' };
}

function readNumber(text: string): number | undefined {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed === '' || !Number.isFinite(value) ? undefined : value;
}

/** Headings of the table output, before the first key of each part. */
const SECTIONS: Readonly<Record<string, string>> = {
  n_followup: 'follow-up (followup - pre)',
  mean_response_shift: 'then-test (response shift = then - pre; change = post - then)',
  lost_share: 'attrition (rows with pre and no post)',
  rci_recovered: 'clinically significant change',
  did_estimate: 'programme - comparison (quasi-experimental)',
};

/** The keys each section needs: the section is left out of the table when all of them are null. */
const SECTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  n_followup: ['n_followup', 'mean_change_followup', 'ci95_low_followup', 'ci95_high_followup', 'n_sustained'],
  mean_response_shift: ['mean_response_shift', 'ci95_low_shift', 'ci95_high_shift', 'mean_change_then'],
  lost_share: ['lost_share', 'bounds_low', 'bounds_high'],
  rci_recovered: ['rci_recovered'],
  did_estimate: ['did_estimate', 'did_ci95_low', 'did_ci95_high', 'did_g'],
};

/** Reads the file, computes the report and prints it, as a table or one JSON object. */
export async function run(values: OptionValues<typeof options>, operands: string[]): Promise<void> {
  const { range, positionals } = rangeWithSpace(values.range, operands);
  if (positionals.length !== 1) throw new UsageError('give one CSV file');
  const settings = readSettings({ ...values, range });
  const file = positionals[0] ?? '';
  let text: string;
  try {
    // UTF-8 or, with its byte order mark, UTF-16 ("Unicode text" from a spreadsheet).
    text = decodeCsv(await readFile(file));
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let input: StatsInput;
  try {
    input = readStatsCsv(text, settings.range);
  } catch (error) {
    if (error instanceof StatsInputError) throw new InputError(`${file}: ${error.message}`);
    throw error;
  }
  const report = statsReport(input, settings);
  const paired = report.n_paired as number;
  // Standard error, so --json output stays one object on standard output.
  if (paired < 2)
    console.error(
      `prepost stats: warning: ${paired} participant(s) with both pre and post` +
        `${input.group === undefined ? '' : ' in the programme group'}; most statistics need at least 2`,
    );
  if (values.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const programme =
    input.group === undefined ? '' : ` (programme rows: ${input.group.filter((g) => g === 'programme').length})`;
  console.log(`${input.rows} rows${programme}, ${paired} with both pre and post`);
  let shown = true;
  for (const [key, value] of Object.entries(report)) {
    const section = SECTIONS[key];
    if (section !== undefined) {
      shown = (SECTION_KEYS[key] ?? []).some((member) => report[member] !== null);
      if (shown) console.log(`\n${section}`);
    }
    if (shown) console.log(`${key.padEnd(20)} ${value === null ? '-' : String(value)}`);
  }
}
