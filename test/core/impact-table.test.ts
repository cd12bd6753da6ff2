/**
 * The impact table's one shape: issue 14's columns come after the others, in the CSV and the
 * JSON rows alike, null where a cell's design did not ask for them (the stored cell has no key),
 * and every indicator a cell may have is a column.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '#core/csv.ts';
import { impactCsv, INDICATOR_COLUMNS, LATER_COLUMNS, toImpactRows } from '#core/impact-table.ts';
import type { IndicatorRow, Indicators } from '#core/model.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { shippedProgramme } from '../support/programmes.ts';

const catalog = shippedCatalog();
const dones = shippedProgramme('dones-mentores', catalog);
const [stored] = computeCohortIndicators(dones, catalog, 'barcelona-2026', []);
if (stored === undefined) throw new Error('no row');
const plain: IndicatorRow = {
  ...stored,
  // A stored cell of a plain design: none of issue 14's keys but attrition.
  indicators: Object.fromEntries(
    Object.entries(stored.indicators).filter(
      ([key]) => !(LATER_COLUMNS as readonly string[]).includes(key) || key === 'lost_share',
    ),
  ) as Indicators,
};
const followedUp: IndicatorRow = {
  ...plain,
  indicators: { ...plain.indicators, n_followup: 12, mean_change_followup: 1.25, ci95_low_followup: 0.5 },
};

describe('the impact table', () => {
  it('puts issue 14’s columns after the others, and has a column for every indicator', () => {
    expect(INDICATOR_COLUMNS.slice(-LATER_COLUMNS.length)).toEqual([...LATER_COLUMNS]);
    expect(INDICATOR_COLUMNS.slice(0, 3)).toEqual(['n_pre', 'n_post', 'n_paired']);
    expect(new Set(INDICATOR_COLUMNS).size).toBe(INDICATOR_COLUMNS.length);
    // A key added to the model without a column fails to compile here (tsc checks the tests).
    type Uncolumned = Exclude<keyof Indicators, (typeof INDICATOR_COLUMNS)[number]>;
    const everyKeyIsAColumn: [Uncolumned] extends [never] ? true : Uncolumned = true;
    expect(everyKeyIsAColumn).toBe(true);
  });

  it('gives every row every column, null where the design did not ask, in the JSON and the CSV', () => {
    const rows = toImpactRows(dones.id, [plain, followedUp]);
    for (const row of rows) for (const column of INDICATOR_COLUMNS) expect(row, column).toHaveProperty(column);
    expect(rows[0]?.n_followup).toBeNull();
    expect(rows[0]?.did_estimate).toBeNull();
    expect(rows[1]?.mean_change_followup).toBe(1.25);
    expect(rows[1]?.ci95_high_followup).toBeNull();
    const [header, ...lines] = parseCsv(impactCsv(rows));
    expect(header).toEqual([
      'programme',
      'cohort',
      'session',
      'instrument',
      'part',
      'dimension',
      'value',
      ...INDICATOR_COLUMNS,
    ]);
    for (const line of lines) expect(line).toHaveLength(header?.length ?? 0);
    const at = (name: string): number => header?.indexOf(name) ?? -1;
    expect(lines[0]?.[at('mean_change_followup')]).toBe('');
    expect(lines[1]?.[at('mean_change_followup')]).toBe('1.25');
  });
});
