/**
 * Participants in a fixed order, numbered: every column of a table holds one value per
 * participant at that number, and every sum runs in that order, so the same responses give
 * byte-identical results whatever order they arrived in.
 */
import type { StoredResponse } from '../model.ts';

/** Participants numbered in order (responses come grouped by participant): each response's number. */
export interface ParticipantIndex {
  readonly count: number;
  /** The participant number of the response at each position. */
  readonly of: Int32Array;
}

/**
 * Responses sorted by cohort, participant, session, wave: as the cohort Query returns them
 * (then they are used as they are), else sorted.
 */
export function inParticipantOrder(responses: readonly StoredResponse[]): readonly StoredResponse[] {
  for (let index = 1; index < responses.length; index += 1) {
    if (compareResponses(responses[index - 1] as StoredResponse, responses[index] as StoredResponse) > 0)
      return [...responses].sort(compareResponses);
  }
  return responses;
}

/** Numbers the participants of responses in participant order, by the key that tells participants apart. */
export function indexParticipants(
  responses: readonly StoredResponse[],
  keyOf: (response: StoredResponse) => string,
): ParticipantIndex {
  const of = new Int32Array(responses.length);
  let count = 0;
  let previous: string | undefined;
  for (let at = 0; at < responses.length; at += 1) {
    const key = keyOf(responses[at] as StoredResponse);
    if (key !== previous) {
      count += 1;
      previous = key;
    }
    of[at] = count - 1;
  }
  return { count, of };
}

/** A participant within a cohort: ids are unique there. */
export function cohortParticipant(response: StoredResponse): string {
  return response.participant;
}

/** A participant across the cohorts of a programme (the pool): ids are unique within a cohort only. */
export function programmeParticipant(response: StoredResponse): string {
  return `${response.cohort}/${response.participant}`;
}

function compareResponses(a: StoredResponse, b: StoredResponse): number {
  return (
    compare(a.cohort, b.cohort) ||
    compare(a.participant, b.participant) ||
    compare(a.session, b.session) ||
    compare(a.wave, b.wave)
  );
}

function compare(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
