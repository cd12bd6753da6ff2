/**
 * Publishing a programme's summary for a period: build it from the stored indicators, apply
 * disclosure control, write JSON, CSV and HTML, and send each funder one message with a
 * neutral subject and the files attached.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock, IndicatorStore, PublicationStore } from '#ports/store.ts';
import {
  SUMMARY_FILES,
  type Mailer,
  type PublishedFile,
  type SummaryPublisher,
  type SummaryRenderer,
} from '#ports/publishing.ts';
import { buildSummary, summaryCsv, type Summary } from '#core/summary.ts';
import { aggregate, type AggregateDeps } from './aggregate.ts';
import type { Actor } from '#core/access.ts';
import { ErasureRaceError } from '#core/errors.ts';
import { recordChange, type AuditDeps } from './audit-trail.ts';
import { loadProgramme, type ProgrammeDeps } from './programmes.ts';

export interface PublishDeps extends AuditDeps, ProgrammeDeps {
  readonly indicators: IndicatorStore;
  readonly publications: PublicationStore;
  readonly clock: Clock;
  readonly catalog: Catalog;
  readonly publisher: SummaryPublisher;
  readonly mailer: Mailer;
  /** How the summary reads as a page and as a message. */
  readonly summaryRenderer: SummaryRenderer;
  /** The sender address of funder messages. */
  readonly sender: string;
}

export interface PublishReport {
  readonly programme: string;
  readonly period: string;
  readonly files: string[];
  /** Messages sent now; funders already sent this period are skipped. */
  readonly messages: number;
  readonly alreadySent: number;
  readonly summary: Summary;
}

/**
 * Callers aggregate the programme first; a table left stale by a withdrawal meanwhile throws
 * {@link ErasureRaceError}, and the caller aggregates and tries again.
 *
 * Steps: read each cohort's indicators and what earlier summaries showed; build the summary
 * under disclosure control; publish the files; record what was shown (before any email, so a
 * crash cannot let a later summary difference against one that was sent unrecorded); email
 * each funder not yet sent this period, recording each send. A crash between a send and its
 * record sends that one message again on the rerun: at least once, never silently dropped. Last,
 * the audit log records the publication by `actor` (the schedule: `system`), with the period and
 * how many funders were emailed, also when a failure stopped the sending part way.
 */
export async function publishSummary(
  deps: PublishDeps,
  actor: Actor,
  programmeId: string,
  period: string,
): Promise<PublishReport> {
  const programme = await loadProgramme(deps, programmeId);
  const rows = [];
  // Cohort tables only: the programme pool joins the summaries with cross-table disclosure control (issue 4).
  for (const cohort of programme.cohorts) {
    const stored = await deps.indicators.listIndicators({ programme: programme.id, cohort: cohort.id });
    // Someone withdrew after this table was computed: aggregate before publishing (callers do).
    if (stored.stale) throw new ErasureRaceError(`${programme.id} ${cohort.id}`);
    rows.push(...stored.rows);
  }
  const previous = await deps.publications.latestPublication(programme.id);
  const { summary, shown } = buildSummary(programme, period, rows, previous?.shown);
  const htmlBody = deps.summaryRenderer.page(summary, programme, programme.defaultLanguage);
  const files: PublishedFile[] = [
    { ...SUMMARY_FILES.data, body: `${JSON.stringify(summary, null, 2)}\n` },
    { ...SUMMARY_FILES.table, body: summaryCsv(summary) },
    { ...SUMMARY_FILES.page, body: htmlBody },
  ];
  const written = await deps.publisher.publish(programme.id, period, files);
  await deps.publications.putPublication({
    programme: programme.id,
    period,
    shown: { ...(previous?.shown ?? {}), ...shown },
    publishedAt: deps.clock.now().toISOString(),
  });
  let messages = 0;
  let alreadySent = 0;
  let finished = false;
  try {
    for (const [index, funder] of programme.funders.entries()) {
      if (await deps.publications.wasSent(programme.id, period, funder.email)) {
        alreadySent += 1;
        continue;
      }
      const message = deps.summaryRenderer.message(summary, programme, funder);
      await deps.mailer.send(
        {
          from: deps.sender,
          to: { name: funder.name, address: funder.email },
          ...(programme.contact === undefined
            ? {}
            : { replyTo: { name: programme.contact.name, address: programme.contact.email } }),
          ...message,
          attachments: files,
        },
        `${programme.id}-${period}-${index + 1}`,
      );
      await deps.publications.recordSent({
        programme: programme.id,
        period,
        funder: funder.email,
        sentAt: deps.clock.now().toISOString(),
      });
      messages += 1;
    }
    finished = true;
  } finally {
    await recordChange(deps, actor, {
      action: 'summary-sent',
      programme: programme.id,
      detail:
        `${period}: ${messages} of ${programme.funders.length} funders emailed, ${alreadySent} already sent` +
        (finished ? '' : '; stopped by a failure'),
    });
  }
  return { programme: programme.id, period, files: written, messages, alreadySent, summary };
}

/**
 * What the schedule (as `system`) and `prepost summaries` run: aggregate the programme (only what
 * changed), then publish, so a summary never carries a table from before a withdrawal; should a
 * withdrawal land in between, aggregate and publish again (at most three times).
 */
export async function aggregateAndPublish(
  deps: PublishDeps & AggregateDeps,
  actor: Actor,
  programmeId: string,
  period: string,
): Promise<PublishReport> {
  for (let attempt = 1; ; attempt += 1) {
    await aggregate(deps, { programme: programmeId });
    try {
      return await publishSummary(deps, actor, programmeId, period);
    } catch (error) {
      if (!(error instanceof ErasureRaceError) || attempt >= 3) throw error;
    }
  }
}
