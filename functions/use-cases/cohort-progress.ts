/**
 * Who in a cohort has answered which wave, for coordinators: counts per wave, and the numbers
 * (in their batch) of the participants who have not answered yet, so they can be reminded.
 * Never an answer, never a participant's pseudonymous id: a batch number and a participant
 * number are all a coordinator needs to find the card they handed out.
 */
import type { Cohort, Programme, Session } from '#surveys/schema.ts';
import type { ParticipantStore } from '#ports/store.ts';
import type { WaveKind } from '#core/model.ts';
import { loadCohort, type ProgrammeDeps } from './programmes.ts';

/** What reading progress needs. */
export interface ProgressDeps extends ProgrammeDeps {
  readonly participants: ParticipantStore;
}

/** A batch as coordinators know it: its place in the cohort (1, 2, ...), when, how many, which language. */
export interface BatchSummary {
  readonly number: number;
  readonly createdAt: string;
  readonly count: number;
  readonly language: string;
}

/** One wave: how many of the cohort's participants answered it, and who has not, by batch. */
export interface WaveProgress {
  readonly session: Session;
  readonly wave: WaveKind;
  readonly answered: number;
  readonly participants: number;
  /** Participant numbers without an answer, per batch (batches with none left out). */
  readonly pending: readonly { readonly batch: number; readonly numbers: readonly number[] }[];
}

/** A cohort's progress. */
export interface CohortProgress {
  readonly programme: Programme;
  readonly cohort: Cohort;
  readonly participants: number;
  readonly batches: readonly BatchSummary[];
  readonly waves: readonly WaveProgress[];
  /** When the newest answer arrived, if any. */
  readonly lastAnswer?: string | undefined;
}

/** Steps: find the cohort, read its roll (one Query, keys and numbers only), count per wave. */
export async function readCohortProgress(
  deps: ProgressDeps,
  programmeId: string,
  cohortId: string,
): Promise<CohortProgress> {
  const { programme, cohort } = await loadCohort(deps, programmeId, cohortId, { listKnown: true });
  const roll = await deps.participants.cohortRoll(programmeId, cohortId);
  const batches = [...roll.batches].sort((a, b) => a.id.localeCompare(b.id));
  const batchNumber = new Map(batches.map((batch, index) => [batch.id, index + 1]));
  const answered = new Set(roll.answered.map((entry) => `${entry.participant}#${entry.session}#${entry.wave}`));
  const waves = programme.sessions.flatMap((session) =>
    (['pre', 'post'] as const).map((wave): WaveProgress => {
      const pending = new Map<number, number[]>();
      let count = 0;
      for (const participant of roll.participants) {
        if (answered.has(`${participant.participant}#${session.id}#${wave}`)) {
          count += 1;
          continue;
        }
        const batch = participant.batch === undefined ? undefined : batchNumber.get(participant.batch);
        if (batch === undefined || participant.number === undefined) continue;
        pending.set(batch, [...(pending.get(batch) ?? []), participant.number]);
      }
      return {
        session,
        wave,
        answered: count,
        participants: roll.participants.length,
        pending: [...pending.entries()]
          .sort(([a], [b]) => a - b)
          .map(([batch, numbers]) => ({ batch, numbers: numbers.sort((x, y) => x - y) })),
      };
    }),
  );
  const lastAnswer = roll.answered.reduce<string | undefined>(
    (latest, entry) => (latest === undefined || entry.receivedAt > latest ? entry.receivedAt : latest),
    undefined,
  );
  return {
    programme,
    cohort,
    participants: roll.participants.length,
    batches: batches.map((batch, index) => ({
      number: index + 1,
      createdAt: batch.createdAt,
      count: batch.count,
      language: batch.language,
    })),
    waves,
    lastAnswer,
  };
}
