/**
 * Where summaries go: files published under `programme/period/`, and messages to funders; and
 * how a summary reads as a page and as the text of a message (rendered by web/, handed to the
 * use case through its deps).
 */
import type { Summary } from '#core/summary.ts';

/** Renders a summary for people: the HTML page (file and email body) and the plain-text email body. */
export interface SummaryRenderer {
  html(summary: Summary): string;
  text(summary: Summary): string;
}

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

/** An email to a funder. */
export interface FunderMessage {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly PublishedFile[];
}

/** Sends messages (SES in AWS, `.eml` files in an outbox locally). */
export interface Mailer {
  send(message: FunderMessage, id: string): Promise<void>;
}
