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
import type { ImpactRow } from '#core/impact-table.ts';
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

/** The table of a block's rows, closed in a `<details>`, its caption the block's name. */
export function renderFullTable(
  catalog: Catalog,
  programme: Programme,
  rows: readonly ImpactRow[],
  caption: string,
  language: Language,
): Html {
  const words = workspaceStringsFor(language);
  const head = html`<thead><tr><th scope="col">${words['col.group']}</th>${COLUMNS.map(
    (column) => html`<th scope="col">${words[column.key]}</th>`,
  )}</tr></thead>`;
  const measures = [...new Set(rows.map((row) => row.instrument))];
  const bodies = measures.map((instrument) => {
    const name = measureName(catalog, instrument, language);
    // The name in its own box, which the stylesheet keeps at the scroller's left edge: the heading
    // spans every column, so scrolled sideways it would otherwise show as an empty bar.
    const title = html`<tr><th scope="colgroup" colspan="${COLUMNS.length + 1}"><span>${name}</span></th></tr>`;
    const lines = rows
      .filter((row) => row.instrument === instrument)
      .map((row) => {
        const cells = COLUMNS.map((column) => html`<td>${column.cell(row, language)}</td>`);
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
