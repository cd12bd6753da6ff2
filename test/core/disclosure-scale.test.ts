/**
 * Disclosure control at the scale of PRODUCT.md's budget (10,000 cohorts in a programme).
 * `protectCells` counts only the sums within k of each whole, keeps a pool cell's window of sums
 * across rounds and runs again only the tables and pool cells whose cells changed. These tests
 * hold that it still decides exactly what the rules as first written decide, every withholding
 * and its order, on random programmes of many cohorts (the attacker tests of disclosure.test.ts
 * hold that those rules protect); and that a programme of thousands of cohorts near its end, where
 * a pool cell used to withhold its cohorts' cells one round at a time, is protected in a test's
 * time. The rules as first written are kept below, in test/ only (STYLE rule 10): every unit in
 * every round, every sum counted up from zero.
 */
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  protectCells,
  recordPublication,
  withdrewSince,
  type DisclosureHistory,
  type ProtectionContext,
  type SuppressionReason,
} from '#core/disclosure.ts';
import type { GroupKey, IndicatorRow } from '#core/model.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { seededRandom } from '#local/simulation.ts';
import { shippedProgramme } from '../support/programmes.ts';

/** A version of a cell an outsider reads: from an earlier publication, or (new) this one's. */
interface Version {
  readonly publication: number;
  readonly n: number;
  readonly row: IndicatorRow | undefined;
}

/** The table a row belongs to. */
const tableKey = (row: { cohort: string | null; session: string | null; instrument: string }): string =>
  [row.cohort ?? '*', row.session ?? '*', row.instrument].join('|');

/** Rows with their structure: each table's total and categories, each pool cell's cohort cells per session. */
interface Structure {
  readonly tables: Map<string, { total: IndicatorRow | undefined; dimensions: Map<string, IndicatorRow[]> }>;
  /** pool cell key -> cohort -> session -> the cohort cell of the same instrument and group. */
  readonly pools: Map<string, Map<string, Map<string, string>>>;
}

function structureAsWritten(
  rows: readonly IndicatorRow[],
  history: DisclosureHistory,
  cohortAttributes: NonNullable<ProtectionContext['cohortAttributes']>,
): Structure {
  const tables: Structure['tables'] = new Map();
  for (const row of rows) {
    const table = tables.get(tableKey(row)) ?? { total: undefined, dimensions: new Map() };
    if (row.group === null) table.total = row;
    else table.dimensions.set(row.group.dimension, [...(table.dimensions.get(row.group.dimension) ?? []), row]);
    tables.set(tableKey(row), table);
  }
  // Cohort cells by key, from this publication's rows and every earlier one's, so a cohort cell with
  // no row now (nobody left in it) still counts against its pool.
  const keys = new Set([...rows.map(cellKey), ...Object.keys(history.versions), ...history.exact.flatMap(Object.keys)]);
  const pools: Structure['pools'] = new Map();
  const place = (poolKey: string, cohort: string, session: string, key: string): void => {
    const cohorts = pools.get(poolKey) ?? new Map<string, Map<string, string>>();
    cohorts.set(cohort, (cohorts.get(cohort) ?? new Map()).set(session, key));
    pools.set(poolKey, cohorts);
  };
  for (const key of keys) {
    const [cohort, session, instrument, group] = key.split('|');
    if (cohort === undefined || cohort === '*' || session === undefined || session === '*') continue;
    place(['*', '*', instrument, group].join('|'), cohort, session, key);
    // A pool category by a cohort attribute (site = Iași) is those cohorts' whole groups added up.
    if (group === '*')
      for (const [dimension, value] of Object.entries(cohortAttributes[cohort] ?? {}))
        place(['*', '*', instrument, `${dimension}=${value}`].join('|'), cohort, session, key);
  }
  return { tables, pools };
}

/**
 * Sums reachable by taking at most one option from each slot (or exactly one from a mandatory
 * slot), each sum marked whether some way to it takes a new version. Sums above `cap` are dropped.
 */
function reachableAsWritten(
  slots: readonly { readonly options: readonly Version[]; readonly mandatory: boolean }[],
  cap: number,
): Map<number, boolean> {
  let sums = new Map<number, boolean>([[0, false]]);
  for (const slot of slots) {
    const next = new Map<number, boolean>();
    const add = (sum: number, isNew: boolean): void => {
      if (sum <= cap) next.set(sum, (next.get(sum) ?? false) || isNew);
    };
    for (const [sum, isNew] of sums) {
      if (!slot.mandatory) add(sum, isNew);
      for (const option of slot.options) add(sum + option.n, isNew || option.row !== undefined);
    }
    sums = next;
  }
  return sums;
}

/**
 * Decides which rows may not be updated this publication, and why, given the history of what
 * was published before. Rows are whole-instrument cells (no parts).
 */
function protectAsWritten(
  rows: readonly IndicatorRow[],
  k: number,
  history: DisclosureHistory = { versions: {}, exact: [] },
  context: ProtectionContext = {},
): Map<IndicatorRow, SuppressionReason> {
  const now = history.exact.length;
  const current = new Map(rows.map((row) => [cellKey(row), row]));
  const withheld = new Map<IndicatorRow, SuppressionReason>();
  const erasures = context.erasures ?? {};
  for (const row of rows) {
    const n = row.indicators.n_paired;
    const last = history.versions[cellKey(row)]?.at(-1);
    if (n < k) withheld.set(row, 'fewer-than-k');
    // Someone withdrew since its last version: the people changed whatever the counts say, so it
    // must grow by k beyond that version (one out and one in would otherwise give the pair away).
    else if (last !== undefined && withdrewSince(history, erasures, row.cohort, last[0]) && n - last[1] < k)
      withheld.set(row, 'secondary');
    else if (last !== undefined && n !== last[1] && Math.abs(n - last[1]) < k) withheld.set(row, 'differencing');
  }
  const structure = structureAsWritten(rows, history, context.cohortAttributes ?? {});
  const versionsOf = (key: string): Version[] => {
    const earlier = (history.versions[key] ?? []).map(([publication, n]) => ({ publication, n, row: undefined }));
    const row = current.get(key);
    return row === undefined || withheld.has(row)
      ? earlier
      : [...earlier, { publication: now, n: row.indicators.n_paired, row }];
  };
  const exactAt = (key: string, publication: number): number =>
    publication === now ? (current.get(key)?.indicators.n_paired ?? 0) : (history.exact[publication]?.[key] ?? 0);

  /** The group `whole` minus (or, covering it, plus) the slots' sums has 1..k-1 people through a new version. */
  const exposes = (whole: Version, slots: Parameters<typeof reachableAsWritten>[0], covering: boolean): boolean => {
    const sums = reachableAsWritten(slots, whole.n + k);
    for (const [sum, isNew] of sums) {
      if (!isNew && whole.row === undefined) continue;
      // Negative too: after a withdrawal an older version holds someone a newer one does not.
      const group = Math.abs(covering ? sum - whole.n : whole.n - sum);
      if (group > 0 && group < k) return true;
    }
    return false;
  };
  /** Withholds the smallest new version among the slots (else the whole's); says whether it did. */
  const withholdOne = (whole: Version, slots: Parameters<typeof reachableAsWritten>[0]): boolean => {
    const news = slots
      .flatMap((slot) => slot.options.map((option) => option.row))
      .filter((row): row is IndicatorRow => row !== undefined && !withheld.has(row))
      .sort((a, b) => a.indicators.n_paired - b.indicators.n_paired || cellKey(a).localeCompare(cellKey(b)));
    const chosen = news[0] ?? whole.row;
    if (chosen === undefined || withheld.has(chosen)) return false;
    withheld.set(chosen, 'secondary');
    return true;
  };

  /**
   * One round of rules 3 and 4; true when it withheld something (and the rounds go on). A round
   * goes on past a withholding: the groups it checks later see it, and one pass over a large
   * programme withholds what many would, one by one.
   */
  const round = (): boolean => {
    let changed = false;
    const holdBack = (row: IndicatorRow | undefined): void => {
      if (row === undefined || withheld.has(row)) return;
      withheld.set(row, 'secondary');
      changed = true;
    };
    for (const { total, dimensions } of structure.tables.values()) {
      // A total not updated holds back its categories, which would otherwise stand in for it.
      if (total === undefined || withheld.has(total)) {
        for (const categories of dimensions.values()) for (const category of categories) holdBack(category);
        if (total === undefined) continue;
      }
      const totalKey = cellKey(total);
      for (const categories of dimensions.values()) {
        const keys = categories.map(cellKey);
        for (const whole of versionsOf(totalKey)) {
          // Rule 3, minus: the total now less categories of any earlier or this version.
          if (whole.row !== undefined) {
            const slots = keys.map((key) => ({ options: versionsOf(key), mandatory: false }));
            if (exposes(whole, slots, false) && withholdOne(whole, slots)) changed = true;
          }
          // Rule 3, covering: categories of this or later versions, all who were in one then, less the total then.
          const unassigned = whole.n - keys.reduce((sum, key) => sum + exactAt(key, whole.publication), 0);
          if (unassigned !== 0) continue;
          const slots = keys.map((key) => ({
            options: versionsOf(key).filter((version) => version.publication >= whole.publication),
            mandatory: exactAt(key, whole.publication) > 0,
          }));
          if (exposes(whole, slots, true) && withholdOne(whole, slots)) changed = true;
        }
      }
    }
    for (const [poolKey, cohorts] of structure.pools) {
      // A pool category not updated holds back the cohorts' cells of that category, which would
      // otherwise stand in for it beside the pool's other categories.
      const pool = current.get(poolKey);
      if (pool !== undefined && pool.group !== null && withheld.has(pool))
        for (const sessions of cohorts.values())
          for (const key of sessions.values())
            if (key.split('|')[3] === poolKey.split('|')[3]) holdBack(current.get(key));
      const sessions = new Set([...cohorts.values()].flatMap((bySession) => [...bySession.keys()]));
      for (const whole of versionsOf(poolKey)) {
        for (const session of sessions) {
          const keys = [...cohorts.values()].map((bySession) => bySession.get(session) ?? '');
          // Rule 4, minus: the pool now less one session's cells, one of each cohort, of any version.
          if (whole.row !== undefined) {
            const slots = keys.map((key) => ({ options: key === '' ? [] : versionsOf(key), mandatory: false }));
            if (exposes(whole, slots, false) && withholdOne(whole, slots)) changed = true;
          }
          // Rule 4, covering: one session's cohort cells holding everyone the pool had then.
          const inCells = keys.reduce((sum, key) => sum + (key === '' ? 0 : exactAt(key, whole.publication)), 0);
          if (whole.n !== inCells) continue;
          const slots = keys.map((key) => ({
            options: key === '' ? [] : versionsOf(key).filter((version) => version.publication >= whole.publication),
            mandatory: key !== '' && exactAt(key, whole.publication) > 0,
          }));
          if (exposes(whole, slots, true) && withholdOne(whole, slots)) changed = true;
        }
      }
    }
    return changed;
  };
  while (round()) {
    // Each round withholds at least one more update: at worst nothing new is published.
  }
  return withheld;
}

const catalog = shippedCatalog();
const dones = shippedProgramme('dones-mentores', catalog);
const EMPTY = (() => {
  const indicators = computeCohortIndicators(dones, catalog, 'barcelona-2026', [])[0]?.indicators;
  if (indicators === undefined) throw new Error('no empty row');
  return indicators;
})();

const cell = (cohort: string | null, session: string | null, group: GroupKey | null, n: number, instrument = 'i1') => ({
  cohort,
  session,
  instrument,
  group,
  indicators: { ...EMPTY, n_pre: n, n_post: n, n_paired: n },
});

/** What a protection decided, comparable: each withheld row by its place among the rows, in the order withheld. */
const decided = (rows: readonly IndicatorRow[], withheld: ReadonlyMap<IndicatorRow, SuppressionReason>) =>
  [...withheld].map(([row, reason]) => [rows.indexOf(row), reason]);

interface Person {
  readonly cohort: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
  readonly completed: Readonly<Record<string, number | undefined>>;
  readonly poolOnly: number | undefined;
  readonly erased: number | undefined;
}

/**
 * A random programme: 5-30 cohorts, one to three sessions, one or two instruments, two subgroup
 * dimensions (with people in no category), half the time a site per cohort, withdrawals, and
 * completers who come any month or mostly in the first (a programme near its end); cells with
 * nobody are left out half the time. Its months' rows and withdrawal counts, one after the other.
 */
function randomMonths(seed: number): { k: number; months: { rows: IndicatorRow[]; context: ProtectionContext }[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const k = pick([3, 5, 10]);
  const cohorts = Array.from({ length: 5 + Math.floor(random() * 26) }, (_, at) => `c${at}`);
  const sessions = ['s1', 's2', 's3'].slice(0, 1 + Math.floor(random() * 3));
  const instruments = random() < 0.7 ? ['i1'] : ['i1', 'i2'];
  const dimensions = { role: ['mentor', 'mentee'], age: ['young', 'middle', 'older'] };
  const sites =
    random() < 0.5 ? Object.fromEntries(cohorts.map((cohort) => [cohort, { site: pick(['a', 'b', 'c']) }])) : {};
  const count = 2 + Math.floor(random() * 5);
  const settled = random() < 0.5 ? 0 : 0.9;
  const withdrawals = random() < 0.5 ? 0 : random() * 0.1;
  const leaveOutEmpty = random() < 0.5;
  const people: Person[] = Array.from({ length: cohorts.length * (3 + Math.floor(random() * 25)) }, () => ({
    cohort: pick(cohorts),
    groups: { role: random() < 0.3 ? 'mentor' : 'mentee', age: random() < 0.1 ? undefined : pick(dimensions.age) },
    completed: Object.fromEntries(
      sessions.map((session) => [
        session,
        random() < 0.8 ? (random() < settled ? 0 : Math.floor(random() * count)) : undefined,
      ]),
    ),
    poolOnly: random() < 0.1 ? Math.floor(random() * count) : undefined,
    erased: random() < withdrawals ? Math.floor(random() * count) : undefined,
  }));
  const months = Array.from({ length: count }, (_, month) => {
    const present = people.filter((person) => person.erased === undefined || person.erased > month);
    const rows: IndicatorRow[] = [];
    const add = (cohort: string | null, session: string | null, members: readonly Person[], only?: GroupKey): void => {
      const groups: [GroupKey | null, number][] =
        only === undefined ? [[null, members.length]] : [[only, members.length]];
      if (only === undefined)
        for (const [dimension, values] of Object.entries(dimensions))
          for (const value of values)
            groups.push([{ dimension, value }, members.filter((person) => person.groups[dimension] === value).length]);
      for (const instrument of instruments)
        for (const [group, n] of groups)
          if (n > 0 || !leaveOutEmpty) rows.push(cell(cohort, session, group, n, instrument));
    };
    for (const cohort of cohorts)
      for (const session of sessions)
        add(
          cohort,
          session,
          present.filter((person) => person.cohort === cohort && (person.completed[session] ?? Infinity) <= month),
        );
    const joined = (person: Person): number =>
      Math.min(person.poolOnly ?? Infinity, ...sessions.map((session) => person.completed[session] ?? Infinity));
    const pooled = present.filter((person) => joined(person) <= month);
    add(null, null, pooled);
    for (const site of ['a', 'b', 'c'])
      if (Object.keys(sites).length > 0)
        add(
          null,
          null,
          pooled.filter((person) => sites[person.cohort]?.site === site),
          { dimension: 'site', value: site },
        );
    const erasures: Record<string, number> = { '*': 0 };
    for (const person of people)
      if (person.erased !== undefined && person.erased <= month) {
        erasures[person.cohort] = (erasures[person.cohort] ?? 0) + 1;
        erasures['*'] = (erasures['*'] ?? 0) + 1;
      }
    return { rows, context: { erasures, cohortAttributes: sites } };
  });
  return { k, months };
}

/**
 * Any history at all, not only one the rules would have let through: cells of a few cohorts, one
 * or two sessions and a pool, each with earlier versions at random publications whose counts
 * sit anywhere below today's (sometimes off the exact count then, as after a withdrawal), and
 * some rows missing. Versions close to each other, which published summaries rarely hold, are
 * where the counting of sums near a whole does its work.
 */
function anyHistory(seed: number): {
  k: number;
  rows: IndicatorRow[];
  history: DisclosureHistory;
  context: ProtectionContext;
} {
  const random = seededRandom(seed);
  const int = (below: number): number => Math.floor(random() * below);
  const k = [3, 5, 10][int(3)] ?? 5;
  const publications = int(4);
  const versions: Record<string, [number, number][]> = {};
  const exact = Array.from({ length: publications }, (): Record<string, number> => ({}));
  const rows: IndicatorRow[] = [];
  const place = (cohort: string | null, session: string | null, group: GroupKey | null, n: number): void => {
    const row = cell(cohort, session, group, n);
    if (random() < 0.9) rows.push(row);
    let then = n;
    for (let publication = publications - 1; publication >= 0; publication -= 1) {
      // Some cells unchanged since: a new version the same size as the last, which marks every sum it adds to.
      if (random() < 0.6) then = Math.max(0, then - int(2 * k));
      exact[publication] = { ...exact[publication], [cellKey(row)]: then };
      if (random() < 0.5) {
        const shown = Math.max(0, then + (random() < 0.2 ? int(3) - 1 : 0));
        versions[cellKey(row)] = [[publication, shown], ...(versions[cellKey(row)] ?? [])];
      }
    }
  };
  const groups = [null, { dimension: 'role', value: 'a' }, { dimension: 'role', value: 'b' }];
  let pool = 0;
  for (let cohort = 0; cohort < 2 + int(10); cohort += 1)
    for (const session of ['s1', 's2'].slice(0, 1 + int(2)))
      for (const group of groups) {
        const n = int(4 * k);
        if (group === null && session === 's1') pool += n;
        place(`c${cohort}`, session, group, n);
      }
  place(null, null, null, pool + (random() < 0.5 ? 0 : int(k)));
  for (const group of groups.slice(1)) place(null, null, group, int(pool));
  const erasures: Record<string, number> = random() < 0.5 ? {} : { c0: int(2), '*': int(2) };
  return { k, rows, history: { versions, exact }, context: { erasures } };
}

/**
 * A programme near its end: every cohort (10-29 people, one session, no subgroups) published
 * last month; this month one cohort grew by 2 (fewer than k = 5, not updated) and another by 5,
 * so the pool grew by 7 and is updated. The pool less every cohort but the first, and the first's
 * last version, would be those 2: cohort cells are withheld, smallest first, until it is not.
 */
function settledProgramme(cohorts: number): { rows: IndicatorRow[]; history: DisclosureHistory } {
  const size = (at: number): number => 10 + ((at * 7) % 20);
  const month = (grown: (at: number) => number): IndicatorRow[] => {
    const sizes = Array.from({ length: cohorts }, (_, at) => size(at) + grown(at));
    return [
      ...sizes.map((n, at) => cell(`c${at}`, 's1', null, n)),
      cell(
        null,
        null,
        null,
        sizes.reduce((sum, n) => sum + n, 0),
      ),
    ];
  };
  const before = month(() => 0);
  const history = recordPublication(undefined, before, protectCells(before, 5));
  return { rows: month((at) => (at === 0 ? 2 : at === 1 ? 5 : 0)), history };
}

describe('disclosure control at scale, against the rules as first written', () => {
  it.each(Array.from({ length: 40 }, (_, seed) => seed + 1))(
    'world %i: the same withholdings, in the same order, every month',
    (seed) => {
      const { k, months } = randomMonths(seed);
      let history: DisclosureHistory | undefined;
      for (const { rows, context } of months) {
        const withheld = protectCells(rows, k, history, context);
        expect(decided(rows, withheld)).toEqual(decided(rows, protectAsWritten(rows, k, history, context)));
        history = recordPublication(history, rows, withheld, context.erasures);
      }
    },
  );

  it('decides the same on 1,000 arbitrary histories', { timeout: 120_000 }, () => {
    for (let seed = 1; seed <= 1000; seed += 1) {
      const { k, rows, history, context } = anyHistory(seed);
      expect(decided(rows, protectCells(rows, k, history, context)), `history ${seed}`).toEqual(
        decided(rows, protectAsWritten(rows, k, history, context)),
      );
    }
  });

  it('withholds, in a programme near its end, what the rules as first written do, one round or many', () => {
    const { rows, history } = settledProgramme(60);
    const withheld = protectCells(rows, 5, history);
    expect(decided(rows, withheld)).toEqual(decided(rows, protectAsWritten(rows, 5, history)));
    // The pool is updated, the cohort that grew by 2 is not, and many cohorts' cells went with it.
    expect(withheld.has(rows[60] as IndicatorRow)).toBe(false);
    expect(withheld.get(rows[0] as IndicatorRow)).toBe('differencing');
    expect(withheld.size).toBeGreaterThan(10);
  });

  it('protects 5,000 such cohorts as it protects 60: the same cohort sizes withheld', { timeout: 120_000 }, () => {
    const small = settledProgramme(60);
    const large = settledProgramme(5_000);
    const sizesWithheld = (rows: readonly IndicatorRow[], withheld: ReadonlyMap<IndicatorRow, SuppressionReason>) =>
      new Set(
        rows
          .slice(2, -1)
          .filter((row) => withheld.has(row))
          .map((row) => row.indicators.n_paired),
      );
    const expected = sizesWithheld(small.rows, protectCells(small.rows, 5, small.history));
    const withheld = protectCells(large.rows, 5, large.history);
    expect(sizesWithheld(large.rows, withheld)).toEqual(expected);
    expect(withheld.has(large.rows.at(-1) as IndicatorRow)).toBe(false);
    // Every cohort of a withheld size, and no other (the first two grew: left out above).
    const ofWithheldSize = large.rows.slice(2, -1).filter((row) => expected.has(row.indicators.n_paired));
    expect(ofWithheldSize.every((row) => withheld.has(row))).toBe(true);
  });
});
