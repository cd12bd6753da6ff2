/**
 * The funder summary laid out three ways from one reading (`summary-reading.ts`): the published
 * page, and the email's HTML and plain text. The HTML is what mail programs show: tables and
 * inline styles only (Gmail and Outlook drop stylesheets and SVG), no script, nothing fetched;
 * charts are bars made of table cells, each beside its value as text. One column, readable on a
 * phone; the headline first, then findings by measure, participation, methods and limitations,
 * and who to ask.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Language, Programme } from '#surveys/schema.ts';
import type { Summary } from '#core/summary.ts';
import type { SummaryRenderer } from '#ports/publishing.ts';
import { html, type Html } from './html.ts';
import { readSummary, type MeasureReading, type RowReading, type SummaryReading } from './summary-reading.ts';

const PAGE = 'max-width:640px;margin:0 auto;font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;line-height:1.5';
const H1 = 'font-size:22px;line-height:1.25;margin:0 0 12px';
const H2 = 'font-size:19px;line-height:1.3;margin:28px 0 8px';
const H3 = 'font-size:17px;line-height:1.3;margin:24px 0 4px';
const NOTE = 'font-size:14px;color:#555;margin:0 0 8px';
const TABLE = 'border-collapse:collapse;width:100%;font-size:14px';
const CAPTION = 'text-align:left;font-size:14px;color:#555;padding:0 0 4px';
const TH = 'text-align:left;padding:4px 6px;border-bottom:2px solid #333';
const TD = 'text-align:left;padding:6px;border-bottom:1px solid #ddd;vertical-align:top';
const BAR_HEIGHT = 'height:14px;font-size:0;line-height:0';
/** Bar colours by what the change says; the words beside every bar say it too, so colour is never alone. */
const BAR_COLOUR = { improvement: '#2e7d32', deterioration: '#c62828', other: '#8a8a8a' } as const;

/** The summary as a web page (`summary.html`, and the funders' pages), in a language. */
export function renderSummaryHtml(
  catalog: Catalog,
  programme: Programme,
  summary: Summary,
  language: Language = programme.defaultLanguage,
): string {
  return documentOf(readSummary(catalog, programme, summary, language), html``);
}

/** The summary's page and messages, as the publishing use case receives them. */
export function summaryRenderer(catalog: Catalog): SummaryRenderer {
  return {
    page: (summary, programme, language) => renderSummaryHtml(catalog, programme, summary, language),
    message: (summary, programme, funder) => {
      const reading = readSummary(catalog, programme, summary, funder.language ?? programme.defaultLanguage);
      const { words } = reading;
      const opening = html`<p style="margin:0 0 8px">${words.greeting(funder.name)}</p>
<p style="margin:0 0 8px">${words.intro(reading.programme, reading.month)}</p>`;
      return {
        subject: reading.title,
        html: documentOf(reading, opening, html`<p style="${NOTE}">${words.attached}</p>`),
        text: summaryText(reading, [words.greeting(funder.name), words.intro(reading.programme, reading.month)]),
      };
    },
  };
}

/** The whole HTML document: one column, every style inline. */
function documentOf(reading: SummaryReading, opening: Html, closing: Html = html``): string {
  const { words } = reading;
  const participation = reading.participation.map((sentence) => html`<p style="margin:0 0 8px">${sentence}</p>`);
  const body = html`<main style="${PAGE}">
<h1 style="${H1}">${reading.title}</h1>
${opening}
<h2 style="${H2}">${words.inShort}</h2>
<p style="font-size:17px;margin:0 0 8px">${reading.headline}</p>
<h2 style="${H2}">${words.findings}</h2>
${reading.measures.map(measureSection)}
<h2 style="${H2}">${words.participation}</h2>
${participation}
${methodsBox(reading)}
${contactLine(reading)}
${closing}
</main>`;
  return (
    `<!doctype html><html lang="${reading.language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    html`<title>${reading.title}</title>`.value +
    `</head><body style="margin:0;padding:12px;background:#ffffff">${body.value}</body></html>`
  );
}

/** One measure: its name and what it measures, a bar per shown result, a sentence per result, then subgroups. */
function measureSection(measure: MeasureReading): Html {
  const shown = measure.rows.filter((row) => row.shown !== undefined);
  const scale = Math.max(...shown.map((row) => Math.abs(row.shown?.value ?? 0)), 0);
  return html`<h3 style="${H3}">${measure.name}</h3>
<p style="${NOTE}">${measure.construct}</p>
${shown.length === 0 ? html`` : barTable(measure, shown, scale)}
<ul style="padding-left:20px;margin:8px 0">${measure.rows.map((row) => html`<li style="margin:0 0 6px">${row.sentence}</li>`)}</ul>
${measure.groups.length === 0 ? html`` : groupTable(measure)}
${measure.hiddenGroups === undefined ? html`` : html`<p style="${NOTE}">${measure.hiddenGroups}</p>`}`;
}

/** The chart of a measure as a table: where, then a bar from a centre line (left for a fall) and the value. */
function barTable(measure: MeasureReading, rows: readonly RowReading[], scale: number): Html {
  // No caption: the measure's heading stands right above, and the column headings name the unit.
  return html`<table style="${TABLE}">
<tr><th scope="col" style="${TH}">${measure.headings.where}</th><th scope="col" style="${TH}">${measure.headings.change}</th></tr>
${rows.map(
  (row) =>
    html`<tr><td style="${TD};width:45%">${row.where}${
      row.carried === undefined ? html`` : html`<br><span style="color:#555">(${row.carried})</span>`
    }</td><td style="${TD}">${bar(row, scale)}</td></tr>`,
)}</table>`;
}

/** A change as a bar of table cells, its width the change's share of the largest in the measure, and its value. */
function bar(row: RowReading, scale: number): Html {
  const shown = row.shown;
  if (shown === undefined) return html``;
  const width = scale === 0 ? 0 : Math.max(1, Math.round((Math.abs(shown.value) / scale) * 50));
  const kind = shown.verdict.kind;
  const colour = kind === 'improvement' || kind === 'deterioration' ? BAR_COLOUR[kind] : BAR_COLOUR.other;
  const cell = (percent: number, style: string): Html =>
    percent <= 0 ? html`` : html`<td width="${percent}%" style="${style}">&nbsp;</td>`;
  const filled = cell(width, `${BAR_HEIGHT};background:${colour}`);
  const axis = html`<td width="1" style="${BAR_HEIGHT};background:#333333">&nbsp;</td>`;
  const cells =
    shown.value < 0
      ? html`${cell(50 - width, BAR_HEIGHT)}${filled}${axis}${cell(50, BAR_HEIGHT)}`
      : html`${cell(50, BAR_HEIGHT)}${axis}${filled}${cell(50 - width, BAR_HEIGHT)}`;
  return html`<table role="presentation" style="border-collapse:collapse;width:100%"><tr>
<td style="padding:0;width:75%"><table role="presentation" style="border-collapse:collapse;width:100%"><tr>${cells}</tr></table></td>
<td style="padding:0 0 0 8px;text-align:right;white-space:nowrap;font-weight:bold">${shown.change}</td>
</tr></table>`;
}

/** Subgroup results of a measure, one value per cell. */
function groupTable(measure: MeasureReading): Html {
  const { headings } = measure;
  const head = (text: string, align: string): Html =>
    html`<th scope="col" style="${TH};text-align:${align}">${text}</th>`;
  return html`<table style="${TABLE};margin-top:8px"><caption style="${CAPTION}">${headings.byGroup}</caption>
<tr>${head(headings.group, 'left')}${head(headings.people, 'right')}${head(headings.changeWithInterval, 'right')}</tr>
${measure.groups.map(
  (group) =>
    html`<tr><td style="${TD}">${group.label}${
      group.carried === undefined ? html`` : html`<br><span style="color:#555">(${group.carried})</span>`
    }</td><td style="${TD};text-align:right">${group.people}</td><td style="${TD};text-align:right">${group.change}</td></tr>`,
)}</table>`;
}

/** The methods and limitations, in a box, along the items of the NHLBI before-after checklist. */
function methodsBox(reading: SummaryReading): Html {
  const { words, methods } = reading;
  const [design, participants, ...rest] = methods.items;
  const item = ([label, text]: readonly [string, string]): Html =>
    html`<li style="margin:0 0 6px"><strong>${label}:</strong> ${text}</li>`;
  const measures = html`<li style="margin:0 0 6px"><strong>${words.measures}:</strong><ul style="padding-left:18px;margin:4px 0">${methods.measures.map(
    ([name, text]) => html`<li>${name}: ${text}</li>`,
  )}</ul></li>`;
  return html`<table role="presentation" style="border-collapse:collapse;width:100%;margin-top:28px"><tr>
<td style="border:1px solid #b8bec6;background:#f4f6f8;padding:12px 14px;font-size:14px">
<h2 style="font-size:17px;margin:0 0 6px">${words.methods}</h2>
<p style="margin:0 0 8px">${words.checklist}</p>
<ul style="padding-left:18px;margin:0">${design === undefined ? html`` : item(design)}${
    participants === undefined ? html`` : item(participants)
  }${measures}${rest.map(item)}</ul>
</td></tr></table>`;
}

/** Who to write to about the summary: the programme's contact, by a mailto link. */
function contactLine(reading: SummaryReading): Html {
  const { contact } = reading;
  if (contact === undefined) return html``;
  return html`<p style="margin:20px 0 8px">${contact.line}: <a href="mailto:${contact.email}" style="color:#0b5cad">${contact.email}</a></p>`;
}

/** The plain-text alternative: the same reading, in lines that read well alone. */
function summaryText(reading: SummaryReading, opening: readonly string[]): string {
  const { words } = reading;
  const heading = (text: string): string[] => ['', text, '-'.repeat(text.length)];
  const measures = reading.measures.flatMap((measure) => [
    '',
    measure.name,
    ...measure.rows.map((row) => `- ${row.sentence}`),
    ...(measure.groups.length === 0 ? [] : [`  ${measure.headings.byGroup}:`]),
    ...measure.groups.map(
      (group) =>
        `  - ${group.label}${group.carried === undefined ? '' : ` (${group.carried})`}: ${group.change}; ${group.people}`,
    ),
    ...(measure.hiddenGroups === undefined ? [] : [`  ${measure.hiddenGroups}`]),
  ]);
  const methods = [
    ...reading.methods.items.map(([label, text]) => `- ${label}: ${text}`),
    `- ${words.measures}: ${reading.methods.measures.map(([name, text]) => `${name}: ${text}`).join('; ')}.`,
  ];
  return [
    reading.title,
    '',
    ...opening.flatMap((line) => [line, '']),
    ...heading(words.inShort),
    reading.headline,
    ...heading(words.findings),
    ...measures,
    ...heading(words.participation),
    ...reading.participation,
    ...heading(words.methods),
    words.checklist,
    ...methods,
    '',
    ...(reading.contact === undefined ? [] : [`${reading.contact.line}: ${reading.contact.email}`]),
    words.attached,
    '',
  ].join('\n');
}
