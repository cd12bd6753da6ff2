/**
 * The programme pool: one table over all cohorts, each participant's change over the whole
 * programme, accumulated in one streaming pass over the cohorts' responses (cohort after cohort,
 * each in its Query's order). Memory grows with the programme's participants x columns; of the
 * current participant, only the first pre and last post chosen so far per column are held.
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
  laterWavesOf,
  ScoreCandidate,
  type Column,
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
    this.columns = columnsFor(instrumentIds, catalog, 0, laterWavesOf(programme.sessions));
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
  private columnsInUse: ScoredColumn[];
  private capacity = 0;
  private currentParticipant = -1;
  /** Per column, the current participant's first pre and last post so far, and their sessions. */
  private readonly first: ScoreCandidate[];
  private readonly last: ScoreCandidate[];
  private readonly firstPreAt: Float64Array;
  private readonly lastPostAt: Float64Array;
  /**
   * Per column, the then-test of the earliest session that gave one (it looks back to that
   * session's start: kept when that session is the first pre's), and the latest follow-up and
   * their sessions.
   */
  private readonly firstThen: ScoreCandidate[];
  private readonly firstThenAt: Float64Array;
  private readonly lastFollowup: ScoreCandidate[];
  private readonly lastFollowupAt: Float64Array;

  constructor(private readonly layout: PoolLayout) {
    this.groups = new GroupCollector(layout.programme);
    this.columnsInUse = emptyColumnsLike(layout.columns);
    this.first = layout.columns.map(() => new ScoreCandidate());
    this.last = layout.columns.map(() => new ScoreCandidate());
    this.firstPreAt = new Float64Array(layout.columns.length).fill(Number.POSITIVE_INFINITY);
    this.lastPostAt = new Float64Array(layout.columns.length).fill(Number.NEGATIVE_INFINITY);
    this.firstThen = layout.columns.map(() => new ScoreCandidate());
    this.firstThenAt = new Float64Array(layout.columns.length).fill(Number.POSITIVE_INFINITY);
    this.lastFollowup = layout.columns.map(() => new ScoreCandidate());
    this.lastFollowupAt = new Float64Array(layout.columns.length).fill(Number.NEGATIVE_INFINITY);
  }

  /** The pool's columns, in order (their measures; a cohort's table maps its scores onto them). */
  columns(): readonly Column[] {
    return this.layout.columns;
  }

  /**
   * Takes one response of the current participant, or begins the next participant with it. A
   * response is scored in a column only when its session would be the participant's new first
   * pre (or last post) there, and once. `scored`, by column, holds the scores a cohort's table
   * already computed for this response (see {@link CohortAccumulator}); the pool scores the rest.
   */
  add(response: StoredResponse, scored?: readonly (ScoreCandidate | undefined)[]): void {
    if (this.participants.advance(response)) {
      this.storeCurrent();
      const participant = this.participants.count - 1;
      if (participant >= this.capacity) this.grow(capacityFor(participant, this.capacity));
      this.groups.begin(participant, this.layout.attributesOf.get(response.cohort) ?? {});
      this.currentParticipant = participant;
    }
    this.groups.add(response);
    const sessionAt = this.layout.sessionIndex.get(response.session);
    if (sessionAt === undefined) return;
    if (response.wave === 'followup') {
      this.offerFollowup(response, sessionAt);
      return;
    }
    const pre = response.wave === 'pre';
    if (!pre && response.then !== undefined) this.offerThen(response, sessionAt);
    const at = pre ? this.firstPreAt : this.lastPostAt;
    const candidates = pre ? this.first : this.last;
    for (let index = 0; index < this.columnsInUse.length; index += 1) {
      if (pre ? sessionAt >= (at[index] as number) : sessionAt <= (at[index] as number)) continue;
      const candidate = candidates[index] as ScoreCandidate;
      const known = scored?.[index];
      const kept =
        known === undefined
          ? candidate.offer(this.columnsInUse[index] as ScoredColumn, response.answers, pre)
          : candidate.take(known);
      if (kept) at[index] = sessionAt;
    }
  }

  /** A follow-up: kept per column when its session is the latest with a follow-up score so far. */
  private offerFollowup(response: StoredResponse, sessionAt: number): void {
    for (let index = 0; index < this.columnsInUse.length; index += 1) {
      const column = this.columnsInUse[index] as ScoredColumn;
      if (!column.asks.followup || sessionAt <= (this.lastFollowupAt[index] as number)) continue;
      if ((this.lastFollowup[index] as ScoreCandidate).offer(column, response.answers, false))
        this.lastFollowupAt[index] = sessionAt;
    }
  }

  /** A post's then-test: kept per column when its session is the earliest with a then-test score so far. */
  private offerThen(response: StoredResponse, sessionAt: number): void {
    for (let index = 0; index < this.columnsInUse.length; index += 1) {
      const column = this.columnsInUse[index] as ScoredColumn;
      if (!column.asks.retrospective || sessionAt >= (this.firstThenAt[index] as number)) continue;
      if ((this.firstThen[index] as ScoreCandidate).offer(column, response.then, false))
        this.firstThenAt[index] = sessionAt;
    }
  }

  /**
   * Appends a pool accumulated on its own from a later part of the stream (the next cohort, read
   * in parallel with this one): its participants follow this one's. Neither takes responses after.
   */
  append(part: PoolAccumulator): void {
    this.storeCurrent();
    part.storeCurrent();
    const offset = this.participants.count;
    const count = part.participants.count;
    if (count === 0) return;
    this.participants.follow(part.participants);
    if (offset + count > this.capacity) this.grow(capacityFor(offset + count - 1, this.capacity));
    appendColumns(this.columnsInUse, part.columnsInUse, offset, count);
    this.groups.append(part.groups, offset, count);
    this.currentParticipant = -1;
  }

  /** The pool's rows (no more responses may follow). */
  rows(): IndicatorRow[] {
    this.storeCurrent();
    const count = this.participants.count;
    return tableRows(this.columnsInUse, this.groups.groups(count), count, null, null);
  }

  /** Stores the current participant's first pre and last post per column, and clears them for the next. */
  private storeCurrent(): void {
    const participant = this.currentParticipant;
    if (participant < 0) return;
    this.currentParticipant = -1;
    for (let index = 0; index < this.columnsInUse.length; index += 1) {
      const column = this.columnsInUse[index] as ScoredColumn;
      const first = this.first[index] as ScoreCandidate;
      const last = this.last[index] as ScoreCandidate;
      const firstPreAt = this.firstPreAt[index] as number;
      const lastPostAt = this.lastPostAt[index] as number;
      first.storeInto(column, participant, 'pre');
      // A post (or follow-up) before the first pre is not a change over the programme.
      const noPre = firstPreAt === Number.POSITIVE_INFINITY;
      if (lastPostAt >= firstPreAt || noPre) last.storeInto(column, participant, 'post');
      first.reset();
      last.reset();
      this.firstPreAt[index] = Number.POSITIVE_INFINITY;
      this.lastPostAt[index] = Number.NEGATIVE_INFINITY;
      if (column.asks.retrospective) {
        const then = this.firstThen[index] as ScoreCandidate;
        // The then-test looks back to the start of the session it was asked after: it stands for
        // the pool's pre only when that session is the first pre's (the same start, the same words).
        if ((this.firstThenAt[index] as number) === firstPreAt) then.storeInto(column, participant, 'retrospective');
        then.reset();
        this.firstThenAt[index] = Number.POSITIVE_INFINITY;
      }
      if (column.asks.followup) {
        const followup = this.lastFollowup[index] as ScoreCandidate;
        // A follow-up follows the last post's session (or, without a post, the first pre's): an
        // earlier session's follow-up is not "later" than the programme's end.
        if ((this.lastFollowupAt[index] as number) >= Math.max(noPre ? 0 : firstPreAt, lastPostAt))
          followup.storeInto(column, participant, 'followup');
        followup.reset();
        this.lastFollowupAt[index] = Number.NEGATIVE_INFINITY;
      }
    }
  }

  private grow(capacity: number): void {
    this.columnsInUse = growColumns(this.columnsInUse, capacity);
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
