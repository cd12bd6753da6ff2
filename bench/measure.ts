/**
 * Time and peak memory of one streamed run: pages from a generator, each handed to a consumer
 * and dropped. Only the consumer is timed (each page's generation is not), so two consumers fed
 * the same pages compare by their own work. Memory is V8's heap used plus the array buffers
 * (typed arrays' storage lives outside the V8 heap): sampled after every page, and the heap's
 * highest point between samples taken from V8's GC profiler (the heap used just before each
 * collection, with the array buffers last sampled); reported above what was in use at the
 * start, after a full collection. Needs `node --expose-gc`.
 */
import { spawn } from 'node:child_process';
import { GCProfiler, getHeapStatistics } from 'node:v8';
import { performance } from 'node:perf_hooks';

/** A streamed run: consumer time, peak memory above the start, page generation time, its result. */
export interface RunMeasurement {
  /** Wall time of the consumer alone (every page, then its finish). */
  readonly ms: number;
  /** Highest V8 heap used plus array buffers, above the start. */
  readonly peakBytes: number;
  /** Wall time spent generating the pages (not in `ms`). */
  readonly generateMs: number;
  readonly result: number;
}

/** A consumer of pages, and what it computes once they are all in. */
export interface PageConsumer<T> {
  onPage(page: readonly T[]): void;
  finish(): number;
}

/** A full collection, so the next measurement starts from live data only. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  gc();
}

/** V8 heap used plus array buffers, now, in bytes. */
export function memoryInUse(): number {
  return getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
}

/** Feeds every page to `consumer`, timing the consumer and recording the peak memory. */
export function measureStream<T>(pages: Iterable<T[]>, consumer: PageConsumer<T>): RunMeasurement {
  collectGarbage();
  const start = memoryInUse();
  let peak = start;
  let arrayBuffers = process.memoryUsage().arrayBuffers;
  const profiler = new GCProfiler();
  profiler.start();
  let ms = 0;
  let generateMs = 0;
  const iterator = pages[Symbol.iterator]();
  for (;;) {
    const generating = performance.now();
    const next = iterator.next();
    const began = performance.now();
    generateMs += began - generating;
    if (next.done === true) break;
    consumer.onPage(next.value);
    ms += performance.now() - began;
    arrayBuffers = process.memoryUsage().arrayBuffers;
    peak = Math.max(peak, getHeapStatistics().used_heap_size + arrayBuffers);
  }
  const began = performance.now();
  const result = consumer.finish();
  ms += performance.now() - began;
  peak = Math.max(peak, memoryInUse());
  const { statistics } = profiler.stop();
  for (const event of statistics) peak = Math.max(peak, event.beforeGC.heapStatistics.usedHeapSize + arrayBuffers);
  return { ms, peakBytes: Math.max(0, peak - start), generateMs, result };
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Runs a benchmark worker in a fresh Node process (its memory its own) and returns the JSON it
 * prints last on stdout. `label` names the worker in errors.
 */
export function runJsonWorker<T>(nodeArgs: readonly string[], label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`${label} exited with ${String(code)}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as T);
      } catch (error) {
        reject(new Error(`${label} printed no result: ${String(error)}`));
      }
    });
  });
}
