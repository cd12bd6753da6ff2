/**
 * Finding a programme, or a cohort of one, by the id a person or a request gave: the one place
 * that says what "not found" is, so every use case refuses an unknown id with the same error.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Cohort, Programme, ProgrammeDefinition } from '#surveys/schema.ts';
import { UnknownCohortError, UnknownProgrammeError } from './errors.ts';

/** How a lookup words its refusal. */
export interface LookupOptions {
  /**
   * Name the ids there are in the message: for commands where a coordinator types an id to
   * create or load something, and a list to choose from saves a trip to `surveys/`.
   */
  readonly listKnown?: boolean;
}

/** A cohort with the programme it belongs to. */
export interface ProgrammeCohort {
  readonly programme: Programme;
  readonly cohort: Cohort;
}

/**
 * The definition of the programme with this id.
 * @throws UnknownProgrammeError when there is none
 */
export function findProgramme(catalog: Catalog, programmeId: string, options: LookupOptions = {}): ProgrammeDefinition {
  const programme = catalog.programmes.get(programmeId);
  if (programme === undefined)
    throw new UnknownProgrammeError(
      programmeId,
      options.listKnown === true ? [...catalog.programmes.keys()] : undefined,
    );
  return programme;
}

/**
 * The cohort with this id in a programme as it runs (its stored cohorts), and the programme.
 * @throws UnknownCohortError when there is none
 */
export function findCohort(programme: Programme, cohortId: string, options: LookupOptions = {}): ProgrammeCohort {
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  if (cohort === undefined)
    throw new UnknownCohortError(
      programme.id,
      cohortId,
      options.listKnown === true ? programme.cohorts.map((candidate) => candidate.id) : undefined,
    );
  return { programme, cohort };
}
