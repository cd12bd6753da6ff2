/**
 * A cohort's responses as CSV for evaluators (R, SPSS, a spreadsheet), in the very columns
 * `prepost import` reads: participant (pseudonymous), session, wave, consent, language, then
 * each subgroup and each `<instrument>.<item>` as the chosen option's value. So an export loads
 * back unchanged, and paper and web answers share one format. One Query pass over the cohort.
 */
import type { Catalog } from '#surveys/catalog.ts';
import type { ResponseStore } from '#ports/store.ts';
import { toCsv } from '#core/csv.ts';
import {
  CONSENT_COLUMN,
  LANGUAGE_COLUMN,
  PARTICIPANT_COLUMN,
  SESSION_COLUMN,
  WAVE_COLUMN,
  templateColumns,
} from '#core/import-csv.ts';
import { findCohort } from '#core/catalog-lookup.ts';

export interface ExportDeps {
  readonly responses: ResponseStore;
  readonly catalog: Catalog;
}

/** Steps: check the cohort, read its responses, one row per response in the import columns. */
export async function exportResponses(
  deps: ExportDeps,
  programmeId: string,
  cohortId: string,
): Promise<{ csv: string; rows: number }> {
  const { programme } = findCohort(deps.catalog, programmeId, cohortId);
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
          const dot = column.indexOf('.');
          return response.answers[column.slice(0, dot)]?.[column.slice(dot + 1)] ?? '';
        }
      }
    }),
  );
  return { csv: toCsv(columns, rows), rows: rows.length };
}
