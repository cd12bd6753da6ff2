/**
 * The aggregation benchmark: each size runs in a fresh process (bench/aggregate-worker.ts), so
 * its memory is its own; responses stream through it page by page as the runtime reads them,
 * and the sizes are compared as ratios measured in the same run, never against absolute times.
 */
import { fileURLToPath } from 'node:url';
import { runJsonWorker } from './measure.ts';

/**
 * Consumer wall time (median of the rounds, page generation excluded) and peak memory, V8 heap
 * used plus array buffers above the process's baseline (highest of the rounds).
 */
export interface RunSummary {
  readonly ms: number;
  readonly peakBytes: number;
}

/** What one worker measured for one size. */
export interface AggregateSample {
  readonly responses: number;
  readonly rounds: number;
  /** Indicator rows computed, the cohort's and the pool's (a sanity check: the same at every size). */
  readonly rows: number;
  /** Responses a page. */
  readonly pageResponses: number;
  /** Generating every page once (median of the bare pass's rounds); in neither side's time. */
  readonly generateMs: number;
  /** Before streaming: the memory the same responses take held in one array, after a full collection. */
  readonly heldBytes: number;
  readonly baseline: RunSummary;
  /** The cohort's tables and the pool's, from the same pages (as `aggregate` does in process). */
  readonly aggregation: RunSummary;
  /** The cohort's tables alone (for reference: what the pool adds). */
  readonly cohortOnly: RunSummary;
  /** The worker process's peak resident set (every run, then the responses held), from `process.resourceUsage()`. */
  readonly maxRssBytes: number;
}

/**
 * Rounds per size: medians of several at every size, fewer at larger sizes (a round of 10^6 takes
 * seconds) so the whole of `npm run bench` stays within a few minutes.
 */
export function defaultRounds(size: number): number {
  return size <= 10_000 ? 15 : size <= 100_000 ? 7 : 3;
}

/** Runs the worker once per size, one after the other (so no run competes for the two cores). */
export async function benchAggregation(
  sizes: readonly number[],
  rounds: (size: number) => number = defaultRounds,
): Promise<AggregateSample[]> {
  const samples: AggregateSample[] = [];
  for (const size of sizes) samples.push(await runWorker(size, rounds(size)));
  return samples;
}

/** Time growth per 10x more responses between consecutive sizes, scaled to exactly 10x. */
export function growthPerTenfold(
  samples: readonly AggregateSample[],
  pick: (sample: AggregateSample) => number,
): { from: number; to: number; factor: number }[] {
  return samples.slice(1).map((sample, index) => {
    const previous = samples[index];
    if (previous === undefined) throw new Error('no previous sample');
    const sizeRatio = sample.responses / previous.responses;
    const factor = (pick(sample) / pick(previous)) ** (1 / Math.log10(sizeRatio));
    return { from: previous.responses, to: sample.responses, factor };
  });
}

function runWorker(size: number, rounds: number): Promise<AggregateSample> {
  const worker = fileURLToPath(new URL('./aggregate-worker.ts', import.meta.url));
  // The responses held at the end (the before/after figure) take about 0.8 GB at 10^6.
  const args = ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', worker, String(size), String(rounds)];
  return runJsonWorker<AggregateSample>(args, `aggregate worker for ${size} responses`);
}
