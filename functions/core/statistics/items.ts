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
  // Flat counts, item after item: one pass over the participants' answers in memory order.
  const offsets = new Int32Array(items + 1);
  optionScores.forEach((scores, item) => {
    offsets[item + 1] = (offsets[item] as number) + scores.length;
  });
  const scoreAt = new Float64Array(offsets[items] as number);
  optionScores.forEach((scores, item) => {
    scoreAt.set(scores, offsets[item]);
  });
  const before = new Int32Array(scoreAt.length);
  const after = new Int32Array(scoreAt.length);
  const moved = new Int32Array(items * 3);
  for (let participant = 0, at = 0; participant < participants; participant += 1) {
    for (let item = 0; item < items; item += 1, at += 1) {
      const from = pre[at] as number;
      const to = post[at] as number;
      const offset = offsets[item] as number;
      if (from >= 0) before[offset + from] = (before[offset + from] as number) + 1;
      if (to < 0) continue;
      after[offset + to] = (after[offset + to] as number) + 1;
      if (from < 0) continue;
      const difference = sign * ((scoreAt[offset + to] as number) - (scoreAt[offset + from] as number));
      const slot = item * 3 + (difference > 0 ? 0 : difference < 0 ? 2 : 1);
      moved[slot] = (moved[slot] as number) + 1;
    }
  }
  return itemIds.map((item, index) => {
    const from = offsets[index] as number;
    const to = offsets[index + 1] as number;
    return {
      item,
      before: Array.from(before.subarray(from, to)),
      after: Array.from(after.subarray(from, to)),
      better: moved[index * 3] as number,
      same: moved[index * 3 + 1] as number,
      worse: moved[index * 3 + 2] as number,
    };
  });
}
