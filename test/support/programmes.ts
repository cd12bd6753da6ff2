/**
 * The shipped programmes as the pipeline runs them, for pure tests: a definition from `surveys/`
 * with its seed cohorts and funders (`surveys/seed/`), as a first `npm start` loads them but with
 * no wave windows (always open), so a test of scoring, pairing or rendering needs no table.
 */
import type { Catalog } from '#surveys/catalog.ts';
import { shippedCatalog } from '#surveys/index.ts';
import type { Cohort, Programme } from '#surveys/schema.ts';
import type { WaveKind } from '#core/model.ts';
import { resolveWave, type WaveContext } from '#core/waves.ts';

/** The programme with this id, its seed cohorts open with no windows and its seed funders. */
export function shippedProgramme(id: string, catalog: Catalog = shippedCatalog()): Programme {
  const definition = catalog.programmes.get(id);
  if (definition === undefined) throw new Error(`no programme ${id}`);
  const seed = catalog.seeds.get(id);
  return {
    ...definition,
    cohorts: (seed?.cohorts ?? []).map((cohort): Cohort => ({ ...cohort, windows: {}, status: 'open' })),
    funders: seed?.funders ?? [],
  };
}

/** A cohort of a programme by id: a test's typo fails here, not as an odd undefined later. */
export function cohortOf(programme: Pick<Programme, 'id' | 'cohorts'>, cohortId: string): Cohort {
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  if (cohort === undefined) throw new Error(`no cohort ${cohortId} in ${programme.id}`);
  return cohort;
}

/** The wave of a shipped programme's seed cohort, as a link to it resolves. */
export function seedWave(
  programmeId: string,
  cohortId: string,
  sessionId: string,
  wave: WaveKind,
  catalog: Catalog = shippedCatalog(),
): WaveContext {
  const programme = shippedProgramme(programmeId, catalog);
  const context = resolveWave(programme, cohortOf(programme, cohortId), sessionId, wave);
  if (context === undefined) throw new Error(`no wave ${sessionId}:${wave} in ${programmeId}`);
  return context;
}
