/**
 * The programme pool: one table over all cohorts, each participant's change over the whole
 * programme, accumulated in one streaming pass over the cohorts' responses (cohort after cohort,
 * each in its Query's order). Memory grows with the programme's participants x columns; only the
 * current participant's few responses are held.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { IndicatorRow, StoredResponse } from '../model.ts';
import {
  appendColumns,
  capacityFor,
  columnsFor,
  emptyColumnsLike,
  growColumns,
  ScoreCandidate,
  type ScoredColumn,
} from './columns.ts';
import { GroupCollector } from './groups.ts';
import { inParticipantOrder, ParticipantSequence } from './participants.ts';
import { tableRows } from './table.ts';

/**
 * What every part of a programme's pool shares, made once per programme: each cohort's
 * attributes, the sessions' order, and the columns' compiled scorers. A part made from it costs
 * only its participants' columns, so a pool read as thousands of parts (one per cohort) does not
 * cost cohorts x cohorts.
 */
export class PoolLayout {
  readonly attributesOf: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly sessionIndex: ReadonlyMap<string, number>;
  /** Empty columns (no participant), the templates of every part's. */
  readonly columns: readonly ScoredColumn[];

  constructor(
    readonly programme: Programme,
    catalog: Catalog,
  ) {
    this.attributesOf = new Map(programme.cohorts.map((cohort) => [cohort.id, cohort.attributes]));
    this.sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
    const instrumentIds = [...new Set(programme.sessions.flatMap((session) => session.post.instruments))];
    this.columns = columnsFor(instrumentIds, catalog, 0);
  }
}

/**
 * Accumulates the programme-wide pool: for each participant and instrument, the score of the
 * first session it was asked before and of the last session it was asked after (a post before
 * the first pre is not a change over the programme). Subgroups from each cohort's attributes and
 * the participants' answers, as in a cohort's tables. Responses come grouped by participant,
 * cohorts in id order and participants in id order within each (see {@link ParticipantSequence}).
 * The pool and each of its parts are made from the programme's one {@link PoolLayout}.
 */
export class PoolAccumulator {
  private readonly participants = new ParticipantSequence(true);
  private readonly groups: GroupCollector;
  private columns: ScoredColumn[];
  private capacity = 0;
  /** The current participant's responses, scored when the next participant begins. */
  private current: StoredResponse[] = [];
  private currentParticipant = -1;
  /** The first pre and last post being chosen, reused from column to column. */
  private readonly first = new ScoreCandidate();
  private readonly last = new ScoreCandidate();

  constructor(private readonly layout: PoolLayout) {
    this.groups = new GroupCollector(layout.programme);
    this.columns = emptyColumnsLike(layout.columns);
  }

  /** Takes one response of the current participant, or begins the next participant with it. */
  add(response: StoredResponse): void {
    if (this.participants.advance(response)) {
      this.scoreCurrent();
      const participant = this.participants.count - 1;
      if (participant >= this.capacity) this.grow(capacityFor(participant, this.capacity));
      this.groups.begin(participant, this.layout.attributesOf.get(response.cohort) ?? {});
      this.currentParticipant = participant;
    }
    this.groups.add(response);
    this.current.push(response);
  }

  /**
   * Appends a pool accumulated on its own from a later part of the stream (the next cohort, read
   * in parallel with this one): its participants follow this one's. Neither takes responses after.
   */
  append(part: PoolAccumulator): void {
    this.scoreCurrent();
    part.scoreCurrent();
    const offset = this.participants.count;
    const count = part.participants.count;
    if (count === 0) return;
    this.participants.follow(part.participants);
    if (offset + count > this.capacity) this.grow(capacityFor(offset + count - 1, this.capacity));
    appendColumns(this.columns, part.columns, offset, count);
    this.groups.append(part.groups, offset, count);
    this.currentParticipant = -1;
  }

  /** The pool's rows (no more responses may follow). */
  rows(): IndicatorRow[] {
    this.scoreCurrent();
    const count = this.participants.count;
    return tableRows(this.columns, this.groups.groups(count), count, null, null);
  }

  /**
   * Scores the current participant's first pre and last post per instrument: among the responses
   * with a score, the pre of the earliest session and the post of the latest. A response is scored
   * only when its session would be the new first (or last), and once.
   */
  private scoreCurrent(): void {
    const responses = this.current;
    if (responses.length === 0) return;
    const participant = this.currentParticipant;
    this.current = [];
    const { first, last } = this;
    for (const column of this.columns) {
      first.reset();
      last.reset();
      let firstPreAt = Number.POSITIVE_INFINITY;
      let lastPostAt = Number.NEGATIVE_INFINITY;
      for (const response of responses) {
        const sessionAt = this.layout.sessionIndex.get(response.session);
        if (sessionAt === undefined) continue;
        if (response.wave === 'pre' && sessionAt < firstPreAt && first.offer(column, response, true))
          firstPreAt = sessionAt;
        if (response.wave === 'post' && sessionAt > lastPostAt && last.offer(column, response, false))
          lastPostAt = sessionAt;
      }
      first.storeInto(column, participant, 'pre');
      // A post before the first pre is not a change over the programme.
      if (lastPostAt >= firstPreAt || firstPreAt === Number.POSITIVE_INFINITY)
        last.storeInto(column, participant, 'post');
    }
  }

  private grow(capacity: number): void {
    this.columns = growColumns(this.columns, capacity);
    this.groups.grow(capacity);
    this.capacity = capacity;
  }
}

/**
 * The pool of responses held in memory (tests, benchmarks): sorted into participant order if
 * they are not, then fed to a {@link PoolAccumulator}.
 */
export function computePooledIndicators(
  programme: Programme,
  catalog: Catalog,
  unordered: readonly StoredResponse[],
): IndicatorRow[] {
  const accumulator = new PoolAccumulator(new PoolLayout(programme, catalog));
  for (const response of inParticipantOrder(unordered)) accumulator.add(response);
  return accumulator.rows();
}
