/**
 * Erasure of a participant, on their request through their own link (withdrawal) or a
 * coordinator's (`prepost erase`): every stored trace removed, the cohort's aggregation mark
 * with it, so the next aggregation recomputes the cohort and its pool without them. Funder
 * summaries then see the cohort shrink, and differencing control hides the cells that changed
 * by fewer than k, so the erased person's answers cannot be worked out by comparing summaries.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { ParticipantStore } from '#ports/store.ts';
import { NotFoundError } from '#shared/errors.ts';

export interface EraseDeps {
  readonly participants: ParticipantStore;
  readonly catalog: Catalog;
}

/** Steps: check the cohort exists, erase (answers and links, then the participant and the mark). */
export async function eraseParticipant(deps: EraseDeps, programmeId: string, cohortId: string, participant: string): Promise<{ responses: number; links: number; found: boolean }> {
  const programme = deps.catalog.programmes.get(programmeId);
  if (programme === undefined) throw new NotFoundError(`unknown programme "${programmeId}"`);
  if (!programme.cohorts.some((cohort) => cohort.id === cohortId)) throw new NotFoundError(`unknown cohort "${cohortId}" in ${programmeId}`);
  return deps.participants.eraseParticipant(programmeId, cohortId, participant);
}
