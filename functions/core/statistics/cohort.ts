/**
 * A cohort's impact tables: every response scored into typed columns as it arrives (a page of
 * the cohort Query at a time), then each session's table computed from them
 * (statistics/table.ts). Memory grows with participants x columns, never with responses: a
 * response is dropped once scored.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { IndicatorRow, StoredResponse } from '../model.ts';
import { capacityFor, columnsFor, growColumns, scoreInto, type ScoredColumn } from './columns.ts';
import { GroupCollector } from './groups.ts';
import { inParticipantOrder, ParticipantSequence } from './participants.ts';
import { tableRows } from './table.ts';

/**
 * Accumulates a cohort's tables from its responses, fed in the cohort Query's order (grouped by
 * participant, participants in id order: see {@link ParticipantSequence}), so the same
 * responses give byte-identical results. Per session x instrument (and its subscales and quiz
 * topics), overall and per subgroup value.
 */
export class CohortAccumulator {
  private readonly participants = new ParticipantSequence(false);
  private readonly groups: GroupCollector;
  private readonly attributes: Readonly<Record<string, string>>;
  private readonly sessionIndex: ReadonlyMap<string, number>;
  private tables: ScoredColumn[][];
  private capacity = 0;

  constructor(
    private readonly programme: Programme,
    catalog: Catalog,
    private readonly cohortId: string,
  ) {
    this.attributes = programme.cohorts.find((candidate) => candidate.id === cohortId)?.attributes ?? {};
    this.groups = new GroupCollector(programme);
    this.sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
    this.tables = programme.sessions.map((session) => columnsFor(session.post.instruments, catalog, 0));
  }

  /** Scores one response into its session's columns. */
  add(response: StoredResponse): void {
    if (this.participants.advance(response)) {
      const participant = this.participants.count - 1;
      if (participant >= this.capacity) this.grow(capacityFor(participant, this.capacity));
      this.groups.begin(participant, this.attributes);
    }
    this.groups.add(response);
    const sessionAt = this.sessionIndex.get(response.session);
    const columns = sessionAt === undefined ? undefined : this.tables[sessionAt];
    if (columns === undefined) return;
    const participant = this.participants.count - 1;
    for (let index = 0; index < columns.length; index += 1)
      scoreInto(columns[index] as ScoredColumn, response, participant, response.wave);
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
