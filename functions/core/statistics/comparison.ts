/**
 * Comparison cohorts: a programme's pool set against the pool of its comparison cohorts (waiting
 * lists, not yet in the programme), row by row: the same instrument, part and subgroup.
 */
import type { IndicatorRow } from '../model.ts';
import { welchDifference } from './evaluation.ts';

/** The same measure and cell in another table. */
function cellKey(row: IndicatorRow): string {
  return JSON.stringify([row.instrument, row.part ?? null, row.group?.dimension ?? null, row.group?.value ?? null]);
}

/**
 * The programme's pool rows, each with its comparison group's completers and mean change and the
 * difference in mean change (statistics/evaluation.ts `welchDifference`): a quasi-experimental
 * estimate, since people were not assigned at random. A cell the comparison cohorts do not have
 * gets n_comparison 0 and null differences.
 */
export function withComparison(
  programmeRows: readonly IndicatorRow[],
  comparisonRows: readonly IndicatorRow[],
): IndicatorRow[] {
  const comparisonOf = new Map(comparisonRows.map((row) => [cellKey(row), row]));
  return programmeRows.map((row) => {
    const other = comparisonOf.get(cellKey(row))?.indicators;
    const variance = (sd: number | null | undefined): number | null =>
      sd === null || sd === undefined ? null : sd * sd;
    const difference = welchDifference(
      { n: row.indicators.n_paired, mean: row.indicators.mean_change, variance: variance(row.indicators.sd_change) },
      { n: other?.n_paired ?? 0, mean: other?.mean_change ?? null, variance: variance(other?.sd_change) },
    );
    return {
      ...row,
      indicators: {
        ...row.indicators,
        n_comparison: other?.n_paired ?? 0,
        mean_change_comparison: other?.mean_change ?? null,
        did_estimate: difference.difference,
        did_ci95_low: difference.ci95_low,
        did_ci95_high: difference.ci95_high,
        did_df: difference.df,
        did_g: difference.g,
      },
    };
  });
}
