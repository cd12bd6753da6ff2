/**
 * Instrument scoring from the definition: reverse-scored items, skipped and "prefer not to say"
 * answers left out, and the missing-item rule (a score only when at least `minAnswered` of the
 * items are answered; sums are then prorated to the full item count, the usual rule for
 * summed scales with a few missing items).
 */
import type { Instrument } from '#surveys/schema.ts';
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

/** Scores one instrument from a response's answers (item id -> option value). */
export function scoreInstrument(
  instrument: Instrument,
  answers: Readonly<Record<string, string>> | undefined,
): InstrumentScore {
  const itemScores = instrument.items.map((item, index): number | null => {
    const value = answers?.[item.id];
    if (value === undefined || value === PREFER_NOT_TO_SAY) return null;
    const options = optionsOf(instrument, index);
    const option = options.find((candidate) => candidate.value === value);
    if (option === undefined) return null;
    if (instrument.scoring.rule === 'percent-correct') return option.correct === true ? 1 : 0;
    if (!item.reverse) return option.score;
    const scores = options.map((candidate) => candidate.score);
    return Math.min(...scores) + Math.max(...scores) - option.score;
  });
  const answeredScores = itemScores.filter((score): score is number => score !== null);
  const items = instrument.items.length;
  const answered = answeredScores.length;
  // answered / items, not minAnswered * items: 7 / 25 equals 0.28 exactly, 0.28 * 25 does not equal 7.
  if (answered === 0 || answered / items < instrument.scoring.minAnswered)
    return { score: null, answered, items, itemScores };
  const total = answeredScores.reduce((sum, score) => sum + score, 0);
  const meanItem = total / answered;
  switch (instrument.scoring.rule) {
    case 'sum':
      // A complete sum stays the sum (whole numbers stay whole); a partial one is prorated.
      return { score: answered === items ? total : meanItem * items, answered, items, itemScores };
    case 'mean':
      return { score: meanItem, answered, items, itemScores };
    case 'percent-correct':
      return { score: meanItem * 100, answered, items, itemScores };
  }
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
