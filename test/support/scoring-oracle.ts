/**
 * The test oracle of scoring: one instrument scored the straightforward way, item by item, as
 * prepost scored it before the compiled scorer became the only one (functions/core/scoring.ts).
 * The equivalence tests hold the compiled scorer equal to it to the last bit. Nothing in
 * functions/ imports this file.
 */
import { PREFER_NOT_TO_SAY, type InstrumentScore } from '#core/scoring.ts';
import { optionsOf } from '#surveys/catalog.ts';
import type { Instrument } from '#surveys/schema.ts';

/** Scores one instrument from a response's answers (item id -> option value). */
export function scoreInstrumentDirectly(
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
