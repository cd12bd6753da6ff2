/**
 * An impact table or a response-rate table as a CSV download: what the impact API answers to
 * `Accept: text/csv` and what the dashboard's download links fetch, in one place.
 */
import { findProgramme } from '#core/catalog-lookup.ts';
import { API_HEADERS, type HttpResult } from '#shared/http.ts';
import type { Catalog } from '#surveys/catalog.ts';
import { impactCsv, responseRatesCsv, type Impact } from '#core/impact-table.ts';

/** Which table a download holds. */
export type DownloadTable = 'impact' | 'response-rates';

/** The CSV download of a programme's (or cohort's) table. */
export function impactDownload(
  catalog: Catalog,
  impact: Impact,
  request: { readonly programme: string; readonly cohort: string | undefined; readonly table: DownloadTable },
): HttpResult {
  const { programme, cohort, table } = request;
  const name = `${programme}${cohort ? `-${cohort}` : ''}-${table}.csv`.replace(/[^a-z0-9.-]/gi, '_');
  const sessions = findProgramme(catalog, programme).sessions.map((session) => session.id);
  // Tables withheld after a withdrawal are named in a header (the CSV has no room for a note).
  const withheld: Record<string, string> =
    impact.recomputing.length === 0 ? {} : { 'x-prepost-withheld': impact.recomputing.join(',') };
  return {
    statusCode: 200,
    headers: {
      ...API_HEADERS,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      ...withheld,
    },
    body: table === 'response-rates' ? responseRatesCsv(impact, sessions) : impactCsv(impact.rows),
  };
}
