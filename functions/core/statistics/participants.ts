/**
 * Participants in a fixed order, numbered: every column of a table holds one value per
 * participant at that number, and every sum runs in that order, so the same responses give
 * byte-identical results whatever order they arrived in.
 */
import type { StoredResponse } from '../model.ts';

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

/**
 * Responses that do not come grouped by participant in participant order: a stream cannot be
 * sorted, and numbering them as they come would make the results depend on the order.
 */
export class ResponseOrderError extends Error {
  constructor(previous: string, next: string) {
    super(`responses out of participant order: ${next} after ${previous}`);
    this.name = 'ResponseOrderError';
  }
}

/**
 * Numbers participants as their responses stream in (a cohort Query's pages, cohort after
 * cohort for the pool): each participant's responses come together, participants in order, so
 * only the previous response's participant is kept, never an index of every participant.
 */
export class ParticipantSequence {
  /** How many participants have begun so far; the current one is `count - 1`. */
  count = 0;
  private cohort: string | undefined;
  private participant: string | undefined;
  private first: { readonly cohort: string; readonly participant: string } | undefined;

  /** @param acrossCohorts the pool: ids are unique within a cohort only, so the cohort tells participants apart too */
  constructor(private readonly acrossCohorts: boolean) {}

  /**
   * Takes the next response; true when it begins a new participant (numbered `count - 1`).
   * @throws ResponseOrderError when its participant comes before the previous response's
   */
  advance(response: StoredResponse): boolean {
    const cohort = this.acrossCohorts ? response.cohort : '';
    if (this.participant !== undefined) {
      const order = compare(cohort, this.cohort ?? '') || compare(response.participant, this.participant);
      if (order === 0) return false;
      if (order < 0)
        throw new ResponseOrderError(`${this.cohort}/${this.participant}`, `${cohort}/${response.participant}`);
    }
    if (this.count === 0) this.first = { cohort, participant: response.participant };
    this.cohort = cohort;
    this.participant = response.participant;
    this.count += 1;
    return true;
  }

  /**
   * Continues with the participants another sequence numbered (a later part of the stream, read
   * on its own): they follow this one's, numbered from `count`.
   * @throws ResponseOrderError when they do not all come after this one's
   */
  follow(other: ParticipantSequence): void {
    if (other.first === undefined) return;
    if (this.participant !== undefined) {
      const order =
        compare(other.first.cohort, this.cohort ?? '') || compare(other.first.participant, this.participant);
      if (order <= 0)
        throw new ResponseOrderError(
          `${this.cohort}/${this.participant}`,
          `${other.first.cohort}/${other.first.participant}`,
        );
    }
    this.first ??= other.first;
    this.cohort = other.cohort;
    this.participant = other.participant;
    this.count += other.count;
  }
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
