/**
 * The aggregation benchmark: each size runs in a fresh process (bench/aggregate-worker.ts), so
 * its heap holds only its own data, and the sizes are compared as ratios measured in the same
 * run, never against absolute times.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Wall time (median of the rounds) and peak heap above the data (highest of the rounds). */
export interface RunSummary {
  readonly ms: number;
  readonly peakHeapBytes: number;
}

/** What one worker measured for one size. */
export interface AggregateSample {
  readonly responses: number;
  readonly rounds: number;
  /** Indicator rows computed (a sanity check: the same at every size). */
  readonly rows: number;
  readonly generateMs: number;
  /** Heap held by the generated responses, after a full collection. */
  readonly dataHeapBytes: number;
  readonly baseline: RunSummary;
  readonly aggregation: RunSummary;
  /** The worker process's peak resident set (data, generation and every run), from `process.resourceUsage()`. */
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
  // 10^6 responses hold about 0.8 GB and aggregation needs several times that on top.
  const args = ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', worker, String(size), String(rounds)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`aggregate worker for ${size} responses exited with ${String(code)}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as AggregateSample);
      } catch (error) {
        reject(new Error(`aggregate worker for ${size} responses printed no result: ${String(error)}`));
      }
    });
  });
}
