/**
 * `npm run bench` starts every benchmark and writes its results file: run at token sizes
 * (`--smoke`: one function's cold start in two processes each, a few thousand responses streamed,
 * a few hundred aggregated end to end from DynamoDB, a small cohort read, the page weights, a
 * few hundred cohorts' summaries), into a file of the test's own. Nothing here is timed: the
 * figures of a smoke run mean nothing, only that each benchmark ran and the file has its shape.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/results.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let exitCode: number | null;
let output = '';
let results: BenchResults;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepost-bench-smoke-'));
  const file = join(dir, 'results.json');
  exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--results', file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('close', resolve);
  });
  results = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const positive = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value) && value > 0;

describe('npm run bench --smoke', () => {
  it('runs every benchmark to the end', () => {
    expect(exitCode, output).toBe(0);
    for (const section of [
      'Cold start',
      'Aggregation in memory, streamed',
      'Aggregation end to end',
      'Cohort read',
      'Survey page weight',
      'Monthly funder summary at scale',
      'Budgets',
    ])
      expect(output).toContain(section);
  });

  it('writes a cold-start ratio and the bundle bytes of the function it measured', () => {
    expect(Object.keys(results.coldStart)).toEqual(['get-survey']);
    expect(positive(results.coldStart['get-survey'])).toBe(true);
    const detail = results.coldStartDetail['get-survey'];
    expect(detail?.runs).toBe(2);
    expect(positive(detail?.bundleBytes)).toBe(true);
    expect(positive(detail?.cpuRatio)).toBe(true);
    expect(positive(detail?.naiveBundleBytes)).toBe(true);
  });

  it('writes the aggregation ratio and the heap it needs per size, and the cohort read', () => {
    expect(Object.keys(results.aggregation)).toEqual(['1000', '2000']);
    expect(Object.values(results.aggregation).every(positive)).toBe(true);
    expect(Object.keys(results.aggregationPeakHeapMiB)).toEqual(['1000', '2000']);
    expect(Object.values(results.aggregationPeakHeapMiB).every(positive)).toBe(true);
    expect(results.aggregationDetail?.['2000']?.rounds).toBeGreaterThan(1);
    expect(positive(results.aggregationDetail?.['2000']?.heldResponsesMiB)).toBe(true);
    expect(results.cohortRead?.responses).toBe(200);
    expect(positive(results.cohortRead?.ratio)).toBe(true);
  });

  it('writes the end-to-end aggregation from DynamoDB: one Query pass a cohort, no Scan', () => {
    const endToEnd = results.aggregationEndToEnd;
    expect(endToEnd?.responses).toBe(400);
    expect(endToEnd?.responsesRead).toBe(400);
    expect(endToEnd?.scans).toBe(0);
    expect(endToEnd?.queryPassesPerCohort).toBe(1);
    expect(positive(endToEnd?.ms)).toBe(true);
    expect(positive(endToEnd?.peakHeapMiB)).toBe(true);
    expect(positive(endToEnd?.readRcuPerResponse)).toBe(true);
  });

  it('writes the slowest month of the summary per number of cohorts', () => {
    expect(Object.keys(results.disclosure ?? {})).toEqual(['20', '200']);
    for (const sample of Object.values(results.disclosure ?? {})) {
      expect(sample.months).toBe(2);
      expect(positive(sample.slowestMonthCpuMs)).toBe(true);
    }
  });

  it('writes every budget check it made, and a place for the submit ratio', () => {
    expect('submit' in results).toBe(true);
    expect(results.budgets.length).toBeGreaterThan(4);
    for (const check of results.budgets) expect(typeof check.ok).toBe('boolean');
  });
});
