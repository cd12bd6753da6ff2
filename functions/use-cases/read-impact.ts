/**
 * Reading the stored impact tables of a programme (every cohort and the pool), or of one
 * cohort: one Query per table; and a programme's overview for the evaluator workspace.
 */
import type { IndicatorStore, ParticipantStore } from '#ports/store.ts';
import type { Programme } from '#surveys/schema.ts';
import { changeKey, toImpactRows, type Impact } from '#core/impact-table.ts';
import { findCohort } from '#core/catalog-lookup.ts';
import { POOLED, type IndicatorRow } from '#core/model.ts';
import { readProgrammeProgress, type CohortProgress } from './cohort-progress.ts';
import { loadProgramme, type ProgrammeDeps } from './programmes.ts';

export interface ReadImpactDeps extends ProgrammeDeps {
  readonly indicators: IndicatorStore;
  readonly participants: ParticipantStore;
}

/** Steps: check the programme and cohort exist, read each table, order rows as the definition does. */
export async function readImpact(deps: ReadImpactDeps, programmeId: string, cohortId?: string): Promise<Impact> {
  return readImpactOf(deps, await loadProgramme(deps, programmeId), cohortId);
}

/**
 * {@link readImpact} of a programme the caller has already loaded (a page that needs its
 * definition too), so its cohorts and funders are not read twice.
 */
export async function readImpactOf(deps: ReadImpactDeps, programme: Programme, cohortId?: string): Promise<Impact> {
  // `pooled` names the programme pool (first pre to last post over all cohorts).
  const cohorts =
    cohortId === undefined ? programme.cohorts : cohortId === POOLED ? [] : [findCohort(programme, cohortId).cohort];
  const scopes = [
    ...cohorts.map((cohort) => cohort.id),
    ...(cohortId === undefined || cohortId === POOLED ? [null] : []),
  ];
  return readTables(deps, programme, scopes, { countParticipants: true });
}

/**
 * Each scope's stored table (a cohort's, or the pool's for null): per scope the table's mark and
 * its rows, and, when asked, the cohort's participants counted now (a Query of the cohort's
 * participants: the overview, which has read each cohort's roll already, does not ask).
 */
async function readTables(
  deps: ReadImpactDeps,
  programme: Programme,
  scopes: readonly (string | null)[],
  options: { readonly countParticipants: boolean },
): Promise<Impact> {
  const rows: IndicatorRow[] = [];
  const computedAt: Record<string, string | null> = {};
  const responseRates: Impact['responseRates'] = {};
  const changes: Impact['changes'] = {};
  const recomputing: string[] = [];
  const order = (session: string | null): number =>
    session === null
      ? programme.sessions.length
      : programme.sessions.findIndex((candidate) => candidate.id === session);
  for (const cohort of scopes) {
    const stored = await deps.indicators.listIndicators({ programme: programme.id, cohort });
    // A table computed before a withdrawal may still hold the person's answers, and its counts
    // them: neither is shown until aggregation has recomputed it.
    if (stored.stale) {
      recomputing.push(cohort ?? POOLED);
      computedAt[cohort ?? POOLED] = null;
      continue;
    }
    // Stored per session in key order; present them in the programme's session order.
    const sorted = stored.rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => order(a.row.session) - order(b.row.session) || a.index - b.index);
    rows.push(...sorted.map(({ row }) => row));
    computedAt[cohort ?? POOLED] = stored.mark === undefined ? null : stored.mark.asOf;
    // Participants are counted now (links may have been made since); answers as of the last aggregation.
    if (cohort !== null && options.countParticipants)
      responseRates[cohort] = {
        participants: await deps.participants.countParticipants(programme.id, cohort),
        answered: { ...(stored.mark?.answered ?? {}) },
      };
  }
  for (const row of rows)
    if (row.changeCounts !== undefined) changes[changeKey(row.cohort, row.session, row.instrument)] = row.changeCounts;
  return {
    programme: programme.id,
    rows: toImpactRows(programme.id, rows),
    computedAt,
    responseRates,
    changes,
    recomputing,
  };
}

/** A cohort in the overview: its progress (counts only) and its completers per session. */
export interface CohortOverview extends CohortProgress {
  /**
   * Per session, those scored both before and after on a measure of the whole group (the most of
   * any measure), as of the last aggregation; a session absent has not been aggregated.
   */
  readonly completers: Readonly<Record<string, number>>;
}

/** A programme at a glance: each cohort's progress and completers, and the pool's completers. */
export interface ProgrammeOverview {
  readonly programme: Programme;
  readonly cohorts: readonly CohortOverview[];
  /** Completers of the pool (first pre to last post, every cohort), or null before it is aggregated. */
  readonly poolCompleters: number | null;
}

/**
 * Steps: read every cohort's roll (participants, answers per wave, last answer: live), then the
 * impact tables for the completers (as of the last aggregation: pairing is aggregation's job).
 * The programme is read once, with the rolls; the tables' participants are not counted again (the
 * rolls have them): a cohort costs its roll and its table, never more.
 */
export async function readProgrammeOverview(deps: ReadImpactDeps, programmeId: string): Promise<ProgrammeOverview> {
  const progress = await readProgrammeProgress(deps, programmeId);
  // A programme without cohorts has no roll to carry it: read it alone.
  const programme = progress[0]?.programme ?? (await loadProgramme(deps, programmeId));
  const scopes = [...programme.cohorts.map((cohort) => cohort.id), null];
  const impact = await readTables(deps, programme, scopes, { countParticipants: false });
  const completers = new Map<string, Record<string, number>>();
  for (const row of impact.rows) {
    if (row.dimension !== null || row.part !== null) continue;
    const scope = row.cohort ?? POOLED;
    const sessions = completers.get(scope) ?? {};
    const session = row.session ?? POOLED;
    sessions[session] = Math.max(sessions[session] ?? 0, row.n_paired);
    completers.set(scope, sessions);
  }
  return {
    programme,
    cohorts: progress.map((cohort) => ({ ...cohort, completers: completers.get(cohort.cohort.id) ?? {} })),
    poolCompleters: completers.get(POOLED)?.[POOLED] ?? null,
  };
}
