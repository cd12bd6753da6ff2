/**
 * Paired statistics against published reference outputs, and by properties.
 *
 * References:
 * - R's `sleep` data (Cushny & Peebles 1905; R datasets): PRODUCT.md lists R's outputs of
 *   t.test(post, pre, paired = TRUE) and wilcox.test(post, pre, paired = TRUE).
 * - R's `?wilcox.test` example (Hollander & Wolfe 1973, p. 29, Hamilton depression scale):
 *   x first visit, y second; R prints V = 40 and, two-sided, p = 0.03906 (exact);
 *   t.test(x, y, paired = TRUE): t = 3.0354, df = 8, p = 0.01618. SciPy 1.x gives
 *   ttest_rel t = 3.0353754156485917, p = 0.016176627434908088; wilcoxon p = 0.0390625.
 * - Darwin's Zea mays height differences (Fisher 1935, The Design of Experiments, §17), the
 *   SciPy `wilcoxon` documentation example: exact two-sided p = 0.041259765625 (W- = 24, so
 *   R's V = 120 - 24 = 96); one-sample t = 2.148, df = 14, p = 0.0497 (Fisher's).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as engine from '#core/statistics/paired.ts';
import { completePairs } from '#core/statistics/paired.ts';
import { hedgesJ, holmAdjust } from '#core/statistics/inference.ts';
import { cronbachAlpha as engineAlpha } from '#core/statistics/reliability.ts';
import { wilcoxonSignedRank as engineWilcoxon } from '#core/statistics/signed-rank.ts';
import * as oracle from '../support/paired-statistics-oracle.ts';
import { averageRanks } from '../support/paired-statistics-oracle.ts';

const SLEEP_PRE = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const SLEEP_POST = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
const HW_X = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const HW_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
/** A pre of zeros: a list of changes tested as its own data (R's one-sample wilcox.test). */
const zeros = (changes: readonly number[]): number[] => changes.map(() => 0);
// Changes of 3e-4 and 2e-4 beside one of 1e6 (issue 14). R 4.x:
//   pre  <- c(12.5, 40, 7, 15, 33, 21, 9, 18, 26, 5e5)
//   post <- c(12.5003, 40.0002, 9, 18, 28, 14, 17, 27, 38, 1.5e6)
//   w <- wilcox.test(post, pre, paired = TRUE); w$statistic; print(w$p.value, digits = 17)
//   # V = 44, p = 0.10546875 (exact)
const SMALL_BESIDE_LARGE_PRE = [12.5, 40, 7, 15, 33, 21, 9, 18, 26, 5e5];
const SMALL_BESIDE_LARGE_POST = [12.5003, 40.0002, 9, 18, 28, 14, 17, 27, 38, 1.5e6];
const DARWIN = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];

// The engine (what `prepost stats` and aggregation run) and the straightforward oracle that the
// equivalence tests hold it to: both must reproduce the published outputs and the properties.
const IMPLEMENTATIONS = [
  {
    name: 'the engine',
    pairedStatistics: engine.pairedStatistics,
    reliableChange: engine.reliableChange,
    normalisedGain: engine.normalisedGain,
    wilcoxonSignedRank: engineWilcoxon,
    cronbachAlpha: engineAlpha,
  },
  {
    name: 'the test oracle',
    pairedStatistics: oracle.pairedStatistics,
    reliableChange: oracle.reliableChange,
    normalisedGain: oracle.normalisedGain,
    wilcoxonSignedRank: oracle.wilcoxonSignedRank,
    cronbachAlpha: oracle.cronbachAlpha,
  },
];

describe.each(IMPLEMENTATIONS)(
  '$name',
  ({ pairedStatistics, reliableChange, normalisedGain, wilcoxonSignedRank, cronbachAlpha }) => {
    describe('against published outputs', () => {
      it("reproduces R's sleep outputs to the printed precision", () => {
        const result = pairedStatistics(SLEEP_PRE, SLEEP_POST);
        expect(result.n_paired).toBe(10);
        expect(result.mean_change).toBeCloseTo(1.58, 12);
        expect(result.t).toBeCloseTo(4.062127683382037, 12);
        expect(result.df).toBe(9);
        expect(result.p_t).toBeCloseTo(0.002832890197384273, 14);
        expect(result.ci95_low).toBeCloseTo(0.7001142367230175, 12);
        expect(result.ci95_high).toBeCloseTo(2.459885763276983, 12);
        expect(result.wilcoxon_v).toBe(45);
        expect(result.p_wilcoxon).toBeCloseTo(0.009090698015925, 14);
        expect(result.wilcoxon_method).toBe('normal-approximation');
      });

      it("reproduces R's wilcox.test help example (exact) and its paired t", () => {
        const result = pairedStatistics(HW_Y, HW_X);
        expect(result.wilcoxon_v).toBe(40);
        expect(result.wilcoxon_method).toBe('exact');
        expect(result.p_wilcoxon).toBeCloseTo(0.0390625, 12);
        expect(result.t).toBeCloseTo(3.0353754156485917, 10);
        expect(result.df).toBe(8);
        expect(result.p_t).toBeCloseTo(0.016176627434908088, 12);
      });

      it("reproduces the SciPy wilcoxon documentation example (Darwin's data) and Fisher's t", () => {
        const result = pairedStatistics(
          DARWIN.map(() => 0),
          DARWIN,
        );
        expect(result.wilcoxon_v).toBe(96);
        expect(result.wilcoxon_method).toBe('exact');
        expect(result.p_wilcoxon).toBeCloseTo(0.041259765625, 12);
        expect(result.t).toBeCloseTo(2.148, 3);
        expect(result.p_t).toBeCloseTo(0.049702944021800866, 12);
        expect(result.mean_change).toBeCloseTo(20.933333333333334, 12);
      });

      it('computes the effect sizes of Lakens (2013) from their definitions', () => {
        const result = pairedStatistics(SLEEP_PRE, SLEEP_POST);
        // sd of change, and the two SDs, from R: sd(post - pre) = 1.229995, sd(pre) = 1.789010, sd(post) = 2.002249
        expect(result.d_z).toBeCloseTo(1.58 / 1.2299954832798732, 12);
        expect(result.d_av).toBeCloseTo(1.58 / ((1.7890096577591625 + 2.002248735796829) / 2), 12);
        // J(9) = Γ(4.5) / (√4.5 · Γ(4)) = 11.631728396567448 / (2.1213203435596424 · 6)
        expect(hedgesJ(9)).toBeCloseTo(11.631728396567448 / (2.1213203435596424 * 6), 12);
        expect(result.g_av).toBeCloseTo((result.d_av ?? 0) * (hedgesJ(9) ?? 0), 12);
        // J approaches 1 - 3/(4 df - 1) (Hedges 1981's approximation) for large df.
        expect(hedgesJ(200)).toBeCloseTo(1 - 3 / (4 * 200 - 1), 5);
      });
    });

    describe('reliable change (Jacobson & Truax 1991)', () => {
      it('counts changes beyond 1.96 S_diff in the better direction', () => {
        const pre = [10, 12, 14, 16, 18];
        const post = [20, 12, 4, 17, 18];
        // SD(pre) = √10; S_diff = √10 · √2 · √(1 - 0.9) = √2; threshold 1.96 · √2 ≈ 2.77
        const higher = reliableChange(pre, post, 0.9, 'higher-better');
        expect(higher.rci_threshold).toBeCloseTo(1.96 * Math.SQRT2, 12);
        expect([higher.rci_improved, higher.rci_unchanged, higher.rci_deteriorated]).toEqual([1, 3, 1]);
        const lower = reliableChange(pre, post, 0.9, 'lower-better');
        expect([lower.rci_improved, lower.rci_unchanged, lower.rci_deteriorated]).toEqual([1, 3, 1]);
        expect(reliableChange([10, 12], [30, 12], 0.9, 'lower-better').rci_deteriorated).toBe(1);
      });

      it('has no answer without spread at baseline or a usable reliability', () => {
        expect(reliableChange([5, 5, 5], [6, 7, 8], 0.8, 'higher-better').rci_threshold).toBeNull();
        expect(reliableChange([1, 2, 3], [2, 3, 4], null, 'higher-better').rci_improved).toBeNull();
        expect(reliableChange([1, 2, 3], [2, 3, 4], 1, 'higher-better').rci_improved).toBeNull();
      });
    });

    describe('other indicators', () => {
      it("computes Cronbach's alpha on complete cases", () => {
        // Items identical across 3 items: alpha = 1. Worked example: k = 2, items (1,2,3) and (1,3,2):
        // var items 1 and 1, totals (2,5,5) var 3; alpha = 2 · (1 - 2/3) = 2/3.
        expect(
          cronbachAlpha([
            [1, 1, 1],
            [2, 2, 2],
            [3, 3, 3],
          ]),
        ).toBeCloseTo(1, 12);
        expect(
          cronbachAlpha([
            [1, 1],
            [2, 3],
            [3, 2],
            [null, 1],
          ]),
        ).toBeCloseTo(2 / 3, 12);
        expect(cronbachAlpha([[1, 2]])).toBeNull();
        expect(cronbachAlpha([[1], [2]])).toBeNull();
      });

      it("computes Hake's gain of averages and average of gains, undefined at 100% before", () => {
        const gain = normalisedGain([50, 80, 100], [75, 90, 100]);
        // averages 76.67 -> 88.33: (88.33 - 76.67) / (100 - 76.67) = 0.5; individual 0.5 and 0.5
        expect(gain.gain_of_averages).toBeCloseTo(0.5, 12);
        expect(gain.average_of_gains).toBeCloseTo(0.5, 12);
        expect(gain.gain_undefined).toBe(1);
        expect(normalisedGain([100], [100])).toEqual({
          gain_of_averages: null,
          average_of_gains: null,
          gain_undefined: 1,
        });
      });

      it("adjusts p values as R's p.adjust(method = 'holm')", () => {
        // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, null]);
        expect(adjusted.slice(0, 4).map((p) => Number(p?.toFixed(10)))).toEqual([0.03, 0.06, 0.06, 0.02]);
        expect(adjusted[4]).toBeNull();
      });

      it('ranks ties by their average rank', () => {
        expect(averageRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
      });

      it('drops incomplete pairs', () => {
        expect(completePairs([1, null, 3, 4], [2, 5, null, Number.NaN])).toEqual({ pre: [1], post: [2] });
      });
    });

    describe('edge cases have defined answers', () => {
      const noNaN = (value: unknown): void => {
        for (const entry of Object.values(value as Record<string, unknown>))
          if (typeof entry === 'number') expect(Number.isFinite(entry)).toBe(true);
      };

      it('n = 0, 1 and 2', () => {
        const empty = pairedStatistics([], []);
        expect(empty).toMatchObject({
          n_paired: 0,
          mean_change: null,
          t: null,
          p_t: null,
          wilcoxon_v: null,
          p_wilcoxon: null,
          wilcoxon_method: 'none',
          d_z: null,
          g_av: null,
        });
        const one = pairedStatistics([1], [3]);
        expect(one).toMatchObject({
          n_paired: 1,
          mean_change: 2,
          sd_change: null,
          t: null,
          df: null,
          ci95_low: null,
          wilcoxon_v: 1,
        });
        noNaN(one);
        const two = pairedStatistics([1, 2], [3, 5]);
        expect(two.df).toBe(1);
        expect(two.g_av).toBeNull();
        expect(two.t).not.toBeNull();
        noNaN(two);
      });

      it('all changes equal: zero spread, no t, a zero-width interval', () => {
        const result = pairedStatistics([1, 2, 3, 4], [3, 4, 5, 6]);
        expect(result).toMatchObject({
          mean_change: 2,
          sd_change: 0,
          t: null,
          p_t: null,
          d_z: null,
          ci95_low: 2,
          ci95_high: 2,
          wilcoxon_v: 10,
          wilcoxon_method: 'normal-approximation',
        });
        noNaN(result);
      });

      it('all changes zero', () => {
        const result = pairedStatistics([1, 2, 3], [1, 2, 3]);
        expect(result).toMatchObject({
          mean_change: 0,
          sd_change: 0,
          t: null,
          wilcoxon_v: 0,
          p_wilcoxon: null,
          wilcoxon_method: 'none',
          d_z: null,
          d_av: 0,
        });
        noNaN(result);
      });

      it('every participant missing post', () => {
        const pairs = completePairs([1, 2, 3], [null, null, null]);
        expect(pairedStatistics(pairs.pre, pairs.post).n_paired).toBe(0);
      });
    });

    describe('properties', () => {
      const sample = fc.array(fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: -50, max: 50 })), {
        minLength: 3,
        maxLength: 40,
      });

      it('swapping pre and post flips the sign of change, t and d_z, and mirrors V', () => {
        fc.assert(
          fc.property(sample, (pairs) => {
            const pre = pairs.map(([a]) => a);
            const post = pairs.map(([, b]) => b);
            const forward = pairedStatistics(pre, post);
            const backward = pairedStatistics(post, pre);
            const nonZero = pairs.filter(([a, b]) => a !== b).length;
            expect(backward.mean_change ?? 0).toBeCloseTo(-(forward.mean_change ?? 0), 9);
            if (forward.t !== null) expect(backward.t ?? 0).toBeCloseTo(-forward.t, 9);
            if (forward.d_z !== null) expect(backward.d_z ?? 0).toBeCloseTo(-forward.d_z, 9);
            expect((forward.wilcoxon_v ?? 0) + (backward.wilcoxon_v ?? 0)).toBeCloseTo(
              (nonZero * (nonZero + 1)) / 2,
              9,
            );
            if (forward.p_wilcoxon !== null) expect(backward.p_wilcoxon ?? 0).toBeCloseTo(forward.p_wilcoxon, 9);
          }),
        );
      });

      it('adding a constant to both changes nothing', () => {
        fc.assert(
          fc.property(sample, fc.integer({ min: -1000, max: 1000 }), (pairs, shift) => {
            const base = pairedStatistics(
              pairs.map(([a]) => a),
              pairs.map(([, b]) => b),
            );
            const shifted = pairedStatistics(
              pairs.map(([a]) => a + shift),
              pairs.map(([, b]) => b + shift),
            );
            for (const key of [
              'mean_change',
              'sd_change',
              't',
              'p_t',
              'wilcoxon_v',
              'p_wilcoxon',
              'd_z',
              'd_av',
              'g_av',
            ] as const) {
              if (base[key] === null) expect(shifted[key]).toBeNull();
              else expect(shifted[key] as number).toBeCloseTo(base[key] as number, 6);
            }
          }),
        );
      });

      it('scaling both scales means and keeps t, p and d_z', () => {
        fc.assert(
          fc.property(sample, fc.constantFrom(0.5, 2, 10, 3.7), (pairs, factor) => {
            const base = pairedStatistics(
              pairs.map(([a]) => a),
              pairs.map(([, b]) => b),
            );
            const scaled = pairedStatistics(
              pairs.map(([a]) => a * factor),
              pairs.map(([, b]) => b * factor),
            );
            expect(scaled.mean_change ?? 0).toBeCloseTo((base.mean_change ?? 0) * factor, 6);
            expect(scaled.mean_pre ?? 0).toBeCloseTo((base.mean_pre ?? 0) * factor, 6);
            for (const key of ['t', 'p_t', 'd_z', 'p_wilcoxon'] as const) {
              if (base[key] === null) expect(scaled[key]).toBeNull();
              else expect(scaled[key] as number).toBeCloseTo(base[key] as number, 6);
            }
          }),
        );
      });

      it('the exact and approximate Wilcoxon p agree roughly where both apply', () => {
        fc.assert(
          fc.property(
            fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: 20, maxLength: 45 }),
            fc.array(fc.boolean(), { minLength: 45, maxLength: 45 }),
            (magnitudes, signs) => {
              const changes = magnitudes.map((magnitude, index) => (signs[index] === true ? magnitude : -magnitude));
              const exact = wilcoxonSignedRank(zeros(changes), changes);
              const approximate = wilcoxonSignedRank(zeros([...changes, 0]), [...changes, 0]);
              expect(exact.method).toBe('exact');
              expect(approximate.method).toBe('normal-approximation');
              expect(Math.abs((exact.p ?? 0) - (approximate.p ?? 0))).toBeLessThan(0.05);
            },
          ),
        );
      });
    });

    describe('review findings', () => {
      it('keeps the precision of very small p values (tails taken directly)', () => {
        // n = 200, all changes positive and distinct: R gives p = 1.45e-34 (normal approximation).
        const changes = Array.from({ length: 200 }, (_, index) => index + 1);
        const large = wilcoxonSignedRank(zeros(changes), changes);
        expect(large.method).toBe('normal-approximation');
        expect(large.p ?? 0).toBeGreaterThan(1e-35);
        expect(large.p ?? 1).toBeLessThan(1e-33);
        // n = 49, all positive: exact p = 2 / 2^49 = 3.5527e-15.
        const all = Array.from({ length: 49 }, (_, index) => index + 1);
        expect(wilcoxonSignedRank(zeros(all), all).p).toBeCloseTo(2 / 2 ** 49, 25);
      });

      it('treats decimal changes equal up to floating-point noise as ties (documented difference from R)', () => {
        // 7.11 - 6.99 = 0.1200000000000001 and 9.95 - 9.83 = 0.11999999999999922: equal at 9 digits.
        const result = pairedStatistics([6.87, 7.16, 9.43, 10.09, 9.95], [6.99, 7.11, 9.01, 9.69, 9.83]);
        expect(result.wilcoxon_method).toBe('normal-approximation');
        expect(result.wilcoxon_v).toBe(2.5);
      });

      it('keeps small changes beside a large one, as R does (issue 14: V = 44, exact p = 0.10546875)', () => {
        // A tolerance of the largest change (9 digits of 1e6) dropped 3e-4 and 2e-4 as zeros:
        // V = 29, p = 0.1414821214827934 (normal approximation).
        const result = pairedStatistics(SMALL_BESIDE_LARGE_PRE, SMALL_BESIDE_LARGE_POST);
        expect(result.wilcoxon_v).toBe(44);
        expect(result.wilcoxon_method).toBe('exact');
        expect(result.p_wilcoxon).toBeCloseTo(0.10546875, 14);
        expect(wilcoxonSignedRank(SMALL_BESIDE_LARGE_PRE, SMALL_BESIDE_LARGE_POST)).toEqual({
          v: 44,
          p: 0.10546875,
          method: 'exact',
        });
      });

      it('judges a zero change relative to its own scores, so decimal noise is still a zero', () => {
        // 0.1 + 0.2 = 0.30000000000000004: zero beside 0.3, which R would count as a change.
        const noisy = wilcoxonSignedRank([0.1 + 0.2, 1, 2, 3], [0.3, 2, 4, 6]);
        expect(noisy.method).toBe('normal-approximation');
        expect(noisy.v).toBe(6);
        // A change of 1e-9 between scores of 1e-6 is 0.1% of them: a change, not noise.
        expect(wilcoxonSignedRank([1e-6], [1.001e-6])).toEqual({ v: 1, p: 1, method: 'exact' });
      });

      it('ties changes within noise of large scores but not small changes that differ', () => {
        // 1e6 + 0.1 - 1e6 = 0.10000000009313226, tied with 0.1 (noise of 1e-10 on scores of 1e6);
        // 0.1 and 0.1001 from scores near 1 differ by 1e-4: not tied.
        const tied = wilcoxonSignedRank([1e6, 0.5, 3], [1e6 + 0.1, 0.6, 5]);
        expect(tied.method).toBe('normal-approximation');
        expect(tied.v).toBe(6);
        const distinct = wilcoxonSignedRank([0.5, 0.5, 3], [0.6, 0.6001, 5]);
        expect(distinct.method).toBe('exact');
      });
    });
  },
);
