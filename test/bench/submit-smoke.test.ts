/**
 * The submit benchmark and the load test start and measure what they say, run tiny: a few timed
 * rounds, a few dozen submissions. Their budgets are held by `npm run bench`, never here (a
 * timing on a busy machine proves nothing); what is checked is what cannot depend on timing:
 * the calls per wave, one write per final POST with no read of the link or the wave, and no
 * submission lost or stored twice.
 */
import { describe, expect, it } from 'vitest';
import { benchLoad } from '../../bench/load.ts';
import { benchSubmit } from '../../bench/submit.ts';

describe('bench/submit.ts', () => {
  it('times the final POST against a bare PutItem and counts the calls of a wave of each seed programme', async () => {
    const result = await benchSubmit({ rounds: 6, warmup: 2 });
    expect(result.ratio).toBeGreaterThan(0);
    expect(Number.isFinite(result.ratio)).toBe(true);
    expect(Object.keys(result.callsPerWave).sort()).toEqual([
      'dones-mentores',
      'justrom3-mentoring',
      'migrant-voices-heard',
    ]);
    // Dones Mentores: seven screens, a draft for each but the last, then the response; no Query.
    expect(result.callsPerWave['dones-mentores']).toEqual(expect.objectContaining({ put: 7, query: 0, other: 0 }));
    for (const calls of Object.values(result.callsPerWave)) expect(calls.get).toBeGreaterThan(0);
    expect(result.finalPostCalls).toEqual(
      expect.objectContaining({ posts: 6, puts: 6, linkReads: 0, waveReads: 0, other: 0 }),
    );
    const calls = result.checks.find((check) => check.budget.startsWith('submit: one write'));
    expect(calls?.ok).toBe(true);
    expect(result.checks.map((check) => check.budget)).toContain(
      'submit: HTTP final POST <= 1.5x a bare conditional PutItem of the same item',
    );
  });
});

describe('bench/load.ts', () => {
  it('answers every submission once, loses none, and reads the table back to prove it', async () => {
    const result = await benchLoad({ concurrency: 6, submissions: 40, doubleTaps: 0.25 });
    expect(result).toEqual(
      expect.objectContaining({ submissions: 40, concurrency: 6, lost: 0, duplicated: 0, failed: 0 }),
    );
    expect(result.p50Ms).toBeGreaterThan(0);
    expect(result.p50Ms).toBeLessThanOrEqual(result.p95Ms);
    expect(result.p95Ms).toBeLessThanOrEqual(result.p99Ms);
    expect(result.checks.every((check) => check.ok)).toBe(true);
  });
});
