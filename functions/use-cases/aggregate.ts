/**
 * Aggregation. For each cohort: compare the newest response (one item from the time index)
 * with the mark of the last aggregation; if newer, or with `full`, read the cohort's responses
 * in one Query pass, compute its tables and store them, mark last. Then, if any cohort changed,
 * the programme's pool from every cohort's responses (each read once per run). Results are
 * stamped with the newest response's time, not the clock, so the same responses store
 * byte-identical items; a crash leaves earlier results and marks intact, and the rerun
 * recomputes what it did not finish.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { IndicatorStore, ParticipantStore, ResponseStore, StoredResponse } from '#ports/store.ts';
import { computeCohortIndicators, computePooledIndicators } from '#core/indicators.ts';
import { NotFoundError } from '#shared/errors.ts';

export interface AggregateDeps {
  readonly participants: ParticipantStore;
  readonly responses: ResponseStore;
  readonly indicators: IndicatorStore;
  readonly catalog: Catalog;
}

export interface AggregateOptions {
  /** Recompute every cohort, changed or not. */
  readonly full?: boolean;
  readonly programme?: string;
}

/** What one aggregation did, per cohort (cohort null: the programme pool). */
export interface AggregateReport {
  readonly cohorts: { readonly programme: string; readonly cohort: string | null; readonly responses: number; readonly rows: number; readonly recomputed: boolean }[];
}

const POOLED = ['pooled'];

/** Steps: per cohort, check freshness, Query, compute, store, mark; then the pool. */
export async function aggregate(deps: AggregateDeps, options: AggregateOptions = {}): Promise<AggregateReport> {
  const programmes = options.programme === undefined ? [...deps.catalog.programmes.values()] : [deps.catalog.programmes.get(options.programme)];
  const report: AggregateReport['cohorts'] = [];
  for (const programme of programmes) {
    if (programme === undefined) throw new NotFoundError(`unknown programme "${options.programme ?? ''}"`);
    const read = new Map<string, StoredResponse[]>();
    let changed = false;
    for (const cohort of programme.cohorts) {
      const scope = { programme: programme.id, cohort: cohort.id };
      const newest = (await deps.responses.newestResponseAt(programme.id, cohort.id)) ?? '';
      const mark = await deps.indicators.getMark(scope);
      if (options.full !== true && mark !== undefined && mark.asOf === newest) {
        report.push({ programme: programme.id, cohort: cohort.id, responses: mark.responses, rows: 0, recomputed: false });
        continue;
      }
      const responses = await deps.responses.listCohortResponses(programme.id, cohort.id);
      read.set(cohort.id, responses);
      const rows = computeCohortIndicators(programme, deps.catalog, cohort.id, responses);
      const answered: Record<string, number> = {};
      for (const response of responses) answered[`${response.session}:${response.wave}`] = (answered[`${response.session}:${response.wave}`] ?? 0) + 1;
      const participants = await deps.participants.countParticipants(programme.id, cohort.id);
      await deps.indicators.putIndicators(scope, rows, {
        asOf: newestOf(responses),
        responses: responses.length,
        sessions: programme.sessions.map((session) => session.id),
        participants,
        answered: Object.fromEntries(Object.entries(answered).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      });
      report.push({ programme: programme.id, cohort: cohort.id, responses: responses.length, rows: rows.length, recomputed: true });
      changed = true;
    }
    const poolScope = { programme: programme.id, cohort: null };
    if (!changed && options.full !== true && (await deps.indicators.getMark(poolScope)) !== undefined) continue;
    const all: StoredResponse[] = [];
    for (const cohort of programme.cohorts) all.push(...(read.get(cohort.id) ?? (await deps.responses.listCohortResponses(programme.id, cohort.id))));
    const pooled = computePooledIndicators(programme, deps.catalog, all);
    await deps.indicators.putIndicators(poolScope, pooled, { asOf: newestOf(all), responses: all.length, sessions: POOLED });
    report.push({ programme: programme.id, cohort: null, responses: all.length, rows: pooled.length, recomputed: true });
  }
  return { cohorts: report };
}

function newestOf(responses: readonly StoredResponse[]): string {
  return responses.reduce((latest, response) => (response.receivedAt > latest ? response.receivedAt : latest), '');
}
