/**
 * A batch of links just made, in the console: the page that says the codes are shown only this
 * once, with one form of three buttons that posts the batch back (sealed, see
 * `shared/sealed-batch.ts`) for the printable sheet, the messages or the CSV; and those files, as
 * attachments named after the cohort and the day. Nothing here stores or logs a code.
 */
import { gzipSync } from 'node:zlib';
import Negotiator from 'negotiator';
import type { Cohort, Language, ProgrammeDefinition } from '#surveys/schema.ts';
import type { HttpResult } from '#shared/http.ts';
import { html } from './html.ts';
import { languageInWords } from './console-page-parts.ts';
import { cohortPath } from './console-page.ts';
import { linksCsv, renderLinkMessages } from './link-messages.ts';
import { renderLinkSheet, type Handout } from './link-sheet.ts';
import { hidden } from './staff-forms.ts';
import { staffPageResult, type StaffFrame } from './staff-frame.ts';
import { fill, staffStringsFor, type StaffStringKey } from './staff-strings.ts';

/** The three files of a batch, as the download buttons name them. */
export const BATCH_FILES = ['sheet', 'messages', 'csv'] as const;
export type BatchFile = (typeof BATCH_FILES)[number];

/** The batch as its download form carries it. */
export interface BatchForm {
  readonly language: Language;
  /** ISO time the batch was made. */
  readonly issuedAt: string;
  /** The links, packed. */
  readonly links: string;
  readonly seal: string;
}

/** Each file's button, type and name. */
const FILES: Readonly<
  Record<BatchFile, { readonly label: StaffStringKey; readonly type: string; readonly name: string }>
> = {
  sheet: { label: 'console.downloadSheet', type: 'text/html; charset=utf-8', name: 'cards.html' },
  messages: { label: 'console.downloadMessages', type: 'text/plain; charset=utf-8', name: 'messages.txt' },
  csv: { label: 'console.downloadCsv', type: 'text/csv; charset=utf-8', name: 'links.csv' },
};

/** The page answering the add form: the batch made, its downloads, and that the codes are shown this once. */
export function renderBatchMade(
  frame: StaffFrame,
  programme: ProgrammeDefinition,
  cohort: Cohort,
  count: number,
  form: BatchForm,
): HttpResult {
  const strings = staffStringsFor(frame.language);
  const made = fill(strings['console.batchMade'], {
    count: String(count),
    cohort: cohort.name,
    language: languageInWords(form.language, frame.language),
  });
  const fields = [
    hidden('action', 'download'),
    hidden('language', form.language),
    hidden('issued', form.issuedAt),
    hidden('links', form.links),
    hidden('seal', form.seal),
  ];
  const buttons = BATCH_FILES.map(
    (file) => html`<button type="submit" name="file" value="${file}">${strings[FILES[file].label]}</button>`,
  );
  const path = cohortPath(programme, cohort);
  const content = [
    html`<h1>${strings['console.batchTitle']}</h1>`,
    html`<p role="status">${made}</p>`,
    html`<p class="note"><strong>${strings['console.batchOnce']}</strong></p>`,
    html`<h2>${strings['console.downloads']}</h2>`,
    html`<form method="post" action="${path}">${fields}<div class="actions">${buttons}</div></form>`,
    html`<p><a href="${path}">${strings['console.backToCohort']}</a></p>`,
  ];
  return staffPageResult(200, frame, strings['console.batchTitle'], html`${content}`, { narrow: true });
}

/**
 * One file of the batch as an attachment, `<cohort>-<day>-<language>-cards.html`: no code in its
 * name, never cached. Compressed when the browser takes gzip: the sheet of 500 participants of a
 * ten-wave programme is some 16 MB of QR codes, over what a Lambda may answer, and a tenth of
 * that compressed.
 */
export async function batchFileResult(
  file: BatchFile,
  handout: Handout,
  cohort: Pick<Cohort, 'id'>,
  issuedAt: string,
  acceptEncoding: string | undefined,
): Promise<HttpResult> {
  const body =
    file === 'sheet'
      ? await renderLinkSheet(handout)
      : file === 'messages'
        ? renderLinkMessages(handout)
        : linksCsv(handout.links);
  const { type, name } = FILES[file];
  const headers: Record<string, string> = {
    'content-type': type,
    'content-disposition': `attachment; filename="${cohort.id}-${issuedAt.slice(0, 10)}-${handout.language}-${name}"`,
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    // Were the sheet ever shown rather than saved: its own styles and QR codes, nothing else, no script.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
    vary: 'accept-encoding',
  };
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? 'identity' } });
  if (negotiator.encoding(['gzip', 'identity']) !== 'gzip') return { statusCode: 200, headers, body };
  return {
    statusCode: 200,
    headers: { ...headers, 'content-encoding': 'gzip' },
    body: gzipSync(body).toString('base64'),
    isBase64Encoded: true,
  };
}
