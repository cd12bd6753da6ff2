/**
 * The funder summary, schema `prepost.summary/1` (PRODUCT.md, README "Summaries"): per cohort,
 * session, instrument and subgroup cell, and per programme-wide (pool) cell, only completers'
 * aggregates, under the disclosure control of `disclosure.ts`: hidden cells say why, cells that
 * cannot be updated safely carry their last published figures; shown counts are rounded, means
 * are not.
 * No ids, codes, free text, item-level answers or dates finer than the month of the period.
 */
import type { Programme } from '#surveys/schema.ts';
import {
  cellKey,
  explainSuppression,
  protectCells,
  recordPublication,
  withdrewSince,
  roundCount,
  type DisclosureHistory,
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
  /**
   * Who answered before (the people who started), rounded as `n_paired`; whole-group rows only,
   * null for subgroups and when hidden. Added within version 1.
   */
  readonly n_started: number | null;
  /**
   * The share of those who started who did not answer after (lost to follow-up), from the exact
   * counts, rounded *up* to a multiple of 0.05: never 0 when anyone was lost, and above 0.20
   * exactly when the exact share is (NHLBI's limit), while the rounded counts cannot give it
   * away; whole-group rows only, null for subgroups and when hidden. Added within version 1.
   */
  readonly lost_share: number | null;
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

/** The figures a cell was last published with, kept to carry them forward when it cannot be updated. */
export interface PublishedFigures {
  /** The period they were published for, YYYY-MM. */
  readonly period: string;
  readonly n_paired: number;
  /** Whole-group cells only (null for subgroups). */
  readonly n_started: number | null;
  /** Whole-group cells only; absent in figures kept before it was published. */
  readonly lost_share?: number | null;
  readonly indicators: SummaryIndicators;
}

/**
 * What the summaries of a programme have published so far, kept privately for the next one: the
 * disclosure history (every version published, every cell's exact count at each publication) and
 * each cell's last published figures (to carry forward).
 */
export interface PublishedState {
  readonly figures?: Readonly<Record<string, PublishedFigures>>;
  readonly history?: DisclosureHistory;
  /**
   * Records written before the history hold only this: the exact count of every cell as last
   * published. Read as one earlier publication; never written now (the history holds it).
   */
  readonly shown?: Readonly<Record<string, number>>;
}

/** The pool's scope among the withdrawal counts, as in a cell key. */
export const POOL_SCOPE = '*';

/** A summary and the state to keep for the next one (everything published so far, this one included). */
export interface BuiltSummary {
  readonly summary: Summary;
  readonly published: Required<Omit<PublishedState, 'shown'>>;
}

/** The history of a state, or of a record from before it was kept: its counts as one publication's versions. */
function historyOf(previous: PublishedState | undefined): DisclosureHistory | undefined {
  if (previous === undefined) return undefined;
  if (previous.history !== undefined) return previous.history;
  if (previous.shown === undefined) return undefined;
  return {
    versions: Object.fromEntries(Object.entries(previous.shown).map(([key, n]) => [key, [[0, n] as const]])),
    exact: [previous.shown],
  };
}

/**
 * Builds a programme's summary from its indicator rows (each cohort's tables and the programme
 * pool's), under the disclosure control of `disclosure.ts` against this summary's own tables and
 * everything published before. A cell that may not be updated carries its last published figures
 * (with `as_of`), so a summary never shows less than the one before; cells published before and
 * absent now are carried too. The one exception is a withdrawal: figures of a cohort where
 * someone withdrew since they were published (`erasures`, each cohort's count of erasures,
 * differs from the one kept then), or of the pool when anyone did, may include the person who
 * left: they are neither carried nor kept, and erasure wins. Such a cell returns once it has grown
 * by k beyond its last version.
 */
export function buildSummary(
  programme: Programme,
  period: string,
  allRows: readonly IndicatorRow[],
  previous?: PublishedState,
  erasures: Readonly<Record<string, number>> = {},
): BuiltSummary {
  const { k } = programme;
  // Whole instruments only: subscale and topic parts stay in the evaluator's tables. A cohort's
  // subgroup by a cohort attribute (its site) is the cohort's whole group again: only the pool has it.
  const byCohort = new Set(programme.subgroups.filter((group) => group.source === 'cohort').map((group) => group.id));
  const isCohortAttributeCell = (row: Pick<IndicatorRow, 'cohort' | 'group'>): boolean =>
    row.cohort !== null && row.group !== null && byCohort.has(row.group.dimension);
  const rows = allRows.filter((row) => row.part === undefined && !isCohortAttributeCell(row));
  const history = historyOf(previous);
  const cohortAttributes = Object.fromEntries(
    programme.cohorts.map((cohort) => [
      cohort.id,
      Object.fromEntries(Object.entries(cohort.attributes).filter(([dimension]) => byCohort.has(dimension))),
    ]),
  );
  const withheld = protectCells(rows, k, history, { erasures, cohortAttributes });
  // Figures whose cell's scope lost someone since they were published include that person: never
  // carried, and not kept.
  const lastVersion = (key: string): number | undefined => history?.versions[key]?.at(-1)?.[0];
  const keptFigures = (key: string): boolean => {
    const publication = lastVersion(key);
    return (
      history === undefined ||
      publication === undefined ||
      !withdrewSince(history, erasures, parseCellKey(key).cohort, publication)
    );
  };
  const figures: Record<string, PublishedFigures> = Object.fromEntries(
    Object.entries(previous?.figures ?? {}).filter(
      // A cohort's subgroups by a cohort attribute are left out now; their old figures go with them.
      ([key]) => keptFigures(key) && !isCohortAttributeCell(parseCellKey(key)),
    ),
  );
  const earlier = { ...figures };
  const cellOf = (row: Pick<SummaryRow, 'cohort' | 'session' | 'instrument' | 'group'>) => ({
    cohort: row.cohort,
    session: row.session,
    instrument: row.instrument,
    group: row.group,
  });
  const carried = (cell: ReturnType<typeof cellOf>, last: PublishedFigures): SummaryRow => ({
    ...cell,
    n_paired: last.n_paired,
    n_started: last.n_started,
    lost_share: last.lost_share ?? null,
    suppressed: false,
    suppression: null,
    indicators: last.indicators,
    as_of: last.period,
  });
  const published = rows.map((row): SummaryRow => {
    const reason = withheld.get(row);
    const cell = cellOf(row);
    const last = earlier[cellKey(row)];
    if (reason !== undefined && last !== undefined) return carried(cell, last);
    if (reason !== undefined)
      return {
        ...cell,
        n_paired: null,
        n_started: null,
        lost_share: null,
        suppressed: true,
        suppression: { reason, explanation: explainSuppression(reason, k) },
        indicators: null,
      };
    const shown: PublishedFigures = {
      period,
      n_paired: roundCount(row.indicators.n_paired, programme.rounding),
      // Attrition of whole groups only: within a subgroup, started minus completed would count the
      // few who dropped out of it, a group under k with a property of theirs.
      n_started: row.group === null ? roundCount(row.indicators.n_pre, programme.rounding) : null,
      lost_share: row.group === null ? lostShare(row.indicators.n_pre_only, row.indicators.n_pre) : null,
      indicators: {
        mean_pre: row.indicators.mean_pre_paired,
        mean_post: row.indicators.mean_post_paired,
        mean_change: row.indicators.mean_change,
        ci95_low: row.indicators.ci95_low,
        ci95_high: row.indicators.ci95_high,
        g_av: row.indicators.g_av,
      },
    };
    figures[cellKey(row)] = shown;
    return {
      ...cell,
      n_paired: shown.n_paired,
      n_started: shown.n_started,
      lost_share: shown.lost_share ?? null,
      suppressed: false,
      suppression: null,
      indicators: shown.indicators,
    };
  });
  // A cell published before that has no row now (its people withdrew, say) still reads as it did.
  const present = new Set(rows.map(cellKey));
  const gone = Object.entries(earlier)
    .filter(([key]) => !present.has(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, last]) => carried(parseCellKey(key), last));
  const summary: Summary = {
    schema: SUMMARY_SCHEMA,
    programme: programme.id,
    period,
    k,
    rows: [...published, ...gone],
  };
  return { summary, published: { figures, history: recordPublication(history, rows, withheld, erasures) } };
}

/** Those lost over those who started, rounded up to a multiple of 0.05 (see {@link SummaryRow.lost_share}). */
export function lostShare(lost: number, started: number): number {
  if (started <= 0 || lost <= 0) return 0;
  // In whole percent first, so 0.15 stays 0.15 and is not pushed to 0.20 by binary rounding.
  const percent = Math.round((lost / started) * 1e6) / 1e4;
  return (Math.ceil(percent / 5) * 5) / 100;
}

/** The cell a {@link cellKey} names. */
function parseCellKey(key: string): Pick<SummaryRow, 'cohort' | 'session' | 'instrument' | 'group'> {
  const [cohort = '*', session = '*', instrument = '', group = '*'] = key.split('|');
  const at = group.indexOf('=');
  return {
    cohort: cohort === '*' ? null : cohort,
    session: session === '*' ? null : session,
    instrument,
    group: group === '*' ? null : { dimension: group.slice(0, at), value: group.slice(at + 1) },
  };
}

/**
 * The summary as CSV: one line per cell, the JSON's columns (ids, as in the JSON: the page is
 * what people read), suppressed cells with empty figures and their reason, carried ones with
 * their `as_of`.
 */
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
      // Added within version 1, after the columns that were there, so reading by position still works.
      'n_started',
      'lost_share',
      'suppression_reason',
      'as_of',
    ],
    summary.rows.map((row) => [
      summary.programme,
      summary.period,
      row.cohort,
      row.session,
      row.instrument,
      row.group?.dimension,
      row.group?.value,
      row.n_paired,
      row.suppressed,
      row.indicators?.mean_pre,
      row.indicators?.mean_post,
      row.indicators?.mean_change,
      row.indicators?.ci95_low,
      row.indicators?.ci95_high,
      row.indicators?.g_av,
      row.n_started,
      row.lost_share,
      row.suppression?.reason,
      row.as_of,
    ]),
  );
}
