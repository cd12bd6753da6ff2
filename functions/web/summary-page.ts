/**
 * The funder summary as an email-friendly page: inline styles only (mail clients drop
 * stylesheets), one column readable on a phone, plain-language findings first, then the tables
 * and a short method note.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { Summary, SummaryRow } from '#core/summary.ts';
import type { SummaryRenderer } from '#ports/publishing.ts';
import { readChange } from '#core/readings.ts';
import { changeWithIntervalChart } from './charts.ts';
import { html, type Html } from './html.ts';

const TD = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:right';
const TH = 'padding:4px 8px;border-bottom:2px solid #333;text-align:right';
const PAGE = 'max-width:640px;margin:0 auto;font-family:Arial,sans-serif;color:#1b1b1b;line-height:1.45';
const TABLE = 'border-collapse:collapse;width:100%;font-size:14px';
const FIGURE_HEADS = ['People', 'Before', 'After', 'Change'].map((label) => html`<th style="${TH}">${label}</th>`);
/** The head row of every summary table: the measure, then its figures. */
const HEAD_ROW = html`<tr><th style="${TH};text-align:left">Measure</th>${FIGURE_HEADS}</tr>`;
const fmt = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : value.toFixed(1);

/** One sentence per shown whole-cohort cell, from the documented reading conventions. */
export function describeFinding(catalog: Catalog, programme: Programme, row: SummaryRow): string | undefined {
  if (row.suppressed || row.group !== null || row.indicators === null) return undefined;
  const where = [
    programme.cohorts.find((cohort) => cohort.id === row.cohort)?.name,
    programme.sessions.find((session) => session.id === row.session)?.name.en,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const instrument = catalog.instruments.get(row.instrument);
  const context = {
    name: instrument?.name.en ?? row.instrument,
    direction: instrument?.direction ?? 'higher-better',
    percent: instrument?.scoring.rule === 'percent-correct',
  } as const;
  const reading = readChange(context, {
    n_paired: row.n_paired ?? 0,
    mean_pre_paired: row.indicators.mean_pre,
    mean_post_paired: row.indicators.mean_post,
    mean_change: row.indicators.mean_change,
    ci95_low: row.indicators.ci95_low,
    ci95_high: row.indicators.ci95_high,
    g_av: row.indicators.g_av,
    d_z: null,
  });
  return reading === undefined ? undefined : where === '' ? reading : `${where}: ${reading}`;
}

/** The HTML summary. */
export function renderSummaryHtml(catalog: Catalog, programme: Programme, summary: Summary): string {
  const findings = summary.rows.flatMap((row) => {
    const text = describeFinding(catalog, programme, row);
    if (text === undefined || row.indicators?.mean_change == null) return [];
    const instrument = catalog.instruments.get(row.instrument);
    const chart = changeWithIntervalChart(
      instrument?.name.en ?? row.instrument,
      row.indicators.mean_change,
      row.indicators.ci95_low,
      row.indicators.ci95_high,
      instrument?.direction ?? 'higher-better',
    );
    return [html`<li style="margin-bottom:12px">${text}<br>${chart}</li>`];
  });
  const cohortName = (id: string): string => programme.cohorts.find((cohort) => cohort.id === id)?.name ?? id;
  const sessionName = (id: string): string => programme.sessions.find((session) => session.id === id)?.name.en ?? id;
  const tables: Html[] = [];
  for (const cohort of programme.cohorts) {
    for (const session of programme.sessions) {
      const rows = summary.rows.filter((row) => row.cohort === cohort.id && row.session === session.id);
      if (rows.length === 0) continue;
      const heading = `${cohortName(cohort.id)}: ${sessionName(session.id)}`;
      const body = rows.map((row) => renderRow(catalog, summary.k, row));
      const table = html`<table style="${TABLE}">${HEAD_ROW}${body}</table>`;
      tables.push(html`<h3 style="font-size:16px;margin:16px 0 4px">${heading}</h3>${table}`);
    }
  }
  const title = `${programme.name.en ?? programme.id}: summary for ${summary.period}`;
  const findingsList =
    findings.length === 0
      ? html`<p>Not enough people have answered before and after yet to report results.</p>`
      : html`<ul style="padding-left:18px">${findings}</ul>`;
  const { k } = summary;
  const { rounding } = programme;
  const rounded =
    rounding.base > 1
      ? `Counts under ${rounding.below} are rounded to the nearest ${rounding.base}; averages use the exact figures.`
      : '';
  const method = [
    html`Change is the score after the session minus the score before, averaged over the people who answered `,
    html`both, with its 95% confidence interval (paired t). `,
    html`Effect sizes are Hedges' g<sub>av</sub> (Lakens 2013), `,
    html`read as small from 0.2, medium from 0.5 and large from 0.8 (Cohen 1988). `,
    html`Groups with fewer than ${k} such people are not shown; where needed more groups are hidden so that `,
    html`no small group can be worked out from the totals, and a group that grew by fewer than ${k} people `,
    html`since the previous summary is hidden so the newcomers' change cannot be worked out by comparing the two. `,
    rounded,
    html` No names, links, dates or individual answers are included.`,
  ];
  const sections = [
    html`<h1 style="font-size:22px">${title}</h1>`,
    html`<h2 style="font-size:18px">Findings</h2>${findingsList}`,
    html`<h2 style="font-size:18px">Tables</h2>${tables}`,
    html`<h2 style="font-size:18px">Method</h2><p style="font-size:13px;color:#444">${method}</p>`,
  ];
  const body = html`<div style="${PAGE}">${sections}</div>`;
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><title>Programme summary</title></head>' +
    `<body style="margin:0;padding:12px">${body.value}</body></html>`
  );
}

/** One row of a summary table: the measure (and group), then its figures or why they are hidden. */
function renderRow(catalog: Catalog, k: number, row: SummaryRow): Html {
  const name = catalog.instruments.get(row.instrument)?.name.en ?? row.instrument;
  const group =
    row.group === null ? '' : html`<br><span style="color:#555">${row.group.dimension}: ${row.group.value}</span>`;
  const reason = row.suppression?.reason;
  const hidden =
    reason === 'fewer-than-k'
      ? `fewer than ${k}`
      : reason === 'differencing'
        ? 'hidden: too few new since last summary'
        : 'hidden to protect a smaller group';
  const figures = [
    row.n_paired ?? '',
    fmt(row.indicators?.mean_pre),
    fmt(row.indicators?.mean_post),
    fmt(row.indicators?.mean_change),
  ];
  const cells = row.suppressed
    ? html`<td style="${TD};color:#555" colspan="4">${hidden}</td>`
    : figures.map((figure) => html`<td style="${TD}">${figure}</td>`);
  return html`<tr><td style="${TD};text-align:left">${name}${group}</td>${cells}</tr>`;
}

/** The summary's page and messages, as the publishing use case receives them. */
export function summaryRenderer(catalog: Catalog): SummaryRenderer {
  return {
    page: (summary, programme) => renderSummaryHtml(catalog, programme, summary),
    message: (summary, programme) => ({
      subject: `${programme.name.en ?? programme.id}: summary for ${summary.period}`,
      html: renderSummaryHtml(catalog, programme, summary),
      text: summaryText(catalog, programme, summary),
    }),
  };
}

/** The plain-text body of a funder's message: one line per finding, and where the tables are. */
function summaryText(catalog: Catalog, programme: Programme, summary: Summary): string {
  const findings = summary.rows
    .map((row) => describeFinding(catalog, programme, row))
    .filter((text): text is string => text !== undefined);
  return [
    `Programme summary for ${summary.period}.`,
    '',
    ...(findings.length > 0
      ? findings.map((finding) => `- ${finding}`)
      : ['Not enough people have answered before and after yet to report results.']),
    '',
    'The tables are attached (CSV, JSON, HTML).',
  ].join('\n');
}
