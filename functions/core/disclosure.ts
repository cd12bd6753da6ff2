import type { GroupKey, IndicatorRow } from './model.ts';
/**
 * Disclosure control for what funders receive. A cell is a cohort x session x instrument table's
 * whole group or one subgroup value; its people are its completers (n_paired). The rules, after
 * the ESSnet Handbook on SDC and the thresholds of PRODUCT.md:
 *
 * 1. Primary: a cell with fewer than k people is hidden.
 * 2. Differencing over time: a cell shown in the previous summary with n0 people and now with n,
 *    0 < |n - n0| < k, is hidden: from the two summaries an outsider would get the change of the
 *    few who joined. (Completers only accumulate between summaries, so the people differ by
 *    exactly |n - n0|.)
 * 3. A whole group hidden for differencing hides its subgroup cells too, which would otherwise
 *    add up to it.
 * 4. Secondary, per table and dimension: total minus the shown categories is a group an outsider
 *    can work out (the hidden categories, plus anyone in no category, such as "prefer not to
 *    say"); while it has between 1 and k-1 people, the smallest shown category is hidden too.
 *
 * Counts are then rounded as the programme says (default: to the nearest 5 below 50); means and
 * everything else come from the unrounded values.
 */

/** Why a cell is hidden. */
export type SuppressionReason = 'fewer-than-k' | 'differencing' | 'secondary';

/** How published counts are rounded: to the nearest `base` when below `below`. */
export interface Rounding {
  readonly base: number;
  readonly below: number;
}

/** A cell's identity across summaries. */
export function cellKey(row: {
  cohort: string | null;
  session: string | null;
  instrument: string;
  group: GroupKey | null;
}): string {
  return [
    row.cohort ?? '*',
    row.session ?? '*',
    row.instrument,
    row.group === null ? '*' : `${row.group.dimension}=${row.group.value}`,
  ].join('|');
}

/** Exact people per shown cell of the previous summary, by {@link cellKey}. Kept privately, never published. */
export type ShownCounts = Readonly<Record<string, number>>;

/** Decides which rows to hide, and why. Rows are whole-instrument cells (no parts). */
export function protectCells(
  rows: readonly IndicatorRow[],
  k: number,
  previous: ShownCounts | undefined,
): Map<IndicatorRow, SuppressionReason> {
  const hidden = new Map<IndicatorRow, SuppressionReason>();
  for (const row of rows) if (row.indicators.n_paired < k) hidden.set(row, 'fewer-than-k');
  if (previous !== undefined) {
    for (const row of rows) {
      if (hidden.has(row)) continue;
      const before = previous[cellKey(row)];
      const difference = before === undefined ? 0 : Math.abs(row.indicators.n_paired - before);
      if (difference > 0 && difference < k) hidden.set(row, 'differencing');
    }
  }
  const tables = new Map<string, { total: IndicatorRow | undefined; dimensions: Map<string, IndicatorRow[]> }>();
  for (const row of rows) {
    const key = [row.cohort, row.session, row.instrument].join('|');
    const table = tables.get(key) ?? { total: undefined, dimensions: new Map() };
    if (row.group === null) table.total = row;
    else table.dimensions.set(row.group.dimension, [...(table.dimensions.get(row.group.dimension) ?? []), row]);
    tables.set(key, table);
  }
  for (const { total, dimensions } of tables.values()) {
    if (total === undefined) continue;
    const totalReason = hidden.get(total);
    if (totalReason !== undefined) {
      // Categories add up to their total: a hidden total hides them all (under k they are anyway).
      for (const categories of dimensions.values())
        for (const category of categories) if (!hidden.has(category)) hidden.set(category, 'secondary');
      continue;
    }
    for (const categories of dimensions.values()) {
      for (;;) {
        const shown = categories.filter((category) => !hidden.has(category));
        const derivable =
          total.indicators.n_paired - shown.reduce((sum, category) => sum + category.indicators.n_paired, 0);
        if (derivable <= 0 || derivable >= k || shown.length === 0) break;
        const smallest = [...shown].sort(
          (a, b) => a.indicators.n_paired - b.indicators.n_paired || cellKey(a).localeCompare(cellKey(b)),
        )[0];
        if (smallest === undefined) break;
        hidden.set(smallest, 'secondary');
      }
    }
  }
  return hidden;
}

/** A published count: rounded to the nearest `base` below `below`, exact from there. */
export function roundCount(n: number, rounding: Rounding): number {
  if (n >= rounding.below || rounding.base <= 1) return n;
  return Math.round(n / rounding.base) * rounding.base;
}

/** The sentence each reason carries in the published JSON. */
export function explainSuppression(reason: SuppressionReason, k: number): string {
  switch (reason) {
    case 'fewer-than-k':
      return `fewer than ${k} participants answered before and after`;
    case 'differencing':
      return (
        `fewer than ${k} participants joined since the previous summary, whose change could be worked out by ` +
        `comparing the two`
      );
    case 'secondary':
      return `hidden so that a smaller hidden group cannot be worked out from the totals`;
  }
}

/** The exact counts of the shown cells, to compare the next summary with. */
export function shownCounts(
  rows: readonly IndicatorRow[],
  hidden: ReadonlyMap<IndicatorRow, SuppressionReason>,
): Record<string, number> {
  return Object.fromEntries(
    rows.filter((row) => !hidden.has(row)).map((row) => [cellKey(row), row.indicators.n_paired]),
  );
}
