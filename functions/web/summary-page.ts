/**
 * The funder summary laid out three ways from one reading (`summary-reading.ts`): the published
 * page, and the email's HTML and plain text. The HTML is what mail programs show: tables and
 * inline styles only (Gmail and Outlook drop stylesheets and SVG), no script, nothing fetched;
 * charts are bars made of table cells, each beside its value as text. One column of at most
 * 640 px, held by tables (Outlook for Windows ignores max-width) and fluid on a phone; the
 * headline first, then findings by measure, participation, methods and limitations, and who to ask.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Language, Programme } from '#surveys/schema.ts';
import type { Summary } from '#core/summary.ts';
import type { PreviewNotice, SummaryPageOptions, SummaryRenderer } from '#ports/publishing.ts';
import { html, type Html } from './html.ts';
import { readSummary, type MeasureReading, type RowReading, type SummaryReading } from './summary-reading.ts';
import { PREVIEW_STRINGS } from './summary-strings.ts';

const PAGE = 'font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;line-height:1.5;text-align:left';
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
  options: SummaryPageOptions = {},
): string {
  const reading = readSummary(catalog, programme, summary, language);
  const notice = options.notice === undefined ? html`` : previewNotice(programme.id, reading, options.notice);
  return documentOf(reading, 'page', { notice });
}

/** The summary's page and messages, as the publishing use case receives them. */
export function summaryRenderer(catalog: Catalog): SummaryRenderer {
  return {
    page: (summary, programme, language, options) => renderSummaryHtml(catalog, programme, summary, language, options),
    message: (summary, programme, funder) => {
      const reading = readSummary(catalog, programme, summary, funder.language ?? programme.defaultLanguage);
      const { words } = reading;
      const opening = html`<p style="margin:0 0 8px">${words.greeting(funder.name)}</p>
<p style="margin:0 0 8px">${words.intro(reading.programme, reading.month)}</p>`;
      return {
        subject: reading.title,
        html: documentOf(reading, 'email', { opening, closing: html`<p style="${NOTE}">${words.attached}</p>` }),
        text: summaryText(reading, [words.greeting(funder.name), words.intro(reading.programme, reading.month)]),
      };
    },
  };
}

/**
 * The whole HTML document: one column, every style inline. The column is the fluid-hybrid pattern
 * of email: a full-width table centring one of 640 px that shrinks to the screen (`width:100%;
 * max-width:640px`), with a table of a fixed 640 px only for Outlook for Windows, which reads
 * neither max-width nor a div's width. On the web the content is the page's `<main>` landmark; in
 * an email an article named by its title, as accessible email is marked up.
 */
function documentOf(
  reading: SummaryReading,
  kind: 'page' | 'email',
  parts: { readonly notice?: Html; readonly opening?: Html; readonly closing?: Html },
): string {
  const { words } = reading;
  const { notice = html``, opening = html``, closing = html`` } = parts;
  const participation = reading.participation.map((sentence) => html`<p style="margin:0 0 8px">${sentence}</p>`);
  const content = html`${notice}<h1 style="${H1}">${reading.title}</h1>
${opening}
<h2 style="${H2}">${words.inShort}</h2>
<p style="font-size:17px;margin:0 0 8px">${reading.headline}</p>
<h2 style="${H2}">${words.findings}</h2>
${reading.measures.map(measureSection)}
<h2 style="${H2}">${words.participation}</h2>
${participation}
${methodsBox(reading)}
${contactLine(reading)}
${closing}`;
  const landmark =
    kind === 'page'
      ? html`<main style="${PAGE}">${content}</main>`
      : html`<div role="article" aria-roledescription="email" aria-label="${reading.title}" style="${PAGE}">${[
          content,
        ]}</div>`;
  const table = 'role="presentation" cellpadding="0" cellspacing="0" border="0"';
  const column =
    `<table ${table} width="100%" style="width:100%;border-collapse:collapse"><tr><td align="center" ` +
    'style="padding:12px">' +
    `<!--[if mso]><table ${table} width="640" align="center"><tr><td><![endif]-->` +
    `<table ${table} width="640" style="width:100%;max-width:640px;border-collapse:collapse"><tr><td align="left">` +
    `${landmark.value}</td></tr></table>` +
    '<!--[if mso]></td></tr></table><![endif]-->' +
    '</td></tr></table>';
  return (
    `<!doctype html><html lang="${reading.language}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    html`<title>${reading.title}</title>`.value +
    `</head><body style="margin:0;padding:0;background:#ffffff">${column}</body></html>`
  );
}

/**
 * The evaluator's notice above a preview, in the evaluator's language (marked with its `lang`): the
 * page below is what funders read, in its own language, and the notice is not part of it. It says
 * nothing was sent or recorded, links back to the results, and offers the page in each language
 * funders read it in (a same-origin form each, as the preview is a POST).
 */
function previewNotice(programme: string, reading: SummaryReading, notice: PreviewNotice): Html {
  const words = PREVIEW_STRINGS[notice.language];
  const nameOf = (language: Language): string => {
    const name = new Intl.DisplayNames(language, { type: 'language' }).of(language) ?? language;
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  };
  const item = 'display:inline-block;margin:0 8px 6px 0';
  const button = 'font:inherit;padding:6px 12px;border:1px solid #0b5cad;background:#ffffff;color:#0b5cad';
  const choices = notice.languages.map((language) => {
    const name = html`<span lang="${language}">${nameOf(language)}</span>`;
    if (language === reading.language)
      return html`<li style="${item};padding:7px 0"><strong>${name}</strong> (${words.current})</li>`;
    return html`<li style="${item}"><form method="post" action="/summaries/preview" style="margin:0">${[
      html`<input type="hidden" name="programme" value="${programme}">`,
      html`<input type="hidden" name="period" value="${notice.period}">`,
      html`<input type="hidden" name="language" value="${language}">`,
      html`<button type="submit" style="${button}">${name}</button>`,
    ]}</form></li>`;
  });
  const box = 'border:2px solid #8a5a00;background:#fff4d6;padding:10px 12px;margin:0 0 20px;font-size:15px';
  return html`<div lang="${notice.language}" style="${box}">
<p style="margin:0 0 6px"><strong>${words.notice}</strong></p>
<p style="margin:0 0 8px"><a href="/dashboard" style="color:#0b5cad">${words.back}</a></p>
<p style="margin:0 0 4px">${words.languages}</p>
<ul style="list-style:none;padding:0;margin:0">${choices}</ul>
</div>`;
}

const BOX = 'border-collapse:collapse;width:100%';
const th = (text: string, align = 'left'): Html => html`<th scope="col" style="${TH};text-align:${align}">${text}</th>`;
const td = (content: Html | string, extra = ''): Html => html`<td style="${TD}${extra}">${content}</td>`;
const li = (content: Html | string): Html => html`<li style="margin:0 0 6px">${content}</li>`;
/** A label, and under it the month a carried result's figures are from. */
const labelled = (label: string, carried: string | undefined): Html =>
  carried === undefined ? html`${label}` : html`${label}<br><span style="color:#555">(${carried})</span>`;

/**
 * One measure: its name and what it measures, a bar per shown result (programme-wide bars apart
 * from one-session ones, on one scale), a sentence per result, who answered it, then subgroups.
 */
function measureSection(measure: MeasureReading): Html {
  const shown = measure.bars.flatMap((bars) => bars.rows);
  const scale = Math.max(...shown.map((row) => Math.abs(row.shown?.value ?? 0)), 0);
  const participation =
    measure.participation.length === 0
      ? html``
      : html`<p style="${NOTE}"><strong>${measure.headings.participation}:</strong> ${[
          measure.participation.join(' '),
        ]}</p>`;
  return html`<h3 style="${H3}">${measure.name}</h3>
<p style="${NOTE}">${measure.construct}</p>
${measure.bars.map((bars) => barTable(measure, bars.caption, bars.rows, scale))}
<ul style="padding-left:20px;margin:8px 0">${measure.rows.map((row) =>
    li(
      row.evaluation === undefined
        ? row.sentence
        : html`${row.sentence}<ul style="padding-left:20px;margin:4px 0 0">${row.evaluation.map(li)}</ul>`,
    ),
  )}</ul>
${participation}
${measure.groups.length === 0 ? html`` : groupTable(measure)}
${measure.hiddenGroups === undefined ? html`` : html`<p style="${NOTE}">${measure.hiddenGroups}</p>`}`;
}

/**
 * The chart of a measure as a table: where, then a bar from a centre line (left for a fall) and the
 * value. A caption only when the measure has two, to say each one's span; else the measure's heading
 * stands right above, and the column headings name the unit.
 */
function barTable(
  measure: MeasureReading,
  caption: string | undefined,
  rows: readonly RowReading[],
  scale: number,
): Html {
  const lines = rows.map(
    (row) => html`<tr>${td(labelled(row.where, row.carried), ';width:45%')}${td(bar(row, scale))}</tr>`,
  );
  const captioned = caption === undefined ? html`` : html`<caption style="${CAPTION}">${caption}</caption>`;
  return html`<table style="${TABLE};margin-top:12px">${captioned}
<tr>${th(measure.headings.where)}${th(measure.headings.change)}</tr>
${lines}</table>`;
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
  const value = 'padding:0 0 0 8px;text-align:right;white-space:nowrap;font-weight:bold';
  return html`<table role="presentation" style="${BOX}"><tr>
<td style="padding:0;width:75%"><table role="presentation" style="${BOX}"><tr>${cells}</tr></table></td>
<td style="${value}">${shown.change}</td>
</tr></table>`;
}

/** Subgroup results of a measure, one value per cell. */
function groupTable(measure: MeasureReading): Html {
  const { headings } = measure;
  const lines = measure.groups.map(
    (group) =>
      html`<tr>${td(labelled(group.label, group.carried))}${td(group.people, ';text-align:right')}${td(
        group.change,
        ';text-align:right',
      )}</tr>`,
  );
  return html`<table style="${TABLE};margin-top:8px"><caption style="${CAPTION}">${headings.byGroup}</caption>
<tr>${th(headings.group)}${th(headings.people, 'right')}${th(headings.changeWithInterval, 'right')}</tr>
${lines}</table>`;
}

/** The methods and limitations, in a box, along the items of the NHLBI before-after checklist. */
function methodsBox(reading: SummaryReading): Html {
  const { words, methods } = reading;
  const [design, participants, ...rest] = methods.items;
  const item = (entry: readonly [string, string] | undefined): Html =>
    entry === undefined ? html`` : li(html`<strong>${entry[0]}:</strong> ${entry[1]}`);
  const instruments = methods.measures.map(([name, text]) => html`<li>${name}: ${text}</li>`);
  const measures = li(
    html`<strong>${words.measures}:</strong><ul style="padding-left:18px;margin:4px 0">${instruments}</ul>`,
  );
  const box = 'border:1px solid #b8bec6;background:#f4f6f8;padding:12px 14px;font-size:14px';
  return html`<table role="presentation" style="${BOX};margin-top:28px"><tr><td style="${box}">
<h2 style="font-size:17px;margin:0 0 6px">${words.methods}</h2>
<p style="margin:0 0 8px">${words.checklist}</p>
<ul style="padding-left:18px;margin:0">${item(design)}${item(participants)}${measures}${rest.map(item)}</ul>
</td></tr></table>`;
}

/** Who to write to about the summary: the programme's contact, by a mailto link. */
function contactLine(reading: SummaryReading): Html {
  const { contact } = reading;
  if (contact === undefined) return html``;
  const link = html`<a href="mailto:${contact.email}" style="color:#0b5cad">${contact.email}</a>`;
  return html`<p style="margin:20px 0 8px">${contact.line}: ${link}</p>`;
}

/** The plain-text alternative: the same reading, in lines that read well alone. */
function summaryText(reading: SummaryReading, opening: readonly string[]): string {
  const { words } = reading;
  const heading = (text: string): string[] => ['', text, '-'.repeat(text.length)];
  const measures = reading.measures.flatMap((measure) => [
    '',
    measure.name,
    ...measure.rows.flatMap((row) => [`- ${row.sentence}`, ...(row.evaluation ?? []).map((line) => `  - ${line}`)]),
    ...(measure.participation.length === 0
      ? []
      : [`${measure.headings.participation}: ${measure.participation.join(' ')}`]),
    ...(measure.groups.length === 0 ? [] : [`  ${measure.headings.byGroup}:`]),
    ...measure.groups.map((group) => {
      const label = group.carried === undefined ? group.label : `${group.label} (${group.carried})`;
      return `  - ${label}: ${group.change}; ${group.peopleSentence}`;
    }),
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
