/**
 * Items as ordinal answers: per item of an instrument, how many chose each option before and
 * after, and among those who answered the item both times, how many moved to a better answer,
 * stayed, or moved to a worse one (by the item's option scores, reverse-scored items included,
 * and the instrument's direction). Counted once the table's responses are all in, from each
 * participant's answers kept as option positions (statistics/columns.ts `ItemPositions`).
 * Evaluators' tables only: never published to funders.
 */
import type { ItemAnswers } from '../model.ts';
import type { ItemPositions } from './columns.ts';

/** Each item's answers before and after, and how the answers of those who gave both moved. */
export function itemAnswers(positions: ItemPositions, participants: number, higherBetter: boolean): ItemAnswers[] {
  const { itemIds, optionScores, pre, post } = positions;
  const items = itemIds.length;
  const sign = higherBetter ? 1 : -1;
  return itemIds.map((item, index) => {
    const scores = optionScores[index] as Float64Array;
    const before = new Array<number>(scores.length).fill(0);
    const after = new Array<number>(scores.length).fill(0);
    let better = 0;
    let same = 0;
    let worse = 0;
    for (let participant = 0, at = index; participant < participants; participant += 1, at += items) {
      const from = pre[at] as number;
      const to = post[at] as number;
      if (from >= 0) before[from] = (before[from] as number) + 1;
      if (to >= 0) after[to] = (after[to] as number) + 1;
      if (from < 0 || to < 0) continue;
      const difference = sign * ((scores[to] as number) - (scores[from] as number));
      if (difference > 0) better += 1;
      else if (difference < 0) worse += 1;
      else same += 1;
    }
    return { item, before, after, better, same, worse };
  });
}
