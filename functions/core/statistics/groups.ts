/**
 * Subgroups as codes: per dimension (site, role, age band...), each participant's value as an
 * index into the dimension's values, so that a table accumulates every subgroup cell in the
 * same passes as the whole group.
 */
import type { Programme } from '#surveys/schema.ts';
import type { GroupKey, StoredResponse } from '../model.ts';
import { PREFER_NOT_TO_SAY } from '../scoring.ts';

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
 * Subgroup codes per participant, collected as responses stream in (grouped by participant): the
 * cohort's attributes, then the answer given in the earliest response that gave one ("prefer not
 * to say" counts as no value). Only the current participant's answer times are kept.
 */
export class GroupCollector {
  private readonly dimensions: { readonly id: string; readonly values: readonly string[]; codes: Int16Array }[];
  private readonly dimensionAt: ReadonlyMap<string, number>;
  /** When the current participant gave each dimension's value ('' for a cohort attribute). */
  private readonly answeredAt: (string | undefined)[];
  private participant = -1;

  constructor(programme: Programme) {
    this.dimensions = programme.subgroups.map((subgroup) => ({
      id: subgroup.id,
      values: subgroup.options.map((option) => option.value),
      codes: new Int16Array(0),
    }));
    this.dimensionAt = new Map(this.dimensions.map((dimension, index) => [dimension.id, index]));
    this.answeredAt = this.dimensions.map(() => undefined);
  }

  /** Makes room for participants numbered below `capacity` (-1: none yet). */
  grow(capacity: number): void {
    for (const dimension of this.dimensions) {
      if (dimension.codes.length >= capacity) continue;
      const codes = new Int16Array(capacity).fill(-1);
      codes.set(dimension.codes);
      dimension.codes = codes;
    }
  }

  /** Begins a participant (numbered in order) with its cohort's attributes, whatever they answer. */
  begin(participant: number, attributes: Readonly<Record<string, string>>): void {
    this.participant = participant;
    for (let index = 0; index < this.dimensions.length; index += 1) {
      const dimension = this.dimensions[index] as (typeof this.dimensions)[number];
      const fromCohort = attributes[dimension.id];
      this.answeredAt[index] = fromCohort === undefined ? undefined : '';
      if (fromCohort !== undefined) dimension.codes[participant] = dimension.values.indexOf(fromCohort);
    }
  }

  /** Takes the current participant's subgroup answers from one of their responses. */
  add(response: StoredResponse): void {
    for (const dimensionId in response.groups) {
      const index = this.dimensionAt.get(dimensionId);
      if (index === undefined) continue;
      const dimension = this.dimensions[index] as (typeof this.dimensions)[number];
      const answered = response.groups[dimensionId];
      if (answered === undefined || answered === PREFER_NOT_TO_SAY) continue;
      const previous = this.answeredAt[index];
      if (previous !== undefined && previous <= response.receivedAt) continue;
      dimension.codes[this.participant] = dimension.values.indexOf(answered);
      this.answeredAt[index] = response.receivedAt;
    }
  }

  /** Appends another collector's first `participants` codes at `offset` (this one must have room). */
  append(other: GroupCollector, offset: number, participants: number): void {
    this.dimensions.forEach((dimension, index) => {
      const codes = other.dimensions[index]?.codes ?? new Int16Array(0);
      dimension.codes.set(codes.subarray(0, participants), offset);
    });
  }

  /** The codes of `participants` participants. */
  groups(participants: number): Groups {
    return {
      dimensions: this.dimensions.map((dimension) => ({
        id: dimension.id,
        values: dimension.values,
        codes: dimension.codes.length === participants ? dimension.codes : sized(dimension.codes, participants),
      })),
    };
  }
}

function sized(codes: Int16Array, participants: number): Int16Array {
  if (codes.length > participants) return codes.subarray(0, participants);
  const all = new Int16Array(participants).fill(-1);
  all.set(codes);
  return all;
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
