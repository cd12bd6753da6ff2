/**
 * Publishing a programme's summary for a period: build it from the stored indicators, apply
 * disclosure control, write JSON, CSV and HTML, and send each funder one message in their
 * language, with the files attached; or preview all of it without recording anything.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { IndicatorRow, Language, Programme } from '#core/model.ts';
import type { Clock, IndicatorStore, PublicationStore } from '#ports/store.ts';
import {
  SUMMARY_FILES,
  type Mailer,
  type PublishedFile,
  type SummaryPublisher,
  type SummaryRenderer,
} from '#ports/publishing.ts';
import { buildSummary, POOL_SCOPE, summaryCsv, type Summary } from '#core/summary.ts';
import { aggregate, type AggregateDeps } from './aggregate.ts';
import type { Actor } from '#core/access.ts';
import { ErasureRaceError, PublicationChangedError } from '#core/errors.ts';
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
  /** Messages sent now; funders already sent this period are skipped (a preview sends every funder's). */
  readonly messages: number;
  readonly alreadySent: number;
  readonly summary: Summary;
  /** A preview: written and "sent" to wherever the caller's publisher and mailer point, and recorded nowhere. */
  readonly preview: boolean;
}

/** How to publish. */
export interface PublishOptions {
  /**
   * Write the files and every funder's message through the deps' publisher and mailer (the
   * caller points them at a preview folder) and record nothing: no publication record, no sent
   * record, no audit entry, so the month's real summary is still built and sent as if no one had
   * looked. Default false.
   */
  readonly preview?: boolean;
}

/**
 * Callers aggregate the programme first; a table left stale by a withdrawal meanwhile throws
 * {@link ErasureRaceError}, and the caller aggregates and tries again.
 *
 * Steps: read each cohort's indicators, the programme pool's, and what earlier summaries
 * published; build the summary under disclosure control, carrying forward what cannot be
 * updated (nothing from a cohort where someone withdrew since: erasure wins); record what is
 * published (before the files and any email, so a crash cannot let a later summary difference
 * against one that went out unrecorded); publish the files (the page in the programme's default
 * language); email each funder not yet sent this period, in their language,
 * recording each send. A crash between a send and its record sends that one message again on
 * the rerun: at least once, never silently dropped. Last, the audit log records the publication
 * by `actor` (the schedule: `system`), with the period and how many funders were emailed, also
 * when a failure stopped the sending part way. A preview does the same but records nothing.
 */
export async function publishSummary(
  deps: PublishDeps,
  actor: Actor,
  programmeId: string,
  period: string,
  options: PublishOptions = {},
): Promise<PublishReport> {
  const preview = options.preview ?? false;
  const programme = await loadProgramme(deps, programmeId);
  const rows = [];
  const erasures: Record<string, number> = {};
  for (const cohort of [...programme.cohorts.map((each) => each.id), null]) {
    const stored = await deps.indicators.listIndicators({ programme: programme.id, cohort });
    // Someone withdrew after this table was computed: aggregate before publishing (callers do).
    if (stored.stale) throw new ErasureRaceError(`${programme.id} ${cohort ?? 'pool'}`);
    rows.push(...stored.rows);
    // Withdrawals of people who had answered: erasing an unused card changes no figure.
    erasures[cohort ?? POOL_SCOPE] = stored.mark?.withdrawals ?? 0;
  }
  const summary = await buildAndRecord(deps, programme, period, rows, erasures, preview);
  const files: PublishedFile[] = [
    { ...SUMMARY_FILES.data, body: `${JSON.stringify(summary, null, 2)}\n` },
    { ...SUMMARY_FILES.table, body: summaryCsv(summary) },
    { ...SUMMARY_FILES.page, body: deps.summaryRenderer.page(summary, programme, programme.defaultLanguage) },
  ];
  const written = await deps.publisher.publish(programme.id, period, files);
  // Each funder's copy of the page is in their language, as their message is: rendered once a language.
  const attachments = new Map<Language, PublishedFile[]>([[programme.defaultLanguage, files]]);
  const attachmentsFor = (language: Language): PublishedFile[] => {
    const known = attachments.get(language);
    if (known !== undefined) return known;
    const page = { ...SUMMARY_FILES.page, body: deps.summaryRenderer.page(summary, programme, language) };
    const translated = files.map((file) => (file.name === page.name ? page : file));
    attachments.set(language, translated);
    return translated;
  };
  let messages = 0;
  let alreadySent = 0;
  let finished = false;
  try {
    for (const [index, funder] of programme.funders.entries()) {
      if (!preview && (await deps.publications.wasSent(programme.id, period, funder.email))) {
        alreadySent += 1;
        continue;
      }
      await deps.mailer.send(
        {
          from: deps.sender,
          to: { name: funder.name, address: funder.email },
          ...(programme.contact === undefined
            ? {}
            : { replyTo: { name: programme.contact.name, address: programme.contact.email } }),
          ...deps.summaryRenderer.message(summary, programme, funder),
          attachments: attachmentsFor(funder.language ?? programme.defaultLanguage),
        },
        `${programme.id}-${period}-${index + 1}`,
      );
      if (!preview)
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
    if (!preview)
      await recordChange(deps, actor, {
        action: 'summary-sent',
        programme: programme.id,
        detail:
          `${period}: ${messages} of ${programme.funders.length} funders emailed, ${alreadySent} already sent` +
          (finished ? '' : '; stopped by a failure'),
      });
  }
  return { programme: programme.id, period, files: written, messages, alreadySent, summary, preview };
}

/**
 * Builds the summary against what was published and records it, before anything goes out: a
 * record of a summary that never got out only makes the next one more careful, while files out
 * and unrecorded would let the next one difference against them. Another run that recorded first
 * (the schedule and a command at once) throws {@link PublicationChangedError}: the caller reads
 * everything again (the other run may have seen a withdrawal this one did not) and rebuilds.
 */
async function buildAndRecord(
  deps: PublishDeps,
  programme: Programme,
  period: string,
  rows: readonly IndicatorRow[],
  erasures: Readonly<Record<string, number>>,
  preview: boolean,
): Promise<Summary> {
  const previous = await deps.publications.latestPublication(programme.id);
  const { summary, published } = buildSummary(programme, period, rows, previous, erasures);
  if (!preview)
    await deps.publications.putPublication({
      programme: programme.id,
      period,
      ...published,
      ...(previous?.revision === undefined ? {} : { revision: previous.revision }),
      publishedAt: deps.clock.now().toISOString(),
    });
  return summary;
}

/**
 * What the schedule (as `system`) and `prepost summaries` run: aggregate the programme (only what
 * changed), then publish, so a summary never carries a table from before a withdrawal; should a
 * withdrawal land in between, or another run record a summary of the programme first, aggregate
 * and publish again (at most three times).
 */
export async function aggregateAndPublish(
  deps: PublishDeps & AggregateDeps,
  actor: Actor,
  programmeId: string,
  period: string,
  options: PublishOptions = {},
): Promise<PublishReport> {
  for (let attempt = 1; ; attempt += 1) {
    await aggregate(deps, { programme: programmeId });
    try {
      return await publishSummary(deps, actor, programmeId, period, options);
    } catch (error) {
      const again = error instanceof ErasureRaceError || error instanceof PublicationChangedError;
      if (!again || attempt >= 3) throw error;
    }
  }
}
