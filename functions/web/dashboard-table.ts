/**
 * The full numeric table of one block of the evaluator workspace: every indicator the CSV holds,
 * one value per cell, rows grouped by measure, the row's label (whole group, subgroup, part) in a
 * first column that stays in view while the table scrolls sideways in its own scroller, each
 * measure's name at the left of its heading row however far it is scrolled, and the column
 * headings at the top of the scroller while it scrolls down. It comes closed, after the findings:
 * the findings are what a reader needs first.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Language, Programme } from '#surveys/schema.ts';
import type { ImpactRow, LATER_COLUMNS } from '#core/impact-table.ts';
import { measureName, rowLabel } from './dashboard-parts.ts';
import { html, type Html } from './html.ts';
import {
  formatChange,
  formatNumber,
  formatP,
  workspaceStringsFor,
  type WorkspaceStrings,
} from './workspace-strings.ts';

type ColumnKey = Extract<keyof WorkspaceStrings, `col.${string}`>;
type LaterColumn = (typeof LATER_COLUMNS)[number];

/** The columns after the row's label: their heading and how a row's cell reads. */
const COLUMNS: readonly { readonly key: ColumnKey; cell(row: ImpactRow, language: Language): string }[] = [
  { key: 'col.nPre', cell: (row) => String(row.n_pre) },
  { key: 'col.nPost', cell: (row) => String(row.n_post) },
  { key: 'col.nPaired', cell: (row) => String(row.n_paired) },
  { key: 'col.nPreOnly', cell: (row) => String(row.n_pre_only) },
  { key: 'col.meanPreDropouts', cell: (row, language) => formatNumber(row.mean_pre_dropouts, language) },
  { key: 'col.meanPre', cell: (row, language) => formatNumber(row.mean_pre_paired, language) },
  { key: 'col.sdPre', cell: (row, language) => formatNumber(row.sd_pre_paired, language) },
  { key: 'col.meanPost', cell: (row, language) => formatNumber(row.mean_post_paired, language) },
  { key: 'col.sdPost', cell: (row, language) => formatNumber(row.sd_post_paired, language) },
  { key: 'col.change', cell: (row, language) => formatChange(row.mean_change, language) },
  { key: 'col.ciLow', cell: (row, language) => formatNumber(row.ci95_low, language) },
  { key: 'col.ciHigh', cell: (row, language) => formatNumber(row.ci95_high, language) },
  { key: 'col.t', cell: (row, language) => formatNumber(row.t, language) },
  { key: 'col.df', cell: (row) => (row.df === null ? '–' : String(row.df)) },
  { key: 'col.p', cell: (row, language) => formatP(row.p_t, language) },
  { key: 'col.pHolm', cell: (row, language) => formatP(row.p_t_holm, language) },
  { key: 'col.v', cell: (row, language) => formatNumber(row.wilcoxon_v, language, 1) },
  { key: 'col.pWilcoxon', cell: (row, language) => formatP(row.p_wilcoxon, language) },
  {
    key: 'col.method',
    cell: (row, language) => workspaceStringsFor(language)[`method.${row.wilcoxon_method}`],
  },
  { key: 'col.dz', cell: (row, language) => formatNumber(row.d_z, language) },
  { key: 'col.dav', cell: (row, language) => formatNumber(row.d_av, language) },
  { key: 'col.gav', cell: (row, language) => formatNumber(row.g_av, language) },
  { key: 'col.improved', cell: (row) => (row.rci_improved === null ? '–' : String(row.rci_improved)) },
  { key: 'col.unchanged', cell: (row) => (row.rci_unchanged === null ? '–' : String(row.rci_unchanged)) },
  { key: 'col.deteriorated', cell: (row) => (row.rci_deteriorated === null ? '–' : String(row.rci_deteriorated)) },
  { key: 'col.threshold', cell: (row, language) => formatNumber(row.rci_threshold, language) },
  { key: 'col.reliability', cell: (row, language) => formatNumber(row.reliability, language) },
  { key: 'col.alpha', cell: (row, language) => formatNumber(row.alpha_baseline, language) },
  { key: 'col.gainOfMeans', cell: (row, language) => formatNumber(row.gain_of_averages, language) },
  { key: 'col.meanOfGains', cell: (row, language) => formatNumber(row.average_of_gains, language) },
  { key: 'col.atCeiling', cell: (row) => (row.gain_undefined === null ? '–' : String(row.gain_undefined)) },
];

const count = (value: number | null): string => (value === null ? '–' : String(value));
const share = (value: number | null, language: Language): string =>
  value === null ? '–' : `${formatNumber(value * 100, language, 0)}%`;

/**
 * What a design adds (impact-table.ts `LATER_COLUMNS`), each with the indicator it reads: shown
 * only in a block where some row has it, so a plain before-after table stays as it was.
 */
const LATER: readonly {
  readonly key: ColumnKey;
  readonly column: LaterColumn;
  cell(row: ImpactRow, language: Language): string;
}[] = [
  { key: 'col.lostShare', column: 'lost_share', cell: (row, language) => share(row.lost_share, language) },
  { key: 'col.boundsLow', column: 'bounds_low', cell: (row, language) => formatChange(row.bounds_low, language) },
  { key: 'col.boundsHigh', column: 'bounds_high', cell: (row, language) => formatChange(row.bounds_high, language) },
  { key: 'col.nFollowup', column: 'n_followup', cell: (row) => count(row.n_followup) },
  {
    key: 'col.changeFollowup',
    column: 'mean_change_followup',
    cell: (row, language) => formatChange(row.mean_change_followup, language),
  },
  {
    key: 'col.sdFollowup',
    column: 'sd_change_followup',
    cell: (row, language) => formatNumber(row.sd_change_followup, language),
  },
  {
    key: 'col.ciLowFollowup',
    column: 'ci95_low_followup',
    cell: (row, language) => formatNumber(row.ci95_low_followup, language),
  },
  {
    key: 'col.ciHighFollowup',
    column: 'ci95_high_followup',
    cell: (row, language) => formatNumber(row.ci95_high_followup, language),
  },
  { key: 'col.nPostFollowup', column: 'n_post_followup', cell: (row) => count(row.n_post_followup) },
  {
    key: 'col.changePostFollowup',
    column: 'mean_change_post_followup',
    cell: (row, language) => formatChange(row.mean_change_post_followup, language),
  },
  {
    key: 'col.ciLowPostFollowup',
    column: 'ci95_low_post_followup',
    cell: (row, language) => formatNumber(row.ci95_low_post_followup, language),
  },
  {
    key: 'col.ciHighPostFollowup',
    column: 'ci95_high_post_followup',
    cell: (row, language) => formatNumber(row.ci95_high_post_followup, language),
  },
  { key: 'col.nAllWaves', column: 'n_all_waves', cell: (row) => count(row.n_all_waves) },
  { key: 'col.nSustained', column: 'n_sustained', cell: (row) => count(row.n_sustained) },
  {
    key: 'col.lostFollowup',
    column: 'lost_share_followup',
    cell: (row, language) => share(row.lost_share_followup, language),
  },
  {
    key: 'col.boundsLowFollowup',
    column: 'bounds_low_followup',
    cell: (row, language) => formatChange(row.bounds_low_followup, language),
  },
  {
    key: 'col.boundsHighFollowup',
    column: 'bounds_high_followup',
    cell: (row, language) => formatChange(row.bounds_high_followup, language),
  },
  { key: 'col.nThen', column: 'n_then', cell: (row) => count(row.n_then) },
  {
    key: 'col.changeThen',
    column: 'mean_change_then',
    cell: (row, language) => formatChange(row.mean_change_then, language),
  },
  { key: 'col.ciLowThen', column: 'ci95_low_then', cell: (row, language) => formatNumber(row.ci95_low_then, language) },
  {
    key: 'col.ciHighThen',
    column: 'ci95_high_then',
    cell: (row, language) => formatNumber(row.ci95_high_then, language),
  },
  { key: 'col.nShift', column: 'n_shift', cell: (row) => count(row.n_shift) },
  {
    key: 'col.shift',
    column: 'mean_response_shift',
    cell: (row, language) => formatChange(row.mean_response_shift, language),
  },
  {
    key: 'col.ciLowShift',
    column: 'ci95_low_shift',
    cell: (row, language) => formatNumber(row.ci95_low_shift, language),
  },
  {
    key: 'col.ciHighShift',
    column: 'ci95_high_shift',
    cell: (row, language) => formatNumber(row.ci95_high_shift, language),
  },
  { key: 'col.cutoff', column: 'csc_cutoff', cell: (row, language) => formatNumber(row.csc_cutoff, language) },
  {
    key: 'col.criterion',
    column: 'csc_criterion',
    // The criterion's letter; a published cut-off in words.
    cell: (row, language) =>
      row.csc_criterion === null
        ? '–'
        : row.csc_criterion === 'published'
          ? workspaceStringsFor(language)['source.published']
          : row.csc_criterion,
  },
  { key: 'col.recovered', column: 'rci_recovered', cell: (row) => count(row.rci_recovered) },
  {
    key: 'col.typicalPre',
    column: 'typical_pre_share',
    cell: (row, language) => share(row.typical_pre_share, language),
  },
  {
    key: 'col.typicalPost',
    column: 'typical_post_share',
    cell: (row, language) => share(row.typical_post_share, language),
  },
  { key: 'col.nComparison', column: 'n_comparison', cell: (row) => count(row.n_comparison) },
  {
    key: 'col.changeComparison',
    column: 'mean_change_comparison',
    cell: (row, language) => formatChange(row.mean_change_comparison, language),
  },
  { key: 'col.did', column: 'did_estimate', cell: (row, language) => formatChange(row.did_estimate, language) },
  { key: 'col.didLow', column: 'did_ci95_low', cell: (row, language) => formatNumber(row.did_ci95_low, language) },
  { key: 'col.didHigh', column: 'did_ci95_high', cell: (row, language) => formatNumber(row.did_ci95_high, language) },
  { key: 'col.didDf', column: 'did_df', cell: (row, language) => formatNumber(row.did_df, language, 1) },
  { key: 'col.didG', column: 'did_g', cell: (row, language) => formatNumber(row.did_g, language) },
];

/** The table of a block's rows, closed in a `<details>`, its caption the block's name. */
export function renderFullTable(
  catalog: Catalog,
  programme: Programme,
  rows: readonly ImpactRow[],
  caption: string,
  language: Language,
): Html {
  const words = workspaceStringsFor(language);
  const columns = [...COLUMNS, ...LATER.filter((column) => rows.some((row) => row[column.column] !== null))];
  const head = html`<thead><tr><th scope="col">${words['col.group']}</th>${columns.map(
    (column) => html`<th scope="col">${words[column.key]}</th>`,
  )}</tr></thead>`;
  const measures = [...new Set(rows.map((row) => row.instrument))];
  const bodies = measures.map((instrument) => {
    const name = measureName(catalog, instrument, language);
    // The name in its own box, which the stylesheet keeps at the scroller's left edge: the heading
    // spans every column, so scrolled sideways it would otherwise show as an empty bar.
    const title = html`<tr><th scope="colgroup" colspan="${columns.length + 1}"><span>${name}</span></th></tr>`;
    const lines = rows
      .filter((row) => row.instrument === instrument)
      .map((row) => {
        const cells = columns.map((column) => html`<td>${column.cell(row, language)}</td>`);
        return html`<tr><th scope="row">${rowLabel(catalog, programme, row, language)}</th>${cells}</tr>`;
      });
    return html`<tbody>${title}${lines}</tbody>`;
  });
  const table = html`<table class="full"><caption><span>${caption}</span></caption>${head}${bodies}</table>`;
  const hint = html`<p class="muted">${words.fullTableHint}</p>`;
  // The scroller is a focusable region, so the table can be scrolled from the keyboard.
  const scroller = html`<div class="scroll both" role="region" aria-label="${caption}" tabindex="0">${table}</div>`;
  return html`<details><summary>${words.fullTable}</summary>${hint}${scroller}</details>`;
}
