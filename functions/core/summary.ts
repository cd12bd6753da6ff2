/**
 * The funder summary, schema `prepost.summary/1` (PRODUCT.md): per cohort, session, instrument
 * and subgroup cell, only completers' aggregates. Cells with fewer than k paired participants
 * are suppressed ("fewer than k"), and so is a second cell wherever a single suppressed
 * category could otherwise be recovered by subtracting the others from the shown total. No
 * ids, codes, free text or dates finer than the month of the period.
 */
import type { Programme } from '#surveys/schema.ts';
import type { GroupKey, IndicatorRow } from './indicators.ts';
import { toCsv } from './csv.ts';

export const SUMMARY_SCHEMA = 'prepost.summary/1';

/** What a funder sees of a cell that is shown. Means are over completers; CI and g_av as in the impact table. */
export interface SummaryIndicators {
  readonly mean_pre: number | null;
  readonly mean_post: number | null;
  readonly mean_change: number | null;
  readonly ci95_low: number | null;
  readonly ci95_high: number | null;
  /** Hedges' g_av (Lakens 2013), the effect size the plain-language reading uses. */
  readonly g_av: number | null;
}

/** Why a cell is hidden. */
export type SuppressionReason = 'fewer-than-k' | 'secondary';

export interface SummaryRow {
  readonly cohort: string | null;
  readonly session: string | null;
  readonly instrument: string;
  readonly group: GroupKey | null;
  readonly n_paired: number | null;
  readonly suppressed: boolean;
  readonly suppression: { readonly reason: SuppressionReason; readonly explanation: string } | null;
  readonly indicators: SummaryIndicators | null;
}

export interface Summary {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly programme: string;
  /** The month covered, YYYY-MM. */
  readonly period: string;
  readonly k: number;
  readonly rows: SummaryRow[];
}

/** Builds a programme's summary from its stored indicator rows. */
export function buildSummary(programme: Programme, period: string, allRows: readonly IndicatorRow[]): Summary {
  const { k } = programme;
  // Whole instruments only: subscale and topic parts stay in the evaluator's tables.
  const rows = allRows.filter((row) => row.part === undefined);
  const hidden = new Map<IndicatorRow, SuppressionReason>();
  for (const row of rows) if (row.indicators.n_paired < k) hidden.set(row, 'fewer-than-k');
  // Secondary suppression, per table (cohort x session x instrument) and dimension: a lone hidden
  // category next to a shown total is recoverable by subtraction, so hide the smallest other one.
  const tables = new Map<string, IndicatorRow[]>();
  for (const row of rows) {
    if (row.group === null) continue;
    const key = [row.cohort, row.session, row.instrument, row.group.dimension].join('\u0000');
    tables.set(key, [...(tables.get(key) ?? []), row]);
  }
  for (const categories of tables.values()) {
    const hiddenCount = categories.filter((row) => hidden.has(row)).length;
    if (hiddenCount !== 1) continue;
    const candidate = categories.filter((row) => !hidden.has(row)).sort((a, b) => a.indicators.n_paired - b.indicators.n_paired)[0];
    if (candidate !== undefined) hidden.set(candidate, 'secondary');
  }
  return {
    schema: SUMMARY_SCHEMA,
    programme: programme.id,
    period,
    k,
    rows: rows.map((row) => {
      const reason = hidden.get(row);
      if (reason !== undefined) {
        return {
          cohort: row.cohort,
          session: row.session,
          instrument: row.instrument,
          group: row.group,
          n_paired: null,
          suppressed: true,
          suppression: {
            reason,
            explanation: reason === 'fewer-than-k' ? `fewer than ${k} participants answered before and after` : 'hidden so that a smaller hidden cell cannot be worked out from the totals',
          },
          indicators: null,
        };
      }
      return {
        cohort: row.cohort,
        session: row.session,
        instrument: row.instrument,
        group: row.group,
        n_paired: row.indicators.n_paired,
        suppressed: false,
        suppression: null,
        indicators: {
          mean_pre: row.indicators.mean_pre_paired,
          mean_post: row.indicators.mean_post_paired,
          mean_change: row.indicators.mean_change,
          ci95_low: row.indicators.ci95_low,
          ci95_high: row.indicators.ci95_high,
          g_av: row.indicators.g_av,
        },
      };
    }),
  };
}

/** The summary as CSV: one line per cell, suppressed cells with empty figures. */
export function summaryCsv(summary: Summary): string {
  return toCsv(
    ['programme', 'period', 'cohort', 'session', 'instrument', 'dimension', 'value', 'n_paired', 'suppressed', 'mean_pre', 'mean_post', 'mean_change', 'ci95_low', 'ci95_high', 'g_av'],
    summary.rows.map((row) => [
      summary.programme,
      summary.period,
      row.cohort,
      row.session,
      row.instrument,
      row.group?.dimension,
      row.group?.value,
      row.suppressed ? `fewer than ${summary.k}` : row.n_paired,
      row.suppressed,
      row.indicators?.mean_pre,
      row.indicators?.mean_post,
      row.indicators?.mean_change,
      row.indicators?.ci95_low,
      row.indicators?.ci95_high,
      row.indicators?.g_av,
    ]),
  );
}
