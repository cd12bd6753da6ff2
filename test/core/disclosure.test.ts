/**
 * Attacks on the funder summaries. For each case an outsider's view is built from everything
 * published (the JSON, the CSV and the HTML of one or two successive summaries), and every
 * group of people whose aggregate the outsider could work out is listed: a shown cell; a
 * total minus the shown categories of a dimension; the difference of a cell between two
 * summaries. None may have between 1 and k-1 people. Exact counts are used for the check (the
 * worst case: an outsider who could undo the rounding).
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { buildSummary, summaryCsv, type Summary } from '#core/summary.ts';
import { cellKey, protectCells, roundCount } from '#core/disclosure.ts';
import { parseCsv } from '#core/csv.ts';
import { renderSummaryHtml } from '#web/summary-page.ts';
import type { Programme } from '#surveys/schema.ts';
import type { GroupKey, IndicatorRow, Indicators } from '#core/model.ts';
import { shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();

const dones = shippedProgramme('dones-mentores', catalog);
const justrom3 = shippedProgramme('justrom3-mentoring', catalog);
const EMPTY: Indicators = (() => {
  const indicators = computeCohortIndicators(dones, catalog, 'barcelona-2026', [])[0]?.indicators;
  if (indicators === undefined) throw new Error('no empty row');
  return indicators;
})();

let cells = 0;

/**
 * A cell with n completers; its mean change is a unique marker (n + 0.4xxx) the published text must not hold when
 * hidden.
 */
function cell(
  n: number,
  group: GroupKey | null,
  instrument = 'rosenberg-self-esteem',
  cohort = 'barcelona-2026',
): IndicatorRow {
  cells += 1;
  const marker = n + 0.4 + cells / 10_000;
  return {
    cohort,
    session: 'mentoring-cycle',
    instrument,
    group,
    indicators: {
      ...EMPTY,
      n_pre: n,
      n_post: n,
      n_paired: n,
      mean_pre_paired: 10,
      mean_post_paired: 10 + marker,
      mean_change: marker,
      ci95_low: n,
      ci95_high: n + 1,
    },
  };
}
const g = (dimension: string, value: string): GroupKey => ({ dimension, value });

/** Every group whose aggregate an outsider can derive from the published summaries, with its exact size. */
function derivable(
  published: readonly Summary[],
  exact: readonly (readonly IndicatorRow[])[],
): { what: string; size: number }[] {
  const groups: { what: string; size: number }[] = [];
  published.forEach((summary, index) => {
    const counts = new Map((exact[index] ?? []).map((row) => [cellKey(row), row.indicators.n_paired]));
    const shown = summary.rows.filter((row) => !row.suppressed);
    for (const row of shown) groups.push({ what: `shown ${cellKey(row)}`, size: counts.get(cellKey(row)) ?? -1 });
    // Total minus the shown categories of each dimension of each table.
    for (const total of shown.filter((row) => row.group === null)) {
      const dimensions = new Set(
        summary.rows
          .filter(
            (row) =>
              row.group !== null &&
              row.cohort === total.cohort &&
              row.session === total.session &&
              row.instrument === total.instrument,
          )
          .map((row) => row.group?.dimension),
      );
      for (const dimension of dimensions) {
        const shownCategories = shown.filter(
          (row) =>
            row.group?.dimension === dimension &&
            row.cohort === total.cohort &&
            row.session === total.session &&
            row.instrument === total.instrument,
        );
        const size =
          (counts.get(cellKey(total)) ?? 0) -
          shownCategories.reduce((sum, row) => sum + (counts.get(cellKey(row)) ?? 0), 0);
        groups.push({ what: `total minus shown ${dimension} in ${cellKey(total)}`, size });
      }
    }
    // Differences with the previous summary, for cells shown in both.
    const earlier = published[index - 1];
    if (earlier !== undefined) {
      const before = new Map((exact[index - 1] ?? []).map((row) => [cellKey(row), row.indicators.n_paired]));
      const shownBefore = new Set(earlier.rows.filter((row) => !row.suppressed).map(cellKey));
      for (const row of shown) {
        if (!shownBefore.has(cellKey(row))) continue;
        groups.push({
          what: `difference of ${cellKey(row)}`,
          size: Math.abs((counts.get(cellKey(row)) ?? 0) - (before.get(cellKey(row)) ?? 0)),
        });
      }
    }
  });
  return groups;
}

/** Publishes one or more successive summaries and checks the outsider's view and the three formats. */
function publishAndAttack(programme: Programme, periods: readonly (readonly IndicatorRow[])[]): Summary[] {
  const summaries: Summary[] = [];
  let previous: Record<string, number> | undefined;
  periods.forEach((rows, index) => {
    const built = buildSummary(programme, `2026-0${index + 1}`, rows, previous);
    previous = { ...(previous ?? {}), ...built.shown };
    summaries.push(built.summary);
  });
  const k = programme.k;
  for (const group of derivable(summaries, periods)) {
    expect(group.size === 0 || group.size >= k, `${group.what}: ${group.size} people, k = ${k}`).toBe(true);
  }
  // The CSV and HTML show exactly what the JSON shows: no hidden cell's figures anywhere.
  summaries.forEach((summary, index) => {
    const csv = summaryCsv(summary);
    // In English, where the page writes figures as the JSON does (one decimal, a point).
    const html = renderSummaryHtml(catalog, programme, summary, 'en');
    const [header, ...lines] = parseCsv(csv);
    expect(lines).toHaveLength(summary.rows.length);
    const suppressedColumn = header?.indexOf('suppressed') ?? -1;
    expect(lines.filter((line) => line[suppressedColumn] === 'true')).toHaveLength(
      summary.rows.filter((row) => row.suppressed).length,
    );
    const rows = periods[index] ?? [];
    for (const row of summary.rows.filter((candidate) => candidate.suppressed)) {
      const source = rows.find((candidate) => cellKey(candidate) === cellKey(row));
      const marker = source?.indicators.mean_change?.toFixed(1);
      if (marker === undefined) continue;
      const exact = String(source?.indicators.mean_change);
      expect(csv).not.toContain(exact);
      expect(JSON.stringify(summary)).not.toContain(exact);
      // HTML shows one decimal: the hidden cell's change must not appear among the shown figures, signed
      // ("+2.1") in bars and tables or as a size ("up 2.1 points") in sentences, unless a shown one has that size.
      const size = Math.abs(Number(marker)).toFixed(1);
      const shownSizes = summary.rows
        .filter((candidate) => !candidate.suppressed)
        .map((candidate) => Math.abs(candidate.indicators?.mean_change ?? Number.NaN).toFixed(1));
      if (!shownSizes.includes(size))
        for (const written of [`>${marker}<`, `>+${marker}<`, `>+${marker} (`, ` ${size} point`])
          expect(html).not.toContain(written);
    }
  });
  return summaries;
}

describe('disclosure control, attacked', () => {
  it.each([1, 2, 9])('hides a subgroup of %i (k = 10) and what would give it away', (small) => {
    const [summary] = publishAndAttack(dones, [
      [cell(30, null), cell(small, g('role', 'mentor')), cell(30 - small, g('role', 'mentee'))],
    ]);
    const mentor = summary?.rows.find((row) => row.group?.value === 'mentor');
    expect(mentor?.suppression?.reason).toBe('fewer-than-k');
    expect(summary?.rows.find((row) => row.group?.value === 'mentee')?.suppression?.reason).toBe('secondary');
  });

  it('protects a dimension where one category is small and the total is shown', () => {
    const rows = [
      cell(40, null),
      cell(4, g('age-band', '18-29')),
      cell(12, g('age-band', '30-44')),
      cell(11, g('age-band', '45-59')),
      cell(13, g('age-band', '60-plus')),
    ];
    const [summary] = publishAndAttack(dones, [rows]);
    expect(summary?.rows.find((row) => row.group === null)?.suppressed).toBe(false);
    expect(summary?.rows.filter((row) => row.suppressed)).toHaveLength(2);
  });

  it('protects two small categories whose union is under k, and people in no category', () => {
    publishAndAttack(dones, [
      [
        cell(30, null),
        cell(3, g('age-band', '18-29')),
        cell(4, g('age-band', '30-44')),
        cell(23, g('age-band', '45-59')),
      ],
    ]);
    // 2 people answered "prefer not to say": total 24, shown categories 11 + 11 would give them away.
    const [summary] = publishAndAttack(dones, [
      [cell(24, null), cell(11, g('migrant-background', 'yes')), cell(11, g('migrant-background', 'no'))],
    ]);
    expect(summary?.rows.filter((row) => row.suppressed).length).toBeGreaterThan(0);
  });

  it('does not let two successive summaries differing by one person reveal that person', () => {
    const first = [cell(12, null), cell(12, g('role', 'mentee'))];
    const second = [cell(13, null), cell(13, g('role', 'mentee'))];
    const [, later] = publishAndAttack(dones, [first, second]);
    expect(later?.rows.every((row) => row.suppressed)).toBe(true);
    expect(later?.rows.find((row) => row.group === null)?.suppression?.reason).toBe('differencing');
    // Once k more people have joined, the cell is shown again.
    publishAndAttack(dones, [first, second, [cell(22, null), cell(22, g('role', 'mentee'))]]);
  });

  it('hides a cohort entirely below k, every cell', () => {
    const [summary] = publishAndAttack(justrom3, [
      [
        cell(4, null, 'rosenberg-self-esteem', 'iasi-2020'),
        cell(4, g('site', 'iasi'), 'rosenberg-self-esteem', 'iasi-2020'),
      ],
    ]);
    expect(summary?.rows.every((row) => row.suppressed)).toBe(true);
  });

  it('rounds shown counts to the nearest 5 under 50, and keeps means unrounded', () => {
    expect([12, 13, 47, 50, 51].map((n) => roundCount(n, { base: 5, below: 50 }))).toEqual([10, 15, 45, 50, 51]);
    const [summary] = publishAndAttack(dones, [[cell(13, null)]]);
    expect(summary?.rows[0]?.n_paired).toBe(15);
    expect(summary?.rows[0]?.indicators?.mean_change).toBeCloseTo(13.4, 1);
  });

  it('says why every hidden cell is hidden', () => {
    const hidden = protectCells(
      [cell(30, null), cell(2, g('role', 'mentor')), cell(28, g('role', 'mentee'))],
      10,
      undefined,
    );
    expect([...hidden.values()].sort()).toEqual(['fewer-than-k', 'secondary']);
  });
});
