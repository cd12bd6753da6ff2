/**
 * The funder summary, schema `prepost.summary/1` (PRODUCT.md, README "Summaries"): per cohort,
 * session, instrument and subgroup cell, only completers' aggregates, under the disclosure
 * control of `disclosure.ts`: hidden cells say why; shown counts are rounded, means are not.
 * No ids, codes, free text, item-level answers or dates finer than the month of the period.
 */
import type { Programme } from '#surveys/schema.ts';
import {
  explainSuppression,
  protectCells,
  roundCount,
  shownCounts,
  type ShownCounts,
  type SuppressionReason,
} from './disclosure.ts';
import { toCsv } from './csv.ts';
import type { GroupKey, IndicatorRow } from './model.ts';

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

export type { SuppressionReason } from './disclosure.ts';

/**
 * One cell of the summary. Programme-wide rows (the pool across cohorts, first answer before to
 * last answer after) have `cohort` and `session` null, as the impact API's pool rows do.
 */
export interface SummaryRow {
  readonly cohort: string | null;
  readonly session: string | null;
  readonly instrument: string;
  readonly group: GroupKey | null;
  /** Completers (answered before and after), rounded; null when hidden. */
  readonly n_paired: number | null;
  /** Who answered before (the people who started), rounded as `n_paired`; null when hidden. Added within version 1. */
  readonly n_started: number | null;
  readonly suppressed: boolean;
  readonly suppression: { readonly reason: SuppressionReason; readonly explanation: string } | null;
  readonly indicators: SummaryIndicators | null;
  /**
   * Present on a carried row: the cell could not be updated safely this period, so it shows the
   * figures last published for it, from this month (YYYY-MM). Added within version 1.
   */
  readonly as_of?: string;
}

export interface Summary {
  readonly schema: typeof SUMMARY_SCHEMA;
  readonly programme: string;
  /** The month covered, YYYY-MM. */
  readonly period: string;
  readonly k: number;
  readonly rows: SummaryRow[];
}

/** A summary and, kept privately for the next one, the exact counts of the cells it shows. */
export interface BuiltSummary {
  readonly summary: Summary;
  readonly shown: Record<string, number>;
}

/**
 * Builds a programme's summary from its indicator rows, with disclosure control
 * (`disclosure.ts`) against this summary's own tables and the previous summary's shown counts.
 */
export function buildSummary(
  programme: Programme,
  period: string,
  allRows: readonly IndicatorRow[],
  previous?: ShownCounts,
): BuiltSummary {
  const { k } = programme;
  // Whole instruments only: subscale and topic parts stay in the evaluator's tables.
  const rows = allRows.filter((row) => row.part === undefined);
  const hidden = protectCells(rows, k, previous);
  const summary: Summary = {
    schema: SUMMARY_SCHEMA,
    programme: programme.id,
    period,
    k,
    rows: rows.map((row): SummaryRow => {
      const reason = hidden.get(row);
      const cell = { cohort: row.cohort, session: row.session, instrument: row.instrument, group: row.group };
      if (reason !== undefined)
        return {
          ...cell,
          n_paired: null,
          n_started: null,
          suppressed: true,
          suppression: { reason, explanation: explainSuppression(reason, k) },
          indicators: null,
        };
      return {
        ...cell,
        n_paired: roundCount(row.indicators.n_paired, programme.rounding),
        n_started: roundCount(row.indicators.n_pre, programme.rounding),
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
  return { summary, shown: shownCounts(rows, hidden) };
}

/** The summary as CSV: one line per cell, suppressed cells with empty figures. */
export function summaryCsv(summary: Summary): string {
  return toCsv(
    [
      'programme',
      'period',
      'cohort',
      'session',
      'instrument',
      'dimension',
      'value',
      'n_paired',
      'suppressed',
      'mean_pre',
      'mean_post',
      'mean_change',
      'ci95_low',
      'ci95_high',
      'g_av',
    ],
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
