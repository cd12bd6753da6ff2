/**
 * Who in a cohort has answered which wave, for coordinators: counts per wave, and the numbers
 * (in their batch) of the participants who have not answered yet, so they can be reminded.
 * Never an answer, never a participant's pseudonymous id: a batch number and a participant
 * number are all a coordinator needs to find the card they handed out.
 */
import type { Cohort, Programme, Session } from '#surveys/schema.ts';
import type { CohortRoll, ParticipantStore } from '#ports/store.ts';
import type { WaveKind } from '#core/model.ts';
import { sessionWaves } from '#core/waves.ts';
import { loadCohort, loadProgramme, type ProgrammeDeps } from './programmes.ts';

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
  /**
   * Participants whose links were handed out: those of the cohort's batches, and those made before
   * batches were kept. Participants of a batch cut short (no batch record: their codes reached
   * nobody) are not counted.
   */
  readonly participants: number;
  /** Of them, those made before batches were kept: counted, but with no number to be listed by. */
  readonly unnumbered: number;
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
  return progressOf(programme, cohort, await deps.participants.cohortRoll(programmeId, cohortId));
}

/**
 * The pseudonymous id of participant `number` of batch `batch` (numbered as the console and
 * `pending` number them): how a coordinator, who knows the card they handed out, names someone to
 * erase without ever holding their id. Undefined when there is no such participant.
 */
export async function participantByNumber(
  deps: ProgressDeps,
  programmeId: string,
  cohortId: string,
  batch: number,
  number: number,
): Promise<string | undefined> {
  await loadCohort(deps, programmeId, cohortId, { listKnown: true });
  const roll = await deps.participants.cohortRoll(programmeId, cohortId);
  const batchId = [...roll.batches].sort((a, b) => a.id.localeCompare(b.id))[batch - 1]?.id;
  if (batchId === undefined) return undefined;
  return roll.participants.find((entry) => entry.batch === batchId && entry.number === number)?.participant;
}

/** How many cohorts' rolls are read at once: a programme page stays quick without a burst of Queries. */
const ROLLS_AT_ONCE = 8;

/** Every cohort's progress, the programme read once (the console's programme page, `cohorts list`). */
export async function readProgrammeProgress(deps: ProgressDeps, programmeId: string): Promise<CohortProgress[]> {
  const programme = await loadProgramme(deps, programmeId, { listKnown: true });
  const progress: CohortProgress[] = [];
  for (let start = 0; start < programme.cohorts.length; start += ROLLS_AT_ONCE) {
    const cohorts = programme.cohorts.slice(start, start + ROLLS_AT_ONCE);
    const rolls = await Promise.all(cohorts.map((cohort) => deps.participants.cohortRoll(programmeId, cohort.id)));
    cohorts.forEach((cohort, index) => {
      const roll = rolls[index];
      if (roll !== undefined) progress.push(progressOf(programme, cohort, roll));
    });
  }
  return progress;
}

/**
 * Counts per wave over the participants whose links were handed out. A participant naming a batch
 * with no record was made by a batch cut short (its codes reached nobody: the batch record is
 * written after its participants): never counted, never one to remind.
 */
function progressOf(programme: Programme, cohort: Cohort, roll: CohortRoll): CohortProgress {
  const batches = [...roll.batches].sort((a, b) => a.id.localeCompare(b.id));
  const batchNumber = new Map(batches.map((batch, index) => [batch.id, index + 1]));
  const numbered = roll.participants.filter(
    (participant) =>
      participant.batch !== undefined && batchNumber.has(participant.batch) && participant.number !== undefined,
  );
  // Made before batches were kept (an upgraded deployment): their links were handed out, so they
  // count, but they have no number to be listed by.
  const earlier = roll.participants.filter((participant) => participant.batch === undefined);
  const counted = [...numbered, ...earlier];
  const answered = new Set(roll.answered.map((entry) => `${entry.participant}#${entry.session}#${entry.wave}`));
  const waves = programme.sessions.flatMap((session) =>
    sessionWaves(session).map((wave): WaveProgress => {
      const pending = new Map<number, number[]>();
      let count = 0;
      for (const participant of counted) {
        if (answered.has(`${participant.participant}#${session.id}#${wave}`)) {
          count += 1;
          continue;
        }
        const batch = batchNumber.get(participant.batch ?? '');
        if (batch === undefined) continue;
        pending.set(batch, [...(pending.get(batch) ?? []), participant.number ?? 0]);
      }
      return {
        session,
        wave,
        answered: count,
        participants: counted.length,
        pending: [...pending.entries()]
          .sort(([a], [b]) => a - b)
          .map(([batch, numbers]) => ({ batch, numbers: numbers.sort((x, y) => x - y) })),
      };
    }),
  );
  const countedIds = new Set(counted.map((participant) => participant.participant));
  const lastAnswer = roll.answered
    .filter((entry) => countedIds.has(entry.participant))
    .reduce<string | undefined>(
      (latest, entry) => (latest === undefined || entry.receivedAt > latest ? entry.receivedAt : latest),
      undefined,
    );
  return {
    programme,
    cohort,
    participants: counted.length,
    unnumbered: earlier.length,
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
