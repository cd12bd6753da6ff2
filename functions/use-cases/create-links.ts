/**
 * Creating participants for a cohort: each gets a pseudonymous id and one link code per wave
 * (pre, post and any follow-up of every session), so a participant's answers pair by design without any
 * name, email or phone being stored. Codes are returned once, for the coordinator to hand out;
 * only their keyed hashes are stored.
 */
import type { Cohort, Language, ProgrammeDefinition } from '#surveys/schema.ts';
import type { Clock, ParticipantStore } from '#ports/store.ts';
import { generateCode, generateParticipantId, hashCode, newBatchId } from '#shared/codes.ts';
import type { Actor } from '#core/access.ts';
import { CohortClosedError, CohortInputError, RetentionTooShortError, type CohortInputProblem } from '#core/errors.ts';
import type { WaveKind } from '#core/model.ts';
import { sessionWaves } from '#core/waves.ts';
import { recordChange, type AuditDeps } from './audit-trail.ts';
import { loadStoredCohort, type ProgrammeDeps } from './programmes.ts';

export interface CreateLinksDeps extends AuditDeps, ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly clock: Clock;
  readonly linkKey: () => Promise<Buffer>;
}

/** One link to hand out. */
export interface IssuedLink {
  readonly participant: string;
  /** The participant's number in the batch (1, 2, ...): what the card and `pending` show. */
  readonly number: number;
  readonly session: string;
  readonly wave: WaveKind;
  readonly code: string;
}

/** The most participants one batch creates. */
export const MAX_PARTICIPANTS_PER_CALL = 500;

/** A batch made: the programme and cohort it is for, its language and its links, in participant order. */
export interface IssuedBatch {
  readonly programme: ProgrammeDefinition;
  readonly cohort: Cohort;
  readonly language: Language;
  readonly links: IssuedLink[];
}

/**
 * Steps: check the cohort (it exists and is open), the count and the language (one of the
 * programme's, its default when none is asked), draw ids and codes, store participants with
 * hashed links and numbers in the batch, record it in the audit log (the count and the cohort:
 * never an id or a code).
 * @throws CohortInputError (count, language), CohortClosedError, RetentionTooShortError
 */
export async function createLinks(
  deps: CreateLinksDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  count: number,
  options: { readonly language?: string | undefined } = {},
): Promise<IssuedBatch> {
  const { definition: programme, cohort } = await loadStoredCohort(deps, programmeId, cohortId, { listKnown: true });
  const problems: CohortInputProblem[] = [];
  if (!Number.isInteger(count) || count < 1 || count > MAX_PARTICIPANTS_PER_CALL)
    problems.push({
      field: 'count',
      reason: 'invalid',
      message: `must be a whole number from 1 to ${MAX_PARTICIPANTS_PER_CALL}`,
    });
  const language = (options.language ?? programme.defaultLanguage) as Language;
  if (!programme.languages.includes(language))
    problems.push({
      field: 'language',
      reason: 'invalid',
      message: `${options.language} is not a language of this programme (${programme.languages.join(', ')})`,
    });
  if (problems.length > 0) throw new CohortInputError(problems);
  if (cohort.status === 'closed') throw new CohortClosedError(programmeId, cohortId);
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
  const batch = { id: newBatchId(createdAt), createdAt, count, language, expiresAt };
  const issued: IssuedLink[] = [];
  const participants = Array.from({ length: count }, (_, index) => {
    const participant = generateParticipantId();
    const number = index + 1;
    const links = programme.sessions.flatMap((session) =>
      sessionWaves(session).map((wave) => {
        const code = generateCode();
        issued.push({ participant, number, session: session.id, wave, code });
        return { hash: hashCode(code, key), session: session.id, wave };
      }),
    );
    return {
      programme: programme.id,
      cohort: cohortId,
      participant,
      batch: batch.id,
      number,
      links,
      createdAt,
      expiresAt,
    };
  });
  await deps.participants.createParticipants(batch, participants);
  await recordChange(deps, actor, {
    action: 'links-created',
    programme: programme.id,
    detail: `cohort ${cohortId}: ${count} participants, ${issued.length} links, cards in ${language}`,
  });
  return { programme, cohort, language, links: issued };
}
