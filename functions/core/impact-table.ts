/**
 * The evaluator's impact table: indicator rows flattened to one shape, used by the API's JSON
 * and CSV and by the dashboard, so all three always agree.
 */
import { toCsv } from './csv.ts';
import { POOLED, type IndicatorRow, type Indicators, type LaterIndicatorKey } from './model.ts';

/**
 * What a cell adds when its design asks for it (model.ts), in display order: attrition beside the
 * change, then the follow-up wave, the then-test, clinically significant change and the comparison
 * cohorts. A row without them reads null there (see {@link toImpactRows}).
 */
export const LATER_COLUMNS = [
  'lost_share',
  'bounds_low',
  'bounds_high',
  'n_followup',
  'mean_change_followup',
  'sd_change_followup',
  'ci95_low_followup',
  'ci95_high_followup',
  'n_post_followup',
  'mean_change_post_followup',
  'ci95_low_post_followup',
  'ci95_high_post_followup',
  'n_all_waves',
  'n_sustained',
  'lost_share_followup',
  'bounds_low_followup',
  'bounds_high_followup',
  'n_then',
  'mean_change_then',
  'ci95_low_then',
  'ci95_high_then',
  'n_shift',
  'mean_response_shift',
  'ci95_low_shift',
  'ci95_high_shift',
  'csc_cutoff',
  'csc_criterion',
  'rci_recovered',
  'typical_pre_share',
  'typical_post_share',
  'n_comparison',
  'mean_change_comparison',
  'did_estimate',
  'did_ci95_low',
  'did_ci95_high',
  'did_df',
  'did_g',
] as const satisfies readonly LaterIndicatorKey[];

/** The indicator columns, in display order: today's, then {@link LATER_COLUMNS}. */
export const INDICATOR_COLUMNS = [
  'n_pre',
  'n_post',
  'n_paired',
  'n_pre_only',
  'mean_pre',
  'sd_pre',
  'mean_post',
  'sd_post',
  'mean_pre_dropouts',
  'mean_pre_paired',
  'sd_pre_paired',
  'mean_post_paired',
  'sd_post_paired',
  'mean_change',
  'sd_change',
  'ci95_low',
  'ci95_high',
  't',
  'df',
  'p_t',
  'p_t_holm',
  'wilcoxon_v',
  'p_wilcoxon',
  'wilcoxon_method',
  'd_z',
  'd_av',
  'g_av',
  'alpha_baseline',
  'reliability',
  'reliability_source',
  'rci_threshold',
  'rci_improved',
  'rci_unchanged',
  'rci_deteriorated',
  'gain_of_averages',
  'average_of_gains',
  'gain_undefined',
  ...LATER_COLUMNS,
] as const satisfies readonly (keyof Indicators)[];

/**
 * One flat row of the impact table: every column present, null where the cell's design does not
 * ask for it, so the JSON and the CSV have one shape whatever the design.
 */
export interface ImpactRow extends Required<Indicators> {
  readonly programme: string;
  /** Null for the programme pool (first pre to last post, all cohorts). */
  readonly cohort: string | null;
  readonly session: string | null;
  readonly instrument: string;
  /** `subscale:<id>` or `topic:<id>` for a part scored on its own; null for the whole instrument. */
  readonly part: string | null;
  readonly dimension: string | null;
  readonly value: string | null;
}

const NOT_ASKED = Object.fromEntries(LATER_COLUMNS.map((column) => [column, null])) as Record<LaterIndicatorKey, null>;

/** Flattens stored rows for one programme, the keys a design did not ask for as null. */
export function toImpactRows(programme: string, rows: readonly IndicatorRow[]): ImpactRow[] {
  return rows.map((row) => ({
    programme,
    cohort: row.cohort,
    session: row.session,
    instrument: row.instrument,
    part: row.part ?? null,
    dimension: row.group?.dimension ?? null,
    value: row.group?.value ?? null,
    ...NOT_ASKED,
    ...row.indicators,
  }));
}

/** The impact table as CSV. */
export function impactCsv(rows: readonly ImpactRow[]): string {
  const keys = [
    'programme',
    'cohort',
    'session',
    'instrument',
    'part',
    'dimension',
    'value',
    ...INDICATOR_COLUMNS,
  ] as const;
  return toCsv(
    keys,
    rows.map((row) => keys.map((key) => row[key])),
  );
}

/** The impact rows and, per cohort ({@link POOLED} for the pool), the newest response they include. */
export interface Impact {
  readonly programme: string;
  readonly rows: ImpactRow[];
  readonly computedAt: Record<string, string | null>;
  /** Per cohort: participants created and responses per wave (`session:pre`), as of the last aggregation. */
  readonly responseRates: Record<string, { participants: number; answered: Record<string, number> }>;
  /**
   * Whole-group cells' distribution of individual change ([change, count], no ids), keyed `cohort|session|instrument`,
   * for charts.
   */
  readonly changes: Record<string, readonly (readonly [number, number])[]>;
  /**
   * Cohorts ({@link POOLED} for the pool) whose stored tables are withheld because someone
   * withdrew after they were computed; they return once aggregation has recomputed them.
   */
  readonly recomputing: string[];
}

/** The key of a whole-group cell's changes in {@link Impact.changes}. */
export function changeKey(cohort: string | null, session: string | null, instrument: string): string {
  return `${cohort ?? POOLED}|${session ?? POOLED}|${instrument}`;
}

/** The response-rate table of an impact as CSV: per cohort, session and wave, answered of participants. */
export function responseRatesCsv(impact: Impact, sessions: readonly string[]): string {
  const rows = Object.entries(impact.responseRates).flatMap(([cohort, rates]) =>
    sessions.flatMap((session) =>
      (['pre', 'post'] as const).map((wave) => [
        impact.programme,
        cohort,
        session,
        wave,
        rates.answered[`${session}:${wave}`] ?? 0,
        rates.participants,
      ]),
    ),
  );
  return toCsv(['programme', 'cohort', 'session', 'wave', 'answered', 'participants'], rows);
}
