/**
 * Instrument scoring from the definition: reverse-scored items, skipped and "prefer not to say"
 * answers left out, and the missing-item rule (a score only when at least `minAnswered` of the
 * items are answered; sums are then prorated to the full item count, the usual rule for
 * summed scales with a few missing items).
 *
 * One scorer: an instrument is compiled once into lookup tables (option value -> item score,
 * reversal and quiz keys applied), which aggregation runs over a million responses, and
 * `scoreInstrument` is that compiled scorer with its item scores kept, for reading one response.
 */
import type { Instrument, ResponseOption } from '#surveys/schema.ts';
import { expectedRange, optionsOf } from '#surveys/catalog.ts';

/** The answer value that records an explicit skip of a sensitive question. */
export const PREFER_NOT_TO_SAY = 'prefer-not-to-say';

/** An instrument's score for one response; `score` is null when too few items were answered. */
export interface InstrumentScore {
  readonly score: number | null;
  readonly answered: number;
  readonly items: number;
  /** Each item's score in definition order (reversed where the item says; quizzes 1 or 0), null if unanswered. */
  readonly itemScores: readonly (number | null)[];
}

/** A compiled instrument: score a response's answers, optionally keeping the item scores. */
export interface CompiledScorer {
  readonly items: number;
  /**
   * The score, or NaN when too few items are answered; `answered` counts the items answered.
   * When `itemScores` is given, each answered item's score is written into it, and `complete`
   * says whether every item was (so the array holds a whole response). When `itemPositions` is
   * given, each answered item's answer is written into it from `positionsAt` on, as the option's
   * position among the item's scored options (see {@link scoredOptions}); unanswered items are
   * left as they are. The result object is reused by the next call: read it before scoring again.
   */
  score(
    answers: Readonly<Record<string, string>> | undefined,
    itemScores?: Float64Array,
    itemPositions?: Int8Array,
    positionsAt?: number,
  ): { score: number; complete: boolean; answered: number };
  /** The items' ids, in order. */
  readonly itemIds: readonly string[];
  /** Per item, the score of each scored option, by position. */
  readonly optionScores: readonly Float64Array[];
}

/** An item's options that score, in the definition's order: all but "prefer not to say". */
export function scoredOptions(instrument: Instrument, itemIndex: number): readonly ResponseOption[] {
  return optionsOf(instrument, itemIndex).filter((option) => option.value !== PREFER_NOT_TO_SAY);
}

/**
 * Compiles an instrument's scoring rule. An item's score is its option's score, or for a
 * reverse-scored item (min + max) - score over the item's options; a quiz item scores 1 when
 * the correct option is chosen, else 0. "Prefer not to say" and values that are not options
 * count as not answered.
 */
export function compileScorer(instrument: Instrument): CompiledScorer {
  const ids = instrument.items.map((item) => item.id);
  const optionScores: Float64Array[] = [];
  // Per item: option value -> position among its scored options; the score is `optionScores[item][position]`.
  const tables = instrument.items.map((item, index) => {
    const options = optionsOf(instrument, index);
    const scores = options.map((option) => option.score);
    const low = Math.min(...scores);
    const high = Math.max(...scores);
    const scored = scoredOptions(instrument, index);
    const table = new Map<string, number>();
    const scoreAt = new Float64Array(scored.length);
    scored.forEach((option, position) => {
      scoreAt[position] =
        instrument.scoring.rule === 'percent-correct'
          ? option.correct === true
            ? 1
            : 0
          : item.reverse
            ? low + high - option.score
            : option.score;
      // The first option with a value decides, as a lookup in the definition would.
      if (!table.has(option.value)) table.set(option.value, position);
    });
    optionScores.push(scoreAt);
    return table;
  });
  const items = ids.length;
  const { rule, minAnswered } = instrument.scoring;
  const result = { score: Number.NaN, complete: false, answered: 0 };
  return {
    items,
    itemIds: ids,
    optionScores,
    score(answers, itemScores, itemPositions, positionsAt) {
      result.score = Number.NaN;
      result.complete = false;
      result.answered = 0;
      if (answers === undefined) return result;
      let answered = 0;
      let total = 0;
      for (let index = 0; index < items; index += 1) {
        const value = answers[ids[index] as string];
        const position = value === undefined ? undefined : (tables[index] as Map<string, number>).get(value);
        if (position === undefined) continue;
        const score = (optionScores[index] as Float64Array)[position] as number;
        answered += 1;
        total += score;
        if (itemScores !== undefined) itemScores[index] = score;
        if (itemPositions !== undefined) itemPositions[(positionsAt ?? 0) + index] = position;
      }
      result.answered = answered;
      // answered / items, not minAnswered * items: 7 / 25 equals 0.28 exactly, 0.28 * 25 does not equal 7.
      if (answered === 0 || answered / items < minAnswered) return result;
      const meanItem = total / answered;
      // A complete sum stays the sum (whole numbers stay whole); a partial one is prorated.
      result.score =
        rule === 'sum' ? (answered === items ? total : meanItem * items) : rule === 'mean' ? meanItem : meanItem * 100;
      result.complete = answered === items;
      return result;
    },
  };
}

/** Scores one instrument from a response's answers (item id -> option value), keeping each item's score. */
export function scoreInstrument(
  instrument: Instrument,
  answers: Readonly<Record<string, string>> | undefined,
): InstrumentScore {
  const scorer = compileScorer(instrument);
  const items = new Float64Array(scorer.items).fill(Number.NaN);
  const { score, answered } = scorer.score(answers, items);
  return {
    score: Number.isNaN(score) ? null : score,
    answered,
    items: scorer.items,
    itemScores: Array.from(items, (value) => (Number.isNaN(value) ? null : value)),
  };
}

/** A part of an instrument scored on its own: a subscale, or a quiz topic. */
export interface InstrumentPart {
  /** `subscale:<id>` or `topic:<id>`. */
  readonly id: string;
  /** The instrument restricted to the part's items, scored by the same rule. */
  readonly instrument: Instrument;
}

/**
 * The instrument's subscales, and for quizzes with more than one topic each topic (% correct
 * over that topic's items). Each part is the instrument restricted to its items, so scoring,
 * the missing-item rule and reverse items apply unchanged.
 */
export function instrumentParts(instrument: Instrument): InstrumentPart[] {
  const restrict = (itemIds: readonly string[]): Instrument => {
    // Items keep their own options, and the instrument's shared ones stay, so optionsOf still applies.
    const items = instrument.items.filter((item) => itemIds.includes(item.id));
    const restricted: Instrument = { ...instrument, items };
    if (items.length > 1) restricted.reliability = { method: 'cronbach-alpha-baseline' };
    else delete restricted.reliability;
    // The instrument's norms are of its whole score, not of a part's.
    delete restricted.norms;
    return { ...restricted, range: expectedRange(restricted) };
  };
  const parts: InstrumentPart[] = (instrument.subscales ?? []).map((subscale) => ({
    id: `subscale:${subscale.id}`,
    instrument: restrict(subscale.items),
  }));
  const topics = [
    ...new Set(instrument.items.map((item) => item.topic).filter((topic): topic is string => topic !== undefined)),
  ];
  if (instrument.kind === 'quiz' && topics.length > 1) {
    for (const topic of topics)
      parts.push({
        id: `topic:${topic}`,
        instrument: restrict(instrument.items.filter((item) => item.topic === topic).map((item) => item.id)),
      });
  }
  return parts;
}
