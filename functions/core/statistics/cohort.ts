/**
 * A cohort's impact tables: every response scored once into typed columns, then each session's
 * table computed from them (statistics/table.ts).
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Programme } from '#surveys/schema.ts';
import type { IndicatorRow, StoredResponse } from '../model.ts';
import { columnsFor, scoreInto, type ScoredColumn } from './columns.ts';
import { collectGroups } from './groups.ts';
import { cohortParticipant, indexParticipants, inParticipantOrder } from './participants.ts';
import { tableRows } from './table.ts';

/**
 * Computes every row of a cohort, session by session, from its responses: per session x
 * instrument (and its subscales and quiz topics), overall and per subgroup value.
 * Deterministic: participants are taken in id order (the cohort Query's order; other orders are
 * sorted first), so the same responses give byte-identical results.
 */
export function computeCohortIndicators(
  programme: Programme,
  catalog: Catalog,
  cohortId: string,
  unordered: readonly StoredResponse[],
): IndicatorRow[] {
  const responses = inParticipantOrder(unordered);
  const participants = indexParticipants(responses, cohortParticipant);
  const cohort = programme.cohorts.find((candidate) => candidate.id === cohortId);
  const groups = collectGroups(programme, responses, participants, () => cohort?.attributes ?? {});
  const sessionIndex = new Map(programme.sessions.map((session, index) => [session.id, index]));
  const tables = programme.sessions.map((session) => columnsFor(session.post.instruments, catalog, participants.count));
  let session: string | undefined;
  let columns: readonly ScoredColumn[] = [];
  for (let at = 0; at < responses.length; at += 1) {
    const response = responses[at] as StoredResponse;
    if (response.session !== session) {
      session = response.session;
      const sessionAt = sessionIndex.get(session);
      columns = sessionAt === undefined ? [] : (tables[sessionAt] ?? []);
    }
    const participant = participants.of[at] as number;
    for (let index = 0; index < columns.length; index += 1)
      scoreInto(columns[index] as ScoredColumn, response, participant, response.wave);
  }
  return programme.sessions.flatMap((session, index) =>
    tableRows(tables[index] ?? [], groups, participants.count, cohortId, session.id),
  );
}
