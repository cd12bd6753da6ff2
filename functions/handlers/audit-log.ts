/**
 * GET /staff/audit[?programme=P&since=YYYY-MM-DD]: the audit log for admins, newest first, of one
 * programme or all, from a day (the last 30 days unless asked). A filter that cannot be read comes
 * back with its field named (400).
 */
import middy from '@middy/core';
import { AUDIT_RETENTION_DAYS } from '#core/access.ts';
import type { AuditLog } from '#ports/staff.ts';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { requirePermission, staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { renderAuditLog, type AuditView } from '#web/audit-log-page.ts';
import { staffFrameOf } from '#web/staff-frame.ts';

/** The ports the audit page needs: the log, the session, the catalogue's names. */
export interface AuditLogDeps extends StaffSessionDeps {
  readonly audit: AuditLog;
  readonly catalog: Catalog;
}

/** Days shown when no first day is asked for. */
const DEFAULT_DAYS = 30;

/** Entries on one page at most: the newest; a later first day shows the rest. */
const MAX_ENTRIES = 500;

/** Builds the handler around its ports. */
export function makeAuditLogHandler(
  deps: AuditLogDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(staffErrors())
    .use(staffSession(deps))
    .handler(async (event, context) => {
      const admin = requirePermission(context, 'read-audit');
      const frame = staffFrameOf(event, admin);
      const now = deps.clock.now();
      const query = event.queryStringParameters ?? {};
      const programme = query.programme ?? '';
      const since = query.since || new Date(now.getTime() - DEFAULT_DAYS * 86400_000).toISOString().slice(0, 10);
      const problems: AuditView['problems'][number][] = [];
      if (programme !== '' && !deps.catalog.programmes.has(programme))
        problems.push({ field: 'programme', problem: 'problem.unknownProgramme' });
      const from = dayStart(since);
      if (from === undefined) problems.push({ field: 'since', problem: 'problem.since' });
      if (problems.length > 0 || from === undefined)
        return renderAuditLog(frame, deps.catalog, { entries: [], total: 0, programme, since, problems });
      // Nothing older than the retention is kept: a first day before it reads no further back.
      const oldest = new Date(now.getTime() - (AUDIT_RETENTION_DAYS + 1) * 86400_000);
      // A first day still to come has nothing yet (and the store reads no range that ends before it starts).
      const entries =
        from > now
          ? []
          : await deps.audit.list({
              since: from < oldest ? oldest : from,
              until: now,
              ...(programme === '' ? {} : { programme }),
              // One more than is shown: whether there are more to say so.
              limit: MAX_ENTRIES + 1,
            });
      return renderAuditLog(frame, deps.catalog, {
        entries: entries.slice(0, MAX_ENTRIES),
        total: entries.length,
        programme,
        since,
        problems,
      });
    });
}

/** The start (UTC) of a day written YYYY-MM-DD, if it is one. */
function dayStart(day: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const start = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== day ? undefined : start;
}
