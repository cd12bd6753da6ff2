/**
 * Evaluation beyond before-after in the tables: follow-up, then-test, attrition bounds,
 * clinically significant change, and comparison cohorts, against R on a small cohort whose
 * scores are given directly (reference values from R 4, the script in each comment), and by
 * properties.
 */
import { describe, expect, it } from 'vitest';
import type { Indicators } from '#core/model.ts';
import { withComparison } from '#core/statistics/comparison.ts';
import {
  attritionBounds,
  clinicalSignificance,
  comparisonDifference,
  sustainedCount,
} from '#core/statistics/evaluation.ts';
import type { Norms } from '#surveys/schema.ts';
import { emptyAlphaSums } from '#core/statistics/reliability.ts';
import type { Column, Measure } from '#core/statistics/columns.ts';
import { layCells, NO_GROUPS } from '#core/statistics/groups.ts';
import { columnCells, tableRows } from '#core/statistics/table.ts';

// R:
// pre  <- c(12, 15, 9, 20, 14, NA, 11, 17, 8, 13, 16, 10)
// post <- c(18, 17, 15, 21, 19, 14, NA, 20, 12, NA, 22, 16)
// fu   <- c(17, NA, 14, 22, 13, 15, 12, 19, NA, 14, 21, 13)
// th   <- c(10, 14, 8, NA, 11, 12, NA, 15, 7, NA, 13, 9)
const NA = Number.NaN;
const pre = [12, 15, 9, 20, 14, NA, 11, 17, 8, 13, 16, 10];
const post = [18, 17, 15, 21, 19, 14, NA, 20, 12, NA, 22, 16];
const followup = [17, NA, 14, 22, 13, 15, 12, 19, NA, 14, 21, 13];
const retrospective = [10, 14, 8, NA, 11, 12, NA, 15, 7, NA, 13, 9];
const norms: Norms = { functional: { mean: 22, sd: 4 }, dysfunctional: { mean: 12, sd: 5 }, source: 'test' };

function column(measure: Partial<Measure>, later: { followup?: number[]; retrospective?: number[] } = {}): Column {
  return {
    id: 'scale',
    part: null,
    measure: {
      percent: false,
      direction: 'higher-better',
      reliability: undefined,
      range: { min: 0, max: 30 },
      ...measure,
    },
    pre: Float64Array.from(pre),
    post: Float64Array.from(post),
    ...(later.followup === undefined ? {} : { followup: Float64Array.from(later.followup) }),
    ...(later.retrospective === undefined ? {} : { retrospective: Float64Array.from(later.retrospective) }),
    alpha: emptyAlphaSums(1),
  };
}

function whole(of: Column): Indicators {
  const cells = columnCells(of, layCells(NO_GROUPS, pre.length), pre.length);
  const indicators = cells.indicators[0];
  if (indicators === null || indicators === undefined) throw new Error('no whole-group cell');
  return indicators;
}

/** Both null (or absent), or both numbers in relative agreement to 1e-9. */
function same(actual: number | null | undefined, expected: number | null): void {
  if (expected === null) expect(actual ?? null).toBeNull();
  else close(actual, expected);
}

/** Relative agreement to 1e-9 (absolute near zero). */
function close(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

describe('evaluation beyond before-after in a table', () => {
  it('reports attrition and Manski bounds beside every mean change', () => {
    const indicators = whole(column({}));
    // sum(!is.na(pre) & is.na(post)) / sum(!is.na(pre)); mean(c(post[p]-pre[p], 0 - pre[drop])); ... 30 - pre[drop]
    close(indicators.lost_share, 0.18181818181818182);
    close(indicators.bounds_low, 1.3636363636363635);
    close(indicators.bounds_high, 6.8181818181818183);
    expect(indicators.bounds_low as number).toBeLessThanOrEqual(indicators.mean_change as number);
    expect(indicators.bounds_high as number).toBeGreaterThanOrEqual(indicators.mean_change as number);
    // A design without a follow-up or then-test has none of their keys.
    expect('n_followup' in indicators || 'n_then' in indicators || 'csc_cutoff' in indicators).toBe(false);
  });

  it('computes the follow-up indicators as R does', () => {
    const indicators = whole(column({}, { followup }));
    // d <- (fu - pre)[!is.na(fu) & !is.na(pre)]; mean(d); sd(d); t.test(d)$conf.int
    expect(indicators.n_followup).toBe(9);
    close(indicators.mean_change_followup, 2.5555555555555554);
    close(indicators.sd_change_followup, 2.1278575558006176);
    close(indicators.ci95_low_followup, 0.9199394479550046);
    close(indicators.ci95_high_followup, 4.1911716631561067);
    // d <- (fu - post)[!is.na(fu) & !is.na(post)]
    expect(indicators.n_post_followup).toBe(8);
    close(indicators.mean_change_post_followup, -1.375);
    close(indicators.ci95_low_post_followup, -3.267622857224408);
    close(indicators.ci95_high_post_followup, 0.5176228572244086);
    // a <- all three; sum(a & post > pre & fu > pre)
    expect(indicators.n_all_waves).toBe(7);
    expect(indicators.n_sustained).toBe(6);
    close(indicators.lost_share_followup, 0.18181818181818182);
    // mean(c(fu[b]-pre[b], 0 - pre[l])); ... 30 - pre[l], with b = pre and fu, l = pre and no fu
    close(indicators.bounds_low_followup, 0);
    close(indicators.bounds_high_followup, 5.4545454545454541);
  });

  it('computes the then-test and the response shift as R does', () => {
    const indicators = whole(column({}, { retrospective }));
    // d <- (post - th)[...]; t.test(d)
    expect(indicators.n_then).toBe(9);
    close(indicators.mean_change_then, 6);
    close(indicators.ci95_low_then, 4.156798779249729);
    close(indicators.ci95_high_then, 7.8432012207502702);
    // d <- (th - pre)[...]; t.test(d)
    expect(indicators.n_shift).toBe(8);
    close(indicators.mean_response_shift, -1.75);
    close(indicators.ci95_low_shift, -2.4910533427603725);
    close(indicators.ci95_high_shift, -1.0089466572396275);
  });

  it("classifies clinically significant change by Jacobson and Truax's criterion c", () => {
    const indicators = whole(column({ reliability: { method: 'published', value: 0.85 }, norms }));
    // cut <- (4*12 + 5*22)/(4+5); sdiff <- sd(pre[p]) * sqrt(2) * sqrt(1 - 0.85); rel <- (post-pre)/sdiff > 1.96
    close(indicators.csc_cutoff, 17.555555555555557);
    expect(indicators.csc_criterion).toBe('c');
    expect(indicators.rci_improved).toBe(5);
    // sum(rel & pre[p] < cut & post[p] >= cut)
    expect(indicators.rci_recovered).toBe(3);
    close(indicators.typical_pre_share, 0.1111111111111111);
    close(indicators.typical_post_share, 0.55555555555555558);
    const lower = whole(
      column({ reliability: { method: 'published', value: 0.85 }, norms: { cutoff: 25, source: 't' } }),
    );
    expect(lower.csc_criterion).toBe('published');
    expect(lower.csc_cutoff).toBe(25);
    // Only the functional population: criterion b, two SDs below its mean for a higher-better score.
    const onlyFunctional = whole(
      column({
        reliability: { method: 'published', value: 0.85 },
        norms: { functional: { mean: 22, sd: 4 }, source: 't' },
      }),
    );
    expect(onlyFunctional.csc_criterion).toBe('b');
    expect(onlyFunctional.csc_cutoff).toBe(14);
  });

  it('sets the programme against its comparison cohorts with a Welch interval and Hedges g', () => {
    // x <- c(6, 2, 6, 1, 5, 6, 3, 6); y <- c(1, -2, 3, 0, 2, -1, 1); t.test(x, y); pooled SD x J(n1 + n2 - 2)
    const programmeChanges = [6, 2, 6, 1, 5, 6, 3, 6];
    const comparisonChanges = [1, -2, 3, 0, 2, -1, 1];
    const table = (changes: number[]) => {
      const scores: Column = {
        id: 'scale',
        part: null,
        measure: { percent: false, direction: 'higher-better', reliability: undefined },
        pre: new Float64Array(changes.length).fill(10),
        post: Float64Array.from(changes, (change) => 10 + change),
        alpha: emptyAlphaSums(1),
      };
      return tableRows([scores], NO_GROUPS, changes.length, null, null);
    };
    const [row] = withComparison(table(programmeChanges), table(comparisonChanges));
    const indicators = row?.indicators;
    expect(indicators?.n_comparison).toBe(7);
    close(indicators?.did_estimate, 3.8035714285714288);
    close(indicators?.did_ci95_low, 1.691747389045543);
    close(indicators?.did_ci95_high, 5.915395468097314);
    close(indicators?.did_df, 12.97908517080298);
    close(indicators?.did_g, 1.8706398898079821);
    // Swapping programme and comparison flips the sign of the difference and of its interval.
    const [swapped] = withComparison(table(comparisonChanges), table(programmeChanges));
    close(swapped?.indicators.did_estimate, -3.8035714285714288);
    close(swapped?.indicators.did_ci95_low, -5.915395468097314);
    close(swapped?.indicators.did_g, -1.8706398898079821);
  });

  it('counts as the evaluation functions do, on random cohorts in either direction', () => {
    let seed = 17;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const score = (missing: number): number => (random() < missing ? Number.NaN : Math.round(random() * 30));
    for (let world = 0; world < 40; world += 1) {
      const n = 5 + Math.floor(random() * 60);
      const direction = world % 2 === 0 ? ('higher-better' as const) : ('lower-better' as const);
      const columnOf = (pre: number[], post: number[], followup: number[]): Column => ({
        id: 'scale',
        part: null,
        measure: {
          percent: false,
          direction,
          reliability: { method: 'published', value: 0.7 },
          range: { min: 0, max: 30 },
          norms: { functional: { mean: 18, sd: 5 }, dysfunctional: { mean: 9, sd: 4 }, source: 't' },
        },
        pre: Float64Array.from(pre),
        post: Float64Array.from(post),
        followup: Float64Array.from(followup),
        alpha: emptyAlphaSums(1),
      });
      const pre = Array.from({ length: n }, () => score(0.1));
      const post = Array.from({ length: n }, () => score(0.25));
      const followup = Array.from({ length: n }, () => score(0.35));
      const [row] = tableRows([columnOf(pre, post, followup)], NO_GROUPS, n, null, null);
      const indicators = row?.indicators as Indicators;
      const bounds = attritionBounds(pre, post, { min: 0, max: 30 }, direction);
      expect(indicators.lost_share ?? null).toBe(bounds.lost_share);
      same(indicators.bounds_low, bounds.bounds_low);
      same(indicators.bounds_high, bounds.bounds_high);
      const followupBounds = attritionBounds(pre, followup, { min: 0, max: 30 }, direction);
      same(indicators.bounds_low_followup, followupBounds.bounds_low);
      same(indicators.bounds_high_followup, followupBounds.bounds_high);
      expect(indicators.lost_share_followup ?? null).toBe(followupBounds.lost_share);
      const sustained = sustainedCount(pre, post, followup, direction);
      expect([indicators.n_all_waves, indicators.n_sustained]).toEqual([sustained.n, sustained.sustained]);
      const clinical = clinicalSignificance(pre, post, {
        reliability: 0.7,
        norms: { functional: { mean: 18, sd: 5 }, dysfunctional: { mean: 9, sd: 4 } },
        direction,
      });
      expect(indicators.csc_cutoff).toBe(clinical.cutoff);
      expect(indicators.rci_recovered ?? null).toBe(clinical.recovered);
      // The table's rci_improved counts every reliable improvement, the recovered among them.
      expect(indicators.rci_improved).toBe(
        clinical.improved === null ? null : clinical.improved + (clinical.recovered as number),
      );
      expect(indicators.rci_deteriorated).toBe(clinical.deteriorated);
      expect(indicators.typical_pre_share ?? null).toBe(clinical.typical_before);
      expect(indicators.typical_post_share ?? null).toBe(clinical.typical_after);
      // Comparison: the same world's changes against another's.
      const otherPre = Array.from({ length: n }, () => score(0.1));
      const otherPost = Array.from({ length: n }, () => score(0.2));
      const [compared] = withComparison(
        tableRows([columnOf(pre, post, followup)], NO_GROUPS, n, null, null),
        tableRows([columnOf(otherPre, otherPost, followup)], NO_GROUPS, n, null, null),
      );
      const difference = comparisonDifference(
        pre.map((before, index) => (post[index] as number) - before),
        otherPre.map((before, index) => (otherPost[index] as number) - before),
      );
      same(compared?.indicators.did_estimate, difference.difference);
      same(compared?.indicators.did_ci95_low, difference.ci95_low);
      same(compared?.indicators.did_ci95_high, difference.ci95_high);
      same(compared?.indicators.did_g, difference.g);
    }
  });
});
