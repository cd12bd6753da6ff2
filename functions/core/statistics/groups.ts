/**
 * Subgroups as codes: per dimension (site, role, age band...), each participant's value as an
 * index into the dimension's values, so that a table accumulates every subgroup cell in the
 * same passes as the whole group.
 */
import type { Programme } from '#surveys/schema.ts';
import type { GroupKey, StoredResponse } from '../model.ts';
import { PREFER_NOT_TO_SAY } from '../scoring.ts';
import type { ParticipantIndex } from './participants.ts';

/** The subgroup code of each participant per dimension (-1: none), and the dimensions' values. */
export interface Groups {
  readonly dimensions: readonly {
    readonly id: string;
    readonly values: readonly string[];
    readonly codes: Int16Array;
  }[];
}

/** No subgroups: a table of the whole group only (`prepost stats`, and subscales and quiz topics). */
export const NO_GROUPS: Groups = { dimensions: [] };

/**
 * Subgroup codes per participant: the cohort's attributes, then the answer given in the
 * earliest response that gave one ("prefer not to say" counts as no value).
 */
export function collectGroups(
  programme: Programme,
  responses: readonly StoredResponse[],
  participants: ParticipantIndex,
  attributesOf: (response: StoredResponse) => Readonly<Record<string, string>>,
): Groups {
  const dimensions = programme.subgroups.map((subgroup) => ({
    id: subgroup.id,
    values: subgroup.options.map((option) => option.value),
    codes: new Int16Array(participants.count).fill(-1),
  }));
  const answeredAt = dimensions.map(() => new Array<string | undefined>(participants.count));
  let previousParticipant = -1;
  for (let at = 0; at < responses.length; at += 1) {
    const response = responses[at] as StoredResponse;
    const participant = participants.of[at] as number;
    if (participant !== previousParticipant) {
      previousParticipant = participant;
      // Cohort attributes are the participant's, whatever they answered.
      const attributes = attributesOf(response);
      for (let index = 0; index < dimensions.length; index += 1) {
        const dimension = dimensions[index] as Groups['dimensions'][number];
        const fromCohort = attributes[dimension.id];
        if (fromCohort === undefined) continue;
        dimension.codes[participant] = dimension.values.indexOf(fromCohort);
        (answeredAt[index] as (string | undefined)[])[participant] = '';
      }
    }
    for (const dimensionId in response.groups) {
      const index = dimensions.findIndex((dimension) => dimension.id === dimensionId);
      const dimension = dimensions[index];
      if (dimension === undefined) continue;
      const times = answeredAt[index] as (string | undefined)[];
      const answered = response.groups[dimensionId];
      if (answered === undefined || answered === PREFER_NOT_TO_SAY) continue;
      const previous = times[participant];
      if (previous !== undefined && previous <= response.receivedAt) continue;
      dimension.codes[participant] = dimension.values.indexOf(answered);
      times[participant] = response.receivedAt;
    }
  }
  return { dimensions };
}

/**
 * The cells of a table: cell 0 is the whole group, then each dimension's values in order.
 * `cellsOf[d][participant]` is the participant's cell in dimension d (-1: none). Flat arrays,
 * shared by the table's columns: the loops over them run millions of times.
 */
export interface CellLayout {
  readonly count: number;
  /** Each cell's subgroup (null: the whole group). */
  readonly keys: readonly (GroupKey | null)[];
  readonly cellsOf: readonly Int32Array[];
}

/** Lays out the cells of a table for its participants' subgroup codes. */
export function layCells(groups: Groups, participants: number): CellLayout {
  const keys: (GroupKey | null)[] = [null];
  const cellsOf = groups.dimensions.map((dimension) => {
    const offset = keys.length;
    for (const value of dimension.values) keys.push({ dimension: dimension.id, value });
    const cells = new Int32Array(participants);
    for (let participant = 0; participant < participants; participant += 1) {
      const code = dimension.codes[participant] as number;
      cells[participant] = code < 0 ? -1 : offset + code;
    }
    return cells;
  });
  return { count: keys.length, keys, cellsOf };
}
