export const BENCH_PROGRAMME = 'dones-mentores';
export const BENCH_COHORT = 'barcelona-2026';
export const BENCH_SESSION = 'mentoring-cycle';
export interface AggregateSample {
  readonly responses: number;
  readonly rounds: number;
  readonly rows: number;
  readonly generateMs: number;
  readonly dataHeapBytes: number;
  readonly baseline: { readonly ms: number; readonly peakHeapBytes: number };
  readonly aggregation: { readonly ms: number; readonly peakHeapBytes: number };
  readonly maxRssBytes: number;
}
