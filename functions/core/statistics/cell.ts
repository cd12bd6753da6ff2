/**
 * One cell of a table (a measure for the whole group or one subgroup value): accumulators
 * filled in three passes over the participants in order, then finished into its indicators.
 *
 * Sums for means are compensated (Neumaier 1974, as simple-statistics' `sum`), so a mean is the
 * correctly summed one whatever the number of participants, and `prepost stats` prints what it
 * printed when it computed with simple-statistics. Squared deviations from those means are
 * summed plainly in a second pass (two-pass variance, as simple-statistics'
 * `sampleStandardDeviation`).
 */
import type { Indicators } from '../model.ts';
import { effectSizes, tInterval } from './inference.ts';
import { sideOf } from './evaluation.ts';
import { RankCounts, signedRank } from './signed-rank.ts';

/** A sum with Neumaier's compensation: the rounding error of each addition is kept and added back. */
export class CompensatedSum {
  private sum = 0;
  private compensation = 0;

  add(value: number): void {
    const next = this.sum + value;
    if (Math.abs(this.sum) >= Math.abs(value)) this.compensation += this.sum - next + value;
    else this.compensation += value - next + this.sum;
    this.sum = next;
  }

  get value(): number {
    return this.sum + this.compensation;
  }
}

/** Accumulators of one cell, filled in participant order. */
export class Cell {
  nPre = 0;
  readonly sumPre = new CompensatedSum();
  nPost = 0;
  readonly sumPost = new CompensatedSum();
  nPaired = 0;
  readonly sumPairedPre = new CompensatedSum();
  readonly sumPairedPost = new CompensatedSum();
  readonly sumChange = new CompensatedSum();
  nDropouts = 0;
  readonly sumDropouts = new CompensatedSum();
  // Pass 2: the means, then squared deviations from them and Hake's gains.
  meanPre = 0;
  meanPost = 0;
  meanPairedPre = 0;
  meanPairedPost = 0;
  meanChange = 0;
  squaresPre = 0;
  squaresPost = 0;
  squaresPairedPre = 0;
  squaresPairedPost = 0;
  squaresChange = 0;
  readonly gainSum = new CompensatedSum();
  gainCount = 0;
  gainUndefined = 0;
  // Pass 3: signed-rank counts and reliable change.
  ranks = new RankCounts(0);
  improved = 0;
  deteriorated = 0;
  /** Clinically significant change, with a cut-off: reliable improvement into the typical range, and who was in it. */
  recovered = 0;
  typicalPre = 0;
  typicalPost = 0;
}

/** Clinically significant change's cut-off for a table's measure (statistics/evaluation.ts `clinicalCutoff`). */
export interface Cutoff {
  readonly cutoff: number;
  readonly criterion: NonNullable<Indicators['csc_criterion']>;
}

/** Pass 1: counts and sums. NaN is a missing score. */
export function addSums(cell: Cell, before: number, after: number): void {
  const hasPre = !Number.isNaN(before);
  const hasPost = !Number.isNaN(after);
  if (hasPre) {
    cell.nPre += 1;
    cell.sumPre.add(before);
  }
  if (hasPost) {
    cell.nPost += 1;
    cell.sumPost.add(after);
  }
  if (hasPre && hasPost) {
    const change = after - before;
    cell.nPaired += 1;
    cell.sumPairedPre.add(before);
    cell.sumPairedPost.add(after);
    cell.sumChange.add(change);
  } else if (hasPre) {
    cell.nDropouts += 1;
    cell.sumDropouts.add(before);
  }
}

/** Between passes 1 and 2: the means the squared deviations are taken from. */
export function fixMeans(cell: Cell): void {
  cell.meanPre = cell.sumPre.value / cell.nPre;
  cell.meanPost = cell.sumPost.value / cell.nPost;
  cell.meanPairedPre = cell.sumPairedPre.value / cell.nPaired;
  cell.meanPairedPost = cell.sumPairedPost.value / cell.nPaired;
  cell.meanChange = cell.sumChange.value / cell.nPaired;
}

/** Pass 2: squared deviations, and for percent scores each completer's Hake gain. */
export function addSquares(cell: Cell, before: number, after: number, percent: boolean): void {
  const hasPre = !Number.isNaN(before);
  const hasPost = !Number.isNaN(after);
  if (hasPre) cell.squaresPre += (before - cell.meanPre) ** 2;
  if (hasPost) cell.squaresPost += (after - cell.meanPost) ** 2;
  if (!hasPre || !hasPost) return;
  cell.squaresPairedPre += (before - cell.meanPairedPre) ** 2;
  cell.squaresPairedPost += (after - cell.meanPairedPost) ** 2;
  cell.squaresChange += (after - before - cell.meanChange) ** 2;
  if (!percent) return;
  if (before >= 100) cell.gainUndefined += 1;
  else {
    cell.gainSum.add((after - before) / (100 - before));
    cell.gainCount += 1;
  }
}

/** What pass 3 judges each completer's change by: the table's S_diff, the measure's direction, the cut-off. */
export interface ChangeJudgement {
  readonly sDiff: number | null;
  readonly higherBetter: boolean;
  readonly cutoff: Cutoff | null;
}

/**
 * Pass 3 for one completer: its change's signed-rank count (rank -1: a zero change), and
 * Jacobson & Truax (1991) reliable change: reliable when |change| / S_diff > 1.96, an
 * improvement in the measure's better direction. With a cut-off, their clinically significant
 * change (statistics/evaluation.ts `clinicalSignificance`, which this counts as): recovered when
 * the improvement is reliable and goes from strictly the atypical side of the cut-off (before)
 * to strictly the typical side (after).
 */
export function addChange(cell: Cell, before: number, after: number, rank: number, judgement: ChangeJudgement): void {
  const change = after - before;
  const { sDiff, higherBetter, cutoff } = judgement;
  cell.ranks.add(rank, change);
  const direction = higherBetter ? 'higher-better' : 'lower-better';
  const sideBefore = cutoff === null ? 'at' : sideOf(before, cutoff.cutoff, direction);
  const sideAfter = cutoff === null ? 'at' : sideOf(after, cutoff.cutoff, direction);
  if (sideBefore === 'typical') cell.typicalPre += 1;
  if (sideAfter === 'typical') cell.typicalPost += 1;
  if (sDiff !== null && sDiff > 0 && Math.abs(change) / sDiff > 1.96) {
    if (change > 0 === higherBetter) {
      cell.improved += 1;
      if (sideBefore === 'atypical' && sideAfter === 'typical') cell.recovered += 1;
    } else cell.deteriorated += 1;
  }
}

/** What a finished cell adds to its accumulators: reliability and the table's S_diff. */
export interface CellContext {
  readonly percent: boolean;
  /** Cronbach's alpha at baseline (whole-group cells), else null. */
  readonly alpha: number | null;
  readonly reliability: number | null;
  readonly source: Indicators['reliability_source'];
  /** The table's S_diff (one for every cell, so subgroup counts add up), null without one. */
  readonly sDiff: number | null;
  /** The measure's clinical cut-off, when its definition carries norms. */
  readonly cutoff: Cutoff | null;
}

/**
 * The indicators of a filled cell. Means over the cell's respondents; SDs are sample SDs (n -
 * 1), null below two values; change is post - pre over completers; the t interval, test and
 * effect sizes are those of inference.ts, the signed-rank test that of signed-rank.ts. Quizzes
 * add Hake's (1998) normalised gain g = (post% - pre%) / (100 - pre%): of the completers' mean
 * pre and post (gain of averages), and the mean of individual gains, which leaves out those at
 * 100% before, for whom g is undefined (their count is reported). Checked against R and SciPy
 * through `prepost stats`, a cell of one column (test/core/paired-statistics.test.ts), and
 * against the straightforward oracle on every cell of random cohorts
 * (test/core/indicators-equivalence.test.ts).
 */
export function finishCell(cell: Cell, context: CellContext): Indicators {
  const n = cell.nPaired;
  const mean = (sum: CompensatedSum, count: number): number | null => (count === 0 ? null : sum.value / count);
  const sd = (squares: number, count: number): number | null => (count < 2 ? null : Math.sqrt(squares / (count - 1)));
  const meanChange = mean(cell.sumChange, n);
  const sdChange = sd(cell.squaresChange, n);
  const sdPrePaired = sd(cell.squaresPairedPre, n);
  const sdPostPaired = sd(cell.squaresPairedPost, n);
  const test = tInterval(meanChange, sdChange, n);
  const wilcoxon = signedRank(cell.ranks, n);
  const meanPrePaired = mean(cell.sumPairedPre, n);
  const meanPostPaired = mean(cell.sumPairedPost, n);
  const { percent, sDiff } = context;
  const reliable = sDiff !== null && sDiff > 0 && n >= 1;
  return {
    n_pre: cell.nPre,
    n_post: cell.nPost,
    n_paired: n,
    n_pre_only: cell.nDropouts,
    mean_pre: mean(cell.sumPre, cell.nPre),
    sd_pre: sd(cell.squaresPre, cell.nPre),
    mean_post: mean(cell.sumPost, cell.nPost),
    sd_post: sd(cell.squaresPost, cell.nPost),
    mean_pre_dropouts: mean(cell.sumDropouts, cell.nDropouts),
    mean_pre_paired: meanPrePaired,
    sd_pre_paired: sdPrePaired,
    mean_post_paired: meanPostPaired,
    sd_post_paired: sdPostPaired,
    mean_change: meanChange,
    sd_change: sdChange,
    ...test,
    p_t_holm: null,
    wilcoxon_v: wilcoxon.v,
    p_wilcoxon: wilcoxon.p,
    wilcoxon_method: wilcoxon.method,
    ...effectSizes(meanChange, sdChange, sdPrePaired, sdPostPaired, test.df),
    alpha_baseline: context.alpha,
    reliability: context.reliability,
    reliability_source: context.reliability === null ? null : context.source,
    rci_threshold: reliable ? 1.96 * (sDiff as number) : null,
    rci_improved: reliable ? cell.improved : null,
    rci_unchanged: reliable ? n - cell.improved - cell.deteriorated : null,
    rci_deteriorated: reliable ? cell.deteriorated : null,
    gain_of_averages:
      !percent || n === 0 || (meanPrePaired as number) >= 100
        ? null
        : ((meanPostPaired as number) - (meanPrePaired as number)) / (100 - (meanPrePaired as number)),
    average_of_gains: !percent || cell.gainCount === 0 ? null : cell.gainSum.value / cell.gainCount,
    gain_undefined: !percent ? null : n === 0 ? 0 : cell.gainUndefined,
    ...clinicalSignificance(cell, context, reliable),
  };
}

/** Jacobson & Truax's clinically significant change, when the measure has a cut-off. */
function clinicalSignificance(cell: Cell, context: CellContext, reliable: boolean): Partial<Indicators> {
  const { cutoff } = context;
  if (cutoff === null) return {};
  const n = cell.nPaired;
  return {
    csc_cutoff: cutoff.cutoff,
    csc_criterion: cutoff.criterion,
    rci_recovered: reliable ? cell.recovered : null,
    typical_pre_share: n === 0 ? null : cell.typicalPre / n,
    typical_post_share: n === 0 ? null : cell.typicalPost / n,
  };
}
