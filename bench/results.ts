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
  /** HTTP final POST at the server / a bare conditional PutItem of the same item (bench/submit.ts; budget 1.5x). */
  readonly submit: number;
  /**
   * Per response count: aggregation (the cohort's and the pool's tables, fed page by page) / a
   * bare single pass over the same pages (budget: 3x at 10^6).
   */
  readonly aggregation: Record<string, number>;
  /**
   * Per response count: the peak memory of the streamed aggregation, MiB: V8 heap used plus array
   * buffers above the process's baseline (budget: 256 MiB at 10^6).
   */
  readonly aggregationPeakHeapMiB: Record<string, number>;
  /** Per response count: the figures behind the two above, and the memory the responses take held (before). */
  readonly aggregationDetail?: Record<
    string,
    {
      readonly rounds: number;
      readonly pageResponses: number;
      readonly bareMs: number;
      readonly aggregationMs: number;
      readonly cohortOnlyMs: number;
      readonly cohortOnlyRatio: number;
      readonly barePeakMiB: number;
      readonly heldResponsesMiB: number;
    }
  >;
  /** `aggregate(deps, { programme, full: true })` against the embedded DynamoDB. */
  readonly aggregationEndToEnd?: {
    readonly responses: number;
    readonly cohorts: number;
    readonly rounds: number;
    readonly fillMs: number;
    readonly ms: number;
    readonly peakHeapMiB: number;
    /** Query and GetItem capacity consumed in a run, per response. */
    readonly readRcuPerResponse: number;
    readonly queryRcu: number;
    readonly requests: Readonly<Record<string, number>>;
    readonly scans: number;
    readonly queryPassesPerCohort: number;
    readonly responsesRead: number;
  };
  /** Per number of cohorts: the monthly summary's slowest month (budget: 60 s CPU at 10,000 cohorts). */
  readonly disclosure?: Record<
    string,
    {
      readonly people: number;
      readonly months: number;
      readonly rows: number;
      readonly slowestMonthCpuMs: number;
      readonly slowestMonthMs: number;
    }
  >;
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
