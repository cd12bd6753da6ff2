/**
 * Reading the stored impact tables of a programme, or of one cohort: one Query per cohort.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { IndicatorStore } from '#ports/store.ts';
import { toImpactRows, type ImpactRow } from '#core/impact-table.ts';
import { NotFoundError } from '#shared/errors.ts';

export interface ReadImpactDeps {
  readonly indicators: IndicatorStore;
  readonly catalog: Catalog;
}

/** The impact rows and when each cohort was last computed. */
export interface Impact {
  readonly programme: string;
  readonly rows: ImpactRow[];
  readonly computedAt: Record<string, string | null>;
}

/** Steps: check the programme and cohort exist, read each cohort's stored rows. */
export async function readImpact(deps: ReadImpactDeps, programmeId: string, cohortId?: string): Promise<Impact> {
  const programme = deps.catalog.programmes.get(programmeId);
  if (programme === undefined) throw new NotFoundError(`unknown programme ${programmeId}`);
  const cohorts = cohortId === undefined ? programme.cohorts : programme.cohorts.filter((cohort) => cohort.id === cohortId);
  if (cohorts.length === 0) throw new NotFoundError(`unknown cohort ${cohortId ?? ''}`);
  const rows: ImpactRow[] = [];
  const computedAt: Record<string, string | null> = {};
  for (const cohort of cohorts) {
    const stored = await deps.indicators.listCohortIndicators(programme.id, cohort.id);
    // Stored per session in key order; present them in the programme's session order.
    const order = (session: string): number => programme.sessions.findIndex((candidate) => candidate.id === session);
    const sorted = stored.rows.map((row, index) => ({ row, index })).sort((a, b) => order(a.row.session) - order(b.row.session) || a.index - b.index);
    rows.push(...toImpactRows(programme.id, sorted.map(({ row }) => row)));
    computedAt[cohort.id] = stored.computedAt ?? null;
  }
  return { programme: programme.id, rows, computedAt };
}
