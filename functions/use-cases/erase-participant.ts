/**
 * Erasure of a participant, on their request through their own link (withdrawal) or a
 * coordinator's (`prepost erase`): every stored trace removed, and the stored tables of the
 * cohort and the programme pool marked stale until aggregation recomputes them without the
 * person; readers (dashboard, impact API, summaries) show no stale table. Funder summaries then
 * see the cohort shrink, and differencing control hides the cells that changed by fewer than k,
 * so the erased person's answers cannot be worked out by comparing summaries.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock, ErasureReport, ParticipantStore } from '#ports/store.ts';
import type { Actor } from '#core/access.ts';
import { InvalidInputError } from '#core/errors.ts';
import { sessionWaves } from '#core/waves.ts';
import { recordChange, type AuditDeps } from './audit-trail.ts';
import { loadStoredCohort, type ProgrammeDeps } from './programmes.ts';

/** The shape of the ids `links` makes (generateParticipantId). */
const PARTICIPANT_ID = /^p-[0-9a-z]{12}$/;

export interface EraseDeps extends AuditDeps, ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
}

/**
 * How long the markers an erasure leaves live: long enough for any write in flight to meet
 * them and for the links to say "no longer active" for a while; they hold no answer, and the
 * links' markers not even the participant's id.
 */
export const ERASURE_MARKER_DAYS = 7;

/**
 * Steps: check the cohort exists, then erase (waves closed by markers, tables marked stale,
 * links, participant, and last `via`, the keyed hash of the link withdrawn through, if any);
 * record an erasure that found something, by the actor given (`participant` for a withdrawal
 * through a link), with the cohort and counts: the participant's id is never written down again.
 */
export async function eraseParticipant(
  deps: EraseDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  participant: string,
  via?: string,
): Promise<ErasureReport> {
  const { definition: programme } = await loadStoredCohort(deps, programmeId, cohortId);
  // Keys are built from the id: a crafted one ("p-…#session") must not reach another's items.
  if (!PARTICIPANT_ID.test(participant))
    throw new InvalidInputError([
      `"${participant}" is not a participant id (p- and 12 letters or digits, as in the links CSV)`,
    ]);
  // The catalogue's waves; the store adds the wave each of the participant's links names, so a
  // catalogue that lacks a session (an older checkout, a rollback) still closes every wave.
  const waves = programme.sessions.flatMap((session) =>
    sessionWaves(session).map((wave) => ({ session: session.id, wave })),
  );
  const markersExpireAt = Math.floor(deps.clock.now().getTime() / 1000) + ERASURE_MARKER_DAYS * 86_400;
  const report = await deps.participants.eraseParticipant(programmeId, cohortId, participant, {
    waves,
    markersExpireAt,
    via,
  });
  if (report.found)
    await recordChange(deps, actor, {
      action: 'erasure',
      programme: programmeId,
      detail: `cohort ${cohortId}: ${report.responses} responses, ${report.links} links`,
    });
  return report;
}
