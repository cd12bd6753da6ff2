/**
 * The evaluation functions of issue 14 against R (4.x) on published and generated data, to 1e-9
 * relative, and by their properties. The R code that produced each reference is beside it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attritionBounds,
  clinicalCutoff,
  clinicalSignificance,
  comparisonDifference,
  sustainedCount,
} from '#core/statistics/evaluation.ts';

/** Equal to 1e-9 relative (absolute near zero). */
function near(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('comparisonDifference', () => {
  it("reproduces R's Welch t.test and Hedges' g on the sleep data (Cushny & Peebles 1905)", () => {
    // g1 <- sleep$extra[sleep$group == 1]; g2 <- sleep$extra[sleep$group == 2]; w <- t.test(g1, g2)
    // J <- function(df) exp(lgamma(df/2) - lgamma((df-1)/2)) / sqrt(df/2)
    // sp <- sqrt((9*var(g1) + 9*var(g2)) / 18); (mean(g1) - mean(g2)) / sp * J(18)
    const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const result = comparisonDifference(g1, g2);
    expect(result.n_programme).toBe(10);
    expect(result.n_comparison).toBe(10);
    near(result.difference, -1.5800000000000001);
    near(result.se, 0.84909101723876201);
    near(result.df, 17.776473516178498);
    near(result.ci95_low, -3.3654832307117104);
    near(result.ci95_high, 0.20548323071171018);
    near(result.t, -1.8608134674868531);
    near(result.p, 0.079394140187358173);
    near(result.g, -0.79693523919112186);
  });

  it('reproduces R on generated groups of unequal size and spread', () => {
    // set.seed(14); a <- round(rnorm(13, 2.5, 4), 2); b <- round(rnorm(7, 0.4, 1.5), 2)
    // w <- t.test(a, b); sp <- sqrt((12*var(a) + 6*var(b)) / 18); (mean(a) - mean(b)) / sp * J(18)
    const a = [-0.15, 9.38, 10.99, 8.49, 2.36, 7.43, 2.24, 6.78, 0.99, 6.67, 0.97, 3.7, 5.2];
    const b = [-0.04, 1.13, 1.72, 3.19, 2.82, 0.6, 2.03];
    const result = comparisonDifference(a, b);
    near(result.difference, 3.3681318681318682);
    near(result.se, 1.0872735379502865);
    near(result.df, 15.931854636334823);
    near(result.ci95_low, 1.0624134201928359);
    near(result.ci95_high, 5.6738503160709);
    near(result.p, 0.0069397341844610995);
    near(result.g, 1.0738855682312136);
    // Missing changes are left out.
    expect(comparisonDifference([...a, Number.NaN], Float64Array.from([Number.NaN, ...b]))).toEqual(result);
  });

  it('is null where the groups cannot give it', () => {
    const one = comparisonDifference([1], [2, 3]);
    expect(one.difference).toBe(-1.5);
    expect(one.ci95_low).toBeNull();
    expect(one.g).toBeNull();
    expect(comparisonDifference([], [1, 2]).difference).toBeNull();
    const flat = comparisonDifference([2, 2], [1, 1]);
    expect(flat.difference).toBe(1);
    expect(flat.se).toBeNull();
    expect(flat.g).toBeNull();
  });

  it('flips every sign when programme and comparison are swapped', () => {
    const changes = fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 0, maxLength: 30 });
    fc.assert(
      fc.property(changes, changes, (programme, comparison) => {
        const forward = comparisonDifference(programme, comparison);
        const back = comparisonDifference(comparison, programme);
        const flip = (value: number | null): number | null => (value === null ? null : -value + 0);
        expect(flip(back.difference)).toEqual(forward.difference === null ? null : forward.difference + 0);
        expect(flip(back.ci95_high)).toEqual(forward.ci95_low === null ? null : forward.ci95_low + 0);
        expect(flip(back.ci95_low)).toEqual(forward.ci95_high === null ? null : forward.ci95_high + 0);
        expect(flip(back.g)).toEqual(forward.g === null ? null : forward.g + 0);
        expect(back.p).toEqual(forward.p);
        expect(back.df).toEqual(forward.df);
      }),
      { numRuns: 300 },
    );
  });
});

// set.seed(14) as above, then a 0..40 scale:
// pre <- round(runif(12, 5, 35)); post <- pmin(40, pmax(0, pre + round(rnorm(12, 3, 5))))
// post[c(3, 7, 11)] <- NA; pre[5] <- NA
// has <- !is.na(pre); comp <- has & !is.na(post); lost <- has & is.na(post)
// lo <- post; lo[lost] <- 0; hi <- post; hi[lost] <- 40
// sum(lost)/sum(has); mean(post[comp] - pre[comp]); mean(lo[has] - pre[has]); mean(hi[has] - pre[has])
const ATTRITION_PRE = [8, 34, 18, 19, Number.NaN, 11, 17, 11, 28, 26, 12, 9];
const ATTRITION_POST = [18, 40, Number.NaN, 15, 18, 12, Number.NaN, 18, 33, 27, Number.NaN, 11];

describe('attritionBounds', () => {
  it('reproduces R: the share lost and the worst/best-case mean change over everyone who started', () => {
    const result = attritionBounds(ATTRITION_PRE, ATTRITION_POST, { min: 0, max: 40 }, 'higher-better');
    expect(result).toMatchObject({ n_pre: 11, n_completers: 8, n_lost: 3, meets_followup_criterion: false });
    near(result.lost_share, 0.27272727272727271);
    near(result.mean_change_completers, 3.5);
    near(result.bounds_low, -1.7272727272727273);
    near(result.bounds_high, 9.1818181818181817);
    expect(result.worst_case).toBe(result.bounds_low);
    expect(result.best_case).toBe(result.bounds_high);
    const lowerBetter = attritionBounds(ATTRITION_PRE, ATTRITION_POST, { min: 0, max: 40 }, 'lower-better');
    expect(lowerBetter.bounds_low).toBe(result.bounds_low);
    expect(lowerBetter.worst_case).toBe(result.bounds_high);
    expect(lowerBetter.best_case).toBe(result.bounds_low);
  });

  it('meets the NHLBI criterion at 20% lost or less, and has no bounds without anyone who started', () => {
    const fifth = attritionBounds([1, 2, 3, 4, 5], [2, 3, 4, 5, Number.NaN], { min: 0, max: 10 }, 'higher-better');
    expect(fifth.lost_share).toBe(0.2);
    expect(fifth.meets_followup_criterion).toBe(true);
    const nobody = attritionBounds([Number.NaN], [3], { min: 0, max: 10 }, 'higher-better');
    expect(nobody).toMatchObject({ n_pre: 0, lost_share: null, meets_followup_criterion: null, bounds_low: null });
    const badRange = attritionBounds([1], [2], { min: 5, max: 1 }, 'higher-better');
    expect(badRange.bounds_low).toBeNull();
    expect(badRange.lost_share).toBe(0);
  });

  const cohort = fc
    .array(
      fc.record({
        pre: fc.integer({ min: 0, max: 40 }),
        post: fc.integer({ min: 0, max: 40 }),
        lost: fc.boolean(),
      }),
      { minLength: 1, maxLength: 40 },
    )
    .filter((people) => people.some((person) => !person.lost));

  it('contains the mean change of every way the lost people could have answered within the range', () => {
    fc.assert(
      fc.property(cohort, fc.constantFrom('higher-better', 'lower-better'), (people, direction) => {
        const pre = people.map((person) => person.pre);
        const observed = people.map((person) => (person.lost ? Number.NaN : person.post));
        const result = attritionBounds(pre, observed, { min: 0, max: 40 }, direction);
        const truth = people.reduce((sum, person) => sum + person.post - person.pre, 0) / people.length;
        expect(result.bounds_low as number).toBeLessThanOrEqual(truth + 1e-9);
        expect(result.bounds_high as number).toBeGreaterThanOrEqual(truth - 1e-9);
        expect(result.bounds_low as number).toBeLessThanOrEqual(result.bounds_high as number);
      }),
      { numRuns: 300 },
    );
  });

  it("contains the completers' estimate when the lost resemble the completers, and equals it without loss", () => {
    fc.assert(
      fc.property(cohort, (people) => {
        const completers = people.filter((person) => !person.lost);
        // Each completer has a twin, with the same pre, who was lost.
        const pre = [...completers, ...completers].map((person) => person.pre);
        const post = [...completers.map((person) => person.post), ...completers.map(() => Number.NaN)];
        const result = attritionBounds(pre, post, { min: 0, max: 40 }, 'higher-better');
        const estimate = result.mean_change_completers as number;
        expect(result.bounds_low as number).toBeLessThanOrEqual(estimate + 1e-9);
        expect(result.bounds_high as number).toBeGreaterThanOrEqual(estimate - 1e-9);
        const complete = attritionBounds(
          completers.map((person) => person.pre),
          completers.map((person) => person.post),
          { min: 0, max: 40 },
          'higher-better',
        );
        expect(complete.bounds_low).toBeCloseTo(complete.mean_change_completers as number, 12);
        expect(complete.bounds_high).toBeCloseTo(complete.mean_change_completers as number, 12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('clinicalCutoff', () => {
  it("follows Jacobson & Truax's criteria a, b and c, in either direction, and a published cut-off wins", () => {
    const functional = { mean: 10, sd: 5 };
    const dysfunctional = { mean: 26, sd: 7 };
    // c = (s_f m_d + s_d m_f) / (s_f + s_d) = (5·26 + 7·10) / 12
    expect(clinicalCutoff({ functional, dysfunctional, source: 's' }, 'lower-better')).toEqual({
      cutoff: 200 / 12,
      criterion: 'c',
    });
    expect(clinicalCutoff({ functional, source: 's' }, 'lower-better')).toEqual({ cutoff: 20, criterion: 'b' });
    expect(clinicalCutoff({ dysfunctional, source: 's' }, 'lower-better')).toEqual({ cutoff: 12, criterion: 'a' });
    expect(clinicalCutoff({ functional: { mean: 50, sd: 6 }, source: 's' }, 'higher-better')).toEqual({
      cutoff: 38,
      criterion: 'b',
    });
    expect(clinicalCutoff({ dysfunctional: { mean: 30, sd: 4 }, source: 's' }, 'higher-better')).toEqual({
      cutoff: 38,
      criterion: 'a',
    });
    expect(clinicalCutoff({ functional, dysfunctional, cutoff: 17, source: 's' }, 'lower-better')).toEqual({
      cutoff: 17,
      criterion: 'published',
    });
    expect(clinicalCutoff(undefined, 'lower-better')).toBeNull();
  });
});

describe('clinicalSignificance', () => {
  // set.seed(14) as above, then: pre3 <- round(rnorm(15, 24, 6)); post3 <- round(pre3 - rnorm(15, 5, 6))
  // r <- 0.85; sdiff <- sd(pre3) * sqrt(2) * sqrt(1 - r); lower is better; for each cut-off:
  // ch <- post3 - pre3; rel <- abs(ch)/sdiff > 1.96; imp <- rel & ch < 0; det <- rel & ch > 0
  // rec <- imp & pre3 > cut & post3 < cut
  // c(1.96*sdiff, sum(rec), sum(imp & !rec), sum(!rel), sum(det), mean(pre3 < cut), mean(post3 < cut))
  const pre = [32, 24, 21, 26, 24, 24, 16, 11, 19, 28, 27, 24, 13, 35, 18];
  const post = [36, 19, 13, 26, 21, 12, 12, 7, 18, 23, 29, 24, 14, 29, 18];
  const functional = { mean: 10, sd: 5 };
  const dysfunctional = { mean: 26, sd: 7 };

  it('reproduces R for criteria c, b and a on a lower-is-better scale', () => {
    const cases = [
      {
        norms: { functional, dysfunctional, source: 's' },
        criterion: 'c',
        counts: [2, 0, 13, 0],
        typical: [0.2, 1 / 3],
      },
      {
        norms: { functional, source: 's' },
        criterion: 'b',
        counts: [2, 0, 13, 0],
        typical: [1 / 3, 0.5333333333333333],
      },
      { norms: { dysfunctional, source: 's' }, criterion: 'a', counts: [0, 2, 13, 0], typical: [1 / 15, 1 / 15] },
    ] as const;
    for (const { norms, criterion, counts, typical } of cases) {
      const result = clinicalSignificance(pre, post, { reliability: 0.85, norms, direction: 'lower-better' });
      expect(result.criterion).toBe(criterion);
      near(result.rci_threshold, 7.1233452815373202);
      expect([result.recovered, result.improved, result.unchanged, result.deteriorated]).toEqual(counts);
      near(result.typical_before, typical[0]);
      near(result.typical_after, typical[1]);
      expect(result.n_paired).toBe(15);
    }
  });

  it('reproduces R on a higher-is-better scale with a functional norm (b) and with a published cut-off', () => {
    // set.seed(1991); pre <- round(rnorm(20, 40, 8), 1); post <- round(pre + rnorm(20, 4, 9), 1)
    // r <- 0.92; sdiff <- sd(pre)*sqrt(2)*sqrt(1-r); higher is better; cut-offs 50 - 2*6 and 45:
    // rel <- abs(ch)/sdiff > 1.96; imp <- rel & ch > 0; rec <- imp & pre < cut & post > cut
    const before = [31.7, 22.3, 46.5, 47.6, 37.5, 41.9, 16.8, 38.2, 56, 49, 41.8, 34.1, 46.9, 31.4, 70.2, 49.6];
    const after = [48.1, 24.2, 51.6, 51.7, 49.4, 41.1, 4, 53.1, 63.7, 57.5, 62.7, 40.8, 56.2, 43.2, 80.9, 72];
    const pre2 = [...before, 26.6, 31.9, 49.1, 32.7];
    const post2 = [...after, 17.1, 20, 48.1, 23.2];
    const b = clinicalSignificance(pre2, post2, {
      reliability: 0.92,
      norms: { functional: { mean: 50, sd: 6 }, source: 's' },
      direction: 'higher-better',
    });
    expect(b).toMatchObject({ criterion: 'b', cutoff: 38, recovered: 3, improved: 4, unchanged: 11, deteriorated: 2 });
    near(b.rci_threshold, 9.7116418267431666);
    near(b.typical_before, 0.55);
    near(b.typical_after, 0.75);
    const published = clinicalSignificance(pre2, post2, {
      reliability: 0.92,
      norms: { cutoff: 45, source: 's' },
      direction: 'higher-better',
    });
    expect(published).toMatchObject({ criterion: 'published', recovered: 4, improved: 3, unchanged: 11 });
    near(published.typical_before, 0.4);
    near(published.typical_after, 0.6);
  });

  it('reproduces the R package clinicalsignificance 3.0.0 on published BDI-II data (Claus et al. 2020)', () => {
    // Claus, Scherbaum & Bonnet (2020), doi:10.1159/000505855, the package's claus_2020: bdi at
    // time 1 (pre) and 4 (post), ids 1..43. Its vignette "combined-approach" prints, for
    // cs_combined(claus_2020, id, time, bdi, pre = 1, post = 4, m_functional = 7.69,
    // sd_functional = 7.52, reliability = 0.801): N used 40, cutoff type a = 19.16 (clinical
    // M 35.48, SD 8.16 from the data), recovered 10, improved 8, unchanged 22, deteriorated 0.
    // By hand in R: ok <- !is.na(pre) & !is.na(post); cut <- mean(pre[ok]) - 2 * sd(pre[ok])
    // # 19.157713272303937; sdiff <- sd(pre[ok]) * sqrt(2) * sqrt(1 - 0.801); 1.96 * sdiff
    // # 10.088243511670859; mean(pre[ok] < cut), mean(post[ok] < cut) # 0.025, 0.35
    const NA = Number.NaN;
    const pre = [33, 26, 15, 20, 39, 22, 25, 33, 23, 47, 43, 51, 42, 38, 40, 37, 28, 39, 31, 51, 51, 33, 36, 38, 45];
    const post = [27, 19, 5, NA, 46, 28, 18, 30, 8, 24, 13, 44, 51, 17, 27, 30, NA, 48, 27, 44, 25, 34, 22, 38, 53];
    pre.push(38, 46, 37, 28, 37, 36, 25, 30, 36, 35, 37, 35, 31, 28, 35, 49, 33, 31);
    post.push(16, NA, 36, 4, 22, 32, 2, 19, 23, 38, 7, 8, 27, 19, 23, 37, 9, 28);
    const paired = pre.filter((_, index) => !Number.isNaN(post[index] as number));
    const mean = paired.reduce((sum, value) => sum + value, 0) / paired.length;
    const sd = Math.sqrt(paired.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (paired.length - 1));
    const result = clinicalSignificance(pre, post, {
      reliability: 0.801,
      norms: { dysfunctional: { mean, sd }, source: 'Claus et al. 2020' },
      direction: 'lower-better',
    });
    expect(result).toMatchObject({ n_paired: 40, criterion: 'a', recovered: 10, improved: 8, unchanged: 22 });
    expect(result.deteriorated).toBe(0);
    near(result.cutoff, 19.157713272303937);
    near(result.rci_threshold, 10.088243511670859);
    near(result.typical_before, 0.025);
    near(result.typical_after, 0.35);
  });

  it('leaves out what it cannot give: categories without reliability, recovery and shares without norms', () => {
    const noReliability = clinicalSignificance(pre, post, {
      reliability: null,
      norms: { functional, source: 's' },
      direction: 'lower-better',
    });
    expect(noReliability).toMatchObject({ rci_threshold: null, recovered: null, improved: null, criterion: 'b' });
    expect(noReliability.typical_before).not.toBeNull();
    const noNorms = clinicalSignificance(pre, post, { reliability: 0.85, norms: undefined, direction: 'lower-better' });
    expect(noNorms).toMatchObject({ criterion: null, cutoff: null, recovered: null, improved: 2, typical_after: null });
    const empty = clinicalSignificance([Number.NaN], [1], {
      reliability: 0.8,
      norms: undefined,
      direction: 'higher-better',
    });
    expect(empty).toMatchObject({ n_paired: 0, rci_threshold: null, typical_before: null });
  });

  it('puts a score at the cut-off on neither side: no recovery from it, not in the typical range', () => {
    const result = clinicalSignificance([20, 20, 10, 30], [40, 20, 20, 30], {
      reliability: 0.9,
      norms: { cutoff: 20, source: 's' },
      direction: 'higher-better',
    });
    // SD of pre = 8.1650, threshold = 1.96 · 8.1650 · √2 · √0.1 = 7.157: 20 -> 40 and 10 -> 20 are reliable.
    expect(result).toMatchObject({ recovered: 0, improved: 2, unchanged: 2, typical_before: 0.25, typical_after: 0.5 });
  });

  it('uses a given baseline SD, so a subgroup counts a person as the whole group does', () => {
    const whole = clinicalSignificance(pre, post, { reliability: 0.85, norms: undefined, direction: 'lower-better' });
    const sd = (whole.rci_threshold as number) / 1.96 / Math.SQRT2 / Math.sqrt(0.15);
    const part = clinicalSignificance(pre.slice(0, 6), post.slice(0, 6), {
      reliability: 0.85,
      norms: undefined,
      direction: 'lower-better',
      baselineSd: sd,
    });
    near(part.rci_threshold, 7.1233452815373202);
    // Of the first six, 21 -> 13 and 24 -> 12 are reliable improvements (beyond 7.12).
    expect(part).toMatchObject({ improved: 2, unchanged: 4, deteriorated: 0 });
  });
});

describe('sustainedCount', () => {
  it('counts improvement at post kept at follow-up among people with all three, as R', () => {
    // pre4 <- c(10, 12, 15, 9, NA, 20, 14, 11, 13, 8); post4 <- c(14, 12, 18, 7, 15, 25, NA, 16, 12, 12)
    // fu4 <- c(13, 15, 14, 10, 16, 19, 15, NA, 14, 8); ok <- !is.na(pre4) & !is.na(post4) & !is.na(fu4)
    // sum(ok & post4 > pre4 & fu4 > pre4); sum(ok); sum(ok & post4 > pre4)   # 1, 7, 4
    const NA = Number.NaN;
    const pre = [10, 12, 15, 9, NA, 20, 14, 11, 13, 8];
    const post = [14, 12, 18, 7, 15, 25, NA, 16, 12, 12];
    const followup = Float64Array.from([13, 15, 14, 10, 16, 19, 15, NA, 14, 8]);
    expect(sustainedCount(pre, post, followup, 'higher-better')).toEqual({
      n: 7,
      sustained: 1,
      share: 1 / 7,
      improved_at_post: 4,
    });
    // Reversed: lower is better. Falls at post: rows 4 (9 -> 7) and 9 (13 -> 12); kept: neither.
    expect(sustainedCount(pre, post, followup, 'lower-better')).toMatchObject({
      n: 7,
      sustained: 0,
      improved_at_post: 2,
    });
    expect(sustainedCount([], [], [], 'higher-better')).toEqual({
      n: 0,
      sustained: 0,
      share: null,
      improved_at_post: 0,
    });
  });

  it('does not count floating-point noise as an improvement', () => {
    expect(sustainedCount([0.1 + 0.2], [0.3 + 1e-17], [0.4], 'lower-better').improved_at_post).toBe(0);
    expect(sustainedCount([0.3], [0.1 + 0.2], [0.4], 'higher-better').improved_at_post).toBe(0);
  });
});
