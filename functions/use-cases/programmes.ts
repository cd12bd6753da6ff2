/**
 * A programme as the pipeline runs it: its definition from `surveys/` with the cohorts and
 * funders coordinators keep in the table. Every use case that needs a programme's cohorts or
 * funders reads them here, so a cohort made in the console counts everywhere at once.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Cohort, Programme, ProgrammeDefinition } from '#surveys/schema.ts';
import type { CohortStore } from '#ports/cohorts.ts';
import { findCohort, findProgramme, type LookupOptions, type ProgrammeCohort } from '#core/catalog-lookup.ts';
import { UnknownCohortError } from '#core/errors.ts';

/** What reading a programme needs. */
export interface ProgrammeDeps {
  readonly catalog: Catalog;
  readonly cohorts: CohortStore;
}

/**
 * The programme with this id, with its cohorts (in the order they were made) and funders.
 * @throws UnknownProgrammeError when there is none
 */
export async function loadProgramme(
  deps: ProgrammeDeps,
  programmeId: string,
  options: LookupOptions = {},
): Promise<Programme> {
  return withRunTimeData(deps, findProgramme(deps.catalog, programmeId, options));
}

/** Every programme of the catalogue (or those named), as they run. */
export async function loadProgrammes(deps: ProgrammeDeps, ids?: readonly string[]): Promise<Programme[]> {
  const definitions =
    ids === undefined ? [...deps.catalog.programmes.values()] : ids.map((id) => findProgramme(deps.catalog, id));
  return Promise.all(definitions.map((definition) => withRunTimeData(deps, definition)));
}

/**
 * A cohort and its programme, read with one Query for the programme's cohorts.
 * @throws UnknownProgrammeError or UnknownCohortError when there is none
 */
export async function loadCohort(
  deps: ProgrammeDeps,
  programmeId: string,
  cohortId: string,
  options: LookupOptions = {},
): Promise<ProgrammeCohort> {
  return findCohort(await loadProgramme(deps, programmeId, options), cohortId, options);
}

/**
 * A cohort and its programme's definition, with one GetItem: what a use case about one cohort
 * needs (making links, erasing, exporting). Only a miss lists the programme's cohorts, to name them.
 * @throws UnknownProgrammeError or UnknownCohortError when there is none
 */
export async function loadStoredCohort(
  deps: ProgrammeDeps,
  programmeId: string,
  cohortId: string,
  options: LookupOptions = {},
): Promise<{ readonly definition: ProgrammeDefinition; readonly cohort: Cohort }> {
  const definition = findProgramme(deps.catalog, programmeId, options);
  const stored = await deps.cohorts.getCohort(programmeId, cohortId);
  if (stored !== undefined) return { definition, cohort: stored.cohort };
  const known =
    options.listKnown === true
      ? (await deps.cohorts.listCohorts(programmeId)).map((candidate) => candidate.cohort.id)
      : undefined;
  throw new UnknownCohortError(programmeId, cohortId, known);
}

/** One cohort of a programme with one GetItem: what a participant's link needs. */
export async function loadOneCohort(
  deps: ProgrammeDeps,
  programmeId: string,
  cohortId: string,
): Promise<{ readonly definition: ProgrammeDefinition | undefined; readonly cohort: Cohort | undefined }> {
  const definition = deps.catalog.programmes.get(programmeId);
  if (definition === undefined) return { definition, cohort: undefined };
  return { definition, cohort: (await deps.cohorts.getCohort(programmeId, cohortId))?.cohort };
}

/**
 * A programme holding just one of its cohorts (and no funders), with one GetItem: what a queued
 * cohort job aggregates. At 10,000 cohorts, 10,000 jobs an hour each listing every cohort of the
 * programme would read 10^8 items from one partition. Undefined when the programme or the
 * cohort no longer exists.
 */
export async function loadProgrammeWithCohort(
  deps: ProgrammeDeps,
  programmeId: string,
  cohortId: string,
): Promise<Programme | undefined> {
  const { definition, cohort } = await loadOneCohort(deps, programmeId, cohortId);
  if (definition === undefined || cohort === undefined) return undefined;
  return { ...definition, cohorts: [cohort], funders: [] };
}

async function withRunTimeData(deps: ProgrammeDeps, definition: ProgrammeDefinition): Promise<Programme> {
  const [cohorts, funders] = await Promise.all([
    deps.cohorts.listCohorts(definition.id),
    deps.cohorts.listFunders(definition.id),
  ]);
  return { ...definition, cohorts: cohorts.map((stored) => stored.cohort), funders };
}
