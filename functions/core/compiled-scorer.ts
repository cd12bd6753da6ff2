/**
 * An instrument's scoring compiled once into lookup tables (option value -> item score, reversal
 * and quiz keys applied), for aggregation over many responses. It gives exactly the scores of
 * `scoreInstrument` (test/core/compiled-scorer.test.ts holds them equal); that function stays
 * the readable definition.
 */
import type { Instrument } from '#surveys/schema.ts';
import { optionsOf } from '#surveys/catalog.ts';

/** A compiled instrument: score a response's answers, optionally keeping the item scores. */
export interface CompiledScorer {
  readonly items: number;
  /**
   * The score, or NaN when too few items are answered. When `itemScores` is given and every item
   * is answered, the item scores are written into it and the return flags it with `complete`.
   */
  score(
    answers: Readonly<Record<string, string>> | undefined,
    itemScores?: Float64Array,
  ): { score: number; complete: boolean };
}

/** Compiles an instrument's scoring rule. */
export function compileScorer(instrument: Instrument): CompiledScorer {
  const ids = instrument.items.map((item) => item.id);
  const tables = instrument.items.map((item, index) => {
    const options = optionsOf(instrument, index);
    const scores = options.map((option) => option.score);
    const low = Math.min(...scores);
    const high = Math.max(...scores);
    return new Map(
      options.map((option) => [
        option.value,
        instrument.scoring.rule === 'percent-correct'
          ? option.correct === true
            ? 1
            : 0
          : item.reverse
            ? low + high - option.score
            : option.score,
      ]),
    );
  });
  const items = ids.length;
  const { rule, minAnswered } = instrument.scoring;
  const result = { score: Number.NaN, complete: false };
  return {
    items,
    score(answers, itemScores) {
      result.score = Number.NaN;
      result.complete = false;
      if (answers === undefined) return result;
      let answered = 0;
      let total = 0;
      for (let index = 0; index < items; index += 1) {
        const value = answers[ids[index] as string];
        const score = value === undefined ? undefined : (tables[index] as Map<string, number>).get(value);
        if (score === undefined) continue;
        answered += 1;
        total += score;
        if (itemScores !== undefined) itemScores[index] = score;
      }
      // answered / items, not minAnswered * items: as scoreInstrument, to the last bit.
      if (answered === 0 || answered / items < minAnswered) return result;
      const meanItem = total / answered;
      result.score =
        rule === 'sum' ? (answered === items ? total : meanItem * items) : rule === 'mean' ? meanItem : meanItem * 100;
      result.complete = answered === items;
      return result;
    },
  };
}
