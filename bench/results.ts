/**
 * `bench/results.json`: every ratio `npm run bench` measured, in one file a reader (or a later run)
 * compares against, with the figures behind each ratio and the budget checks.
 */
import { writeFile } from 'node:fs/promises';
import type { BudgetCheck } from './report.ts';

/** The file `npm run bench` writes. */
export const RESULTS_FILE: URL = new URL('./results.json', import.meta.url);

/** What one run of the benchmarks wrote; ratios are measured / baseline, budgets in PRODUCT.md. */
export interface BenchResults {
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly date: string;
  /** Per function: deployed build's module initialisation / the naive build's (median of fresh processes). */
  readonly coldStart: Record<string, number>;
  /** Per function: the figures behind each cold-start ratio, with the bundle's bytes. */
  readonly coldStartDetail: Record<
    string,
    {
      readonly runs: number;
      readonly deployedMs: number;
      readonly naiveMs: number;
      /** The same comparison in CPU time, which other work on the machine disturbs less. */
      readonly cpuRatio: number;
      readonly deployedCpuMs: number;
      readonly naiveCpuMs: number;
      readonly bundleBytes: number;
      readonly sourceMapBytes: number;
      readonly naiveBundleBytes: number;
    }
  >;
  /** HTTP submit path / bare conditional PutItem (bench/submit.ts); null until that benchmark runs. */
  readonly submit: number | null;
  /** Per response count: aggregation in memory / a bare single pass over the same responses. */
  readonly aggregation: Record<string, number>;
  /**
   * Per response count: the heap the aggregation needs, MiB: the responses it holds and its own
   * peak above them (budget: 256 MiB at 10^6).
   */
  readonly aggregationPeakHeapMiB: Record<string, number>;
  /** Per response count: the aggregation's own peak above the responses, MiB. */
  readonly aggregationWorkHeapMiB: Record<string, number>;
  /** Cohort read from DynamoDB: consumed / minimum read capacity, with its figures. */
  readonly cohortRead?: {
    readonly responses: number;
    readonly ratio: number;
    readonly consumedRcu: number;
    readonly minimumRcu: number;
    readonly pages: number;
    readonly readMs: number;
  };
  /** Extra sections (the load test, ...) as their benchmarks report them. */
  readonly [section: string]: unknown;
  readonly budgets: readonly BudgetCheck[];
}

/** Writes the results, pretty-printed, to `file` (default `bench/results.json`). */
export async function writeResults(results: BenchResults, file: URL | string = RESULTS_FILE): Promise<void> {
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** MiB with one decimal, as a number. */
export const mebibytes = (bytes: number): number => Math.round((bytes / 1_048_576) * 10) / 10;

/** A ratio rounded to three decimals, as a number. */
export const rounded = (value: number): number => Math.round(value * 1000) / 1000;
