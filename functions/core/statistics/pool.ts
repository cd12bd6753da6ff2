/**
 * The programme pool: one table over all cohorts, each participant's change over the whole
 * programme.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { IndicatorRow, StoredResponse } from '../model.ts';
import { columnsFor, isScored, scoreInto } from './columns.ts';
import { collectGroups } from './groups.ts';
import { indexParticipants, inParticipantOrder, programmeParticipant } from './participants.ts';
import { tableRows } from './table.ts';

/**
 * The programme-wide pool over all cohorts: for each participant and instrument, the score of
 * the first session it was asked before and of the last session it was asked after (a post
 * before the first pre is not a change over the programme). Subgroups from each cohort's
 * attributes and the participants' answers, as in a cohort's tables.
 */
export function computePooledIndicators(
  programme: Programme,
  catalog: Catalog,
  unordered: readonly StoredResponse[],
): IndicatorRow[] {
  const responses = inParticipantOrder(unordered);
  const participants = indexParticipants(responses, programmeParticipant);
  const attributesOf = new Map(programme.cohorts.map((cohort) => [cohort.id, cohort.attributes]));
  const groups = collectGroups(
    programme,
    responses,
    participants,
    (response) => attributesOf.get(response.cohort) ?? {},
  );
  const sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
  const instrumentIds = [...new Set(programme.sessions.flatMap((session) => session.post.instruments))];
  const columns = columnsFor(instrumentIds, catalog, participants.count);
  // Per participant (their responses are consecutive), the first pre and last post per instrument.
  let start = 0;
  while (start < responses.length) {
    const key = programmeParticipant(responses[start] as StoredResponse);
    let end = start + 1;
    while (end < responses.length && programmeParticipant(responses[end] as StoredResponse) === key) end += 1;
    const participant = participants.of[start] as number;
    for (const column of columns) {
      let firstPre: StoredResponse | undefined;
      let firstPreAt = Number.POSITIVE_INFINITY;
      let lastPost: StoredResponse | undefined;
      let lastPostAt = Number.NEGATIVE_INFINITY;
      for (let at = start; at < end; at += 1) {
        const response = responses[at] as StoredResponse;
        const sessionAt = sessionIndex.get(response.session);
        if (sessionAt === undefined || !isScored(column, response)) continue;
        if (response.wave === 'pre' && sessionAt < firstPreAt) [firstPre, firstPreAt] = [response, sessionAt];
        if (response.wave === 'post' && sessionAt > lastPostAt) [lastPost, lastPostAt] = [response, sessionAt];
      }
      if (firstPre !== undefined) scoreInto(column, firstPre, participant, 'pre');
      if (lastPost !== undefined && (firstPre === undefined || lastPostAt >= firstPreAt))
        scoreInto(column, lastPost, participant, 'post');
    }
    start = end;
  }
  return tableRows(columns, groups, participants.count, null, null);
}
