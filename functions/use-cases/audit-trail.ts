/**
 * How use cases write the audit log, with one rule for a write that fails:
 * - after a change (links created, an import, an erasure, a summary sent, a staff or token change)
 *   the change stands and is returned to its caller; the failure is logged as an error (standard
 *   error for a command, CloudWatch for a Lambda) naming the action, and never thrown. Throwing
 *   would hide a change already made: the only copy of new link codes, a token or a password never
 *   shown, a participant told their withdrawal failed when it did not.
 * - before data is handed over (an export), the entry is written first and a failure is thrown:
 *   nothing has happened yet, so nothing is hidden, and no data leaves unrecorded.
 * An entry holds counts, a cohort, a period, an email of staff: never answers, codes or participant ids.
 */
import type { Actor, AuditAction, AuditEvent } from '#core/access.ts';
import type { AuditLog } from '#ports/staff.ts';
import type { Clock } from '#ports/store.ts';
import { logger } from '#shared/logger.ts';

/** What writing the audit log needs. */
export interface AuditDeps {
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/** What was done, in a few words. */
export interface AuditNote {
  readonly action: AuditAction;
  readonly programme?: string | undefined;
  readonly detail?: string | undefined;
}

/** Records a change already made; a failure to record it is logged, never thrown (see the module comment). */
export async function recordChange(deps: AuditDeps, actor: Actor, note: AuditNote): Promise<void> {
  try {
    await deps.audit.append(auditEntry(deps, actor, note));
  } catch (error) {
    logger.error('audit entry not written; the change it records stands', {
      action: note.action,
      programme: note.programme,
      // The class only, as every failure is logged: a message may quote what was being written.
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}

/** Records data about to be handed over; throws when it cannot, so nothing leaves unrecorded. */
export async function recordRelease(deps: AuditDeps, actor: Actor, note: AuditNote): Promise<void> {
  await deps.audit.append(auditEntry(deps, actor, note));
}

function auditEntry(deps: AuditDeps, actor: Actor, note: AuditNote): AuditEvent {
  return {
    at: deps.clock.now().toISOString(),
    actor: actor.id,
    ...(actor.email === undefined ? {} : { actorEmail: actor.email }),
    action: note.action,
    ...(note.programme === undefined ? {} : { programme: note.programme }),
    ...(note.detail === undefined ? {} : { detail: note.detail }),
  };
}
