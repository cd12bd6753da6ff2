/**
 * A cohort's responses as CSV for evaluators (R, SPSS, a spreadsheet), in the very columns
 * `prepost import` reads: participant (pseudonymous), session, wave, consent, language, then
 * each subgroup, each `<instrument>.<item>` and each then-test's `then.<instrument>.<item>` as
 * the chosen option's value. So an export loads
 * back unchanged, and paper and web answers share one format. One Query pass over the cohort.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { ResponseStore } from '#ports/store.ts';
import type { Actor } from '#core/access.ts';
import { toCsv } from '#core/csv.ts';
import {
  CONSENT_COLUMN,
  LANGUAGE_COLUMN,
  PARTICIPANT_COLUMN,
  SESSION_COLUMN,
  THEN_COLUMN_PREFIX,
  WAVE_COLUMN,
  templateColumns,
} from '#core/import-csv.ts';
import { recordRelease, type AuditDeps } from './audit-trail.ts';
import { loadStoredCohort, type ProgrammeDeps } from './programmes.ts';

export interface ExportDeps extends AuditDeps, ProgrammeDeps {
  readonly responses: ResponseStore;
  readonly catalog: Catalog;
}

/**
 * Steps: check the cohort, read its responses, one row per response in the import columns; record
 * the export in the audit log before handing the rows over (a log that cannot be written refuses
 * the export: individual answers never leave unrecorded).
 */
export async function exportResponses(
  deps: ExportDeps,
  actor: Actor,
  programmeId: string,
  cohortId: string,
): Promise<{ csv: string; rows: number }> {
  const { definition: programme } = await loadStoredCohort(deps, programmeId, cohortId);
  const columns = templateColumns(programme, deps.catalog) ?? [];
  const responses = await deps.responses.listCohortResponses(programme.id, cohortId);
  const rows = responses.map((response) =>
    columns.map((column) => {
      switch (column) {
        case PARTICIPANT_COLUMN:
          return response.participant;
        case SESSION_COLUMN:
          return response.session;
        case WAVE_COLUMN:
          return response.wave;
        case CONSENT_COLUMN:
          return 'yes';
        case LANGUAGE_COLUMN:
          return response.language;
        default: {
          if (!column.includes('.')) return response.groups[column] ?? '';
          const looksBack = column.startsWith(THEN_COLUMN_PREFIX);
          const answer = looksBack ? column.slice(THEN_COLUMN_PREFIX.length) : column;
          const dot = answer.indexOf('.');
          const answers = looksBack ? response.then : response.answers;
          return answers?.[answer.slice(0, dot)]?.[answer.slice(dot + 1)] ?? '';
        }
      }
    }),
  );
  await recordRelease(deps, actor, {
    action: 'export',
    programme: programme.id,
    detail: `cohort ${cohortId}: ${rows.length} responses`,
  });
  return { csv: toCsv(columns, rows), rows: rows.length };
}
