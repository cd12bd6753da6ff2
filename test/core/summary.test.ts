/**
 * The funder summary: schema, threshold k from the programme, primary and secondary
 * suppression, and that neither the JSON nor the CSV leaks what it hides.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { shippedProgramme } from '../support/programmes.ts';
import type { Programme } from '#surveys/schema.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { buildSummary as buildWithShown, lostShare, summaryCsv, type Summary, type SummaryRow } from '#core/summary.ts';

const catalog = shippedCatalog();

/** The published summary alone (the shown counts kept for the next one are tested in disclosure.test.ts). */
const buildSummary = (...args: Parameters<typeof buildWithShown>): Summary => buildWithShown(...args).summary;
import { parseCsv } from '#core/csv.ts';
import type { GroupKey, IndicatorRow, Indicators, StoredResponse } from '#core/model.ts';

function programme(id: string): Programme {
  return shippedProgramme(id, catalog);
}

const dones = programme('dones-mentores');
const justrom3 = programme('justrom3-mentoring');
const mvh = programme('migrant-voices-heard');

/**
 * An indicator row with `n` completers. Means carry an unusual marker (n + 0.123456) so a test
 * can search the published text for a hidden cell's figures.
 */
/** Every indicator of an empty cell (zeros and nulls), for the fields a test does not set. */
const EMPTY: Indicators = (() => {
  const indicators = computeCohortIndicators(programme('dones-mentores'), catalog, 'barcelona-2026', [])[0]?.indicators;
  if (indicators === undefined) throw new Error('no empty row');
  return indicators;
})();

function row(
  n: number,
  group: GroupKey | null,
  instrument = 'rosenberg-self-esteem',
  session = 'mentoring-cycle',
  cohort = 'barcelona-2026',
): IndicatorRow {
  const marker = n + 0.123456;
  return {
    cohort,
    session,
    instrument,
    group,
    indicators: {
      ...EMPTY,
      n_pre: n + 2,
      n_post: n + 1,
      n_paired: n,
      mean_pre: marker,
      sd_pre: 1.5,
      mean_post: marker + 10,
      sd_post: 1.5,
      mean_pre_paired: marker + 20,
      mean_post_paired: marker + 30,
      mean_change: 10,
      sd_change: 2.5,
    },
  };
}
const g = (dimension: string, value: string): GroupKey => ({ dimension, value });

function find(summary: Summary, instrument: string, group: GroupKey | null): SummaryRow {
  const found = summary.rows.find(
    (candidate) =>
      candidate.instrument === instrument &&
      (group === null
        ? candidate.group === null
        : candidate.group?.dimension === group.dimension && candidate.group.value === group.value),
  );
  if (found === undefined) throw new Error(`no row ${instrument} ${JSON.stringify(group)}`);
  return found;
}

describe('buildSummary: envelope and k', () => {
  it("uses schema prepost.summary/1, the programme id, the period and the programme's k", () => {
    const summary = buildSummary(dones, '2026-03', [row(20, null)]);
    expect(summary.schema).toBe('prepost.summary/1');
    expect(summary.programme).toBe('dones-mentores');
    expect(summary.period).toBe('2026-03');
    expect(summary.k).toBe(10);
    expect(buildSummary(justrom3, '2021-03', []).k).toBe(5);
    expect(buildSummary(mvh, '2021-06', []).k).toBe(5);
    expect(Object.keys(summary).sort()).toEqual(['k', 'period', 'programme', 'rows', 'schema']);
  });

  it("shows a cell at exactly k with the completers' means, and no suppression", () => {
    const summary = buildSummary(dones, '2026-03', [row(10, null)]);
    expect(summary.rows).toEqual([
      {
        cohort: 'barcelona-2026',
        session: 'mentoring-cycle',
        instrument: 'rosenberg-self-esteem',
        group: null,
        n_paired: 10,
        // Who answered before (n_pre = n + 2), rounded as the completers are.
        n_started: 10,
        // Lost: n_pre_only over n_pre (the fixture's EMPTY has none lost).
        lost_share: 0,
        suppressed: false,
        suppression: null,
        // Funders see the completers' (paired) means, not the all-respondent ones.
        indicators: {
          mean_pre: 10.123456 + 20,
          mean_post: 10.123456 + 30,
          mean_change: 10,
          ci95_low: null,
          ci95_high: null,
          g_av: null,
        },
      },
    ]);
  });

  it('suppresses a cell below k: n_paired and indicators null, with a reason', () => {
    const [cell] = buildSummary(dones, '2026-03', [row(9, null)]).rows;
    expect(cell?.suppressed).toBe(true);
    expect(cell?.n_paired).toBeNull();
    expect(cell?.indicators).toBeNull();
    expect(cell?.suppression?.reason).toBe('fewer-than-k');
    expect(cell?.suppression?.explanation).toContain('10');
  });

  it('applies k = 5 to JUSTROM3: 4 hidden, 5 shown', () => {
    const rows = [
      row(4, null, 'rosenberg-self-esteem', 'individual-meeting-1', 'iasi-2020'),
      row(5, null, 'community-leadership', 'individual-meeting-1', 'iasi-2020'),
    ];
    const summary = buildSummary(justrom3, '2021-03', rows);
    expect(summary.rows.map((cell) => [cell.suppressed, cell.n_paired])).toEqual([
      [true, null],
      [false, 5],
    ]);
  });
});

describe('buildSummary: secondary suppression', () => {
  it('hides a second category when exactly one of a dimension is below k', () => {
    // Total 25 shown; mentor 8 < 10 hidden; mentee 17 would give 25 - 17 = 8 away, so it is hidden too.
    const summary = buildSummary(dones, '2026-03', [
      row(25, null),
      row(8, g('role', 'mentor')),
      row(17, g('role', 'mentee')),
    ]);
    expect(find(summary, 'rosenberg-self-esteem', null).suppressed).toBe(false);
    expect(find(summary, 'rosenberg-self-esteem', g('role', 'mentor')).suppression?.reason).toBe('fewer-than-k');
    const mentee = find(summary, 'rosenberg-self-esteem', g('role', 'mentee'));
    expect(mentee.suppressed).toBe(true);
    expect(mentee.suppression?.reason).toBe('secondary');
    expect(mentee.n_paired).toBeNull();
    expect(mentee.indicators).toBeNull();
  });

  it('hides the smallest of the other categories, and only that one', () => {
    const summary = buildSummary(dones, '2026-03', [
      row(50, null),
      row(3, g('age-band', '18-29')),
      row(20, g('age-band', '30-44')),
      row(12, g('age-band', '45-59')),
      row(15, g('age-band', '60-plus')),
    ]);
    const state = (value: string): string | null =>
      find(summary, 'rosenberg-self-esteem', g('age-band', value)).suppression?.reason ?? null;
    expect(['18-29', '30-44', '45-59', '60-plus'].map(state)).toEqual(['fewer-than-k', null, 'secondary', null]);
  });

  it('hides nothing extra when the hidden categories together reach k', () => {
    const summary = buildSummary(dones, '2026-03', [
      row(40, null),
      row(6, g('age-band', '18-29')),
      row(7, g('age-band', '30-44')),
      row(27, g('age-band', '45-59')),
    ]);
    expect(find(summary, 'rosenberg-self-esteem', g('age-band', '45-59'))).toMatchObject({
      suppressed: false,
      n_paired: 25,
    });
    expect(summary.rows.filter((cell) => cell.suppression?.reason === 'secondary')).toEqual([]);
    expect(summary.rows.filter((cell) => cell.suppressed)).toHaveLength(2);
  });

  it('hides one more when the hidden categories together stay under k (their union could be worked out)', () => {
    const summary = buildSummary(dones, '2026-03', [
      row(30, null),
      row(3, g('age-band', '18-29')),
      row(4, g('age-band', '30-44')),
      row(23, g('age-band', '45-59')),
    ]);
    expect(find(summary, 'rosenberg-self-esteem', g('age-band', '45-59')).suppression?.reason).toBe('secondary');
  });

  it('hides nothing when every category reaches k', () => {
    const summary = buildSummary(dones, '2026-03', [
      row(25, null),
      row(12, g('reverse-mentoring', 'yes')),
      row(13, g('reverse-mentoring', 'no')),
    ]);
    expect(summary.rows.every((cell) => !cell.suppressed)).toBe(true);
  });

  it('treats each instrument, session, cohort and dimension as its own table', () => {
    const rows = [
      row(25, null),
      row(8, g('role', 'mentor')),
      row(17, g('role', 'mentee')),
      // Same dimension, other instrument: both categories reach k, nothing to protect.
      row(25, null, 'mood'),
      row(12, g('role', 'mentor'), 'mood'),
      row(13, g('role', 'mentee'), 'mood'),
      // Same instrument, other cohort.
      row(25, null, 'rosenberg-self-esteem', 'mentoring-cycle', 'girona-2026'),
      row(12, g('role', 'mentor'), 'rosenberg-self-esteem', 'mentoring-cycle', 'girona-2026'),
      row(13, g('role', 'mentee'), 'rosenberg-self-esteem', 'mentoring-cycle', 'girona-2026'),
      // Other dimension of the first table.
      row(12, g('reverse-mentoring', 'yes')),
      row(13, g('reverse-mentoring', 'no')),
    ];
    const summary = buildSummary(dones, '2026-03', rows);
    expect(summary.rows.map((cell) => cell.suppressed)).toEqual([
      false,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('never leaves exactly one hidden category next to a shown total', () => {
    const sizes = [3, 9, 10, 11, 15, 40];
    for (const a of sizes) {
      for (const b of sizes) {
        for (const c of sizes) {
          const rows = [
            row(a + b + c, null),
            row(a, g('age-band', '18-29')),
            row(b, g('age-band', '30-44')),
            row(c, g('age-band', '45-59')),
          ];
          const summary = buildSummary(dones, '2026-03', rows);
          const hidden = summary.rows.filter((cell) => cell.group !== null && cell.suppressed).length;
          const totalShown = !(summary.rows[0]?.suppressed ?? true);
          if (totalShown) expect(hidden, `${a}, ${b}, ${c}`).not.toBe(1);
          // Primary suppression exactly below k; at most one secondary.
          expect(summary.rows.filter((cell) => cell.suppression?.reason === 'fewer-than-k').length).toBe(
            [a + b + c, a, b, c].filter((n) => n < 10).length,
          );
          expect(summary.rows.filter((cell) => cell.suppression?.reason === 'secondary').length).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

describe('summaryCsv', () => {
  const rows = [
    row(25, null),
    row(8, g('role', 'mentor')),
    row(17, g('role', 'mentee')),
    row(14, g('reverse-mentoring', 'yes')),
    row(11, g('reverse-mentoring', 'no')),
  ];
  const summary = buildSummary(dones, '2026-03', rows);
  const csv = summaryCsv(summary);
  const [header, ...lines] = parseCsv(csv);

  it('has one line per cell with the published columns', () => {
    expect(header).toEqual([
      'programme',
      'period',
      'cohort',
      'session',
      'instrument',
      'dimension',
      'value',
      'n_paired',
      'suppressed',
      'mean_pre',
      'mean_post',
      'mean_change',
      'ci95_low',
      'ci95_high',
      'g_av',
      'n_started',
      'lost_share',
      'suppression_reason',
      'as_of',
      // Issue 14's, after those: empty for a design without them.
      ...['followup', 'then'].flatMap((name) => [
        `${name}_n`,
        `${name}_mean_change`,
        `${name}_ci95_low`,
        `${name}_ci95_high`,
        `${name}_as_of`,
      ]),
      'response_shift_n',
      'response_shift',
      'response_shift_ci95_low',
      'response_shift_ci95_high',
      'response_shift_as_of',
      'csc_cutoff',
      'csc_criterion',
      'recovered',
      'comparison_difference',
      'comparison_ci95_low',
      'comparison_ci95_high',
      'comparison_g',
      'comparison_as_of',
      'followup_lost_share',
      'cohort_comparison',
    ]);
    expect(lines).toHaveLength(rows.length);
    expect(lines[0]).toEqual([
      'dones-mentores',
      '2026-03',
      'barcelona-2026',
      'mentoring-cycle',
      'rosenberg-self-esteem',
      '',
      '',
      '25',
      'false',
      String(25.123456 + 20),
      String(25.123456 + 30),
      '10',
      '',
      '',
      '',
      // n_pre = 27, rounded to the nearest 5 under 50; nobody lost; not hidden; not carried.
      '25',
      '0',
      '',
      '',
      ...Array.from({ length: 25 }, () => ''),
    ]);
  });

  it("never holds a suppressed cell's numbers", () => {
    // Hidden cells 8 and 17: their means start with n, n + 10, n + 20 or n + 30 and go on .123.
    for (const hiddenN of [8, 17]) {
      for (const offset of [0, 10, 20, 30]) expect(csv).not.toContain(`${hiddenN + offset}.123`);
    }
    const index = (name: string): number => header?.indexOf(name) ?? -1;
    for (const line of lines.filter((cells) => cells[index('suppressed')] === 'true')) {
      expect(line[index('n_paired')]).not.toMatch(/^\d+$/);
      expect(line[index('mean_pre')]).toBe('');
      expect(line[index('mean_post')]).toBe('');
      expect(line[index('mean_change')]).toBe('');
    }
    expect(lines.filter((cells) => cells[index('suppressed')] === 'true')).toHaveLength(2);
  });

  it("keeps the shown cells' numbers", () => {
    expect(csv).toContain(String(14.123456 + 20));
    expect(csv).toContain(String(11.123456 + 30));
  });
});

describe('the summary carries no identifiers', () => {
  it('holds no participant ids, receipts or timestamps from the responses it summarises', () => {
    const participants = Array.from({ length: 12 }, (_, index) => `p-secret${String(index).padStart(4, '0')}zz`);
    const rosenberg = catalog.instruments.get('rosenberg-self-esteem');
    if (rosenberg === undefined) throw new Error('no Rosenberg');
    const answers = (value: string): Record<string, string> =>
      Object.fromEntries(rosenberg.items.map((item) => [item.id, value]));
    const responses: StoredResponse[] = participants.flatMap((participant, index) =>
      (['pre', 'post'] as const).map((wave) => ({
        programme: 'dones-mentores',
        cohort: 'barcelona-2026',
        participant,
        session: 'mentoring-cycle',
        wave,
        answers: { 'rosenberg-self-esteem': answers(wave === 'pre' ? 'disagree' : 'agree') },
        groups: wave === 'pre' ? { role: index < 11 ? 'mentee' : 'mentor' } : ({} as Record<string, string>),
        language: 'ca',
        consentVersion: '2026-01-1',
        receipt: `RCPT${participant}`,
        receivedAt: `2026-02-${String(index + 1).padStart(2, '0')}T10:11:12.345Z`,
        expiresAt: 1_900_000_000 + index,
      })),
    );
    const rows = computeCohortIndicators(dones, catalog, 'barcelona-2026', responses);
    const summary = buildSummary(dones, '2026-02', rows);
    const json = JSON.stringify(summary);
    const csv = summaryCsv(summary);
    // 12 completers, published rounded to the nearest 5 (counts under 50).
    expect(find(summary, 'rosenberg-self-esteem', null).n_paired).toBe(10);
    for (const text of [json, csv]) {
      expect(text).not.toMatch(/p-secret/);
      expect(text).not.toMatch(/RCPT/);
      expect(text).not.toMatch(/2026-02-\d\d/);
      expect(text).not.toContain('1900000');
    }
    // The lone mentor (1 < 10) is hidden, and so is the mentee cell that would give it away.
    expect(find(summary, 'rosenberg-self-esteem', g('role', 'mentor')).suppressed).toBe(true);
    expect(find(summary, 'rosenberg-self-esteem', g('role', 'mentee')).suppression?.reason).toBe('secondary');
    for (const cell of summary.rows)
      expect(Object.keys(cell).sort()).toEqual([
        'cohort',
        'group',
        'indicators',
        'instrument',
        'lost_share',
        'n_paired',
        'n_started',
        'session',
        'suppressed',
        'suppression',
      ]);
  });
});

describe('what the summary says of attrition and of cohort-level subgroups', () => {
  it('rounds the share lost up to 5%: never 0 when anyone was lost, above 20% exactly when the exact share is', () => {
    expect([
      lostShare(0, 30),
      lostShare(1, 60),
      lostShare(3, 20),
      lostShare(4, 27),
      lostShare(6, 30),
      lostShare(7, 30),
      lostShare(5, 0),
    ]).toEqual([0, 0.05, 0.15, 0.15, 0.2, 0.25, 0]);
  });

  it('publishes lost_share from the exact counts, though the rounded counts would say nobody was lost', () => {
    const exact = row(23, null);
    const cell: IndicatorRow = { ...exact, indicators: { ...exact.indicators, n_pre: 27, n_pre_only: 4 } };
    const [published] = buildSummary(dones, '2026-03', [cell]).rows;
    expect([published?.n_paired, published?.n_started, published?.lost_share]).toEqual([25, 25, 0.15]);
  });

  it("leaves out a cohort's subgroups by a cohort attribute (its site: the whole cohort), keeping the pool's", () => {
    const site = g('site', 'iasi');
    const cohortSite = row(12, site, 'rosenberg-self-esteem', 'individual-meeting-1', 'iasi-2020');
    const poolSite: IndicatorRow = { ...cohortSite, cohort: null, session: null };
    const rows = buildSummary(justrom3, '2026-03', [
      row(12, null, 'rosenberg-self-esteem', 'individual-meeting-1', 'iasi-2020'),
      cohortSite,
      poolSite,
    ]).rows;
    expect(rows.map((one) => [one.cohort, one.group?.dimension ?? null])).toEqual([
      ['iasi-2020', null],
      [null, 'site'],
    ]);
  });

  it('leaves a hidden cell’s counts empty in the CSV and names its reason', () => {
    const summary = buildSummary(dones, '2026-03', [
      row(30, null),
      row(2, g('role', 'mentor')),
      row(28, g('role', 'mentee')),
    ]);
    const [header = [], ...lines] = parseCsv(summaryCsv(summary));
    const at = (name: string): number => header.indexOf(name);
    const mentee = lines.find((line) => line[at('value')] === 'mentee') ?? [];
    expect([mentee[at('n_paired')], mentee[at('suppressed')], mentee[at('suppression_reason')]]).toEqual([
      '',
      'true',
      'secondary',
    ]);
  });
});

describe('what applies beyond before-after, under the same disclosure control (issue 14)', () => {
  /** A whole group's row with a follow-up wave, a then-test, a cut-off and (pool rows) a comparison. */
  function evaluated(
    n: number,
    fields: Partial<Indicators> = {},
    cohort: string | null = 'barcelona-2026',
  ): IndicatorRow {
    const base = row(n, null, 'rosenberg-self-esteem', 'mentoring-cycle', cohort ?? 'barcelona-2026');
    return {
      ...base,
      ...(cohort === null ? { cohort: null, session: null } : {}),
      indicators: {
        ...base.indicators,
        n_followup: n,
        mean_change_followup: 7.654321,
        ci95_low_followup: 5.5,
        ci95_high_followup: 9.5,
        n_then: n,
        mean_change_then: 11.234567,
        ci95_low_then: 9,
        ci95_high_then: 13,
        n_shift: n,
        mean_response_shift: -1.345678,
        ci95_low_shift: -2.5,
        ci95_high_shift: -0.25,
        csc_cutoff: 15,
        csc_criterion: 'c',
        rci_recovered: 7,
        ...fields,
      },
    };
  }
  const NEW_KEYS = ['followup', 'then_change', 'response_shift', 'clinical', 'comparison'] as const;

  it('publishes each beside a shown whole group, counts rounded as the cell’s, changes as they are', () => {
    const [cell] = buildSummary(dones, '2026-03', [evaluated(22, { n_followup: 13 })]).rows;
    expect(cell?.n_paired).toBe(20);
    expect(cell?.followup).toEqual({ n_paired: 15, mean_change: 7.654321, ci95_low: 5.5, ci95_high: 9.5 });
    expect(cell?.then_change).toEqual({ n_paired: 20, mean_change: 11.234567, ci95_low: 9, ci95_high: 13 });
    expect(cell?.response_shift).toEqual({ n_paired: 20, mean_change: -1.345678, ci95_low: -2.5, ci95_high: -0.25 });
    // 7 recovered, fewer than k (10): a category of people within the cell, withheld as a cell would be.
    expect(cell?.clinical).toEqual({ cutoff: 15, criterion: 'c', recovered: null });
    // 12 of 22 recovered: at least k in it and outside it, rounded to the nearest 5 as the counts are.
    const [more] = buildSummary(dones, '2026-03', [evaluated(22, { rci_recovered: 12 })]).rows;
    expect(more?.clinical).toEqual({ cutoff: 15, criterion: 'c', recovered: 10 });
    const [most] = buildSummary(dones, '2026-03', [evaluated(22, { rci_recovered: 15 })]).rows;
    expect(most?.clinical?.recovered).toBeNull();
  });

  it('publishes the share lost by the follow-up as lost_share is: from the exact counts, rounded up to 5%', () => {
    // The follow-up closed in February: by March, who did not answer it is lost to it.
    const closed: Programme = {
      ...dones,
      cohorts: dones.cohorts.map((cohort) => ({
        ...cohort,
        windows: { ...cohort.windows, 'mentoring-cycle:followup': { opens: '2026-02-01', closes: '2026-02-28' } },
      })),
    };
    // 5 of the 24 who started (n_pre = n + 2) did not answer the follow-up: 20.8%, so 25%, above NHLBI's 20%.
    const [cell] = buildSummary(closed, '2026-03', [evaluated(22, { lost_share_followup: 5 / 24 })]).rows;
    expect(cell?.followup?.lost_share).toBe(0.25);
    const [none] = buildSummary(closed, '2026-03', [evaluated(22, { lost_share_followup: 0 })]).rows;
    expect(none?.followup?.lost_share).toBe(0);
    // In January the follow-up had not closed: not answering it yet is not being lost, and no share is said.
    const [open] = buildSummary(closed, '2026-01', [evaluated(22, { lost_share_followup: 5 / 24 })]).rows;
    expect(open?.followup).toBeDefined();
    expect(open?.followup).not.toHaveProperty('lost_share');
  });

  it('publishes none of them for a cell under k, and leaves no trace of them in the JSON or the CSV', () => {
    const summary = buildSummary(dones, '2026-03', [evaluated(9, { n_followup: 30, n_then: 30, n_shift: 30 })]);
    const [cell] = summary.rows;
    expect(cell?.suppressed).toBe(true);
    for (const key of NEW_KEYS) expect(cell).not.toHaveProperty(key);
    for (const text of [JSON.stringify(summary), summaryCsv(summary)])
      for (const marker of ['7.654', '11.234', '1.345', 'recovered":']) expect(text).not.toContain(marker);
  });

  it('withholds a group of its own under k beside a shown cell, and its subgroups never carry them', () => {
    const rows = [
      evaluated(20, { n_followup: 9, n_shift: 4 }),
      { ...evaluated(12), group: g('role', 'mentee') },
      { ...evaluated(8), group: g('role', 'mentor') },
    ];
    const summary = buildSummary(dones, '2026-03', rows);
    const whole = find(summary, 'rosenberg-self-esteem', null);
    expect(whole.suppressed).toBe(false);
    expect(whole).not.toHaveProperty('followup');
    expect(whole).not.toHaveProperty('response_shift');
    expect(whole.then_change?.n_paired).toBe(20);
    for (const key of NEW_KEYS)
      expect(find(summary, 'rosenberg-self-esteem', g('role', 'mentee'))).not.toHaveProperty(key);
    expect(JSON.stringify(summary)).not.toContain('7.654');
  });

  it('carries a follow-up figure that may not be updated (fewer than k joined it) with its month', () => {
    const first = buildWithShown(dones, '2026-03', [evaluated(20, { n_followup: 12 })]);
    const next = buildWithShown(
      dones,
      '2026-04',
      [evaluated(40, { n_followup: 14, mean_change_followup: 1.111111 })],
      first.published,
    );
    const [cell] = next.summary.rows;
    // The cell grew by 20 and is updated; its follow-up group grew by 2 and is not.
    expect(cell?.n_paired).toBe(40);
    expect(cell?.as_of).toBeUndefined();
    expect(cell?.followup).toEqual({
      n_paired: 10,
      mean_change: 7.654321,
      ci95_low: 5.5,
      ci95_high: 9.5,
      as_of: '2026-03',
    });
    expect(JSON.stringify(next.summary)).not.toContain('1.111111');
    // Once it has grown by k it is updated.
    const later = buildSummary(
      dones,
      '2026-05',
      [evaluated(40, { n_followup: 24, mean_change_followup: 2.5 })],
      next.published,
    );
    expect(later.rows[0]?.followup).toEqual({ n_paired: 25, mean_change: 2.5, ci95_low: 5.5, ci95_high: 9.5 });
  });

  it('checks the follow-up pool against the cohorts’ follow-up groups, as cells are checked', () => {
    const twoCohorts: Programme = {
      ...dones,
      cohorts: [
        ...dones.cohorts,
        { ...(dones.cohorts[0] as Programme['cohorts'][number]), id: 'girona-2026', name: 'Girona 2026' },
      ],
    };
    // Both cohorts and the pool are shown; Girona's 3 at follow-up are not, and the pool's 15
    // minus Barcelona's 12 would give them away: one of the two follow-up figures may not be shown.
    const rows = [
      evaluated(20, { n_followup: 12 }),
      evaluated(20, { n_followup: 3, mean_change_followup: 9.87654 }, 'girona-2026'),
      evaluated(40, { n_followup: 15 }, null),
    ];
    const summary = buildSummary(twoCohorts, '2026-03', rows);
    const followup = (cohort: string | null) => summary.rows.find((candidate) => candidate.cohort === cohort)?.followup;
    expect(summary.rows.every((candidate) => !candidate.suppressed)).toBe(true);
    expect(followup('girona-2026')).toBeUndefined();
    expect(followup(null) !== undefined && followup('barcelona-2026') !== undefined).toBe(false);
    expect(JSON.stringify(summary)).not.toContain('9.87654');
  });

  describe('comparison cohorts', () => {
    const withWaitingList: Programme = {
      ...dones,
      cohorts: [
        ...dones.cohorts,
        { ...(dones.cohorts[0] as Programme['cohorts'][number]), id: 'girona-2026', name: 'Girona 2026' },
        {
          ...(dones.cohorts[0] as Programme['cohorts'][number]),
          id: 'waiting-2026',
          name: 'Waiting list 2026',
          comparison: true,
        } as Programme['cohorts'][number],
      ],
    };
    const pool = (n: number, compared: number): IndicatorRow =>
      evaluated(
        n,
        { n_comparison: compared, did_estimate: 3.456789, did_ci95_low: 0.5, did_ci95_high: 6.5, did_g: 0.61 },
        null,
      );

    it('publishes the difference beside the programme-wide change when the comparison group reaches k', () => {
      const rows = [evaluated(12), evaluated(14, {}, 'girona-2026'), evaluated(11, {}, 'waiting-2026'), pool(26, 11)];
      const summary = buildSummary(withWaitingList, '2026-03', rows);
      const programmeWide = summary.rows.find((candidate) => candidate.cohort === null);
      expect(programmeWide?.comparison).toEqual({ difference: 3.456789, ci95_low: 0.5, ci95_high: 6.5, g: 0.61 });
      // The comparison cohort is an ordinary, shown cell under its own instrument.
      const waiting = summary.rows.find((candidate) => candidate.cohort === 'waiting-2026');
      expect(waiting?.instrument).toBe('rosenberg-self-esteem');
      expect(waiting?.suppressed).toBe(false);
      for (const cohortRow of summary.rows.filter((candidate) => candidate.cohort !== null))
        expect(cohortRow).not.toHaveProperty('comparison');
      // A reader of the JSON or the CSV can tell the waiting list from the programme's cohorts.
      expect(waiting?.comparison_cohort).toBe(true);
      expect(summary.rows.filter((row) => row.comparison_cohort === true).map((row) => row.cohort)).toEqual([
        'waiting-2026',
      ]);
      const csv = parseCsv(summaryCsv(summary));
      const column = (csv[0] ?? []).indexOf('cohort_comparison');
      expect(csv.slice(1).map((line) => [line[2], line[column]])).toEqual(
        summary.rows.map((row) => [row.cohort ?? '', row.cohort === 'waiting-2026' ? 'yes' : '']),
      );
      // Its cells and the comparison pool are a table family of their own: the programme's pool is
      // checked against the cohorts it holds (the covering rule needs them to add up to it).
      const { history } = buildWithShown(withWaitingList, '2026-03', rows).published;
      expect(Object.keys(history.versions)).toEqual(
        expect.arrayContaining([
          'waiting-2026|mentoring-cycle|rosenberg-self-esteem#comparison|*',
          '*|*|rosenberg-self-esteem#comparison|*',
          '*|*|rosenberg-self-esteem#followup|*',
        ]),
      );
      expect(Object.keys(history.versions)).not.toContain('waiting-2026|mentoring-cycle|rosenberg-self-esteem|*');
    });

    it('leaves the difference out when the comparison group is under k', () => {
      const rows = [evaluated(12), evaluated(14, {}, 'girona-2026'), evaluated(6, {}, 'waiting-2026'), pool(26, 6)];
      const summary = buildSummary(withWaitingList, '2026-03', rows);
      expect(summary.rows.find((candidate) => candidate.cohort === null)).not.toHaveProperty('comparison');
      expect(JSON.stringify(summary)).not.toContain('3.456');
    });

    it('checks the pool against the cohorts it holds, not the comparison cohorts it leaves out', () => {
      // Pool 15 = Barcelona 12 + Girona 3 (hidden); the waiting list (12) is not in it. Pool minus
      // Barcelona would give Girona's 3 away: one of the two may not be shown.
      const rows = [evaluated(12), evaluated(3, {}, 'girona-2026'), evaluated(12, {}, 'waiting-2026'), pool(15, 12)];
      const summary = buildSummary(withWaitingList, '2026-03', rows);
      const shown = (cohort: string | null): boolean =>
        summary.rows.find((candidate) => candidate.cohort === cohort)?.suppressed === false;
      expect(shown('girona-2026')).toBe(false);
      expect(shown(null) && shown('barcelona-2026')).toBe(false);
    });
  });
});
