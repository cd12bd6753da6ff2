/**
 * Cohort indicators from handcrafted responses. Each response answers Rosenberg so that its
 * score is a chosen total (item scores 0..3, reversed items answered with the mirrored option),
 * and every expected mean and SD below is worked out by hand from those totals.
 */
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '#surveys/index.ts';
import { shippedProgramme } from '../support/programmes.ts';
import type { Programme } from '#surveys/schema.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import type { IndicatorRow, Indicators, StoredResponse, WaveKind } from '#core/model.ts';

const catalog = shippedCatalog();

const RSES = 'rosenberg-self-esteem';
const rosenberg = catalog.instruments.get(RSES);
if (rosenberg === undefined) throw new Error('no Rosenberg');
const optionByScore = new Map((rosenberg.options ?? []).map((option) => [option.score, option.value]));

/**
 * Rosenberg answers whose item scores add up to `total`, filling items 3 points at a time, with
 * the items in `skip` (1-based) left out. Reversed items get the option scoring 3 - s so that
 * their item score is s.
 */
function rsesAnswers(total: number, skip: readonly number[] = []): Record<string, string> {
  const answers: Record<string, string> = {};
  let left = total;
  rosenberg?.items.forEach((item, index) => {
    if (skip.includes(index + 1)) return;
    const itemScore = Math.min(3, left);
    left -= itemScore;
    const value = optionByScore.get(item.reverse ? 3 - itemScore : itemScore);
    if (value === undefined) throw new Error('no option');
    answers[item.id] = value;
  });
  if (left !== 0) throw new Error(`cannot reach ${total}`);
  return answers;
}

function programme(id: string): Programme {
  return shippedProgramme(id, catalog);
}

let clock = 0;
function response(
  programmeId: string,
  cohort: string,
  session: string,
  participant: string,
  wave: WaveKind,
  answers: StoredResponse['answers'],
  groups: Record<string, string> = {},
): StoredResponse {
  clock += 1;
  return {
    programme: programmeId,
    cohort,
    participant,
    session,
    wave,
    answers,
    groups,
    language: 'en',
    consentVersion: '1',
    receipt: `R${clock}`,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 0, clock)).toISOString(),
    expiresAt: 2_000_000_000,
  };
}

const dones = programme('dones-mentores');
const DONES_SESSION = 'mentoring-cycle';
const COHORT = 'barcelona-2026';
const d = (participant: string, wave: WaveKind, total: number, groups: Record<string, string> = {}): StoredResponse =>
  response(dones.id, COHORT, DONES_SESSION, participant, wave, { [RSES]: rsesAnswers(total) }, groups);

/**
 * p1 10 -> 16, p2 12 -> 15, p3 20 -> 20 (completers, changes 6, 3, 0); p4 14 before only;
 * p5 25 after only. Subgroups are asked in the pre wave.
 */
const donesResponses: StoredResponse[] = [
  d('p1', 'pre', 10, { role: 'mentee', 'age-band': '30-44' }),
  d('p2', 'pre', 12, { role: 'mentee', 'migrant-background': 'yes' }),
  d('p3', 'pre', 20, { role: 'mentor', 'migrant-background': 'prefer-not-to-say' }),
  d('p4', 'pre', 14, { role: 'mentor' }),
  d('p1', 'post', 16),
  d('p2', 'post', 15),
  d('p3', 'post', 20),
  d('p5', 'post', 25),
];

function rowOf(
  rows: readonly IndicatorRow[],
  instrument: string,
  group: { dimension: string; value: string } | null,
  session = DONES_SESSION,
): Indicators {
  const found = rows.filter(
    (row) =>
      row.session === session &&
      row.instrument === instrument &&
      (group === null
        ? row.group === null
        : row.group?.dimension === group.dimension && row.group.value === group.value),
  );
  expect(found, `${session} ${instrument} ${JSON.stringify(group)}`).toHaveLength(1);
  const [row] = found;
  if (row === undefined) throw new Error('no row');
  return row.indicators;
}

describe('the response fixtures', () => {
  it('reach the Rosenberg totals they are built for', async () => {
    const { scoreInstrument } = await import('#core/scoring.ts');
    for (const total of [0, 10, 12, 16, 25, 30])
      expect(scoreInstrument(rosenberg, rsesAnswers(total)).score).toBe(total);
  });
});

describe('computeCohortIndicators: pairing and the overall row', () => {
  const rows = computeCohortIndicators(dones, catalog, COHORT, donesResponses);
  const overall = rowOf(rows, RSES, null);

  it('tags every row with the cohort', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.cohort).toBe(COHORT);
  });

  it('counts pre-only participants in n_pre and post-only ones in n_post, but neither in n_paired', () => {
    expect(overall.n_pre).toBe(4);
    expect(overall.n_post).toBe(4);
    expect(overall.n_paired).toBe(3);
  });

  it('gives the means and sample SDs of all respondents per wave', () => {
    // pre 10, 12, 20, 14: mean 14, squared deviations 16 + 4 + 36 + 0 = 56, SD sqrt(56 / 3).
    expect(overall.mean_pre).toBeCloseTo(14, 12);
    expect(overall.sd_pre).toBeCloseTo(Math.sqrt(56 / 3), 12);
    // post 16, 15, 20, 25: mean 19, squared deviations 9 + 16 + 1 + 36 = 62, SD sqrt(62 / 3).
    expect(overall.mean_post).toBeCloseTo(19, 12);
    expect(overall.sd_post).toBeCloseTo(Math.sqrt(62 / 3), 12);
  });

  it("gives the completers' means and the mean and sample SD of post - pre", () => {
    expect(overall.mean_pre_paired).toBeCloseTo((10 + 12 + 20) / 3, 12);
    expect(overall.mean_post_paired).toBeCloseTo((16 + 15 + 20) / 3, 12);
    // changes 6, 3, 0: mean 3, squared deviations 9 + 0 + 9 = 18, SD sqrt(18 / 2) = 3.
    expect(overall.mean_change).toBeCloseTo(3, 12);
    expect(overall.sd_change).toBeCloseTo(3, 12);
  });

  it('makes one overall row per session x instrument, in definition order', () => {
    const overallRows = rows.filter((row) => row.group === null).map((row) => `${row.session}/${row.instrument}`);
    const session = dones.sessions[0];
    expect(session?.id).toBe(DONES_SESSION);
    expect(overallRows).toEqual((session?.post.instruments ?? []).map((id) => `${DONES_SESSION}/${id}`));
  });

  it('gives nulls, not NaN, for an instrument nobody answered (n = 0)', () => {
    const mood = rowOf(rows, 'mood', null);
    expect(Object.values(mood).every((value) => typeof value !== 'number' || Number.isFinite(value))).toBe(true);
    expect(mood).toMatchObject({
      n_pre: 0,
      n_post: 0,
      n_paired: 0,
      mean_pre: null,
      sd_pre: null,
      mean_post: null,
      sd_post: null,
      mean_pre_paired: null,
      mean_post_paired: null,
      mean_change: null,
      sd_change: null,
    });
    // No subgroup rows without anyone in them.
    expect(rows.filter((row) => row.instrument === 'mood' && row.group !== null)).toEqual([]);
  });

  it('gives an empty cohort only zero counts and nulls', () => {
    const empty = computeCohortIndicators(dones, catalog, COHORT, []);
    expect(empty.every((row) => row.group === null)).toBe(true);
    for (const row of empty) {
      expect(row.indicators.n_paired).toBe(0);
      for (const [name, value] of Object.entries(row.indicators)) {
        if (name.startsWith('n_')) expect(value).toBe(0);
        else if (name === 'wilcoxon_method') expect(value).toBe('none');
        // A published reliability belongs to the instrument, not to the data: it is there even at n = 0.
        else if (name === 'reliability')
          expect(value === null || (typeof value === 'number' && value > 0 && value < 1)).toBe(true);
        else if (name === 'reliability_source') expect([null, 'published']).toContain(value);
        else expect(value, name).toBeNull();
      }
    }
  });
});

describe('computeCohortIndicators: SDs with fewer than two values', () => {
  it('gives SDs null with one completer and means equal to the one value', () => {
    const rows = computeCohortIndicators(dones, catalog, COHORT, [d('a', 'pre', 8), d('a', 'post', 13)]);
    const row = rowOf(rows, RSES, null);
    expect(row).toMatchObject({
      n_pre: 1,
      n_post: 1,
      n_paired: 1,
      mean_pre: 8,
      sd_pre: null,
      mean_post: 13,
      sd_post: null,
      mean_pre_paired: 8,
      mean_post_paired: 13,
      mean_change: 5,
      sd_change: null,
    });
  });

  it('gives a pre-only cohort a pre mean and no change', () => {
    const rows = computeCohortIndicators(dones, catalog, COHORT, [d('a', 'pre', 8), d('b', 'pre', 12)]);
    const row = rowOf(rows, RSES, null);
    expect(row.n_paired).toBe(0);
    expect(row.mean_pre).toBeCloseTo(10, 12);
    expect(row.sd_pre).toBeCloseTo(Math.SQRT2 * 2, 12); // deviations -2, 2: sqrt(8 / 1)
    expect(row.mean_post).toBeNull();
    expect(row.mean_change).toBeNull();
    expect(row.sd_change).toBeNull();
  });
});

describe('computeCohortIndicators: subgroups', () => {
  const rows = computeCohortIndicators(dones, catalog, COHORT, donesResponses);

  it('makes rows only for subgroup values that occur, in option order', () => {
    const groups = rows
      .filter((row) => row.instrument === RSES && row.group !== null)
      .map((row) => `${row.group?.dimension}=${row.group?.value}`);
    expect(groups).toEqual(['role=mentor', 'role=mentee', 'migrant-background=yes', 'age-band=30-44']);
  });

  it('summarises each value from the participants who gave it in their responses', () => {
    const mentee = rowOf(rows, RSES, { dimension: 'role', value: 'mentee' });
    // p1 10 -> 16, p2 12 -> 15: changes 6 and 3, mean 4.5, SD sqrt((1.5^2 + 1.5^2) / 1).
    expect(mentee.n_pre).toBe(2);
    expect(mentee.n_post).toBe(2);
    expect(mentee.n_paired).toBe(2);
    expect(mentee.mean_pre).toBeCloseTo(11, 12);
    expect(mentee.mean_post).toBeCloseTo(15.5, 12);
    expect(mentee.mean_change).toBeCloseTo(4.5, 12);
    expect(mentee.sd_change).toBeCloseTo(Math.sqrt(4.5), 12);

    const mentor = rowOf(rows, RSES, { dimension: 'role', value: 'mentor' });
    // p3 20 -> 20 and p4 14 before only.
    expect(mentor.n_pre).toBe(2);
    expect(mentor.n_post).toBe(1);
    expect(mentor.n_paired).toBe(1);
    expect(mentor.mean_pre).toBeCloseTo(17, 12);
    expect(mentor.sd_pre).toBeCloseTo(Math.sqrt(18), 12);
    expect(mentor.mean_post).toBe(20);
    expect(mentor.sd_post).toBeNull();
    expect(mentor.mean_change).toBe(0);
    expect(mentor.sd_change).toBeNull();

    const migrant = rowOf(rows, RSES, { dimension: 'migrant-background', value: 'yes' });
    expect([migrant.n_pre, migrant.n_post, migrant.n_paired, migrant.mean_change]).toEqual([1, 1, 1, 3]);

    const age = rowOf(rows, RSES, { dimension: 'age-band', value: '30-44' });
    expect([age.n_pre, age.n_post, age.n_paired, age.mean_change]).toEqual([1, 1, 1, 6]);
  });

  it("takes a cohort-level subgroup (JUSTROM3 site) from the cohort's attributes", () => {
    const justrom3 = programme('justrom3-mentoring');
    const session = 'individual-meeting-1';
    const j = (cohort: string, participant: string, wave: WaveKind, total: number): StoredResponse =>
      response(justrom3.id, cohort, session, participant, wave, { [RSES]: rsesAnswers(total) });

    const iasi = computeCohortIndicators(justrom3, catalog, 'iasi-2020', [
      j('iasi-2020', 'a', 'pre', 10),
      j('iasi-2020', 'a', 'post', 14),
      j('iasi-2020', 'b', 'pre', 20),
      j('iasi-2020', 'b', 'post', 22),
    ]);
    const site = rowOf(iasi, RSES, { dimension: 'site', value: 'iasi' }, session);
    expect(site.n_paired).toBe(2);
    expect(site.mean_change).toBeCloseTo(3, 12); // (4 + 2) / 2
    // Baseline alpha is reported for the whole group only; everything else is the same cell.
    expect({ ...site, alpha_baseline: null }).toEqual({ ...rowOf(iasi, RSES, null, session), alpha_baseline: null });
    expect(iasi.some((row) => row.group?.value === 'bucharest')).toBe(false);

    const bucharest = computeCohortIndicators(justrom3, catalog, 'bucharest-2020', [
      j('bucharest-2020', 'c', 'pre', 5),
      j('bucharest-2020', 'c', 'post', 9),
    ]);
    expect(rowOf(bucharest, RSES, { dimension: 'site', value: 'bucharest' }, session).mean_change).toBe(4);
    expect(bucharest.some((row) => row.group?.value === 'iasi')).toBe(false);
  });
});

describe('computeCohortIndicators is deterministic', () => {
  // Prorated scores (one item skipped: total x 10 / 9) are not integers, so a sum taken in a
  // different order could differ in its last bits; the output must not.
  const prorated = (
    participant: string,
    wave: WaveKind,
    total: number,
    skip: number,
    groups: Record<string, string> = {},
  ): StoredResponse =>
    response(dones.id, COHORT, DONES_SESSION, participant, wave, { [RSES]: rsesAnswers(total, [skip]) }, groups);
  const responses: StoredResponse[] = [
    ...donesResponses,
    prorated('q1', 'pre', 7, 1, { role: 'mentee', 'reverse-mentoring': 'yes' }),
    prorated('q1', 'post', 13, 4),
    prorated('q2', 'pre', 11, 10, { role: 'mentor', 'age-band': '60-plus' }),
    prorated('q2', 'post', 19, 2),
    prorated('q3', 'pre', 23, 5, { role: 'mentee', 'reverse-mentoring': 'yes' }),
    prorated('q3', 'post', 17, 7),
    prorated('q4', 'pre', 1, 3, { role: 'mentee', 'age-band': '60-plus' }),
    prorated('q4', 'post', 26, 9),
  ];
  const reference = computeCohortIndicators(dones, catalog, COHORT, responses);

  it('gives the same rows for the integer-scored fixture in reverse order', () => {
    const forward = computeCohortIndicators(dones, catalog, COHORT, donesResponses);
    const backward = computeCohortIndicators(dones, catalog, COHORT, [...donesResponses].reverse());
    expect(backward).toEqual(forward);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('includes the prorated participants (sanity check of the fixture)', () => {
    expect(rowOf(reference, RSES, null).n_paired).toBe(7);
    expect(rowOf(reference, RSES, { dimension: 'reverse-mentoring', value: 'yes' }).n_paired).toBe(2);
  });

  const orders: [string, StoredResponse[]][] = [
    ['reversed', [...responses].reverse()],
    ['post waves first', [...responses.filter((r) => r.wave === 'post'), ...responses.filter((r) => r.wave === 'pre')]],
    ['rotated', [...responses.slice(5), ...responses.slice(0, 5)]],
    [
      'interleaved',
      responses
        .map((_, index) => responses[(index * 7) % responses.length])
        .filter((r): r is StoredResponse => r !== undefined),
    ],
  ];
  for (const [name, shuffled] of orders) {
    it(`gives deep-equal, JSON-identical rows for the same responses ${name}`, () => {
      expect(new Set(shuffled).size).toBe(responses.length);
      const rows = computeCohortIndicators(dones, catalog, COHORT, shuffled);
      expect(rows).toEqual(reference);
      expect(JSON.stringify(rows)).toBe(JSON.stringify(reference));
    });
  }
});
