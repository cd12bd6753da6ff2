/**
 * The funders' pages: the programmes whose published summaries the reader may read, the months
 * published for one of them, and each summary served as it was published (the HTML page sent by
 * email, its CSV and JSON as downloads). In the reader's language; the summary itself is the
 * published file, unchanged, in the programme's default language (each funder's email is in the
 * funder's own), so every reader online sees the same published figures.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from '#surveys/catalog.ts';
import type { Language, ProgrammeDefinition as Programme } from '#surveys/schema.ts';
import { SUMMARY_FILES, type PublishedFile } from '#ports/publishing.ts';
import type { HttpResult } from '#shared/http.ts';
import { html, type Html } from './html.ts';
import { staffPageResult } from './staff-frame.ts';
import { periodName } from './summary-strings.ts';
import type { StaffMember } from '#core/access.ts';

/** The words of these pages. */
interface SummariesStrings {
  readonly title: string;
  readonly intro: string;
  readonly none: string;
  readonly newestFirst: string;
  /**
   * Said where the reader's language is not the programme's: the published summary is in the
   * programme's default language (each funder's email is in the funder's own).
   */
  publishedIn(language: string): string;
  readonly noPeriods: string;
  readonly allProgrammes: string;
  readonly files: string;
  readonly table: string;
  readonly data: string;
}

/** One entry per shipped language (a record, so a new language fails to compile until translated). */
const STRINGS: Readonly<Record<Language, SummariesStrings>> = {
  en: {
    title: 'Published summaries',
    intro:
      'Each summary is the one sent to the programme’s funders: anonymised results, with small groups hidden ' +
      'so that no participant can be identified.',
    none: 'You have no programme whose summaries you may read.',
    newestFirst: 'Newest first. Open a month to read its summary.',
    publishedIn: (language) =>
      `The summaries here are written in ${language}, the programme’s language; each funder’s email comes in ` +
      'their own language.',
    noPeriods: 'No summary of this programme has been published yet.',
    allProgrammes: 'All programmes',
    files: 'Files',
    table: 'table (CSV)',
    data: 'data (JSON)',
  },
  ro: {
    title: 'Rezumate publicate',
    intro:
      'Fiecare rezumat este cel trimis finanțatorilor programului: rezultate anonimizate, cu grupurile mici ' +
      'ascunse, astfel încât niciun participant să nu poată fi identificat.',
    none: 'Nu aveți niciun program ale cărui rezumate le puteți citi.',
    newestFirst: 'Cele mai recente primele. Deschideți o lună pentru a-i citi rezumatul.',
    publishedIn: (language) =>
      `Rezumatele de aici sunt scrise în ${language}, limba programului; fiecare finanțator primește e-mailul ` +
      'în limba sa.',
    noPeriods: 'Niciun rezumat al acestui program nu a fost publicat încă.',
    allProgrammes: 'Toate programele',
    files: 'Fișiere',
    table: 'tabel (CSV)',
    data: 'date (JSON)',
  },
  es: {
    title: 'Resúmenes publicados',
    intro:
      'Cada resumen es el que se envió a los financiadores del programa: resultados anonimizados, con los ' +
      'grupos pequeños ocultos para que no se pueda identificar a ninguna persona participante.',
    none: 'No tiene ningún programa cuyos resúmenes pueda leer.',
    newestFirst: 'Los más recientes primero. Abra un mes para leer su resumen.',
    publishedIn: (language) =>
      `Los resúmenes de esta página están escritos en ${language}, el idioma del programa; cada financiador ` +
      'recibe el correo en su propio idioma.',
    noPeriods: 'Todavía no se ha publicado ningún resumen de este programa.',
    allProgrammes: 'Todos los programas',
    files: 'Archivos',
    table: 'tabla (CSV)',
    data: 'datos (JSON)',
  },
  ca: {
    title: 'Resums publicats',
    intro:
      'Cada resum és el que es va enviar als finançadors del programa: resultats anonimitzats, amb els grups ' +
      'petits amagats perquè no es pugui identificar cap persona participant.',
    none: 'No teniu cap programa del qual pugueu llegir els resums.',
    newestFirst: 'Els més recents primer. Obriu un mes per llegir-ne el resum.',
    publishedIn: (language) =>
      `Els resums d’aquesta pàgina estan escrits en ${language}, la llengua del programa; cada finançador rep ` +
      'el correu en la seva llengua.',
    noPeriods: 'Encara no s’ha publicat cap resum d’aquest programa.',
    allProgrammes: 'Tots els programes',
    files: 'Fitxers',
    table: 'taula (CSV)',
    data: 'dades (JSON)',
  },
};

/** How a page is read: its language, and whether the reader chose it in the address (links keep it then). */
export interface SummariesView {
  readonly language: Language;
  readonly chosen: boolean;
  /** The signed-in reader, for the staff frame's header and navigation. */
  readonly member?: StaffMember | undefined;
}

/** The programme's name in the reader's language, else in English, else in any language it has. */
function programmeName(programme: Programme, language: Language): string {
  return programme.name[language] ?? programme.name.en ?? Object.values(programme.name)[0] ?? programme.id;
}

/** A period (YYYY-MM) as the reader says a month: "November 2026", "Noiembrie 2026", "Novembre del 2026". */
export function monthName(period: string, language: Language): string {
  const name = periodName(period, language);
  // A month opens its line: capitalised as a sentence is in each of the languages.
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** The address of a summaries page: `/summaries` with its query, and the chosen language if any. */
function summariesHref(view: SummariesView, query: Readonly<Record<string, string>>): string {
  const params = new URLSearchParams(query);
  if (view.chosen) params.set('lang', view.language);
  const text = params.toString();
  return text === '' ? '/summaries' : `/summaries?${text}`;
}

/** The first page: the programmes whose summaries the reader may read (`readable`, in catalogue order). */
export function renderSummariesIndex(catalog: Catalog, readable: readonly string[], view: SummariesView): HttpResult {
  const words = STRINGS[view.language];
  const shown = [...catalog.programmes.values()].filter((programme) => readable.includes(programme.id));
  const items = shown.map((programme) => {
    const href = summariesHref(view, { programme: programme.id });
    return html`<li><a href="${href}">${programmeName(programme, view.language)}</a></li>`;
  });
  const list = shown.length === 0 ? html`<p>${words.none}</p>` : html`<ul>${items}</ul>`;
  return staffResult(words.title, html`<h1>${words.title}</h1><p>${words.intro}</p>${list}`, view);
}

/** A programme's page: the months published, newest first, each a link to its summary and its files. */
export function renderPublishedPeriods(
  programme: Programme,
  periods: readonly string[],
  view: SummariesView,
): HttpResult {
  const words = STRINGS[view.language];
  const name = programmeName(programme, view.language);
  // The published summary is in the programme's language: say so to a reader of another, and to their browser.
  const published = programme.defaultLanguage;
  const hreflang = view.language === published ? html`` : html` hreflang="${published}"`;
  const publishedIn =
    view.language === published
      ? ''
      : words.publishedIn(new Intl.DisplayNames(view.language, { type: 'language' }).of(published) ?? published);
  const items = periods.map((period) => {
    const where = { programme: programme.id, period };
    const link = (query: Readonly<Record<string, string>>, label: string, extra: Html = html``): Html =>
      html`<a href="${summariesHref(view, query)}"${extra}>${label}</a>`;
    const summary = link(where, monthName(period, view.language), hreflang);
    const table = link({ ...where, file: SUMMARY_FILES.table.name }, words.table);
    const data = link({ ...where, file: SUMMARY_FILES.data.name }, words.data);
    return html`<li>${summary}<br><small>${words.files}: ${table}, ${data}</small></li>`;
  });
  const back = html`<p><a href="${summariesHref(view, {})}">${words.allProgrammes}</a></p>`;
  const about = [words.newestFirst, publishedIn].filter((sentence) => sentence !== '').join(' ');
  const list = periods.length === 0 ? html`<p>${words.noPeriods}</p>` : html`<p>${about}</p><ul>${items}</ul>`;
  // The page's title above the programme's name, as on the dashboard: a long name then wraps at the smaller size.
  const content = html`${back}<h1>${words.title}</h1><h2>${name}</h2>${list}`;
  return staffResult(`${words.title}: ${name}`, content, view);
}

function staffResult(title: string, content: Html, view: SummariesView): HttpResult {
  return staffPageResult(200, { language: view.language, member: view.member, path: '/summaries' }, title, content, {
    narrow: true,
  });
}

/**
 * A published summary page, served as it was published. It is written for mail clients, so it
 * styles with inline `style` attributes and draws its charts as table cells, and has no script:
 * the policy allows exactly the style attributes this page carries (by hash, which CSP allows
 * for attributes only with 'unsafe-hashes') and nothing else, and the page can be neither framed
 * nor cached. An evaluator's preview carries forms back to the preview (another language), so it
 * may post to this site (`forms`); a published page posts nowhere.
 */
export function publishedSummaryPage(file: PublishedFile, options: { readonly forms?: boolean } = {}): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': summaryPagePolicy(file.body, options.forms === true),
    },
    body: file.body,
  };
}

/**
 * The content security policy of a published summary page: its own inline styles by hash, nothing
 * more; forms may post to this site only when `forms` (a preview).
 */
export function summaryPagePolicy(body: string, forms = false): string {
  const attributes = new Set([...body.matchAll(/\sstyle="([^"]*)"/g)].map((match) => hashOf(decode(match[1] ?? ''))));
  const elements = new Set([...body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => hashOf(match[1] ?? '')));
  const sources = [
    ...(attributes.size > 0 ? ["'unsafe-hashes'"] : []),
    ...[...new Set([...attributes, ...elements])].sort().map((hash) => `'${hash}'`),
  ];
  return [
    "default-src 'none'",
    ...(sources.length > 0 ? [`style-src ${sources.join(' ')}`] : []),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    forms ? "form-action 'self'" : "form-action 'none'",
  ].join('; ');
}

/**
 * A published CSV or JSON file as a download, named after its programme and month so that files
 * saved from several months do not overwrite one another.
 */
export function publishedDownload(programme: string, period: string, file: PublishedFile): HttpResult {
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${programme}-${period}-${file.name}"`,
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
    },
    body: file.body,
  };
}

/** CSP hashes are of the text the browser parsed, so an attribute's character references are decoded first. */
function decode(attribute: string): string {
  const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return attribute.replace(/&(?:#(\d+)|#[xX]([0-9a-fA-F]+)|([a-z]+));/g, (whole, decimal, hex, name) => {
    if (decimal !== undefined) return String.fromCodePoint(Number(decimal));
    if (hex !== undefined) return String.fromCodePoint(Number.parseInt(hex, 16));
    return named[String(name)] ?? whole;
  });
}

function hashOf(text: string): string {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}
