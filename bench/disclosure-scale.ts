/**
 * How the monthly funder summary scales with the number of cohorts: `buildSummary` (its
 * disclosure control, `protectCells`, is nearly all of it) timed month after month on a synthetic
 * programme, each month against the history the months before published, as the scheduled
 * publication runs it. PRODUCT.md's budget has 10,000 cohorts in a programme, so the summary of
 * such a programme must be built well within a month's Lambda run.
 *
 * The world: dones-mentores' subgroups (role, age band) asked of each participant, plus a site set
 * per cohort (three sites: the pool has a category per site); each cohort 8-32 people (by default) who each
 * complete each session in a random month (some never), and about one cohort in a hundred loses a
 * participant to erasure in a random month. Seeded, so runs compare; each month's summary is
 * reduced to a digest, so two builds of the protector can be checked to decide the same.
 *
 * `npx tsx bench/disclosure-scale.ts 100 400 1000 [--months 6] [--sessions 1] [--instruments 1] [--people 20]
 * [--settled 0.9]`
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { shippedCatalog } from '#surveys/index.ts';
import type { Cohort, Programme } from '#surveys/schema.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { buildSummary, POOL_SCOPE, type PublishedState } from '#core/summary.ts';
import type { GroupKey, IndicatorRow, Indicators } from '#core/model.ts';
import { benchProgramme, createRandom } from './synthetic-responses.ts';
import { count, duration, formatTable } from './report.ts';

/** The shape of the synthetic programme beside its number of cohorts. */
export interface DisclosureScaleOptions {
  /** Monthly summaries built one after the other (default 6). */
  readonly months?: number;
  /** Sessions per cohort (default 1). */
  readonly sessions?: number;
  /** Instruments per session (default 1). */
  readonly instruments?: number;
  /** Mean people per cohort: each cohort has between 0.4 and 1.6 times as many (default 20). */
  readonly people?: number;
  /**
   * The share of completions in the first month (default 0: any month alike). A programme near
   * its end, most cohorts no longer changing while a few still grow by less than k, is where a
   * pool cell used to withhold its cohorts' cells one round at a time.
   */
  readonly settled?: number;
  readonly seed?: number;
}

/** One month's summary: its size, what it withheld, how long it took and what it decided. */
export interface DisclosureMonth {
  readonly period: string;
  /** Indicator rows given to the summary (cohort cells and the pool's). */
  readonly rows: number;
  /** Rows not updated this month (hidden or carried). */
  readonly withheld: number;
  /** Wall time. */
  readonly ms: number;
  /** CPU time of the process (every thread: the collector's too), which a busy machine disturbs less. */
  readonly cpuMs: number;
  /** SHA-256 of the summary JSON and the state kept for the next month: equal digests, equal decisions. */
  readonly digest: string;
}

/** All the months of one programme size. */
export interface DisclosureSample {
  readonly cohorts: number;
  readonly people: number;
  readonly months: readonly DisclosureMonth[];
}

const SITES = ['north', 'centre', 'south'];
const DIMENSIONS: Readonly<Record<string, readonly string[]>> = {
  role: ['mentor', 'mentee'],
  'age-band': ['18-29', '30-44', '45-59', '60-plus'],
};
const INSTRUMENTS = ['rosenberg-self-esteem', 'general-self-efficacy', 'personal-safety', 'mood', 'ucla-loneliness-3'];

interface Person {
  readonly cohort: string;
  readonly groups: Readonly<Record<string, string | undefined>>;
  /** Per session, the month from which they are a completer (undefined: never). */
  readonly completed: readonly (number | undefined)[];
  /** The month they were erased from (undefined: never). */
  readonly erased: number | undefined;
}

/** The synthetic programme and its people. */
function worldOf(cohorts: number, options: Required<DisclosureScaleOptions>) {
  const random = createRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const base = benchProgramme(shippedCatalog());
  const template = base.cohorts[0];
  if (template === undefined) throw new Error(`no seed cohort in ${base.id}`);
  const cohortIds = Array.from({ length: cohorts }, (_, at) => `c${String(at).padStart(5, '0')}`);
  const programme: Programme = {
    ...base,
    k: 5,
    subgroups: [
      ...base.subgroups,
      {
        id: 'site',
        label: { en: 'Site' },
        source: 'cohort',
        sensitive: false,
        options: SITES.map((value) => ({ value, label: { en: value } })),
      },
    ],
    cohorts: cohortIds.map((id): Cohort => ({ ...template, id, name: id, attributes: { site: pick(SITES) } })),
  };
  const sessions = Array.from({ length: options.sessions }, (_, at) => `session-${at + 1}`);
  const people: Person[] = [];
  for (const cohort of cohortIds) {
    const size = Math.round(options.people * (0.4 + 1.2 * random()));
    const withdrawal = random() < 0.01 ? Math.floor(random() * size) : -1;
    for (let at = 0; at < size; at += 1)
      people.push({
        cohort,
        groups: {
          role: random() < 0.3 ? 'mentor' : 'mentee',
          'age-band': random() < 0.1 ? undefined : pick(DIMENSIONS['age-band'] ?? []),
        },
        completed: sessions.map(() =>
          random() < 0.85
            ? options.settled > 0 && random() < options.settled
              ? 0
              : Math.floor(random() * options.months)
            : undefined,
        ),
        erased: at === withdrawal ? 1 + Math.floor(random() * (options.months - 1)) : undefined,
      });
  }
  return { programme, sessions, instruments: INSTRUMENTS.slice(0, options.instruments), people };
}

/** A month's indicator rows: every cohort x session x instrument table and the pool's, with their subgroups. */
function rowsAt(world: ReturnType<typeof worldOf>, month: number, empty: Indicators): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const present = world.people.filter((person) => person.erased === undefined || person.erased > month);
  const cells = (cohort: string | null, session: string | null, members: readonly Person[], site?: string): void => {
    const groups: [GroupKey | null, number][] = [[null, members.length]];
    for (const [dimension, values] of Object.entries(DIMENSIONS))
      for (const value of values)
        groups.push([{ dimension, value }, members.filter((person) => person.groups[dimension] === value).length]);
    if (site !== undefined) groups.splice(0, groups.length, [{ dimension: 'site', value: site }, members.length]);
    for (const instrument of world.instruments)
      for (const [group, n] of groups)
        rows.push({
          cohort,
          session,
          instrument,
          group,
          indicators: { ...empty, n_pre: n, n_post: n, n_paired: n, mean_change: n / 7, mean_pre_paired: 10 },
        });
  };
  const byCohort = new Map<string, Person[]>();
  for (const person of present) byCohort.set(person.cohort, [...(byCohort.get(person.cohort) ?? []), person]);
  for (const [cohort, members] of byCohort)
    world.sessions.forEach((session, at) => {
      cells(
        cohort,
        session,
        members.filter((person) => (person.completed[at] ?? Infinity) <= month),
      );
    });
  // The pool: everyone paired in some session by now (first answer before to last after).
  const pooled = present.filter((person) => person.completed.some((when) => when !== undefined && when <= month));
  cells(null, null, pooled);
  const siteOf = new Map(world.programme.cohorts.map((cohort) => [cohort.id, cohort.attributes.site]));
  for (const site of SITES)
    cells(
      null,
      null,
      pooled.filter((person) => siteOf.get(person.cohort) === site),
      site,
    );
  return rows;
}

/** Each month's withdrawals so far, per cohort and for the pool, as the aggregation counts them. */
function erasuresAt(world: ReturnType<typeof worldOf>, month: number): Record<string, number> {
  const erasures: Record<string, number> = { [POOL_SCOPE]: 0 };
  for (const person of world.people) {
    if (person.erased === undefined || person.erased > month) continue;
    erasures[person.cohort] = (erasures[person.cohort] ?? 0) + 1;
    erasures[POOL_SCOPE] = (erasures[POOL_SCOPE] ?? 0) + 1;
  }
  return erasures;
}

/** Builds every month's summary of a programme of each size in turn, timing each build. */
export function benchDisclosure(
  cohortCounts: readonly number[],
  options: DisclosureScaleOptions = {},
): DisclosureSample[] {
  const settings = { months: 6, sessions: 1, instruments: 1, people: 20, settled: 0, seed: 13, ...options };
  const catalog = shippedCatalog();
  const samples: DisclosureSample[] = [];
  for (const cohorts of cohortCounts) {
    const world = worldOf(cohorts, settings);
    const empty = computeCohortIndicators(world.programme, catalog, world.programme.cohorts[0]?.id ?? '', [])[0]
      ?.indicators;
    if (empty === undefined) throw new Error('no empty indicator row');
    const months: DisclosureMonth[] = [];
    let previous: PublishedState | undefined;
    for (let month = 0; month < settings.months; month += 1) {
      const period = `2026-${String(month + 1).padStart(2, '0')}`;
      const rows = rowsAt(world, month, empty);
      const erasures = erasuresAt(world, month);
      const began = performance.now();
      const cpu = process.cpuUsage();
      const built = buildSummary(world.programme, period, rows, previous, erasures);
      const ms = performance.now() - began;
      const used = process.cpuUsage(cpu);
      previous = built.published;
      months.push({
        period,
        rows: rows.length,
        withheld: built.summary.rows.filter((row) => row.suppressed || row.as_of !== undefined).length,
        ms,
        cpuMs: (used.user + used.system) / 1000,
        digest: createHash('sha256').update(JSON.stringify(built)).digest('hex').slice(0, 16),
      });
    }
    samples.push({ cohorts, people: world.people.length, months });
  }
  return samples;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name: string): number | undefined => {
    const at = args.indexOf(`--${name}`);
    return at === -1 ? undefined : Number(args[at + 1]);
  };
  const sizes = args.filter((arg, at) => !arg.startsWith('--') && !args[at - 1]?.startsWith('--')).map(Number);
  const options = {
    months: option('months'),
    sessions: option('sessions'),
    instruments: option('instruments'),
    people: option('people'),
    settled: option('settled'),
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  for (const sample of benchDisclosure(sizes.length > 0 ? sizes : [100, 400, 1_000], defined)) {
    console.log(`${count(sample.cohorts)} cohorts, ${count(sample.people)} people`);
    console.log(
      formatTable(
        ['month', 'rows', 'withheld', 'build', 'CPU', 'digest'],
        sample.months.map((month) => [
          month.period,
          count(month.rows),
          count(month.withheld),
          duration(month.ms),
          duration(month.cpuMs),
          month.digest,
        ]),
      ),
    );
  }
}
