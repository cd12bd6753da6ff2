/**
 * Aggregation. A plan checks each cohort of a programme (many at once): it counts the cohort's
 * responses received since a quarter of an hour before the last aggregation's newest one (keys
 * only, from the time index) and compares with what that aggregation counted in the same window;
 * a cohort whose count differs, whose mark is stale, or every cohort with `full`, gets a job.
 * A cohort job reads the cohort in one Query pass, page by page into streaming accumulators,
 * stores its tables and marks them. The programme's pool follows its cohorts: it is recomputed
 * whenever the cohort marks it was computed from have changed, in one streaming pass over every
 * cohort. Results are stamped with the newest response's time, not the clock, so the same
 * responses store byte-identical items; a crash leaves earlier results and marks intact, and the
 * next plan recomputes what was not finished.
 *
 * In AWS the hourly plan (`planAggregation`) starts a run (a new id, a pending marker per cohort
 * and a counter) and queues the jobs (ports/aggregation-jobs.ts), each naming its run; each
 * cohort job, done or given up on, counts itself off by deleting its marker, so a job delivered
 * twice, or one of a run replaced since, counts nothing; the one that finishes the run queues the
 * pool (`runAggregationJob`). A job that dies leaves the count above 0: the next plan sees that
 * and the pool stale, and queues the pool itself. A cohort job reads its one cohort item, never
 * the programme's list of cohorts: 10,000 jobs an hour would each Query the whole list. Locally
 * (`aggregate`: the CLI, publication, the demo) the same cohort and pool use cases run in
 * process, the cohorts a few at once, then the pool.
 *
 * Runs may overlap (the queue's jobs, publication aggregating its programme). If an older table is
 * stored last, its mark counts fewer responses than the cohort holds, so the next plan recomputes
 * it. An erasure removes responses that may be old (no count in the window changes), so it counts
 * itself on the marks of the cohort and the pool instead: a mark whose erasure count differs from
 * the one its rows were computed with is stale and recomputed, and a mark is only written if no
 * erasure was counted while its rows were computed (else a cohort is computed again, up to three
 * times; a pool is left stale for the next plan).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock, IndicatorStore, ParticipantStore, PublicationStore, ResponseStore } from '#ports/store.ts';
import type { AggregationJob, AggregationJobs } from '#ports/aggregation-jobs.ts';
import { CohortAccumulator } from '#core/statistics/cohort.ts';
import { isComparisonCohort } from '#core/design.ts';
import { withComparison } from '#core/statistics/comparison.ts';
import { PoolAccumulator, PoolLayout } from '#core/statistics/pool.ts';
import { ErasureRaceError, UnknownProgrammeError } from '#core/errors.ts';
import { isSummaryOverdue } from '#core/summary-deadline.ts';
import {
  POOLED,
  isStale,
  type AggregationMark,
  type IndicatorScope,
  type Programme,
  type StoredResponse,
} from '#core/model.ts';
import { logger } from '#shared/logger.ts';
import { loadProgramme, loadProgrammes, loadProgrammeWithCohort, type ProgrammeDeps } from './programmes.ts';

export interface AggregateDeps extends ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly responses: ResponseStore;
  readonly indicators: IndicatorStore;
}

/** What the queued plan and its jobs need besides the stores: the queue. */
export interface AggregationJobDeps extends AggregateDeps {
  readonly jobs: AggregationJobs;
  /** The plan also checks each programme's summary deadline (the `OverdueSummaries` alarm). */
  readonly publications: Pick<PublicationStore, 'latestPeriod'>;
  readonly clock: Clock;
}

export interface AggregateOptions {
  /** Recompute every cohort, changed or not. */
  readonly full?: boolean;
  readonly programme?: string;
}

/** What one scope's aggregation did (cohort null: the programme pool). */
export interface ScopeReport {
  readonly programme: string;
  readonly cohort: string | null;
  readonly responses: number;
  readonly rows: number;
  readonly recomputed: boolean;
}

/** What one aggregation did, per cohort (cohort null: the programme pool). */
export interface AggregateReport {
  readonly cohorts: readonly ScopeReport[];
}

/** What one plan queued, per programme. */
export interface AggregationPlanReport {
  readonly programmes: readonly {
    readonly programme: string;
    readonly cohorts: number;
    /** Cohort jobs queued. */
    readonly queued: number;
    /** Whether the pool was queued directly (else it follows the cohort jobs, if any). */
    readonly pool: boolean;
    /** Whether last month's summary is past its deadline unrecorded (core/summary-deadline.ts). */
    readonly summaryOverdue: boolean;
  }[];
}

/** How far before the newest included response a later run looks for new ones. */
export const FRESHNESS_WINDOW_MS = 15 * 60 * 1000;

/**
 * How many cohorts a plan checks at once: each check is two small reads, and 10,000 cohorts one
 * after another would take most of the hour.
 */
export const PLAN_PARALLELISM = 16;

/**
 * How many cohorts a pool reads at once, and how far ahead of the append point it reads (the
 * window): a cohort read out of order waits, its participants' columns held, until those before
 * it are appended, so at most this many parts are held whatever cohort is slow. The pool job is
 * read-bound: 10^7 responses are about 10,000 Query pages of 1 MB; at some 50 ms a page, 4 at once
 * take over two minutes, 16 about half a minute. 16 parts of cohorts of even 10,000 participants
 * (about 40 columns x 2 waves x 8 bytes each) hold some 100 MiB, plus a page in flight each.
 */
export const POOL_READ_PARALLELISM = 16;

/** How long a run's pending markers are kept if no job deletes them (a replaced run's): a day. */
const RUN_MARKER_LIFETIME_S = 24 * 60 * 60;

/** How many cohorts one process aggregates at once: each holds its participants' columns. */
export const IN_PROCESS_PARALLELISM = 4;

/**
 * Aggregates in this process (CLI, publication, demo, local stack). Steps: per programme, plan
 * (which cohorts changed, whether the pool is stale); aggregate the changed cohorts a few at a
 * time; then the pool if any cohort was recomputed or it is stale. A failed cohort fails the run
 * after the others in flight finish.
 */
export async function aggregate(deps: AggregateDeps, options: AggregateOptions = {}): Promise<AggregateReport> {
  const programmes = await loadProgrammes(deps, options.programme === undefined ? undefined : [options.programme]);
  const report: ScopeReport[] = [];
  for (const programme of programmes) {
    // The pool's erasure count is read before any cohort is: the pool computed below from the
    // cohorts' pages then includes no answer erased before that count.
    const poolMark = await deps.indicators.getMark({ programme: programme.id, cohort: null });
    const plan = await planProgramme(deps, programme, options.full === true);
    // One layout for the programme: each changed cohort's part costs only its participants' columns.
    const layout = new PoolLayout(programme, deps.catalog);
    const recomputed = await mapLimited(plan.changed, IN_PROCESS_PARALLELISM, (cohort) =>
      aggregateCohortAndPart(deps, programme, cohort, layout),
    );
    const parts = new Map<string, PoolPart>();
    const byCohort = new Map<string, ScopeReport>();
    for (const entry of plan.unchanged) if (entry !== undefined) byCohort.set(entry.cohort ?? '', entry);
    for (const entry of recomputed) {
      if (entry === undefined) continue;
      byCohort.set(entry.report.cohort ?? '', entry.report);
      if (entry.part !== undefined) parts.set(entry.report.cohort ?? '', entry.part);
    }
    for (const cohort of programme.cohorts) {
      const entry = byCohort.get(cohort.id);
      if (entry !== undefined) report.push(entry);
    }
    if (plan.changed.length === 0 && !plan.poolStale) continue;
    const pool = await aggregatePool(deps, programme, { poolMark, parts, layout });
    if (pool !== undefined) report.push(pool);
  }
  return { cohorts: report };
}

/**
 * The hourly plan in AWS. Steps: per programme, plan; if cohorts changed, start a run (a new id,
 * a pending marker per cohort, the counter) and queue their jobs, each naming the run (the last
 * to finish queues the pool); else queue the pool if it is stale. A stale pool whose previous run
 * never finished is queued at once as well: a job that died would otherwise keep it from ever
 * following its cohorts.
 */
export async function planAggregation(
  deps: AggregationJobDeps,
  options: AggregateOptions = {},
): Promise<AggregationPlanReport> {
  const programmes = await loadProgrammes(deps, options.programme === undefined ? undefined : [options.programme]);
  const report: AggregationPlanReport['programmes'][number][] = [];
  const failed: string[] = [];
  for (const programme of programmes) {
    // One programme's failure (a throttled read, a refused send) does not hold up the others'
    // plans and deadline checks; the run still fails at the end, for the Errors alarm.
    try {
      const plan = await planProgramme(deps, programme, options.full === true);
      const pool: AggregationJob = { programme: programme.id, cohort: null };
      let poolQueued = false;
      if (plan.changed.length > 0) {
        const run = randomUUID();
        const unfinished = await deps.indicators.startAggregationRun(programme.id, {
          id: run,
          cohorts: plan.changed,
          expiresAt: Math.floor(deps.clock.now().getTime() / 1000) + RUN_MARKER_LIFETIME_S,
        });
        poolQueued = plan.poolStale && (unfinished ?? 0) > 0;
        await deps.jobs.enqueue([
          ...plan.changed.map((cohort) => ({ programme: programme.id, cohort, run })),
          ...(poolQueued ? [pool] : []),
        ]);
      } else if (plan.poolStale) {
        poolQueued = true;
        await deps.jobs.enqueue([pool]);
      }
      report.push({
        programme: programme.id,
        cohorts: programme.cohorts.length,
        queued: plan.changed.length,
        pool: poolQueued,
        summaryOverdue: await summaryOverdue(deps, programme),
      });
    } catch (error) {
      logger.error('aggregation plan failed', { programme: programme.id, error });
      failed.push(programme.id);
    }
  }
  if (failed.length > 0) throw new Error(`aggregation plan failed for ${failed.join(', ')}`);
  return { programmes: report };
}

/** Whether the programme's summary of last month is overdue now; see core/summary-deadline.ts. */
async function summaryOverdue(deps: AggregationJobDeps, programme: Programme): Promise<boolean> {
  const opens = programme.cohorts.flatMap((cohort) =>
    Object.values(cohort.windows).flatMap((window) => (window.opens === undefined ? [] : [window.opens])),
  );
  const deadline = {
    cron: programme.summarySchedule.cron,
    timeZone: programme.summarySchedule.timezone,
    now: deps.clock.now(),
    firstOpens: opens.sort()[0],
  };
  // The publication record is read only once the deadline has passed and something was due.
  if (!isSummaryOverdue({ ...deadline, latestPeriod: undefined })) return false;
  return isSummaryOverdue({ ...deadline, latestPeriod: await deps.publications.latestPeriod(programme.id) });
}

/**
 * Runs one queued job. A cohort job reads its programme's definition and its one cohort (not the
 * programme's list), aggregates the cohort, then counts itself off its run (also when it gave up
 * on an erasure race, or its cohort or programme no longer exists); the one that finishes the run
 * queues the pool. A job without a run (queued before runs had ids) aggregates and counts nothing.
 * A pool job loads the whole programme and aggregates the pool. An error is thrown before
 * counting off: the queue delivers the job again.
 */
export async function runAggregationJob(
  deps: AggregationJobDeps,
  job: AggregationJob,
): Promise<ScopeReport | undefined> {
  if (job.cohort === null) {
    const programme = await loadProgramme(deps, job.programme).catch((error: unknown) => {
      if (error instanceof UnknownProgrammeError) return undefined;
      throw error;
    });
    return programme === undefined ? undefined : aggregatePool(deps, programme);
  }
  const programme = await loadProgrammeWithCohort(deps, job.programme, job.cohort);
  const report = programme === undefined ? undefined : await aggregateCohort(deps, programme, job.cohort);
  if (job.run !== undefined && (await deps.indicators.finishAggregationJob(job.programme, job.run, job.cohort)))
    await deps.jobs.enqueue([{ programme: job.programme, cohort: null }]);
  return report;
}

/** What a programme's plan found. */
interface ProgrammePlan {
  /** Cohorts to recompute, in the programme's order. */
  readonly changed: readonly string[];
  /** The cohorts left as they are. */
  readonly unchanged: readonly ScopeReport[];
  /** Whether the pool needs recomputing even if no cohort changed. */
  readonly poolStale: boolean;
}

/** Checks every cohort's freshness ({@link PLAN_PARALLELISM} at once) and the pool's basis. */
async function planProgramme(deps: AggregateDeps, programme: Programme, full: boolean): Promise<ProgrammePlan> {
  const poolMark = await deps.indicators.getMark({ programme: programme.id, cohort: null });
  const checks = await mapLimited(programme.cohorts, PLAN_PARALLELISM, async (cohort) => {
    const mark = await deps.indicators.getMark({ programme: programme.id, cohort: cohort.id });
    const fresh =
      !full &&
      !isStale(mark) &&
      mark?.windowStart !== undefined &&
      (await deps.responses.countResponsesSince(programme.id, cohort.id, mark.windowStart)) === mark.windowCount;
    return { cohort: cohort.id, mark, fresh };
  });
  return {
    changed: checks.filter((check) => !check.fresh).map((check) => check.cohort),
    unchanged: checks.flatMap((check) =>
      check.fresh
        ? [
            {
              programme: programme.id,
              cohort: check.cohort,
              responses: check.mark?.responses ?? 0,
              rows: 0,
              recomputed: false,
            },
          ]
        : [],
    ),
    poolStale:
      full ||
      isStale(poolMark) ||
      poolMark?.basis !==
        poolBasis(
          programme.cohorts,
          checks.map((check) => check.mark),
        ),
  };
}

/**
 * Aggregates one cohort: its responses read in one Query pass, page by page into the
 * accumulator, then its tables and mark stored unless an erasure was counted meanwhile (then
 * again, up to three times; undefined when given up on, the mark left stale for the next plan).
 */
export async function aggregateCohort(
  deps: AggregateDeps,
  programme: Programme,
  cohortId: string,
): Promise<ScopeReport | undefined> {
  return (await aggregateCohortAndPart(deps, programme, cohortId, undefined))?.report;
}

/**
 * A changed cohort's share of its programme's pool, scored from the very pages its tables were,
 * with the mark stored for them: the in-process pool then reads each cohort at most once a run.
 */
interface PoolPart {
  readonly accumulator: PoolAccumulator;
  readonly mark: AggregationMark;
}

/** A cohort's tables, and its pool part made from `layout` if one is given (in process). */
async function aggregateCohortAndPart(
  deps: AggregateDeps,
  programme: Programme,
  cohortId: string,
  layout: PoolLayout | undefined,
): Promise<{ readonly report: ScopeReport; readonly part?: PoolPart } | undefined> {
  const scope = { programme: programme.id, cohort: cohortId };
  let mark = await deps.indicators.getMark(scope);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const erasuresIncluded = mark?.erasures ?? 0;
    const poolPart = layout === undefined ? undefined : new PoolAccumulator(layout);
    // The cohort's table feeds its share of the pool the scores it computes: each response is scored once.
    const accumulator = new CohortAccumulator(programme, deps.catalog, cohortId, poolPart);
    const tally = new ResponseTally();
    await deps.responses.forEachCohortResponsePage(programme.id, cohortId, (page) => {
      for (const response of page) {
        accumulator.add(response);
        tally.add(response);
      }
    });
    const rows = accumulator.rows();
    const fresh: AggregationMark = {
      asOf: tally.asOf,
      responses: tally.responses,
      sessions: programme.sessions.map((session) => session.id),
      participants: await deps.participants.countParticipants(programme.id, cohortId),
      answered: tally.answeredBySessionWave(),
      windowStart: tally.windowStart(),
      windowCount: tally.windowCount(),
      erasuresIncluded,
    };
    if (await storeUnlessErased(deps.indicators, scope, rows, fresh))
      return {
        report: { ...scope, responses: tally.responses, rows: rows.length, recomputed: true },
        ...(poolPart === undefined ? {} : { part: { accumulator: poolPart, mark: fresh } }),
      };
    mark = await deps.indicators.getMark(scope);
  }
  return undefined;
}

/**
 * Aggregates the programme's pool in one streaming pass over every cohort, a few read at once
 * and appended in id order (the participant order the accumulator needs), never more than
 * {@link POOL_READ_PARALLELISM} ahead of the append point. The pool's erasure
 * count is read before any cohort is, so the pool includes no answer erased before it; the
 * cohort marks next, as its basis: a later change to any of them makes the pool stale.
 * Undefined when an erasure was counted meanwhile: the pool is left stale for the next plan.
 * In process, `known` carries the parts of the cohorts this run just aggregated (each with the
 * mark stored for it, which is then its basis), the pool's mark read before them and the
 * layout the parts were made from: those cohorts are not read again.
 */
export async function aggregatePool(
  deps: AggregateDeps,
  programme: Programme,
  known: {
    readonly poolMark: AggregationMark | undefined;
    /** Taken out of the map as they are used, so each is freed once appended. */
    readonly parts: Map<string, PoolPart>;
    readonly layout: PoolLayout;
  } = { poolMark: undefined, parts: new Map(), layout: new PoolLayout(programme, deps.catalog) },
): Promise<ScopeReport | undefined> {
  const scope = { programme: programme.id, cohort: null };
  const { parts, layout } = known;
  const poolMark = parts.size > 0 ? known.poolMark : await deps.indicators.getMark(scope);
  const marks = await mapLimited(
    programme.cohorts,
    PLAN_PARALLELISM,
    async (cohort) =>
      parts.get(cohort.id)?.mark ?? deps.indicators.getMark({ programme: programme.id, cohort: cohort.id }),
  );
  const accumulator = new PoolAccumulator(layout);
  // Comparison cohorts (waiting lists) are not in the programme: their own pool, set against it.
  const comparisonIds = new Set(programme.cohorts.filter(isComparisonCohort).map((cohort) => cohort.id));
  const comparison = comparisonIds.size === 0 ? undefined : new PoolAccumulator(layout);
  const tally = new ResponseTally();
  let responses = 0;
  let asOf = '';
  // Cohorts are read a few at once, each into a part of its own; the parts are appended in
  // cohort id order (the participant order) as soon as all before them are, so the result does
  // not depend on which read finished first. A cohort this run just aggregated gives its part.
  const cohortIds = programme.cohorts.map((cohort) => cohort.id).sort();
  await readInOrder(
    cohortIds,
    POOL_READ_PARALLELISM,
    async (cohortId) => {
      const known = parts.get(cohortId);
      if (known !== undefined) {
        parts.delete(cohortId);
        responses += known.mark.responses;
        if (known.mark.asOf > asOf) asOf = known.mark.asOf;
        return { cohortId, part: known.accumulator };
      }
      const read = new PoolAccumulator(layout);
      await deps.responses.forEachCohortResponsePage(programme.id, cohortId, (page) => {
        for (const response of page) {
          read.add(response);
          tally.add(response);
        }
      });
      return { cohortId, part: read };
    },
    ({ cohortId, part }) =>
      (comparisonIds.has(cohortId) && comparison !== undefined ? comparison : accumulator).append(part),
  );
  const rows = comparison === undefined ? accumulator.rows() : withComparison(accumulator.rows(), comparison.rows());
  responses += tally.responses;
  if (tally.asOf > asOf) asOf = tally.asOf;
  const fresh: AggregationMark = {
    asOf,
    responses,
    sessions: [POOLED],
    basis: poolBasis(programme.cohorts, marks),
    erasuresIncluded: poolMark?.erasures ?? 0,
  };
  if (!(await storeUnlessErased(deps.indicators, scope, rows, fresh))) return undefined;
  return { ...scope, responses, rows: rows.length, recomputed: true };
}

/**
 * What a pool is computed from: its cohorts' marks, and whether each is a comparison cohort and
 * its cohort subgroups, as a digest (10,000 cohorts' marks written
 * out would not fit in the pool's mark item). A cohort without a mark counts as one.
 */
function poolBasis(cohorts: Programme['cohorts'], marks: readonly (AggregationMark | undefined)[]): string {
  const parts = JSON.stringify(
    marks.map((mark, index) => {
      const cohort = cohorts[index];
      // Which pool a cohort's participants count in, and their cohort subgroups, change the pool too.
      const role = [cohort?.comparison ?? false, cohort?.attributes ?? {}];
      return mark === undefined
        ? role
        : [mark.asOf, mark.responses, mark.windowCount ?? null, mark.erasuresIncluded ?? 0, ...role];
    }),
  );
  return `sha256:${createHash('sha256').update(parts).digest('base64url')}`;
}

/**
 * What a mark says of the responses read, counted as they stream by: how many, the newest, per
 * session and wave, and how many fall in the freshness window before the newest. Only the
 * receipt times within the window of the newest so far are kept (as numbers).
 */
class ResponseTally {
  responses = 0;
  asOf = '';
  private readonly answered = new Map<string, number>();
  private recent = new Float64Array(1024);
  private kept = 0;
  private newest = Number.NEGATIVE_INFINITY;

  add(response: StoredResponse): void {
    this.responses += 1;
    const key = `${response.session}:${response.wave}`;
    this.answered.set(key, (this.answered.get(key) ?? 0) + 1);
    if (response.receivedAt > this.asOf) this.asOf = response.receivedAt;
    const time = Date.parse(response.receivedAt);
    if (time > this.newest) this.newest = time;
    if (time < this.newest - FRESHNESS_WINDOW_MS) return;
    if (this.kept === this.recent.length) this.makeRoom();
    this.recent[this.kept] = time;
    this.kept += 1;
  }

  /** Responses per `session:wave`, keys in order (the mark's bytes must not depend on reading order). */
  answeredBySessionWave(): Record<string, number> {
    return Object.fromEntries([...this.answered].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  windowStart(): string {
    return this.asOf === '' ? '' : new Date(Date.parse(this.asOf) - FRESHNESS_WINDOW_MS).toISOString();
  }

  windowCount(): number {
    const start = this.windowStart();
    if (start === '') return 0;
    const from = Date.parse(start);
    let count = 0;
    for (let at = 0; at < this.kept; at += 1) if ((this.recent[at] as number) >= from) count += 1;
    return count;
  }

  /** Drops the times that fell out of the window, and grows if most are still in it. */
  private makeRoom(): void {
    const from = this.newest - FRESHNESS_WINDOW_MS;
    let kept = 0;
    for (let at = 0; at < this.kept; at += 1) {
      const time = this.recent[at] as number;
      if (time >= from) {
        this.recent[kept] = time;
        kept += 1;
      }
    }
    this.kept = kept;
    if (kept * 2 > this.recent.length) {
      const grown = new Float64Array(this.recent.length * 2);
      grown.set(this.recent.subarray(0, kept));
      this.recent = grown;
    }
  }
}

/**
 * Stores a scope's rows and mark; false when an erasure was counted meanwhile (the caller
 * computes again, or leaves it). A scope given up on keeps a mark that counts more erasures than
 * its rows: readers do not show it, and the next plan recomputes it.
 */
async function storeUnlessErased(
  indicators: IndicatorStore,
  scope: IndicatorScope,
  rows: Parameters<IndicatorStore['putIndicators']>[1],
  mark: AggregationMark,
): Promise<boolean> {
  try {
    await indicators.putIndicators(scope, rows, mark);
    return true;
  } catch (error) {
    if (!(error instanceof ErasureRaceError)) throw error;
    return false;
  }
}

/**
 * `read` over every item, at most `window` at once, each result handed to `append` in the items'
 * order. An item is read only once it is fewer than `window` ahead of the next to append, so at
 * most `window` results are ever held, however slow an early read is. After a failure no new
 * item starts; the first error is thrown once those in flight have finished.
 */
async function readInOrder<T, R>(
  items: readonly T[],
  window: number,
  read: (item: T) => Promise<R>,
  append: (result: R) => void,
): Promise<void> {
  const done = new Map<number, R>();
  let next = 0;
  let appended = 0;
  let failure: { readonly error: unknown } | undefined;
  const waiting: (() => void)[] = [];
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const at = next;
      next += 1;
      // The item `appended` is being read by another worker, which wakes this one when it is done.
      while (failure === undefined && at >= appended + window)
        await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure !== undefined) break;
      try {
        done.set(at, await read(items[at] as T));
        while (done.has(appended)) {
          const result = done.get(appended) as R;
          done.delete(appended);
          appended += 1;
          append(result);
        }
      } catch (error) {
        failure ??= { error };
      }
      for (const wake of waiting.splice(0)) wake();
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}

/**
 * `work` over every item, at most `limit` at once, results in the items' order. After a failure
 * no new item starts; the first error is thrown once those in flight have finished.
 */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const at = next;
      next += 1;
      try {
        results[at] = await work(items[at] as T, at);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
