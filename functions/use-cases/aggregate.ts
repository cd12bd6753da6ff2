/**
 * Aggregation. For each cohort: count its responses received since a quarter of an hour before
 * the last aggregation's newest one (keys only, from the time index) and compare with what that
 * aggregation counted in the same window; if they differ, or with `full`, read the cohort's
 * responses in one Query pass, compute its tables and store them, mark last. Then the
 * programme's pool, whenever the cohort marks it was computed from have changed (each cohort
 * read at most once per run). Results are stamped with the newest response's time, not the
 * clock, so the same responses store byte-identical items; a crash leaves earlier results and
 * marks intact, and the rerun recomputes what it did not finish.
 *
 * The scheduled aggregate function runs one at a time (reserved concurrency 1). Publication
 * aggregates too; if it overlaps and stores an older table last, that table's mark counts fewer
 * responses than the cohort holds, so the next run recomputes it. An erasure removes responses
 * that may be old (no count in the window changes), so it counts itself on the marks of the
 * cohort and the pool instead: a mark whose erasure count differs from the one its rows were
 * computed with is stale and recomputed, and a mark is only written if no erasure was counted
 * while its rows were computed (else the scope is computed again, up to three times).
 */
import type { IndicatorStore, ParticipantStore, ResponseStore } from '#ports/store.ts';
import { computeCohortIndicators } from '#core/statistics/cohort.ts';
import { computePooledIndicators } from '#core/statistics/pool.ts';
import { ErasureRaceError } from '#core/errors.ts';
import { POOLED, isStale, type AggregationMark, type IndicatorScope, type StoredResponse } from '#core/model.ts';
import { loadProgrammes, type ProgrammeDeps } from './programmes.ts';

export interface AggregateDeps extends ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly responses: ResponseStore;
  readonly indicators: IndicatorStore;
}

export interface AggregateOptions {
  /** Recompute every cohort, changed or not. */
  readonly full?: boolean;
  readonly programme?: string;
}

/** What one aggregation did, per cohort (cohort null: the programme pool). */
export interface AggregateReport {
  readonly cohorts: {
    readonly programme: string;
    readonly cohort: string | null;
    readonly responses: number;
    readonly rows: number;
    readonly recomputed: boolean;
  }[];
}

/** How far before the newest included response a later run looks for new ones. */
export const FRESHNESS_WINDOW_MS = 15 * 60 * 1000;

/** Steps: per cohort, check freshness, Query, compute, store, mark; then the pool. */
export async function aggregate(deps: AggregateDeps, options: AggregateOptions = {}): Promise<AggregateReport> {
  const programmes = await loadProgrammes(deps, options.programme === undefined ? undefined : [options.programme]);
  const report: AggregateReport['cohorts'] = [];
  for (const programme of programmes) {
    const read = new Map<string, StoredResponse[]>();
    const marks: AggregationMark[] = [];
    // The pool's erasure count is read before any cohort is: the pool computed below then
    // includes no answer erased before that count.
    const poolMark = await deps.indicators.getMark({ programme: programme.id, cohort: null });
    for (const cohort of programme.cohorts) {
      const scope = { programme: programme.id, cohort: cohort.id };
      let mark = await deps.indicators.getMark(scope);
      if (
        options.full !== true &&
        !isStale(mark) &&
        mark?.windowStart !== undefined &&
        (await deps.responses.countResponsesSince(programme.id, cohort.id, mark.windowStart)) === mark.windowCount
      ) {
        marks.push(mark);
        report.push({
          programme: programme.id,
          cohort: cohort.id,
          responses: mark.responses,
          rows: 0,
          recomputed: false,
        });
        continue;
      }
      for (let attempt = 1; ; attempt += 1) {
        const erasuresIncluded = mark?.erasures ?? 0;
        const responses = await deps.responses.listCohortResponses(programme.id, cohort.id);
        read.set(cohort.id, responses);
        const rows = computeCohortIndicators(programme, deps.catalog, cohort.id, responses);
        const asOf = newestOf(responses);
        const windowStart = asOf === '' ? '' : new Date(Date.parse(asOf) - FRESHNESS_WINDOW_MS).toISOString();
        const answered: Record<string, number> = {};
        for (const response of responses)
          answered[`${response.session}:${response.wave}`] =
            (answered[`${response.session}:${response.wave}`] ?? 0) + 1;
        const fresh: AggregationMark = {
          asOf,
          responses: responses.length,
          sessions: programme.sessions.map((session) => session.id),
          participants: await deps.participants.countParticipants(programme.id, cohort.id),
          answered: Object.fromEntries(Object.entries(answered).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
          windowStart,
          windowCount: responses.filter((response) => response.receivedAt >= windowStart).length,
          erasuresIncluded,
        };
        if (await storeUnlessErased(deps.indicators, scope, rows, fresh)) {
          marks.push(fresh);
          report.push({
            programme: programme.id,
            cohort: cohort.id,
            responses: responses.length,
            rows: rows.length,
            recomputed: true,
          });
          break;
        }
        mark = await deps.indicators.getMark(scope);
        if (attempt >= 3) {
          // Left stale for the next run; the pool then sees a mark it was not built on.
          if (mark !== undefined) marks.push(mark);
          break;
        }
      }
    }
    // The pool is stale whenever a cohort mark it was built on has changed, in this run or a crashed one.
    const poolScope = { programme: programme.id, cohort: null };
    const basis = JSON.stringify(
      marks.map((mark) => [mark.asOf, mark.responses, mark.windowCount ?? null, mark.erasuresIncluded ?? 0]),
    );
    if (options.full !== true && !isStale(poolMark) && poolMark?.basis === basis) continue;
    const all: StoredResponse[] = [];
    for (const cohort of programme.cohorts)
      all.push(...(read.get(cohort.id) ?? (await deps.responses.listCohortResponses(programme.id, cohort.id))));
    const pooled = computePooledIndicators(programme, deps.catalog, all);
    const poolFresh: AggregationMark = {
      asOf: newestOf(all),
      responses: all.length,
      sessions: [POOLED],
      basis,
      erasuresIncluded: poolMark?.erasures ?? 0,
    };
    // A withdrawal during this run leaves the pool stale: the next run recomputes it.
    if (await storeUnlessErased(deps.indicators, poolScope, pooled, poolFresh))
      report.push({
        programme: programme.id,
        cohort: null,
        responses: all.length,
        rows: pooled.length,
        recomputed: true,
      });
  }
  return { cohorts: report };
}

/**
 * Stores a scope's rows and mark; false when an erasure was counted meanwhile (the caller
 * computes again, up to three times). A scope given up on keeps a mark that counts more
 * erasures than its rows: readers do not show it, and the next run recomputes it.
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

function newestOf(responses: readonly StoredResponse[]): string {
  return responses.reduce((latest, response) => (response.receivedAt > latest ? response.receivedAt : latest), '');
}
