/**
 * Loading answers given on paper into a cohort. Every row is checked before anything is
 * written, against the same validation as the web form, the cohort's participants and the
 * answers already stored, so a file with a problem writes nothing. Rows are then stored with the
 * same conditional put as a web submission: at most one response per participant and wave, an
 * identical row already stored counts as present (running the same file again changes nothing),
 * and a different answer is never merged or replaced.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { Clock, ParticipantStore, ResponseStore } from '#ports/store.ts';
import type { Actor } from '#core/access.ts';
import { sameAnswers } from '#core/answers.ts';
import {
  PARTICIPANT_COLUMN,
  readImportCsv,
  templateColumns,
  type ImportProblem,
  type PaperResponse,
} from '#core/import-csv.ts';
import { generateReceipt } from '#shared/codes.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { UnknownSessionError } from '#core/errors.ts';
import type { LinkTarget, WaveKind } from '#core/model.ts';
import { recordChange, type AuditDeps } from './audit-trail.ts';
import { loadCohort, type ProgrammeDeps } from './programmes.ts';

export interface ImportDeps extends AuditDeps, ProgrammeDeps {
  readonly participants: ParticipantStore;
  readonly responses: ResponseStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
}

/** What an import did, by the file's row numbers (row 1 is the header). */
export interface ImportReport {
  /** Rows stored by this run; in a dry run, the rows that would be. */
  readonly imported: number[];
  /** Rows whose participant had already answered that wave with the same answers. */
  readonly present: number[];
  /** Every problem found; when any was found before writing, nothing was written. */
  readonly problems: ImportProblem[];
  /** Whether rows were written: false for a dry run and for a file with problems. */
  readonly written: boolean;
}

/**
 * Steps: find the programme and cohort; read and validate every row; check each participant
 * exists in the cohort and each wave is unanswered or answered identically; unless a problem
 * was found or it is a dry run, store each row with the conditional put, in file order; record
 * how many rows were stored in the audit log, even when a failure stopped the run part way.
 */
export async function importResponses(
  deps: ImportDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
  csv: string,
  options: { readonly dryRun: boolean },
): Promise<ImportReport> {
  const { programme } = await loadCohort(deps, programmeId, cohortId, { listKnown: true });
  const file = readImportCsv(csv, programme, cohortId, deps.catalog);
  const problems = [...file.problems];

  // Each participant's items expire together: their answers with them.
  const known = new Map<string, { readonly expiresAt?: number | undefined } | undefined>();
  for (const { participant } of file.rows) {
    if (participant !== undefined && !known.has(participant))
      known.set(participant, await deps.participants.findParticipant(programmeId, cohortId, participant));
  }
  for (const { row, participant } of file.rows) {
    if (participant !== undefined && known.get(participant) === undefined)
      problems.push({
        row,
        column: PARTICIPANT_COLUMN,
        message:
          `no participant "${participant}" in ${programmeId} ${cohortId} ` +
          '(ids are in the participant column of the links CSV)',
      });
  }

  const pending: PaperResponse[] = [];
  const present: number[] = [];
  for (const { response } of file.rows) {
    if (response === undefined || known.get(response.participant) === undefined) continue;
    const existing = await deps.responses.getResponse(targetOf(programmeId, cohortId, response));
    if (existing === undefined) pending.push(response);
    else if (sameAnswers(existing, response.answers)) present.push(response.row);
    else problems.push(conflict(response));
  }

  const imported: number[] = [];
  if (problems.length > 0 || options.dryRun)
    return {
      imported: problems.length > 0 ? [] : pending.map((response) => response.row),
      present,
      problems: sortByRow(problems),
      written: false,
    };
  try {
    for (const response of pending) {
      const now = deps.clock.now();
      // receivedAt is the time of import, not of the paper form: aggregation finds new responses by
      // counting those received since a quarter of an hour before its last run's newest, so a
      // response dated earlier than that would be missed.
      const outcome = await deps.responses.putResponse({
        ...targetOf(programmeId, cohortId, response),
        // Answers, a then-test's answers and subgroups, as the web form stores them.
        ...response.answers,
        language: response.language,
        consentVersion: programme.consent.version,
        receipt: generateReceipt(),
        receivedAt: now.toISOString(),
        expiresAt:
          known.get(response.participant)?.expiresAt ??
          Math.floor(now.getTime() / 1000) + programme.retentionDays * 86_400,
      });
      if (outcome.stored) imported.push(response.row);
      // Withdrew since the check: their erasure wins, nothing of theirs is stored.
      else if (outcome.existing === 'withdrawn')
        problems.push({
          row: response.row,
          column: PARTICIPANT_COLUMN,
          message: `${response.participant} has withdrawn; their answers were erased and none can be stored`,
        });
      else if (sameAnswers(outcome.existing, response.answers)) present.push(response.row);
      // Answered on the web (or by another import) since the check: the stored answer stands.
      else problems.push(conflict(response));
    }
  } finally {
    if (imported.length > 0)
      await recordChange(deps, actor, {
        action: 'import',
        programme: programmeId,
        detail: `cohort ${cohortId}: ${imported.length} responses imported, ${present.length} already present`,
      });
  }
  return { imported, present: present.sort((a, b) => a - b), problems, written: true };
}

/**
 * The header row of an import file for a programme, or one session and wave of it.
 * @throws UnknownProgrammeError or UnknownSessionError for an unknown programme or session
 */
export function importTemplate(catalog: Catalog, programmeId: string, session?: string, wave?: WaveKind): string[] {
  const programme = findProgramme(catalog, programmeId, { listKnown: true });
  const columns = templateColumns(programme, catalog, session, wave);
  if (columns === undefined)
    throw new UnknownSessionError(
      programmeId,
      session ?? '',
      programme.sessions.map((candidate) => candidate.id),
    );
  return columns;
}

function targetOf(programme: string, cohort: string, response: PaperResponse): LinkTarget {
  return { programme, cohort, participant: response.participant, session: response.session, wave: response.wave };
}

function conflict(response: PaperResponse): ImportProblem {
  return {
    row: response.row,
    column: null,
    message:
      `${response.participant} already answered ${response.session} ${response.wave} with different answers; ` +
      'a stored response is never replaced',
  };
}

/** In row order; within a row, in the order found (the sort is stable). */
function sortByRow(problems: ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => a.row - b.row);
}
