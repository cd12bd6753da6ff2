/** `prepost summaries`: funder summaries written to a folder and their messages to an outbox. */
import { resolve } from 'node:path';
import { DirectoryPublisher, OutboxMailer } from '#adapters/directory-publisher.ts';
import { aggregateAndPublish } from '#use-cases/publish-summaries.ts';
import { summaryRenderer } from '#web/summary-page.ts';
import { cliActor } from '../cli/actor.ts';
import type { OptionValues } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';
import { LOCAL_SENDER } from '#local/server.ts';
import { LOCAL_SUMMARIES_DIR, openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = 'write funder summaries (JSON, CSV, HTML) and their emails (.eml)';

/** `prepost summaries --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- summaries [--programme P] [--period YYYY-MM] [--out DIR] [--preview]

Writes each programme's anonymised summary to DIR/<programme>/<period>/summary.{json,csv,html}
and the funders' messages, each in the funder's language, to DIR/outbox/*.eml. It first
aggregates what changed since the last aggregation (new answers, withdrawals), as the monthly
schedule does, so a summary never includes anyone who has withdrawn. What cannot be updated
safely carries the figures last published, marked with their month.

  --programme P     only this programme
  --period YYYY-MM  the month reported (default: this month)
  --out DIR         output folder (default out/)
  --preview         write the same files and every funder's message to DIR/preview/ and record
                    nothing: the month's real run still builds and emails the summary as if no
                    one had looked (funders are not marked as sent)`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  period: { type: 'string' },
  out: { type: 'string' },
  preview: { type: 'boolean' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Aggregates and publishes each programme (or --programme) for the period, as the schedule does. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  if (values.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period))
    throw new UsageError('--period must be a month, YYYY-MM');
  const { deps, environment } = await openLocalStore();
  try {
    const preview = values.preview ?? false;
    // A preview goes to its own folder, so it never stands in the place of what was published.
    const out = resolve(values.out ?? LOCAL_SUMMARIES_DIR, preview ? 'preview' : '.');
    const period = values.period ?? deps.clock.now().toISOString().slice(0, 7);
    const ids = values.programme === undefined ? [...deps.catalog.programmes.keys()] : [values.programme];
    for (const id of ids) {
      const report = await aggregateAndPublish(
        {
          ...deps,
          publisher: new DirectoryPublisher(out),
          mailer: new OutboxMailer(out, deps.clock),
          sender: LOCAL_SENDER,
          summaryRenderer: summaryRenderer(deps.catalog),
        },
        cliActor(),
        id,
        period,
        { preview },
      );
      const { rows } = report.summary;
      const carried = rows.filter((row) => row.as_of !== undefined).length;
      const suppressed = rows.filter((row) => row.suppressed).length;
      const updated = rows.length - carried - suppressed;
      const already =
        report.alreadySent > 0 ? ` (${report.alreadySent} funder(s) already sent this period: not emailed again)` : '';
      console.log(
        `${id} ${period}: ${rows.length} cells (${updated} updated, ${carried} carried from earlier months, ` +
          `${suppressed} suppressed), ${report.files.length} files, ${report.messages} messages${already}`,
      );
    }
    console.log(
      preview
        ? `preview in ${out}, messages in ${resolve(out, 'outbox')}: nothing recorded, no funder marked as sent`
        : `summaries in ${out}, messages in ${resolve(out, 'outbox')}`,
    );
  } finally {
    await environment.close();
  }
}
