/**
 * Inference on a mean change, from a cell's mean, SD and n: the t interval and test, the effect
 * sizes, and Holm's adjustment across a family of tests. The t distribution comes from @stdlib.
 * A statistic that does not exist for the data (t with zero spread) is null, never NaN.
 * Checked against R's `t.test` on the `sleep` data, R's `?wilcox.test` example and Darwin's
 * Zea mays data, and Lakens (2013) (test/core/paired-statistics.test.ts).
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import gammaln from '@stdlib/math-base-special-gammaln';
import type { Indicators } from '../model.ts';

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * The 95% CI of a mean change (mean ± t(0.975, n-1) · sd / √n) and the paired t-test (t =
 * mean / (sd / √n), df = n - 1, two-sided p). With zero spread the interval has no width and
 * t does not exist (null).
 */
export function tInterval(
  meanChange: number | null,
  sdChange: number | null,
  n: number,
): Pick<Indicators, 'ci95_low' | 'ci95_high' | 't' | 'df' | 'p_t'> {
  const df = n < 2 ? null : n - 1;
  if (df === null || meanChange === null || sdChange === null)
    return { ci95_low: null, ci95_high: null, t: null, df, p_t: null };
  const standardError = sdChange / Math.sqrt(n);
  const margin = tQuantile(0.975, df) * standardError;
  const t = standardError > 0 ? meanChange / standardError : null;
  const pT = t === null ? null : Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return {
    ci95_low: finite(meanChange - margin),
    ci95_high: finite(meanChange + margin),
    t: t === null ? null : finite(t),
    df,
    p_t: pT === null ? null : finite(pT),
  };
}

/** The t-based 95% interval of a mean: mean ± t(0.975, n-1) · sd / √n; null bounds below n = 2. */
export function meanInterval(
  mean: number,
  sd: number | null,
  n: number,
): { mean: number; low: number | null; high: number | null } {
  if (sd === null || n < 2) return { mean, low: null, high: null };
  const margin = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { mean, low: mean - margin, high: mean + margin };
}

/**
 * Lakens' (2013) d_z = mean change / sd change (eq. 6) and d_av = mean change / ((sd pre + sd
 * post) / 2) (eq. 10), and Hedges' g_av = d_av · J(df) (eq. 4); null where a denominator is 0
 * or missing.
 */
export function effectSizes(
  meanChange: number | null,
  sdChange: number | null,
  sdPre: number | null,
  sdPost: number | null,
  df: number | null,
): Pick<Indicators, 'd_z' | 'd_av' | 'g_av'> {
  const dZ = meanChange !== null && sdChange !== null && sdChange > 0 ? meanChange / sdChange : null;
  const averageSd = sdPre !== null && sdPost !== null ? (sdPre + sdPost) / 2 : null;
  const dAv = meanChange !== null && averageSd !== null && averageSd > 0 ? meanChange / averageSd : null;
  const correction = df === null ? null : hedgesJ(df);
  return { d_z: dZ, d_av: dAv, g_av: dAv === null || correction === null ? null : dAv * correction };
}

/**
 * Hedges' small-sample correction J(df) = Γ(df/2) / (√(df/2) · Γ((df-1)/2)), computed through
 * log-gamma so it stays finite for large df; null for df < 2, where Γ((df-1)/2) has no value.
 */
export function hedgesJ(df: number): number | null {
  if (df < 2) return null;
  return Math.exp(gammaln(df / 2) - gammaln((df - 1) / 2)) / Math.sqrt(df / 2);
}

/**
 * Holm's step-down adjustment of a family of p values (null entries are left out and stay
 * null): sorted ascending, p_(i) · (m - i + 1), made monotone, capped at 1; R's p.adjust "holm".
 */
export function holmAdjust(pValues: readonly (number | null)[]): (number | null)[] {
  const present = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null);
  const m = present.length;
  const sorted = [...present].sort((a, b) => a.p - b.p || a.index - b.index);
  const adjusted = new Array<number | null>(pValues.length).fill(null);
  let running = 0;
  sorted.forEach((entry, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * entry.p));
    adjusted[entry.index] = running;
  });
  return adjusted;
}
