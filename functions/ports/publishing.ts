/**
 * Where summaries go: files published under `programme/period/`, and messages to funders; how
 * a summary reads as a page and as the text of a message (rendered by web/, handed to the use
 * case through its deps); and how funders with an account read back what was published.
 */
import type { Funder, Language, Programme } from '#core/model.ts';
import type { Summary } from '#core/summary.ts';

/** What one funder is sent: their subject line and the body as HTML and as plain text, in their language. */
export interface SummaryMessage {
  readonly subject: string;
  /** Tables and inline styles only (what Gmail and Outlook show): no SVG, no stylesheet, nothing fetched. */
  readonly html: string;
  /** The plain-text alternative, which reads well alone. */
  readonly text: string;
}

/**
 * An evaluator's preview of a summary page: a notice above it that nothing was sent or recorded,
 * with the way back and a way to see the page in each language its funders read.
 */
export interface PreviewNotice {
  /** The evaluator's language, which the notice is written in (the page keeps its own). */
  readonly language: Language;
  /** The month previewed, YYYY-MM, to preview again in another language. */
  readonly period: string;
  /** The languages the summary is read in: the published page's, then the funders'. */
  readonly languages: readonly Language[];
}

/** What a page is shown with besides the summary; nothing for the published page. */
export interface SummaryPageOptions {
  readonly notice?: PreviewNotice;
}

/** Renders a summary for people (web/, handed to the use case through its deps). */
export interface SummaryRenderer {
  /** The published page (the `summary.html` file and the funders' web pages), in a language. */
  page(summary: Summary, programme: Programme, language: Language, options?: SummaryPageOptions): string;
  /** The message to one funder, in the funder's language (the programme's default when they have none). */
  message(summary: Summary, programme: Programme, funder: Funder): SummaryMessage;
}

/**
 * The files a summary is published as, by what each holds: the one list the publishing use case
 * writes and the reading side accepts, so no other name can be asked for.
 */
export const SUMMARY_FILES = {
  data: { name: 'summary.json', contentType: 'application/json' },
  table: { name: 'summary.csv', contentType: 'text/csv; charset=utf-8' },
  page: { name: 'summary.html', contentType: 'text/html; charset=utf-8' },
} as const;
export type SummaryFileName = (typeof SUMMARY_FILES)[keyof typeof SUMMARY_FILES]['name'];

/** The period a summary reports: a month, YYYY-MM (no finer date is ever published). */
export const SUMMARY_PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** One published file. */
export interface PublishedFile {
  readonly name: string;
  readonly contentType: string;
  readonly body: string;
}

/** Stores a programme's summary files for a period (S3 in AWS, a folder locally). */
export interface SummaryPublisher {
  publish(programme: string, period: string, files: readonly PublishedFile[]): Promise<string[]>;
}

/**
 * Reads back what {@link SummaryPublisher} wrote (S3 in AWS, the same folder locally), for the
 * funders' pages. Asked for anything that was not published, it answers nothing: no period, no
 * file, never an error, so a missing summary and a made-up name read the same.
 */
export interface SummaryArchive {
  /** The periods published for the programme, in no particular order. */
  periods(programme: string): Promise<string[]>;
  /** One published file of a programme's period, or undefined when there is none by that name. */
  file(programme: string, period: string, name: SummaryFileName): Promise<PublishedFile | undefined>;
}

/** An email to a funder. */
export interface FunderMessage {
  readonly from: string;
  /**
   * The funder, as name and address apart: the message quotes the name, so whatever a coordinator
   * typed as a name can never add a recipient.
   */
  readonly to: { readonly name: string; readonly address: string };
  /** Where replies go: the programme's contact, when its definition names one. */
  readonly replyTo?: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly PublishedFile[];
}

/** Sends messages (SES in AWS, `.eml` files in an outbox locally). */
export interface Mailer {
  send(message: FunderMessage, id: string): Promise<void>;
}
