/**
 * Cohorts and funders: run-time data that coordinators keep (the console, `prepost cohorts`,
 * `prepost funders`), beside the programme definitions deployed with the stack.
 */
import type { Cohort, Funder } from '#core/model.ts';

/** A cohort as stored: the cohort and what makes concurrent changes safe. */
export interface StoredCohort {
  readonly cohort: Cohort;
  /** Counts changes: a change is written only over the revision it was made from. */
  readonly revision: number;
  readonly createdAt: string;
}

/** The programme's cohorts and funders. */
export interface CohortStore {
  /** Every cohort of a programme, in the order they were created. */
  listCohorts(programme: string): Promise<StoredCohort[]>;
  getCohort(programme: string, cohort: string): Promise<StoredCohort | undefined>;
  /** Stores a new cohort at revision 1; false (and nothing written) when its id is taken. */
  createCohort(programme: string, cohort: Cohort, createdAt: string): Promise<boolean>;
  /**
   * Replaces a cohort if it is still at `revision`; false (nothing written) when someone changed
   * it since it was read.
   */
  replaceCohort(programme: string, cohort: Cohort, revision: number): Promise<boolean>;
  /** The funders of a programme, by email. */
  listFunders(programme: string): Promise<Funder[]>;
  /** Adds a funder or replaces the one with the same email (case-insensitive). */
  putFunder(programme: string, funder: Funder): Promise<void>;
  /** Removes a funder; false when there was none with that email. */
  removeFunder(programme: string, email: string): Promise<boolean>;
  /**
   * Claims a form's one-use token (kept until `expiresAt`, epoch seconds); false when it was
   * claimed before, or is not a token at all (nothing written then).
   */
  claimFormToken(programme: string, token: string, expiresAt: number): Promise<boolean>;
  /** Whether the programme's seed cohorts and funders were loaded into this table (once is enough). */
  isSeeded(programme: string): Promise<boolean>;
  /** Marks them loaded, after everything is in: a seeding cut short is finished by the next. */
  markSeeded(programme: string, at: string): Promise<void>;
}
