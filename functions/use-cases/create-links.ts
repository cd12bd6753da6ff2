/**
 * Creating participants for a cohort: each gets a pseudonymous id and one link code per wave
 * (pre and post of every session), so a participant's answers pair by design without any
 * name, email or phone being stored. Codes are returned once, for the coordinator to hand out;
 * only their keyed hashes are stored.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock, ParticipantStore } from '#ports/store.ts';
import { generateCode, generateParticipantId, hashCode } from '#shared/codes.ts';
import type { Actor } from '#core/access.ts';
import { findCohort } from '#core/catalog-lookup.ts';
import { InvalidInputError, RetentionTooShortError } from '#core/errors.ts';
import type { WaveKind } from '#core/model.ts';
import { recordChange, type AuditDeps } from './audit-trail.ts';

export interface CreateLinksDeps extends AuditDeps {
  readonly participants: ParticipantStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly linkKey: () => Promise<Buffer>;
}

/** One link to hand out. */
export interface IssuedLink {
  readonly participant: string;
  readonly session: string;
  readonly wave: WaveKind;
  readonly code: string;
}

/** The most participants one call creates. */
export const MAX_PARTICIPANTS_PER_CALL = 1000;

/**
 * Steps: check the cohort, draw ids and codes, store participants with hashed links, record it
 * in the audit log (the count and the cohort: never an id or a code).
 */
export async function createLinks(
  deps: CreateLinksDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  count: number,
): Promise<IssuedLink[]> {
  const { programme, cohort } = findCohort(deps.catalog, programmeId, cohortId, { listKnown: true });
  if (!Number.isInteger(count) || count < 1 || count > MAX_PARTICIPANTS_PER_CALL)
    throw new InvalidInputError([`count must be a whole number from 1 to ${MAX_PARTICIPANTS_PER_CALL}`]);
  const now = deps.clock.now();
  // Participant and link items expire with the programme's retention, counted from today. A
  // response expires that long after it is received, so never before the link that gave it: a
  // link can never answer again a wave whose answer has expired.
  const expiresAt = Math.floor(now.getTime() / 1000) + programme.retentionDays * 86_400;
  const lastClose = Object.values(cohort.windows ?? {}).reduce(
    (latest, window) => (window.closes !== undefined && window.closes > latest ? window.closes : latest),
    '',
  );
  if (lastClose !== '' && new Date(expiresAt * 1000).toISOString().slice(0, 10) <= lastClose)
    throw new RetentionTooShortError(programmeId, cohortId, programme.retentionDays, lastClose);
  const key = await deps.linkKey();
  const createdAt = now.toISOString();
  const issued: IssuedLink[] = [];
  const participants = Array.from({ length: count }, () => {
    const participant = generateParticipantId();
    const links = programme.sessions.flatMap((session) =>
      (['pre', 'post'] as const).map((wave) => {
        const code = generateCode();
        issued.push({ participant, session: session.id, wave, code });
        return { hash: hashCode(code, key), session: session.id, wave };
      }),
    );
    return { programme: programme.id, cohort: cohortId, participant, links, createdAt, expiresAt };
  });
  await deps.participants.createParticipants(participants);
  await recordChange(deps, actor, {
    action: 'links-created',
    programme: programme.id,
    detail: `cohort ${cohortId}: ${count} participants, ${issued.length} links`,
  });
  return issued;
}
