/**
 * A cohort's impact tables: every response scored into typed columns as it arrives (a page of
 * the cohort Query at a time), then each session's table computed from them
 * (statistics/table.ts). Memory grows with participants x columns, never with responses: a
 * response is dropped once scored.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { IndicatorRow, StoredResponse } from '../model.ts';
import {
  capacityFor,
  columnKey,
  columnsFor,
  growColumns,
  laterWavesOf,
  ScoreCandidate,
  type ScoredColumn,
} from './columns.ts';
import { GroupCollector } from './groups.ts';
import { inParticipantOrder, ParticipantSequence } from './participants.ts';
import type { PoolAccumulator } from './pool.ts';
import { tableRows } from './table.ts';

/**
 * Accumulates a cohort's tables from its responses, fed in the cohort Query's order (grouped by
 * participant, participants in id order: see {@link ParticipantSequence}), so the same
 * responses give byte-identical results. Per session x instrument (and its subscales and quiz
 * topics), overall and per subgroup value. Given its share of the programme's pool, it feeds
 * that too, with the scores it computed, so a response is scored once for both.
 */
export class CohortAccumulator {
  private readonly participants = new ParticipantSequence(false);
  private readonly groups: GroupCollector;
  private readonly attributes: Readonly<Record<string, string>>;
  private readonly sessionIndex: ReadonlyMap<string, number>;
  private tables: ScoredColumn[][];
  /** Per session and column: the score of the response in hand (NaN when it has none). */
  private readonly scored: readonly (readonly ScoreCandidate[])[];
  /** Per session: the same scores by the pool's column (undefined where the session has no such column). */
  private readonly forPool: readonly (readonly (ScoreCandidate | undefined)[])[];
  private capacity = 0;
  /** A follow-up's or then-test's score being stored (never shared with the pool). */
  private readonly later = new ScoreCandidate();

  /** @param pool this cohort's share of the programme's pool, fed every response after the cohort takes it */
  constructor(
    private readonly programme: Programme,
    catalog: Catalog,
    private readonly cohortId: string,
    private readonly pool?: PoolAccumulator,
  ) {
    this.attributes = programme.cohorts.find((candidate) => candidate.id === cohortId)?.attributes ?? {};
    this.groups = new GroupCollector(programme);
    this.sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
    this.tables = programme.sessions.map((session) =>
      columnsFor(session.post.instruments, catalog, 0, laterWavesOf([session]), true),
    );
    this.scored = this.tables.map((columns) => columns.map(() => new ScoreCandidate()));
    this.forPool = this.tables.map((columns, sessionAt) => {
      const byKey = new Map(columns.map((column, index) => [columnKey(column), this.scored[sessionAt]?.[index]]));
      return (pool?.columns() ?? []).map((column) => byKey.get(columnKey(column)));
    });
  }

  /**
   * Scores one response into its session's columns: a pre or post response's answers, a post's
   * then-test answers, a follow-up's answers.
   */
  add(response: StoredResponse): void {
    if (this.participants.advance(response)) {
      const participant = this.participants.count - 1;
      if (participant >= this.capacity) this.grow(capacityFor(participant, this.capacity));
      this.groups.begin(participant, this.attributes);
    }
    this.groups.add(response);
    const sessionAt = this.sessionIndex.get(response.session);
    const columns = sessionAt === undefined ? undefined : this.tables[sessionAt];
    if (columns === undefined || sessionAt === undefined) {
      this.pool?.add(response);
      return;
    }
    const participant = this.participants.count - 1;
    const scored = this.scored[sessionAt] as readonly ScoreCandidate[];
    const wave = response.wave;
    if (wave === 'followup') {
      this.scoreLater(columns, response.answers, participant, 'followup');
      this.pool?.add(response);
      return;
    }
    const pre = wave === 'pre';
    for (let index = 0; index < columns.length; index += 1) {
      const column = columns[index] as ScoredColumn;
      const candidate = scored[index] as ScoreCandidate;
      candidate.reset();
      const positions = column.positions;
      candidate.offer(
        column,
        response.answers,
        pre,
        positions?.[wave],
        positions === undefined ? 0 : participant * positions.itemIds.length,
      );
      candidate.storeInto(column, participant, wave);
    }
    const then = response.then;
    if (!pre && then !== undefined) this.scoreLater(columns, then, participant, 'retrospective');
    this.pool?.add(response, this.forPool[sessionAt]);
  }

  /** Scores answers into the columns that keep follow-up (or then-test) scores. */
  private scoreLater(
    columns: readonly ScoredColumn[],
    answers: StoredResponse['answers'],
    participant: number,
    slot: 'followup' | 'retrospective',
  ): void {
    for (const column of columns) {
      if (!column.asks[slot]) continue;
      this.later.reset();
      this.later.offer(column, answers, false);
      this.later.storeInto(column, participant, slot);
    }
  }

  /** Every row of the cohort, session by session. */
  rows(): IndicatorRow[] {
    const count = this.participants.count;
    const groups = this.groups.groups(count);
    return this.programme.sessions.flatMap((session, index) =>
      tableRows(this.tables[index] ?? [], groups, count, this.cohortId, session.id),
    );
  }

  private grow(capacity: number): void {
    this.tables = this.tables.map((columns) => growColumns(columns, capacity));
    this.groups.grow(capacity);
    this.capacity = capacity;
  }
}

/**
 * Computes every row of a cohort from its responses held in memory (tests, benchmarks): sorted
 * into participant order if they are not, then fed to a {@link CohortAccumulator}.
 */
export function computeCohortIndicators(
  programme: Programme,
  catalog: Catalog,
  cohortId: string,
  unordered: readonly StoredResponse[],
): IndicatorRow[] {
  const accumulator = new CohortAccumulator(programme, catalog, cohortId);
  for (const response of inParticipantOrder(unordered)) accumulator.add(response);
  return accumulator.rows();
}
