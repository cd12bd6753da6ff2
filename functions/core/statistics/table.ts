/**
 * A table: per column, the whole group and every subgroup value, accumulated together in
 * three passes over the participants (sums; squared deviations and signed-rank buckets;
 * signed-rank counts and reliable change), then Holm's adjustment across the table's
 * instruments. A single cell (`prepost stats`) is a table of one column without subgroups.
 */
import type { IndicatorRow, Indicators } from '../model.ts';
import { addChange, addSquares, addSums, Cell, finishCell, fixMeans } from './cell.ts';
import type { Column } from './columns.ts';
import { boundDistributions, changeDistribution, type ChangeCounts } from './distribution.ts';
import { layCells, NO_GROUPS, type CellLayout, type Groups } from './groups.ts';
import { holmAdjust } from './inference.ts';
import { itemAnswers } from './items.ts';
import {
  addLaterSquares,
  addLaterSums,
  attrition,
  finishLater,
  fixLaterMeans,
  LaterCell,
  type LaterScores,
} from './later.ts';
import { alphaFromSums, reliabilityOf, standardErrorOfDifference } from './reliability.ts';
import { clinicalCutoff } from './evaluation.ts';
import { RankBuckets, RankCounts } from './signed-rank.ts';

/** One column's cells in layout order (null: a subgroup cell without data), and the whole group's changes. */
export interface ColumnCells {
  readonly indicators: readonly (Indicators | null)[];
  readonly changes: ChangeCounts;
}

/** The indicators of every cell of a column, for its participants' cells in `layout`. */
export function columnCells(column: Column, layout: CellLayout, participants: number): ColumnCells {
  const cells = Array.from({ length: layout.count }, () => new Cell());
  const whole = cells[0] as Cell;
  const { pre, post, measure, followup, retrospective } = column;
  const { cellsOf } = layout;
  const higherBetter = measure.direction === 'higher-better';
  // Follow-up and then-test accumulators only where the design asks them: a plain design pays nothing.
  const laterCells =
    followup === undefined && retrospective === undefined
      ? undefined
      : cells.map(() => new LaterCell(followup !== undefined, retrospective !== undefined));
  const later = { followup: Number.NaN, retrospective: Number.NaN };
  const laterOf = (participant: number): LaterScores => {
    later.followup = followup === undefined ? Number.NaN : (followup[participant] as number);
    later.retrospective = retrospective === undefined ? Number.NaN : (retrospective[participant] as number);
    return later;
  };
  // Pass 1: counts and sums.
  for (let participant = 0; participant < participants; participant += 1) {
    const before = pre[participant] as number;
    const after = post[participant] as number;
    if (laterCells !== undefined) {
      const scores = laterOf(participant);
      addLaterSums(laterCells[0] as LaterCell, before, after, scores, higherBetter);
      for (const cellOf of cellsOf) {
        const cell = cellOf[participant] as number;
        if (cell >= 0) addLaterSums(laterCells[cell] as LaterCell, before, after, scores, higherBetter);
      }
    }
    if (Number.isNaN(before) && Number.isNaN(after)) continue;
    addSums(whole, before, after);
    for (const cellOf of cellsOf) {
      const cell = cellOf[participant] as number;
      if (cell >= 0) addSums(cells[cell] as Cell, before, after);
    }
  }
  for (const cell of cells) fixMeans(cell);
  for (const cell of laterCells ?? []) fixLaterMeans(cell);
  // Pass 2: squared deviations, Hake's gains, and each change's signed-rank bucket (zero and
  // ties judged relative to each pair's own scores, signed-rank.ts).
  const buckets = new RankBuckets();
  const bucketOf = new Int32Array(participants).fill(-1);
  for (let participant = 0; participant < participants; participant += 1) {
    const before = pre[participant] as number;
    const after = post[participant] as number;
    if (laterCells !== undefined) {
      const scores = laterOf(participant);
      addLaterSquares(laterCells[0] as LaterCell, before, after, scores);
      for (const cellOf of cellsOf) {
        const cell = cellOf[participant] as number;
        if (cell >= 0) addLaterSquares(laterCells[cell] as LaterCell, before, after, scores);
      }
    }
    if (Number.isNaN(before) && Number.isNaN(after)) continue;
    addSquares(whole, before, after, measure.percent);
    for (const cellOf of cellsOf) {
      const cell = cellOf[participant] as number;
      if (cell >= 0) addSquares(cells[cell] as Cell, before, after, measure.percent);
    }
    bucketOf[participant] = buckets.bucketOf(before, after);
  }
  const alpha = alphaFromSums(column.alpha);
  const { reliability, source } = reliabilityOf(measure.reliability, alpha);
  const { rankOf, magnitudes } = buckets.rank();
  for (const cell of cells) cell.ranks = new RankCounts(rankOf.length);
  // Jacobson-Truax S_diff describes the measure in this table, so one threshold serves every
  // cell: the whole group's completers' baseline SD. (Per-cell SDs would make a person's change
  // reliable in one row and not in another, and the subgroup counts would not add up.)
  const sdPre = whole.nPaired < 2 ? null : Math.sqrt(whole.squaresPairedPre / (whole.nPaired - 1));
  const sDiff = standardErrorOfDifference(sdPre, reliability);
  const judgement = { sDiff, higherBetter, cutoff: clinicalCutoff(measure.norms, measure.direction) };
  // Pass 3: signed-rank counts per cell, reliable and clinically significant change.
  for (let participant = 0; participant < participants; participant += 1) {
    const before = pre[participant] as number;
    const after = post[participant] as number;
    if (Number.isNaN(before) || Number.isNaN(after)) continue;
    const bucket = bucketOf[participant] as number;
    const rank = bucket < 0 ? -1 : (rankOf[bucket] as number);
    addChange(whole, before, after, rank, judgement);
    for (const cellOf of cellsOf) {
      const cell = cellOf[participant] as number;
      if (cell >= 0) addChange(cells[cell] as Cell, before, after, rank, judgement);
    }
  }
  return {
    indicators: cells.map((cell, index) =>
      index > 0 && cell.nPre + cell.nPost === 0
        ? null
        : {
            ...finishCell(cell, {
              percent: measure.percent,
              alpha: index === 0 ? alpha : null,
              reliability,
              source,
              sDiff: cell.nPaired < 1 ? null : sDiff,
              cutoff: judgement.cutoff,
            }),
            ...attrition(cell, measure.range),
            ...(laterCells === undefined ? {} : finishLater(laterCells[index] as LaterCell, cell.nPre, measure.range)),
          },
    ),
    changes: changeDistribution(whole.ranks, magnitudes),
  };
}

/**
 * The rows of one table (a cohort's session, or the pool): per column, the whole group and
 * every subgroup value with data; subscales and quiz topics the whole group only. Whole
 * instruments' whole-group rows carry the distribution of change. Holm's family: the whole
 * instruments of one table and group cell.
 */
export function tableRows(
  columns: readonly Column[],
  groups: Groups,
  participants: number,
  cohort: string | null,
  session: string | null,
): IndicatorRow[] {
  const layout = layCells(groups, participants);
  const wholeOnly = layCells(NO_GROUPS, participants);
  const computed = columns.map((column) =>
    columnCells(column, column.part === null ? layout : wholeOnly, participants),
  );
  const wholes = columns.flatMap((column, index) => (column.part === null ? [index] : []));
  const bounded = boundDistributions(wholes.map((index) => (computed[index] as ColumnCells).changes));
  const changesOf = new Map(wholes.map((index, at) => [index, bounded[at] as ChangeCounts]));
  const rows: IndicatorRow[] = [];
  const holmFamilies = new Map<string, number[]>();
  columns.forEach((column, index) => {
    (computed[index] as ColumnCells).indicators.forEach((indicators, cell) => {
      if (indicators === null) return;
      const group = layout.keys[cell] ?? null;
      if (column.part === null) {
        const family = group === null ? '' : `${group.dimension}=${group.value}`;
        holmFamilies.set(family, [...(holmFamilies.get(family) ?? []), rows.length]);
      }
      rows.push({
        cohort,
        session,
        instrument: column.id,
        ...(column.part === null ? {} : { part: column.part }),
        group,
        indicators,
        ...(cell === 0 && column.part === null ? { changeCounts: changesOf.get(index) ?? [] } : {}),
        ...(cell === 0 && column.positions !== undefined
          ? { items: itemAnswers(column.positions, participants, column.measure.direction === 'higher-better') }
          : {}),
      });
    });
  });
  for (const members of holmFamilies.values()) {
    const adjusted = holmAdjust(members.map((index) => rows[index]?.indicators.p_t ?? null));
    members.forEach((index, position) => {
      const row = rows[index] as IndicatorRow;
      rows[index] = { ...row, indicators: { ...row.indicators, p_t_holm: adjusted[position] ?? null } };
    });
  }
  return rows;
}
