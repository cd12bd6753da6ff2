/**
 * Typed columns: per measure (an instrument, one of its subscales or quiz topics, or the pairs
 * given to `prepost stats`), one score per participant and wave, NaN when missing, plus the
 * sums of complete baseline item scores that Cronbach's alpha needs. Scoring a million
 * responses into columns once is what lets a table accumulate all its cells in a few passes.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { StoredResponse } from '../model.ts';
import { compileScorer, instrumentParts, type CompiledScorer } from '../scoring.ts';
import type { Instrument, Norms, Session } from '#surveys/schema.ts';
import { addAlphaCase, emptyAlphaSums, type AlphaSums, type ReliabilitySource } from './reliability.ts';

/** A response's answers: instrument id -> item id -> option value. */
type Answers = StoredResponse['answers'];

/** Which way is better for a score. */
export type Direction = Instrument['direction'];

/** What a table needs to know of a measure besides its scores. */
export interface Measure {
  /** Percent-correct scores (quizzes), for which Hake's normalised gain is reported. */
  readonly percent: boolean;
  readonly direction: Direction;
  readonly reliability: ReliabilitySource | undefined;
  /** The lowest and highest possible score: the worst and best cases of the attrition bounds. */
  readonly range?: { readonly min: number; readonly max: number };
  /** Published norms, for clinically significant change (Jacobson & Truax 1991). */
  readonly norms?: Norms;
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
  /** Follow-up scores, only when the measure is asked at a follow-up wave. */
  followup?: Float64Array;
  /** Retrospective pre-test scores (the then-test, "looking back"), only when a post wave asks the measure so. */
  retrospective?: Float64Array;
  readonly alpha: AlphaSums;
  /** A cohort's whole instruments: each participant's answer to each item (see {@link ItemPositions}). */
  readonly positions?: ItemPositions;
}

/**
 * Each participant's answer to each item of an instrument, as the option's position among the
 * item's scored options (-1: not answered), participant `p`'s from `p * itemIds.length`: what the
 * items' distributions and movements are counted from (statistics/items.ts).
 */
export interface ItemPositions {
  readonly itemIds: readonly string[];
  /** Per item, each option's score by position: which answer is better. */
  readonly optionScores: readonly Float64Array[];
  readonly pre: Int8Array;
  readonly post: Int8Array;
}

/** Which of a column's scores a response's answers go to: a wave's, or the then-test's. */
export type ScoreSlot = 'pre' | 'post' | 'followup' | 'retrospective';

/** The instruments asked beyond pre and post: at a follow-up wave, and looking back (then-test). */
export interface LaterWaves {
  readonly followup: ReadonlySet<string>;
  readonly retrospective: ReadonlySet<string>;
}

/** No follow-up and no then-test. */
export const NO_LATER_WAVES: LaterWaves = { followup: new Set(), retrospective: new Set() };

/**
 * The instruments the sessions ask at a follow-up wave and in a then-test: those also asked
 * after the session (a follow-up or a look back is compared with the same instrument's pre and post).
 */
export function laterWavesOf(sessions: readonly Session[]): LaterWaves {
  const followup = new Set<string>();
  const retrospective = new Set<string>();
  for (const session of sessions) {
    for (const id of session.followup?.instruments ?? []) if (session.post.instruments.includes(id)) followup.add(id);
    for (const id of session.post.then?.instruments ?? [])
      if (session.post.instruments.includes(id)) retrospective.add(id);
  }
  return { followup, retrospective };
}

/** A column filled from responses by its instrument's compiled scorer. */
export interface ScoredColumn extends Column {
  readonly scorer: CompiledScorer;
  /**
   * Whether its sessions ask the measure at a follow-up and in a then-test: the scores are then
   * kept from the first one that comes (see {@link laterScores}), so a design whose later waves
   * have no answer yet (a follow-up months away) holds no array for them.
   */
  readonly asks: { readonly followup: boolean; readonly retrospective: boolean };
}

/** A column's follow-up (or then-test) scores, made (all NaN, as long as its other scores) when first needed. */
export function laterScores(column: Column, slot: 'followup' | 'retrospective'): Float64Array {
  const scores = column[slot] ?? new Float64Array(column.pre.length).fill(Number.NaN);
  column[slot] = scores;
  return scores;
}

/** A column's measure as a key: the same in a cohort's table and in the pool's. */
export function columnKey(column: Column): string {
  return column.part === null ? column.id : `${column.id}|${column.part}`;
}

/** What a table needs of an instrument (or part). */
export function measureOf(instrument: Instrument): Measure {
  const { norms } = instrument;
  return {
    percent: instrument.scoring.rule === 'percent-correct',
    direction: instrument.direction,
    reliability: instrument.reliability,
    range: instrument.range,
    ...(norms === undefined ? {} : { norms }),
  };
}

/**
 * Empty columns for the instruments, each followed by its subscales and quiz topics; with room
 * for follow-up and then-test scores where `later` asks the instrument so; with `countItems`,
 * each whole instrument counts its items' answers (a cohort's tables, not the pool's).
 */
export function columnsFor(
  instrumentIds: readonly string[],
  catalog: Catalog,
  participants: number,
  later: LaterWaves = NO_LATER_WAVES,
  countItems = false,
): ScoredColumn[] {
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
        asks: { followup: later.followup.has(id), retrospective: later.retrospective.has(id) },
        alpha: emptyAlphaSums(scorer.items),
        ...(countItems && part === null
          ? {
              positions: {
                itemIds: scorer.itemIds,
                optionScores: scorer.optionScores,
                pre: new Int8Array(participants * scorer.items).fill(-1),
                post: new Int8Array(participants * scorer.items).fill(-1),
              },
            }
          : {}),
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
    followup: undefined,
    retrospective: undefined,
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
    ...(column.followup === undefined ? {} : { followup: grownScores(column.followup, capacity) }),
    ...(column.retrospective === undefined ? {} : { retrospective: grownScores(column.retrospective, capacity) }),
    ...(column.positions === undefined ? {} : { positions: grownPositions(column.positions, capacity) }),
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
    for (const slot of ['followup', 'retrospective'] as const) {
      const scores = other[slot];
      if (scores !== undefined) laterScores(column, slot).set(scores.subarray(0, participants), offset);
    }
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

function grownPositions(positions: ItemPositions, capacity: number): ItemPositions {
  const size = capacity * positions.itemIds.length;
  const grown = (answers: Int8Array): Int8Array => {
    if (answers.length >= size) return answers;
    const larger = new Int8Array(size).fill(-1);
    larger.set(answers);
    return larger;
  };
  return { ...positions, pre: grown(positions.pre), post: grown(positions.post) };
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
   * Scores a response's `answers` (its own, or its then-test's) in `column` and keeps the score
   * if there is one (true); with `withItems`, its item scores too. The previous candidate stays
   * when the answers give none. With `positions`, each answered item's option position is written
   * there, from `positionsAt` on (a cohort's item answers, kept whether or not the answers give a score).
   */
  offer(
    column: ScoredColumn,
    answers: Answers | undefined,
    withItems: boolean,
    positions?: Int8Array,
    positionsAt?: number,
  ): boolean {
    if (this.spare.length < column.scorer.items) this.spare = new Float64Array(column.scorer.items);
    const { score, complete } = column.scorer.score(
      answers?.[column.id],
      withItems ? this.spare : undefined,
      positions,
      positionsAt,
    );
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

  /**
   * Stores the kept score as the participant's score in `slot` (nothing when none was kept, or
   * when the column keeps no such scores). Only a complete baseline feeds Cronbach's alpha.
   */
  storeInto(column: ScoredColumn, participant: number, slot: ScoreSlot): void {
    if (!Number.isFinite(this.score)) return;
    if (slot !== 'pre' && slot !== 'post' && !column.asks[slot]) return;
    const scores = slot === 'pre' ? column.pre : slot === 'post' ? column.post : laterScores(column, slot);
    scores[participant] = this.score;
    if (slot === 'pre' && this.complete) addAlphaCase(column.alpha, this.items);
  }

  reset(): void {
    this.score = Number.NaN;
    this.complete = false;
  }
}
