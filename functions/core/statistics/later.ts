/**
 * Evaluation beyond before-after, per cell: the follow-up wave (change from pre and from post
 * to follow-up, and whether an improvement lasted), the retrospective pre-test (change from
 * then to post, and the response shift then - pre), and the attrition bounds. Accumulated in the
 * table's first two passes beside the cell's own sums (statistics/table.ts), so a design without
 * these waves costs nothing.
 */
import type { Indicators } from '../model.ts';
import { CompensatedSum, type Cell } from './cell.ts';
import { isImprovement } from './evaluation.ts';
import { tInterval } from './inference.ts';

/** Mean and SD of paired differences `to - from` over those with both, in two passes (as the cell's change). */
export class Difference {
  n = 0;
  private readonly sum = new CompensatedSum();
  private mean = 0;
  private squares = 0;

  addSum(from: number, to: number): void {
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    this.n += 1;
    this.sum.add(to - from);
  }

  fixMean(): void {
    this.mean = this.sum.value / this.n;
  }

  addSquare(from: number, to: number): void {
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    this.squares += (to - from - this.mean) ** 2;
  }

  /** The sum of the differences and how many: what the attrition bounds start from. */
  sumOfDifferences(): { readonly sum: number; readonly n: number } {
    return { sum: this.sum.value, n: this.n };
  }

  /** n, the mean difference and its SD (n - 1), and the 95% t interval; null where they do not exist. */
  finish(): { n: number; mean: number | null; sd: number | null; low: number | null; high: number | null } {
    const mean = this.n === 0 ? null : this.sum.value / this.n;
    const sd = this.n < 2 ? null : Math.sqrt(this.squares / (this.n - 1));
    const interval = tInterval(mean, sd, this.n);
    return { n: this.n, mean, sd, low: interval.ci95_low, high: interval.ci95_high };
  }
}

/** A participant's scores beyond pre and post (NaN: missing or not asked). */
export interface LaterScores {
  readonly followup: number;
  readonly retrospective: number;
}

/** The follow-up and then-test accumulators of one cell. */
export class LaterCell {
  readonly preToFollowup = new Difference();
  readonly postToFollowup = new Difference();
  readonly thenToPost = new Difference();
  readonly preToThen = new Difference();
  allWaves = 0;
  sustained = 0;
  preWithoutFollowup = 0;
  /** The pre scores of those without a follow-up score: the follow-up's attrition bounds. */
  readonly preWithoutFollowupSum = new CompensatedSum();

  constructor(
    readonly followupAsked: boolean,
    readonly thenAsked: boolean,
  ) {}
}

/**
 * Pass 1 for one participant: the differences' sums, and whether an improvement by post was still
 * there at follow-up (statistics/evaluation.ts `sustainedCount`, which this counts as).
 */
export function addLaterSums(
  cell: LaterCell,
  before: number,
  after: number,
  later: LaterScores,
  higherBetter: boolean,
): void {
  const { followup, retrospective } = later;
  if (cell.followupAsked) {
    cell.preToFollowup.addSum(before, followup);
    cell.postToFollowup.addSum(after, followup);
    if (!Number.isNaN(before) && Number.isNaN(followup)) {
      cell.preWithoutFollowup += 1;
      cell.preWithoutFollowupSum.add(before);
    }
    if (!Number.isNaN(before) && !Number.isNaN(after) && !Number.isNaN(followup)) {
      cell.allWaves += 1;
      const direction = higherBetter ? 'higher-better' : 'lower-better';
      if (isImprovement(before, after, direction) && isImprovement(before, followup, direction)) cell.sustained += 1;
    }
  }
  if (cell.thenAsked) {
    cell.thenToPost.addSum(retrospective, after);
    cell.preToThen.addSum(before, retrospective);
  }
}

/** Between passes 1 and 2. */
export function fixLaterMeans(cell: LaterCell): void {
  for (const difference of [cell.preToFollowup, cell.postToFollowup, cell.thenToPost, cell.preToThen])
    difference.fixMean();
}

/** Pass 2 for one participant: the differences' squared deviations. */
export function addLaterSquares(cell: LaterCell, before: number, after: number, later: LaterScores): void {
  if (cell.followupAsked) {
    cell.preToFollowup.addSquare(before, later.followup);
    cell.postToFollowup.addSquare(after, later.followup);
  }
  if (cell.thenAsked) {
    cell.thenToPost.addSquare(later.retrospective, after);
    cell.preToThen.addSquare(before, later.retrospective);
  }
}

/** The follow-up and then-test indicators of a finished cell (only those its design asks). */
export function finishLater(cell: LaterCell, nPre: number, range: ScoreRange | undefined): Partial<Indicators> {
  const followup = cell.followupAsked
    ? (() => {
        const fromPre = cell.preToFollowup.finish();
        const fromPost = cell.postToFollowup.finish();
        return {
          n_followup: fromPre.n,
          mean_change_followup: fromPre.mean,
          sd_change_followup: fromPre.sd,
          ci95_low_followup: fromPre.low,
          ci95_high_followup: fromPre.high,
          n_post_followup: fromPost.n,
          mean_change_post_followup: fromPost.mean,
          ci95_low_post_followup: fromPost.low,
          ci95_high_post_followup: fromPost.high,
          n_all_waves: cell.allWaves,
          n_sustained: cell.sustained,
          lost_share_followup: nPre === 0 ? null : cell.preWithoutFollowup / nPre,
          ...followupBounds(cell, range),
        };
      })()
    : {};
  const then = cell.thenAsked
    ? (() => {
        const toPost = cell.thenToPost.finish();
        const shift = cell.preToThen.finish();
        return {
          n_then: toPost.n,
          mean_change_then: toPost.mean,
          ci95_low_then: toPost.low,
          ci95_high_then: toPost.high,
          n_shift: shift.n,
          mean_response_shift: shift.mean,
          ci95_low_shift: shift.low,
          ci95_high_shift: shift.high,
        };
      })()
    : {};
  return { ...followup, ...then };
}

/**
 * Attrition, beside every mean change: the share of those with a pre score who have no post
 * score, and Manski-style bounds on the mean change over all of them, each drop-out's post taken
 * at the lowest possible score (the low bound) and at the highest (the high bound). Which bound
 * is the worst case depends on the measure's direction; both are changes, post - pre.
 */
export function attrition(cell: Cell, range: ScoreRange | undefined): Partial<Indicators> {
  const started = cell.nPaired + cell.nDropouts;
  const lostShare = started === 0 ? null : cell.nDropouts / started;
  if (range === undefined) return { lost_share: lostShare };
  const completers = { sum: cell.sumChange.value, n: cell.nPaired };
  return {
    lost_share: lostShare,
    bounds_low: manskiBound(completers, cell.nDropouts, cell.sumDropouts.value, range.min),
    bounds_high: manskiBound(completers, cell.nDropouts, cell.sumDropouts.value, range.max),
  };
}

/** The lowest and highest score a measure can give. */
interface ScoreRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The mean change over everyone who started: the completers' changes (their sum and count) and
 * each of the `lost` people's change taken as `imputed` minus their pre score; null when nobody started.
 */
function manskiBound(
  completers: { readonly sum: number; readonly n: number },
  lost: number,
  lostPreSum: number,
  imputed: number,
): number | null {
  const started = completers.n + lost;
  if (started === 0) return null;
  const sum = new CompensatedSum();
  sum.add(completers.sum);
  sum.add(lost * imputed);
  sum.add(-lostPreSum);
  return sum.value / started;
}

/** The attrition bounds of the change from pre to follow-up, as {@link attrition}'s of pre to post. */
function followupBounds(cell: LaterCell, range: ScoreRange | undefined): Partial<Indicators> {
  if (range === undefined) return {};
  const completers = cell.preToFollowup.sumOfDifferences();
  const lostPre = cell.preWithoutFollowupSum.value;
  return {
    bounds_low_followup: manskiBound(completers, cell.preWithoutFollowup, lostPre, range.min),
    bounds_high_followup: manskiBound(completers, cell.preWithoutFollowup, lostPre, range.max),
  };
}
