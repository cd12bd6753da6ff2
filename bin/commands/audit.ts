/** `prepost audit`: the audit log, what staff, commands, schedules and withdrawals did, and when. */
import { findProgramme } from '#core/catalog-lookup.ts';
import { openLocalStore } from '#local/stack.ts';
import { shippedCatalog } from '#surveys/index.ts';
import type { OptionValues } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';
import { formatColumns } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = 'read the audit log (sign-ins, staff and token changes, links, exports, erasures)';

/** How far back the log is read when --since is not given. */
const DEFAULT_DAYS = 30;

/** `prepost audit --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- audit [--programme P] [--since YYYY-MM-DD] [--json]

Prints the audit log, oldest first: time (UTC), who (a staff member's email; cli:<user>
for a command; system for the schedules; participant for a withdrawal through a link,
never which participant), what (sign-in, sign-in-failed, sign-out, staff-added,
staff-removed, grant-added, grant-revoked, token-created, token-revoked, links-created,
cohort-created, cohort-changed, funder-added, funder-removed, export, import, erasure,
summary-sent), the programme, and a few words of detail
(counts, a cohort, a period; never answers, link codes or participant ids). Entries are
kept two years.

  --programme P       only entries about this programme
  --since YYYY-MM-DD  from this day (UTC) on (default: the last ${DEFAULT_DAYS} days)
  --json              the entries as one JSON array`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  since: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Reads the entries since the day asked (of one programme when named) and prints them. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  if (values.programme !== undefined) findProgramme(shippedCatalog(), values.programme, { listKnown: true });
  const since = values.since === undefined ? undefined : day(values.since);
  const { deps, environment } = await openLocalStore();
  try {
    const now = deps.clock.now();
    const from = since ?? new Date(now.getTime() - DEFAULT_DAYS * 86_400_000);
    // The store reads newest first; the command prints in time order.
    const events = (
      await deps.audit.list({
        since: from,
        until: now,
        ...(values.programme === undefined ? {} : { programme: values.programme }),
      })
    ).reverse();
    if (values.json === true) {
      console.log(JSON.stringify(events, null, 2));
      return;
    }
    if (events.length === 0) {
      console.log(`no audit entries since ${from.toISOString().slice(0, 10)}`);
      return;
    }
    console.log(
      formatColumns(
        ['TIME (UTC)', 'WHO', 'ACTION', 'PROGRAMME', 'DETAIL'],
        events.map((event) => [
          `${event.at.slice(0, 10)} ${event.at.slice(11, 19)}`,
          event.actorEmail ?? event.actor,
          event.action,
          event.programme ?? '-',
          event.detail ?? '',
        ]),
      ),
    );
  } finally {
    await environment.close();
  }
}

/** The start of a calendar day given as YYYY-MM-DD, in UTC. */
function day(text: string): Date {
  const date = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text)
    throw new UsageError(`--since must be a day, YYYY-MM-DD, not "${text}"`);
  return date;
}
