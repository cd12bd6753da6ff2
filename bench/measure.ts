/**
 * Time and peak heap of one synchronous run. The heap only grows between collections, so its
 * peak is the larger of the heap used just before each collection (recorded by V8's GC
 * profiler) and the heap used at the end; reported above the heap used at the start, after a
 * full collection, so it is what the run itself needed on top of the data it was given.
 * Needs `node --expose-gc`.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { performance } from 'node:perf_hooks';

/** Wall time in milliseconds and peak heap in bytes above the heap in use at the start. */
export interface RunMeasurement {
  readonly ms: number;
  readonly peakHeapBytes: number;
}

/** A full collection, so the next measurement starts from live data only. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
}

/** The heap in use now, in bytes. */
export function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

/** Times `run` and records its peak heap. */
export function measureRun(run: () => unknown): RunMeasurement {
  collectGarbage();
  const start = heapUsed();
  const profiler = new GCProfiler();
  profiler.start();
  const began = performance.now();
  run();
  const ms = performance.now() - began;
  const end = heapUsed();
  const { statistics } = profiler.stop();
  const peak = statistics.reduce(
    (highest, event) => Math.max(highest, event.beforeGC.heapStatistics.usedHeapSize),
    end,
  );
  return { ms, peakHeapBytes: Math.max(0, peak - start) };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
