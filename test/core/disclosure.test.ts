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
import { buildSummary, summaryCsv, type PublishedState, type Summary } from '#core/summary.ts';
import { cellKey, protectCells, roundCount } from '#core/disclosure.ts';
import { parseCsv } from '#core/csv.ts';
import { renderSummaryHtml } from '#web/summary-page.ts';
import type { Programme } from '#surveys/schema.ts';
import type { GroupKey, IndicatorRow, Indicators } from '#core/model.ts';
import { seededRandom } from '#local/simulation.ts';
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
    // Carried rows repeat figures published earlier: nothing new to derive from them here.
    const shown = summary.rows.filter((row) => !row.suppressed && row.as_of === undefined);
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
      const shownBefore = new Set(
        earlier.rows.filter((row) => !row.suppressed && row.as_of === undefined).map(cellKey),
      );
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
  let previous: PublishedState | undefined;
  periods.forEach((rows, index) => {
    const built = buildSummary(programme, `2026-0${index + 1}`, rows, previous);
    previous = built.published;
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
    const [earlier, later] = publishAndAttack(dones, [first, second]);
    // Not updated, so carried: the same figures as the month before, marked with that month.
    expect(later?.rows.every((row) => row.as_of === '2026-01' && !row.suppressed)).toBe(true);
    expect(later?.rows.map((row) => row.indicators)).toEqual(earlier?.rows.map((row) => row.indicators));
    // Once k more people have joined, the cell is updated again.
    const [, , third] = publishAndAttack(dones, [first, second, [cell(22, null), cell(22, g('role', 'mentee'))]]);
    expect(third?.rows.every((row) => row.as_of === undefined && row.n_paired === 20)).toBe(true);
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

/**
 * The attacker with the people themselves: random programmes of a few cohorts, one or three
 * sessions, two subgroup dimensions (with people in no category), and months in which completers
 * accumulate, published with their programme pool. The outsider knows how tables nest (completers
 * only accumulate; a category is inside its total, and categories of a dimension are disjoint;
 * cohorts are disjoint; everyone paired in a session of a month is in that month's pool) and works
 * out, from every version published so far, of any months: each version; a version minus an older
 * one of the same cell; a total minus categories of one dimension, each of the same or an earlier
 * month, or left out; a pool cell minus one session's cells of the same group, one from each cohort
 * (same or earlier month; cells of different sessions measure different things, so their
 * figures do not cancel against the pool's); and categories of one dimension (or one session's cohort cells) of the
 * same or later months that hold everyone of a total (or pool cell), minus it, where the same
 * cells already held everyone in that month (as with no one outside the categories, or a pool of
 * one session: what an outsider may come to know, and the protector knows exactly). Each group is
 * counted on the people themselves; none may have between 1 and k-1.
 */
interface Person {
  readonly cohort: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** Per session, the month index from which the person is a completer. */
  readonly completed: Readonly<Record<string, number | undefined>>;
  /**
   * The month from which they are in the pool without being paired in any one session (a pre in one,
   * a post in a later one).
   */
  readonly poolOnly?: number;
}

interface World {
  readonly programme: Programme;
  readonly cohorts: readonly string[];
  readonly sessions: readonly string[];
  readonly dimensions: Readonly<Record<string, readonly string[]>>;
  readonly people: readonly Person[];
  readonly months: number;
}

function randomWorld(seed: number): World {
  // Seeded, so a failing world can be replayed by its number.
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const programme = { ...(random() < 0.5 ? dones : justrom3), k: pick([3, 5, 10]) };
  const cohorts = ['c1', 'c2', 'c3'].slice(0, 1 + Math.floor(random() * 3));
  const sessions = random() < 0.5 ? ['s1'] : ['s1', 's2', 's3'];
  const dimensions = { role: ['mentor', 'mentee'], age: ['young', 'middle', 'older'] };
  const months = 2 + Math.floor(random() * 3);
  const people: Person[] = [];
  const size = 5 + Math.floor(random() * 45);
  for (let index = 0; index < size; index += 1) {
    const completed: Record<string, number | undefined> = {};
    for (const session of sessions) completed[session] = random() < 0.8 ? Math.floor(random() * months) : undefined;
    people.push({
      cohort: pick(cohorts),
      groups: {
        role: random() < 0.3 ? 'mentor' : 'mentee',
        age: random() < 0.1 ? undefined : pick(dimensions.age),
      },
      completed,
      ...(random() < 0.1 ? { poolOnly: Math.floor(random() * months) } : {}),
    });
  }
  return { programme, cohorts, sessions, dimensions, people, months };
}

/** The rows of month `month` and, by cell key, the indices of each cell's people. */
function tablesAt(world: World, month: number): { rows: IndicatorRow[]; people: Map<string, Set<number>> } {
  const rows: IndicatorRow[] = [];
  const people = new Map<string, Set<number>>();
  const add = (cohort: string | null, session: string | null, members: number[]): void => {
    const cells: [GroupKey | null, number[]][] = [[null, members]];
    for (const [dimension, values] of Object.entries(world.dimensions))
      for (const value of values)
        cells.push([{ dimension, value }, members.filter((at) => world.people[at]?.groups[dimension] === value)]);
    for (const [group, inCell] of cells) {
      const placed: IndicatorRow = { ...cell(inCell.length, group), cohort, session };
      rows.push(placed);
      people.set(cellKey(placed), new Set(inCell));
    }
  };
  const all = world.people.map((_, at) => at);
  for (const cohort of world.cohorts)
    for (const session of world.sessions)
      add(
        cohort,
        session,
        all.filter(
          (at) => world.people[at]?.cohort === cohort && (world.people[at]?.completed[session] ?? Infinity) <= month,
        ),
      );
  const joinedPool = (person: Person): number =>
    Math.min(person.poolOnly ?? Infinity, ...world.sessions.map((session) => person.completed[session] ?? Infinity));
  add(
    null,
    null,
    all.filter((at) => joinedPool(world.people[at] as Person) <= month),
  );
  return { rows, people };
}

/** One published version of a cell, with its people. */
interface Seen {
  readonly name: string;
  readonly cohort: string | null;
  readonly session: string | null;
  readonly group: GroupKey | null;
  readonly key: string;
  readonly month: number;
  readonly members: Set<number>;
}

/** Every group of 1..k-1 people the outsider can work out from the published versions. */
function leaks(seen: readonly Seen[], k: number, truth: readonly Map<string, Set<number>>[]): string[] {
  const found: string[] = [];
  const inside = (small: Set<number>, big: Set<number>): boolean => [...small].every((at) => big.has(at));
  const sameGroup = (a: GroupKey | null, b: GroupKey | null): boolean =>
    a?.dimension === b?.dimension && a?.value === b?.value;
  /** Each way to take at most one version from each slot, as the chosen versions. */
  const families = (slots: readonly (readonly Seen[])[]): Seen[][] =>
    slots.reduce<Seen[][]>((ways, slot) => ways.flatMap((way) => [way, ...slot.map((one) => [...way, one])]), [[]]);
  const union = (family: readonly Seen[]): Set<number> => new Set(family.flatMap((one) => [...one.members]));
  const check = (what: string, size: number): void => {
    if (size > 0 && size < k) found.push(`${what}: ${size}`);
  };
  for (const whole of seen) {
    check(whole.name, whole.members.size);
    for (const older of seen.filter((one) => one.key === whole.key && one.month < whole.month))
      check(`${whole.name} minus ${older.name}`, whole.members.size - older.members.size);
    // Slot families: categories of one dimension of a total's table; for a pool cell, each cohort's cells.
    const slotSets: { slots: Seen[][]; sessionWise: boolean }[] = [];
    if (whole.group === null && (whole.cohort !== null || whole.session === null)) {
      const table = seen.filter((one) => one.cohort === whole.cohort && one.session === whole.session && one.group);
      for (const dimension of new Set(table.map((one) => one.group?.dimension))) {
        const values = [...new Set(table.filter((one) => one.group?.dimension === dimension).map((one) => one.key))];
        slotSets.push({ slots: values.map((key) => table.filter((one) => one.key === key)), sessionWise: false });
      }
    }
    if (whole.cohort === null) {
      const cohorts = [...new Set(seen.filter((one) => one.cohort !== null).map((one) => one.cohort))];
      slotSets.push({
        slots: cohorts.map((cohort) =>
          seen.filter((one) => one.cohort === cohort && sameGroup(one.group, whole.group)),
        ),
        sessionWise: true,
      });
    }
    for (const { slots, sessionWise } of slotSets) {
      // Minus: parts of the same or an earlier month, disjoint (one per slot), inside the whole.
      const earlier = slots.map((slot) => slot.filter((one) => one.month <= whole.month));
      for (const family of families(earlier)) {
        if (family.length === 0 || (sessionWise && new Set(family.map((one) => one.session)).size > 1)) continue;
        const parts = union(family);
        expect(inside(parts, whole.members), `${family.map((one) => one.name)} inside ${whole.name}`).toBe(true);
        check(`${whole.name} minus ${family.map((one) => one.name).join(' + ')}`, whole.members.size - parts.size);
      }
      // Covering: parts of the same or a later month (for the pool, of one session) holding everyone in the whole.
      const later = slots.map((slot) => slot.filter((one) => one.month >= whole.month));
      for (const family of families(later)) {
        if (family.length === 0 || (sessionWise && new Set(family.map((one) => one.session)).size > 1)) continue;
        const then = new Set(family.flatMap((one) => [...(truth[whole.month]?.get(one.key) ?? [])]));
        if (!inside(whole.members, then)) continue;
        const parts = union(family);
        check(`${family.map((one) => one.name).join(' + ')} minus ${whole.name}`, parts.size - whole.members.size);
      }
    }
  }
  return found;
}

/** Sizes reachable by a family, each marked whether it takes a version of this month. */
type Sums = Map<number, boolean>;
const plus = (a: Sums, b: Sums, cap: number): Sums => {
  const out: Sums = new Map();
  for (const [x, fx] of a)
    for (const [y, fy] of b) if (x + y <= cap) out.set(x + y, (out.get(x + y) ?? false) || fx || fy);
  return out;
};
const either = (a: Sums, b: Sums): Sums => {
  const out = new Map(a);
  for (const [x, f] of b) out.set(x, (out.get(x) ?? false) || f);
  return out;
};

/**
 * The mixed derivations under a pool total (found by an independent review): per cohort, its total
 * or its categories of one dimension; and per value of one dimension, the pool's category or one
 * session's cohort cells of that value; each of any month up to the whole's. The tables' nesting
 * makes every such family disjoint and inside the whole, so sizes add up.
 */
function mixedLeaks(seen: readonly Seen[], world: World, now: number): string[] {
  const found: string[] = [];
  const { k } = world.programme;
  const sameGroup = (a: GroupKey | null, b: GroupKey | null): boolean =>
    a?.dimension === b?.dimension && a?.value === b?.value;
  const versions = (cohort: string | null, session: string | null, group: GroupKey | null, month: number): Sums =>
    either(
      new Map([[0, false]]),
      new Map(
        seen
          .filter((one) => one.cohort === cohort && one.session === session && sameGroup(one.group, group))
          .filter((one) => one.month <= month)
          .map((one) => [one.members.size, one.month === now]),
      ),
    );
  for (const whole of seen.filter((one) => one.cohort === null && one.group === null)) {
    const cap = whole.members.size;
    const check = (sums: Sums, what: string): void => {
      for (const [sum, fresh] of sums)
        if (cap - sum > 0 && cap - sum < k && (fresh || whole.month === now))
          found.push(`${whole.name} minus ${what}: ${cap - sum}`);
    };
    for (const session of world.sessions) {
      let byCohort: Sums = new Map([[0, false]]);
      for (const cohort of world.cohorts) {
        let options = versions(cohort, session, null, whole.month);
        for (const [dimension, values] of Object.entries(world.dimensions)) {
          let categories: Sums = new Map([[0, false]]);
          for (const value of values)
            categories = plus(categories, versions(cohort, session, { dimension, value }, whole.month), cap);
          options = either(options, categories);
        }
        byCohort = plus(byCohort, options, cap);
      }
      check(byCohort, `each cohort's total or categories in ${session}`);
      for (const [dimension, values] of Object.entries(world.dimensions)) {
        let byValue: Sums = new Map([[0, false]]);
        for (const value of values) {
          const group = { dimension, value };
          let cohorts: Sums = new Map([[0, false]]);
          for (const cohort of world.cohorts)
            cohorts = plus(cohorts, versions(cohort, session, group, whole.month), cap);
          byValue = plus(byValue, either(versions(null, null, group, whole.month), cohorts), cap);
        }
        check(byValue, `the pool's or ${session}'s cohort cells of each ${dimension}`);
      }
    }
  }
  return found;
}

/** Publishes every month of a world and attacks after each; returns the summaries. */
function publishWorld(world: World): Summary[] {
  const seen: Seen[] = [];
  const truth: Map<string, Set<number>>[] = [];
  const summaries: Summary[] = [];
  let previous: PublishedState | undefined;
  for (let month = 0; month < world.months; month += 1) {
    const period = `2026-${String(month + 1).padStart(2, '0')}`;
    const { rows, people } = tablesAt(world, month);
    truth.push(people);
    const built = buildSummary(world.programme, period, rows, previous);
    previous = built.published;
    summaries.push(built.summary);
    for (const row of built.summary.rows) {
      if (row.suppressed || row.as_of !== undefined) continue;
      const key = cellKey(row);
      seen.push({ ...row, name: `${key}@${period}`, key, month, members: people.get(key) ?? new Set() });
    }
    expect(leaks(seen, world.programme.k, truth)).toEqual([]);
    expect(mixedLeaks(seen, world, month)).toEqual([]);
    // Never less than before: whatever read as figures last month still does (updated or carried).
    const earlier = summaries[month - 1];
    if (earlier !== undefined) {
      const visible = new Set(built.summary.rows.filter((row) => !row.suppressed).map(cellKey));
      for (const row of earlier.rows.filter((candidate) => !candidate.suppressed))
        expect(visible.has(cellKey(row)), `${cellKey(row)} still reads in ${period}`).toBe(true);
    }
  }
  return summaries;
}

/** Two cohorts of one session with a role each, k = 5 (JUSTROM3's): the hand-made worlds below. */
function twoCohorts(people: readonly Person[], months: number): World {
  const dimensions = { role: ['mentor', 'mentee'] };
  return { programme: { ...justrom3, k: 5 }, cohorts: ['c1', 'c2'], sessions: ['s1'], dimensions, people, months };
}

describe('disclosure control across months, cohorts and the programme pool, attacked with the people', () => {
  it.each(Array.from({ length: 120 }, (_, seed) => seed + 1))('world %i: no group of 1..k-1 people', (seed) => {
    publishWorld(randomWorld(seed));
  });

  it('keeps a pool whose one small cohort is hidden from giving that cohort away', () => {
    // One session: the pool is exactly the cohorts added up. Big cohort 20, small one 3, k = 5.
    const people: Person[] = [
      ...Array.from({ length: 20 }, () => ({ cohort: 'c1', groups: { role: 'mentee' }, completed: { s1: 0 } })),
      ...Array.from({ length: 3 }, () => ({ cohort: 'c2', groups: { role: 'mentee' }, completed: { s1: 0 } })),
    ];
    const [summary] = publishWorld(twoCohorts(people, 1));
    const whole = (cohort: string | null) =>
      summary?.rows.find((row) => row.cohort === cohort && row.group === null && row.session === (cohort && 's1'));
    // The programme-wide headline stays; the big cohort's own cell goes, or the pool would give the small one away.
    expect(whole(null)?.suppressed).toBe(false);
    expect(whole(null)?.n_paired).toBe(25);
    expect(whole('c2')?.suppression?.reason).toBe('fewer-than-k');
    expect(whole('c1')?.suppression?.reason).toBe('secondary');
  });

  it("carries a month's findings when too few joined to update them, and updates them once enough have", () => {
    // The demo's shape: three quarters of each cohort answer in the first month, the rest in the second.
    const people: Person[] = [12, 9].flatMap((size, index) =>
      Array.from({ length: size }, (_, at) => ({
        cohort: `c${index + 1}`,
        groups: { role: at % 3 === 0 ? 'mentor' : 'mentee' },
        completed: { s1: at < Math.ceil(size * 0.75) ? 0 : 1 },
      })),
    );
    const [first, second] = publishWorld(twoCohorts(people, 2));
    const shownFirst = first?.rows.filter((row) => !row.suppressed) ?? [];
    expect(shownFirst.length).toBeGreaterThan(0);
    for (const row of shownFirst) {
      const later = second?.rows.find((candidate) => cellKey(candidate) === cellKey(row));
      expect(later?.suppressed).toBe(false);
      if (later?.as_of !== undefined) {
        expect(later.as_of).toBe('2026-01');
        expect(later.indicators).toEqual(row.indicators);
      }
    }
    // The pool grew by 5 (21 from 16): updated, so the funder reads this month's programme-wide figures.
    expect(second?.rows.find((row) => row.cohort === null && row.group === null)?.as_of).toBeUndefined();
  });

  it('carries a cell published before that has no row now; reads old records (counts only), carrying none', () => {
    const first = buildSummary(justrom3, '2026-01', [cell(12, null, 'rosenberg-self-esteem', 'iasi-2020')]);
    const gone = buildSummary(justrom3, '2026-02', [], first.published);
    expect(gone.summary.rows).toHaveLength(1);
    expect(gone.summary.rows[0]?.as_of).toBe('2026-01');
    expect(gone.summary.rows[0]?.cohort).toBe('iasi-2020');
    // A record from before carry-forward has counts only: differencing still holds, nothing to carry.
    const shown = Object.fromEntries(
      Object.entries(first.published.history.versions).map(([key, versions]) => [key, versions.at(-1)?.[1] ?? 0]),
    );
    const old = buildSummary(justrom3, '2026-02', [cell(13, null, 'rosenberg-self-esteem', 'iasi-2020')], { shown });
    expect(old.summary.rows[0]?.suppression?.reason).toBe('differencing');
  });
});

describe('a withdrawal and what was published', () => {
  const iasi = (n: number, change: number): IndicatorRow => {
    const row = cell(n, null, 'rosenberg-self-esteem', 'iasi-2020');
    return { ...row, indicators: { ...row.indicators, mean_change: change } };
  };

  it('carries nothing of a cohort where someone withdrew, until the cell can be updated without them', () => {
    const january = buildSummary(justrom3, '2026-01', [iasi(12, 9.25)], undefined, { 'iasi-2020': 0 });
    // One of the twelve withdrew: the January figures include them, so they are neither updated nor carried.
    const february = buildSummary(justrom3, '2026-02', [iasi(11, 1.5)], january.published, { 'iasi-2020': 1 });
    expect(february.summary.rows[0]).toMatchObject({ suppressed: true, suppression: { reason: 'secondary' } });
    expect(JSON.stringify(february.summary)).not.toContain('9.25');
    expect(JSON.stringify(february.published.figures)).not.toContain('9.25');
    // No withdrawal since: still too close to the last version (12) to update, and nothing left to carry.
    const march = buildSummary(justrom3, '2026-03', [iasi(13, 1.6)], february.published, { 'iasi-2020': 1 });
    expect(march.summary.rows[0]?.suppressed).toBe(true);
    expect(JSON.stringify(march.summary)).not.toContain('9.25');
    // k more than the last version: updated again.
    const april = buildSummary(justrom3, '2026-04', [iasi(17, 1.7)], march.published, { 'iasi-2020': 1 });
    expect(april.summary.rows[0]).toMatchObject({ suppressed: false, indicators: { mean_change: 1.7 } });
  });

  it('does not update a cell whose count stayed the same while someone withdrew (one left, one joined)', () => {
    const january = buildSummary(justrom3, '2026-01', [iasi(12, 9.25)], undefined, { 'iasi-2020': 0 });
    const february = buildSummary(justrom3, '2026-02', [iasi(12, 1.5)], january.published, { 'iasi-2020': 1 });
    expect(february.summary.rows[0]?.suppression?.reason).toBe('secondary');
    // Without a withdrawal the same count is the same people: updated.
    const same = buildSummary(justrom3, '2026-02', [iasi(12, 9.25)], january.published, { 'iasi-2020': 0 });
    expect(same.summary.rows[0]?.suppressed).toBe(false);
  });
});

describe('derivations a second review found', () => {
  const of = (cohort: string | null, people: readonly number[], group: GroupKey | null = null): IndicatorRow => {
    const n = people.length;
    const mean = people.reduce((sum, one) => sum + one, 0) / n;
    const row = cell(n, group, 'rosenberg-self-esteem', cohort as string);
    return {
      ...row,
      cohort,
      session: cohort === null ? null : 'individual-meeting-1',
      indicators: { ...row.indicators, mean_change: mean, mean_post_paired: 10 + mean },
    };
  };
  const ones = (n: number): number[] => Array.from({ length: n }, () => 1);
  const sumOf = (row: SummaryRowLike | undefined): number => (row?.n_paired ?? 0) * (row?.indicators?.mean_change ?? 0);
  type SummaryRowLike = Summary['rows'][number];

  it('does not let the pool, updated after a withdrawal, give the person who left away through an old version', () => {
    const W = 7;
    const a1 = [...ones(9), W];
    const b1 = ones(10);
    const programme = { ...justrom3, rounding: { base: 1, below: 0 } };
    const jan = buildSummary(programme, '2026-01', [of('A', a1), of('B', b1), of(null, [...a1, ...b1])], undefined, {
      A: 0,
      B: 0,
      '*': 0,
    });
    const a2 = ones(9);
    const b2 = ones(20);
    const feb = buildSummary(
      programme,
      '2026-02',
      [of('A', a2), of('B', b2), of(null, [...a2, ...b2])],
      jan.published,
      {
        A: 1,
        B: 0,
        '*': 1,
      },
    );
    const row = (rows: Summary['rows'], cohort: string | null) => rows.find((one) => one.cohort === cohort);
    const pool = row(feb.summary.rows, null);
    const b = row(feb.summary.rows, 'B');
    const fresh = (one: SummaryRowLike | undefined): boolean => one?.suppressed === false && one.as_of === undefined;
    // A in January minus (pool now minus B now) would be W's change: never both fresh with January's A.
    if (fresh(pool) && fresh(b))
      expect(sumOf(row(jan.summary.rows, 'A')) - (sumOf(pool) - sumOf(b))).not.toBeCloseTo(W, 6);
    expect(fresh(pool) && fresh(b)).toBe(false);
  });

  it("keeps a small cohort of a site from being given away by the pool's site category minus the others", () => {
    const template = justrom3.cohorts[0];
    if (template === undefined) throw new Error('no cohort');
    const cohort = (id: string, site: string) => ({ ...template, id, attributes: { site } });
    const programme = {
      ...justrom3,
      cohorts: [cohort('iasi-a', 'iasi'), cohort('iasi-b', 'iasi'), cohort('buc', 'bucharest')],
    };
    const small = [4, 4, 4];
    const iasi = ones(10);
    const buc = ones(10);
    const site = (value: string): GroupKey => ({ dimension: 'site', value });
    const { summary } = buildSummary(programme, '2026-01', [
      of('iasi-a', small),
      of('iasi-b', iasi),
      of('buc', buc),
      of(null, [...small, ...iasi, ...buc]),
      of(null, [...small, ...iasi], site('iasi')),
      of(null, buc, site('bucharest')),
    ]);
    const shown = (cohortId: string | null, value: string | null): boolean =>
      summary.rows.some((one) => one.cohort === cohortId && (one.group?.value ?? null) === value && !one.suppressed);
    expect(shown('iasi-a', null)).toBe(false);
    expect(shown(null, 'iasi') && shown('iasi-b', null)).toBe(false);
  });

  it('reads a record from before the counts as possibly withdrawn from, where a withdrawal was ever counted', () => {
    const legacy = { shown: { [cellKey(of('A', ones(20)))]: 20 } };
    const next = buildSummary(justrom3, '2026-10', [of('A', ones(21))], legacy, { A: 1 });
    expect(next.summary.rows[0]?.suppressed).toBe(true);
    const grown = buildSummary(justrom3, '2026-10', [of('A', ones(25))], legacy, { A: 1 });
    expect(grown.summary.rows[0]?.suppressed).toBe(false);
    // Nobody ever withdrew: the same count is the same people.
    expect(buildSummary(justrom3, '2026-10', [of('A', ones(20))], legacy, { A: 0 }).summary.rows[0]?.suppressed).toBe(
      false,
    );
  });

  it('does not update a cell that lost one person and, a month later, gained one (the pair would show)', () => {
    const jan = buildSummary(justrom3, '2026-01', [of('A', [...ones(11), 9])], undefined, { A: 0 });
    const feb = buildSummary(justrom3, '2026-02', [of('A', ones(11))], jan.published, { A: 1 });
    const mar = buildSummary(justrom3, '2026-03', [of('A', [...ones(11), 5])], feb.published, { A: 1 });
    expect(feb.summary.rows[0]?.suppressed).toBe(true);
    expect(mar.summary.rows[0]?.suppressed).toBe(true);
    const apr = buildSummary(justrom3, '2026-04', [of('A', [...ones(16), 5])], mar.published, { A: 1 });
    expect(apr.summary.rows[0]?.suppressed).toBe(false);
  });
});
