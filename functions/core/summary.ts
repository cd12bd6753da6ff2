/**
 * The funder summary, schema `prepost.summary/1` (PRODUCT.md, README "Summaries"): per cohort,
 * session, instrument and subgroup cell, and per programme-wide (pool) cell, only completers'
 * aggregates, under the disclosure control of `disclosure.ts`: hidden cells say why, cells that
 * cannot be updated safely carry their last published figures; shown counts are rounded, means
 * are not. Beside a shown whole group, what its design adds (issue 14: follow-up, then-test and
 * response shift, recovery across a cut-off, the difference from the comparison group), each group
 * of its own under the same control (`FAMILIES`, `COMPARISON`).
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
import { followupClosedBy, isComparisonCohort } from './design.ts';
import type { GroupKey, IndicatorRow, LaterIndicatorKey } from './model.ts';

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
  /**
   * Present (true) on the rows of a comparison cohort: a waiting list, people not yet in the
   * programme, whose change the programme-wide rows set their own against. Added within version 1.
   */
  readonly comparison_cohort?: true;
  readonly suppressed: boolean;
  readonly suppression: { readonly reason: SuppressionReason; readonly explanation: string } | null;
  readonly indicators: SummaryIndicators | null;
  /**
   * Present on a carried row: the cell could not be updated safely this period, so it shows the
   * figures last published for it, from this month (YYYY-MM). Added within version 1.
   */
  readonly as_of?: string;
  /**
   * Whole-group rows whose design has a follow-up wave: the change from before to the follow-up over
   * those who answered both. Its people are a group of their own, under the same disclosure control
   * as the cells (see {@link buildSummary}). Added within version 1 (issue 14), like the keys below.
   */
  readonly followup?: LaterFigure;
  /** Whole-group rows with a retrospective pre-test: the change from it (then) to after. */
  readonly then_change?: LaterFigure;
  /** Whole-group rows with a retrospective pre-test: the response shift, then minus before (`mean_change`). */
  readonly response_shift?: LaterFigure;
  /**
   * Whole-group rows of a measure with norms or a published cut-off (Jacobson & Truax 1991): the
   * cut-off, how it was set, and the completers who recovered (reliable improvement across it),
   * rounded as `n_paired`; always of this row's figures (carried with them).
   */
  readonly clinical?: {
    readonly cutoff: number;
    readonly criterion: 'published' | 'a' | 'b' | 'c';
    readonly recovered: number | null;
  };
  /**
   * Programme-wide whole-group rows of a programme with comparison cohorts: this row's mean change
   * minus the comparison group's (Welch interval, Hedges' g), a quasi-experimental estimate.
   */
  readonly comparison?: {
    readonly difference: number | null;
    readonly ci95_low: number | null;
    readonly ci95_high: number | null;
    readonly g: number | null;
    /** Figures last published, from this month, when they could not be updated. */
    readonly as_of?: string;
  };
}

/** The keys a whole group's groups of their own add to its row. */
type LaterKeys = Pick<SummaryRow, 'followup' | 'then_change' | 'response_shift' | 'comparison'>;

/** A change over a group of its own (follow-up, then-test), its people rounded as `n_paired`. */
export interface LaterFigure {
  readonly n_paired: number;
  readonly mean_change: number | null;
  readonly ci95_low: number | null;
  readonly ci95_high: number | null;
  /**
   * `followup` only: the share of those who started (answered before) who did not answer the
   * follow-up, rounded up to a multiple of 0.05 from the exact counts, as the row's `lost_share`.
   */
  readonly lost_share?: number;
  /** Figures last published, from this month (YYYY-MM), when they could not be updated. */
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
  /** Whole-group cells with a cut-off: published with the cell's figures, carried with them. */
  readonly clinical?: SummaryRow['clinical'];
}

/**
 * What the summaries of a programme have published so far, kept privately for the next one: the
 * disclosure history (every version published, every cell's exact count at each publication) and
 * each cell's last published figures (to carry forward).
 */
export interface PublishedState {
  /**
   * Also the groups of their own (`FAMILIES`, the comparison pool) under their own keys: their
   * change in `indicators.mean_change` (the difference, for the comparison pool, and its g in `g_av`).
   */
  readonly figures?: Readonly<Record<string, PublishedFigures>>;
  readonly history?: DisclosureHistory;
  /**
   * Records written before the history hold only this: the exact count of every cell as last
   * published. Read as one earlier publication; never written now (the history holds it).
   */
  readonly shown?: Readonly<Record<string, number>>;
}

/**
 * Groups of their own a summary publishes beside a whole group's cell: those who answered the
 * follow-up (and before), the retrospective pre-test (and after), the retrospective pre-test and
 * before. Their people are not the cell's completers, so each is a table family of its own under
 * the same disclosure control (primary, differencing over time, cohorts against the pool), keyed as
 * the cell with a suffix on its instrument, with its own history; published only beside a cell
 * that is shown (a cell under k publishes none of them).
 */
const FAMILIES = [
  {
    name: 'followup',
    suffix: '#followup',
    n: 'n_followup',
    value: 'mean_change_followup',
    low: 'ci95_low_followup',
    high: 'ci95_high_followup',
    lost: 'lost_share_followup',
  },
  {
    name: 'then_change',
    suffix: '#then',
    n: 'n_then',
    value: 'mean_change_then',
    low: 'ci95_low_then',
    high: 'ci95_high_then',
  },
  {
    name: 'response_shift',
    suffix: '#shift',
    n: 'n_shift',
    value: 'mean_response_shift',
    low: 'ci95_low_shift',
    high: 'ci95_high_shift',
  },
] as const satisfies readonly {
  readonly name: 'followup' | 'then_change' | 'response_shift';
  readonly suffix: string;
  readonly n: LaterIndicatorKey;
  readonly value: LaterIndicatorKey;
  readonly low: LaterIndicatorKey;
  readonly high: LaterIndicatorKey;
  /** A share of those who started lost by this wave, published as `lost_share` is (rounded up to 5%). */
  readonly lost?: LaterIndicatorKey;
}[];

/*
 * Left out of the summary on purpose (evaluators see them in the impact table):
 * - the attrition bounds (`bounds_low`, `bounds_high`): their width is the exact share lost times the
 *   instrument's range, which with the rounded counts gives the exact counts away, and with the
 *   completers' published mean change they give the drop-outs' mean baseline, a group (those who
 *   did not answer again) that may be under k and that no rule protects; `lost_share` (rounded up
 *   to 5%) already says the attrition against NHLBI's 20%;
 * - the change from after to the follow-up, who answered all three times and who kept their gain
 *   (`n_post_followup`, `n_all_waves`, `n_sustained`): groups of their own again, for figures the
 *   follow-up change already covers;
 * - the shares in the typical range (`typical_pre_share`, `typical_post_share`): counts of a category
 *   within a cell, not rounded as counts are (recovery is published, as a count rounded as they are).
 */

/**
 * Comparison cohorts (waiting lists) are not in the programme's pool: their cells, and their own
 * pool (the group the programme's change is compared with), form a family of their own, so the
 * pool is checked against the cohorts it holds and the comparison pool against its own.
 */
const COMPARISON = '#comparison';

/** A cell key's instrument as published: without its family's suffix. */
const plainInstrument = (instrument: string): string => instrument.split('#')[0] ?? instrument;

/** The key of a cell's group in a family: its instrument suffixed. */
function familyKey(key: string, suffix: string): string {
  const [cohort, session, instrument, group] = key.split('|');
  return [cohort, session, `${instrument}${suffix}`, group].join('|');
}

/** Whether a key names a published cell (a comparison cohort's too), not a family's group. */
function isCellKey(key: string): boolean {
  const [cohort, , instrument = ''] = key.split('|');
  const suffixes = instrument.split('#').slice(1);
  return suffixes.length === 0 || (suffixes.length === 1 && `#${suffixes[0]}` === COMPARISON && cohort !== '*');
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
  const comparisonCohorts = new Set(programme.cohorts.filter(isComparisonCohort).map((cohort) => cohort.id));
  const rows = allRows
    .filter((row) => row.part === undefined && !isCohortAttributeCell(row))
    .map((row) =>
      row.cohort !== null && comparisonCohorts.has(row.cohort)
        ? { ...row, instrument: `${row.instrument}${COMPARISON}` }
        : row,
    );
  // Each whole group's groups of their own (FAMILIES), and the programme pool's comparison pool.
  const familyRows = new Map<string, IndicatorRow>();
  for (const row of rows) {
    if (row.group !== null) continue;
    const key = cellKey(row);
    for (const family of FAMILIES) {
      const n = row.indicators[family.n];
      if (n === undefined || n === null) continue;
      const instrument = `${row.instrument}${family.suffix}`;
      familyRows.set(familyKey(key, family.suffix), {
        ...row,
        instrument,
        indicators: { ...row.indicators, n_paired: n },
      });
    }
    const compared = row.indicators.n_comparison;
    if (row.cohort === null && compared !== undefined && compared !== null)
      familyRows.set(familyKey(key, COMPARISON), {
        ...row,
        instrument: `${row.instrument}${COMPARISON}`,
        indicators: { ...row.indicators, n_paired: compared },
      });
  }
  const protectedRows = [...rows, ...familyRows.values()];
  const history = historyOf(previous);
  const cohortAttributes = Object.fromEntries(
    programme.cohorts.map((cohort) => [
      cohort.id,
      Object.fromEntries(Object.entries(cohort.attributes).filter(([dimension]) => byCohort.has(dimension))),
    ]),
  );
  const withheld = protectCells(protectedRows, k, history, { erasures, cohortAttributes });
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
    instrument: plainInstrument(row.instrument),
    group: row.group,
  });
  /**
   * A shown whole group's groups of their own: this period's where they may be updated and the cell
   * is, else the last published (with their month), else none.
   */
  const laterOf = (key: string, cellUpdated: boolean): LaterKeys => {
    const later: { -readonly [name in keyof LaterKeys]: LaterKeys[name] } = {};
    const pick = (suffix: string, mayUpdate: boolean, fresh: (row: IndicatorRow) => PublishedFigures) => {
      const at = familyKey(key, suffix);
      const row = familyRows.get(at);
      if (row !== undefined && mayUpdate && !withheld.has(row)) {
        figures[at] = fresh(row);
        return { figures: figures[at], as_of: undefined };
      }
      const last = earlier[at];
      return last === undefined ? undefined : { figures: last, as_of: last.period };
    };
    for (const family of FAMILIES) {
      const found = pick(family.suffix, true, (row) => {
        // Those who started and did not answer this wave, from the exact counts as `lost_share` is;
        // only once the wave has closed by the period's end for everyone in the cell: while it is
        // open, or months away, not answering yet is not being lost.
        const share =
          'lost' in family && followupClosedBy(programme, row.cohort, period) ? row.indicators[family.lost] : undefined;
        const started = row.indicators.n_pre;
        return {
          ...laterFigures(period, roundCount(row.indicators.n_paired, programme.rounding), {
            value: row.indicators[family.value] ?? null,
            low: row.indicators[family.low] ?? null,
            high: row.indicators[family.high] ?? null,
          }),
          ...(share === undefined || share === null
            ? {}
            : { lost_share: lostShare(Math.round(share * started), started) }),
        };
      });
      if (found !== undefined)
        later[family.name] = {
          n_paired: found.figures.n_paired,
          mean_change: found.figures.indicators.mean_change,
          ci95_low: found.figures.indicators.ci95_low,
          ci95_high: found.figures.indicators.ci95_high,
          ...(found.figures.lost_share === undefined || found.figures.lost_share === null
            ? {}
            : { lost_share: found.figures.lost_share }),
          ...(found.as_of === undefined ? {} : { as_of: found.as_of }),
        } satisfies LaterFigure;
    }
    // The difference with the programme's own change as published now: never beside a carried change,
    // which would give away this period's change of the programme that was not updated.
    const compared = pick(COMPARISON, cellUpdated, (row) =>
      laterFigures(period, 0, {
        value: row.indicators.did_estimate ?? null,
        low: row.indicators.did_ci95_low ?? null,
        high: row.indicators.did_ci95_high ?? null,
        g: row.indicators.did_g ?? null,
      }),
    );
    if (compared !== undefined)
      later.comparison = {
        difference: compared.figures.indicators.mean_change,
        ci95_low: compared.figures.indicators.ci95_low,
        ci95_high: compared.figures.indicators.ci95_high,
        g: compared.figures.indicators.g_av,
        ...(compared.as_of === undefined ? {} : { as_of: compared.as_of }),
      } satisfies NonNullable<SummaryRow['comparison']>;
    return later;
  };
  const carried = (key: string, cell: ReturnType<typeof cellOf>, last: PublishedFigures): SummaryRow => ({
    ...cell,
    n_paired: last.n_paired,
    n_started: last.n_started,
    lost_share: last.lost_share ?? null,
    suppressed: false,
    suppression: null,
    indicators: last.indicators,
    as_of: last.period,
    ...(last.clinical === undefined ? {} : { clinical: last.clinical }),
    ...(cell.group === null ? laterOf(key, false) : {}),
  });
  const published = rows.map((row): SummaryRow => {
    const reason = withheld.get(row);
    const cell = cellOf(row);
    const key = cellKey(row);
    const last = earlier[key];
    if (reason !== undefined && last !== undefined) return carried(key, cell, last);
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
    const { csc_cutoff: cutoff, csc_criterion: criterion, rci_recovered: recovered } = row.indicators;
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
      // Over the cell's own completers, whole groups only (as attrition): a count rounded as theirs.
      ...(row.group === null && cutoff !== undefined && cutoff !== null && criterion !== undefined && criterion !== null
        ? {
            clinical: {
              cutoff,
              criterion,
              // A category of people within the cell: withheld when it, or those outside it, are fewer than
              // k (as a cell would be), so a count of one or two is never published exactly.
              recovered:
                recovered === undefined ||
                recovered === null ||
                recovered < k ||
                row.indicators.n_paired - recovered < k
                  ? null
                  : roundCount(recovered, programme.rounding),
            },
          }
        : {}),
    };
    figures[key] = shown;
    return {
      ...cell,
      n_paired: shown.n_paired,
      n_started: shown.n_started,
      lost_share: shown.lost_share ?? null,
      suppressed: false,
      suppression: null,
      indicators: shown.indicators,
      ...(shown.clinical === undefined ? {} : { clinical: shown.clinical }),
      ...(row.group === null ? laterOf(key, true) : {}),
    };
  });
  // A cell published before that has no row now (its people withdrew, say) still reads as it did.
  const present = new Set(rows.map(cellKey));
  const gone = Object.entries(earlier)
    .filter(([key]) => !present.has(key) && isCellKey(key))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, last]) => carried(key, parseCellKey(key), last));
  const summary: Summary = {
    schema: SUMMARY_SCHEMA,
    programme: programme.id,
    period,
    k,
    // A comparison cohort's rows say so: a reader of the JSON or CSV must not count a waiting list
    // among the programme's results.
    rows: [...published, ...gone].map((row) =>
      row.cohort !== null && comparisonCohorts.has(row.cohort) ? { ...row, comparison_cohort: true } : row,
    ),
  };
  // Every group of its own that passed is recorded as published, shown or not (beside a hidden
  // cell it is not): the next summary then differences against it as if it had been.
  return {
    summary,
    published: { figures, history: recordPublication(history, protectedRows, withheld, erasures) },
  };
}

/** A group of its own's figures, kept in the shape of a cell's (see {@link PublishedState.figures}). */
function laterFigures(
  period: string,
  n: number,
  estimate: { value: number | null; low: number | null; high: number | null; g?: number | null },
): PublishedFigures {
  return {
    period,
    n_paired: n,
    n_started: null,
    indicators: {
      mean_pre: null,
      mean_post: null,
      mean_change: estimate.value,
      ci95_low: estimate.low,
      ci95_high: estimate.high,
      g_av: estimate.g ?? null,
    },
  };
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
    instrument: plainInstrument(instrument),
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
      // Issue 14, after those, each group of its own with its month when carried.
      'followup_n',
      'followup_mean_change',
      'followup_ci95_low',
      'followup_ci95_high',
      'followup_as_of',
      'then_n',
      'then_mean_change',
      'then_ci95_low',
      'then_ci95_high',
      'then_as_of',
      'response_shift_n',
      'response_shift',
      'response_shift_ci95_low',
      'response_shift_ci95_high',
      'response_shift_as_of',
      'csc_cutoff',
      'csc_criterion',
      'recovered',
      'comparison_difference',
      'comparison_ci95_low',
      'comparison_ci95_high',
      'comparison_g',
      'comparison_as_of',
      'followup_lost_share',
      'cohort_comparison',
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
      ...[row.followup, row.then_change, row.response_shift].flatMap((figure) => [
        figure?.n_paired,
        figure?.mean_change,
        figure?.ci95_low,
        figure?.ci95_high,
        figure?.as_of,
      ]),
      row.clinical?.cutoff,
      row.clinical?.criterion,
      row.clinical?.recovered,
      row.comparison?.difference,
      row.comparison?.ci95_low,
      row.comparison?.ci95_high,
      row.comparison?.g,
      row.comparison?.as_of,
      row.followup?.lost_share,
      row.comparison_cohort === true ? 'yes' : undefined,
    ]),
  );
}
