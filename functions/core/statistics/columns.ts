/**
 * Typed columns: per measure (an instrument, one of its subscales or quiz topics, or the pairs
 * given to `prepost stats`), one score per participant and wave, NaN when missing, plus the
 * sums of complete baseline item scores that Cronbach's alpha needs. Scoring a million
 * responses into columns once is what lets a table accumulate all its cells in a few passes.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Instrument } from '#surveys/schema.ts';
import type { StoredResponse, WaveKind } from '../model.ts';
import { compileScorer, instrumentParts, type CompiledScorer } from '../scoring.ts';
import { addAlphaCase, emptyAlphaSums, type AlphaSums, type ReliabilitySource } from './reliability.ts';

/** Which way is better for a score. */
export type Direction = Instrument['direction'];

/** What a table needs to know of a measure besides its scores. */
export interface Measure {
  /** Percent-correct scores (quizzes), for which Hake's normalised gain is reported. */
  readonly percent: boolean;
  readonly direction: Direction;
  readonly reliability: ReliabilitySource | undefined;
}

/** A measure's scores: `pre[i]` and `post[i]` are participant i's, NaN when missing. */
export interface Column {
  /** The instrument's id. */
  readonly id: string;
  /** `subscale:<id>` or `topic:<id>` for a part scored on its own; null for the whole instrument. */
  readonly part: string | null;
  readonly measure: Measure;
  readonly pre: Float64Array;
  readonly post: Float64Array;
  readonly alpha: AlphaSums;
}

/** A column filled from responses by its instrument's compiled scorer. */
export interface ScoredColumn extends Column {
  readonly scorer: CompiledScorer;
}

/** A column's measure as a key: the same in a cohort's table and in the pool's. */
export function columnKey(column: Column): string {
  return column.part === null ? column.id : `${column.id}|${column.part}`;
}

/** What a table needs of an instrument (or part). */
export function measureOf(instrument: Instrument): Measure {
  return {
    percent: instrument.scoring.rule === 'percent-correct',
    direction: instrument.direction,
    reliability: instrument.reliability,
  };
}

/** Empty columns for the instruments, each followed by its subscales and quiz topics. */
export function columnsFor(instrumentIds: readonly string[], catalog: Catalog, participants: number): ScoredColumn[] {
  return instrumentIds.flatMap((id) => {
    const instrument = catalog.instruments.get(id);
    if (instrument === undefined) return [];
    const parts = [
      { part: null, instrument },
      ...instrumentParts(instrument).map((part) => ({ part: part.id, instrument: part.instrument })),
    ];
    return parts.map(({ part, instrument: scored }) => {
      const scorer = compileScorer(scored);
      return {
        id,
        part,
        measure: measureOf(scored),
        scorer,
        pre: new Float64Array(participants).fill(Number.NaN),
        post: new Float64Array(participants).fill(Number.NaN),
        alpha: emptyAlphaSums(scorer.items),
      };
    });
  });
}

/**
 * Empty columns of the same measures, sharing their compiled scorers: the parts of a pool read
 * in parallel each need columns of their own, not scorers compiled again for each.
 */
export function emptyColumnsLike(columns: readonly ScoredColumn[]): ScoredColumn[] {
  return columns.map((column) => ({
    ...column,
    pre: new Float64Array(0),
    post: new Float64Array(0),
    alpha: emptyAlphaSums(column.scorer.items),
  }));
}

/**
 * The columns with room for `capacity` participants: the same measures, scorers and alpha sums,
 * their scores copied into longer arrays (NaN beyond). Streaming aggregation numbers participants
 * as they appear, so it doubles the room as it goes rather than counting them first.
 */
export function growColumns(columns: readonly ScoredColumn[], capacity: number): ScoredColumn[] {
  return columns.map((column) => ({
    ...column,
    pre: grownScores(column.pre, capacity),
    post: grownScores(column.post, capacity),
  }));
}

/** Room for participant number `participant` and then some: double, so growing costs O(1) a participant. */
export function capacityFor(participant: number, capacity: number): number {
  let next = Math.max(capacity, 16);
  while (next <= participant) next *= 2;
  return next;
}

/**
 * Appends another table's participants (numbered from 0 there) at `offset` of these columns,
 * which must have room: their scores, and their alpha cases added to the sums. The columns are
 * of the same measures in the same order. Item scores are small numbers, so the alpha sums are
 * exact and come out the same as when the cases are added one by one.
 */
export function appendColumns(
  into: readonly ScoredColumn[],
  from: readonly ScoredColumn[],
  offset: number,
  participants: number,
): void {
  into.forEach((column, index) => {
    const other = from[index] as ScoredColumn;
    column.pre.set(other.pre.subarray(0, participants), offset);
    column.post.set(other.post.subarray(0, participants), offset);
    const sums = column.alpha;
    sums.count += other.alpha.count;
    sums.totalSum += other.alpha.totalSum;
    sums.totalSquares += other.alpha.totalSquares;
    for (let item = 0; item < sums.itemSum.length; item += 1) {
      sums.itemSum[item] = (sums.itemSum[item] as number) + (other.alpha.itemSum[item] as number);
      sums.itemSquares[item] = (sums.itemSquares[item] as number) + (other.alpha.itemSquares[item] as number);
    }
  });
}

function grownScores(scores: Float64Array, capacity: number): Float64Array {
  if (scores.length >= capacity) return scores;
  const grown = new Float64Array(capacity).fill(Number.NaN);
  grown.set(scores);
  return grown;
}

/**
 * A participant's chosen score of a column, kept until it is stored: the score and, for a
 * baseline answered in full, its item scores (Cronbach's alpha is summed over those).
 */
export class ScoreCandidate {
  score = Number.NaN;
  complete = false;
  items = new Float64Array(0);
  private spare = new Float64Array(0);

  /**
   * Scores `response` in `column` and keeps it if it has a score (true); with `withItems`, its
   * item scores too. The previous candidate stays when the response has none.
   */
  offer(column: ScoredColumn, response: StoredResponse, withItems: boolean): boolean {
    if (this.spare.length < column.scorer.items) this.spare = new Float64Array(column.scorer.items);
    const { score, complete } = column.scorer.score(response.answers[column.id], withItems ? this.spare : undefined);
    if (!Number.isFinite(score)) return false;
    this.score = score;
    this.complete = withItems && complete;
    if (withItems) [this.items, this.spare] = [this.spare, this.items];
    return true;
  }

  /**
   * Keeps another candidate's score if it has one (true): the score a cohort's table already
   * computed for the same response, so the pool fed alongside it does not score it again.
   */
  take(other: ScoreCandidate): boolean {
    if (!Number.isFinite(other.score)) return false;
    this.score = other.score;
    this.complete = other.complete;
    if (other.complete) {
      if (this.items.length < other.items.length) this.items = new Float64Array(other.items.length);
      this.items.set(other.items);
    }
    return true;
  }

  /** Stores the kept score as the participant's `wave` score (nothing when none was kept). */
  storeInto(column: ScoredColumn, participant: number, wave: WaveKind): void {
    if (!Number.isFinite(this.score)) return;
    (wave === 'pre' ? column.pre : column.post)[participant] = this.score;
    if (wave === 'pre' && this.complete) addAlphaCase(column.alpha, this.items);
  }

  reset(): void {
    this.score = Number.NaN;
    this.complete = false;
  }
}
