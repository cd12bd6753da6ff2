/**
 * Aggregation: for each cohort of each programme, read its responses in one Query pass,
 * compute the indicators and replace the stored tables. Results are stamped with the time of
 * the newest response, not the clock, so the same responses store byte-identical items.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { IndicatorStore, ResponseStore } from '#ports/store.ts';
import { computeCohortIndicators } from '#core/indicators.ts';
import { NotFoundError } from '#shared/errors.ts';

export interface AggregateDeps {
  readonly responses: ResponseStore;
  readonly indicators: IndicatorStore;
  readonly catalog: Catalog;
}

/** What one aggregation did, per cohort. */
export interface AggregateReport {
  readonly cohorts: { readonly programme: string; readonly cohort: string; readonly responses: number; readonly rows: number }[];
}

/** Steps: per cohort, Query responses, compute, store. */
export async function aggregate(deps: AggregateDeps, programmeId?: string): Promise<AggregateReport> {
  const programmes = programmeId === undefined ? [...deps.catalog.programmes.values()] : [deps.catalog.programmes.get(programmeId)];
  const cohorts: AggregateReport['cohorts'] = [];
  for (const programme of programmes) {
    if (programme === undefined) throw new NotFoundError(`unknown programme ${programmeId ?? ''}`);
    for (const cohort of programme.cohorts) {
      const responses = await deps.responses.listCohortResponses(programme.id, cohort.id);
      const rows = computeCohortIndicators(programme, deps.catalog, cohort.id, responses);
      const asOf = responses.reduce((latest, response) => (response.receivedAt > latest ? response.receivedAt : latest), '');
      await deps.indicators.putCohortIndicators(programme.id, cohort.id, rows, asOf);
      cohorts.push({ programme: programme.id, cohort: cohort.id, responses: responses.length, rows: rows.length });
    }
  }
  return { cohorts };
}
