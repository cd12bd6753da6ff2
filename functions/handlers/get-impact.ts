/**
 * GET /api/impact?programme=P[&cohort=C]: the stored indicators as JSON, or CSV with
 * `Accept: text/csv`, for an evaluator presenting a bearer token.
 */
import middy from '@middy/core';
import type { TokenStore } from '#ports/store.ts';
import { findProgramme } from '#core/catalog-lookup.ts';
import { impactCsv } from '#core/impact-table.ts';
import { BadRequestError } from '#shared/errors.ts';
import { presentedToken, requireEvaluator } from '#shared/evaluator-auth.ts';
import { API_HEADERS, header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { httpErrors } from '#shared/http-errors.ts';
import { prefersCsv } from '#shared/negotiate.ts';
import { readImpact, responseRatesCsv, type ReadImpactDeps } from '#use-cases/read-impact.ts';

export interface GetImpactDeps extends ReadImpactDeps {
  readonly tokens: TokenStore;
}

/** Builds the handler around its ports. */
export function makeGetImpactHandler(deps: GetImpactDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors('api'))
    .handler(async (event) => {
      await requireEvaluator(deps.tokens, presentedToken(event));
      const programme = event.queryStringParameters?.programme;
      if (programme === undefined || programme === '')
        throw new BadRequestError('the query parameter programme is required');
      const impact = await readImpact(deps, programme, event.queryStringParameters?.cohort || undefined);
      // `format=csv` lets a plain link (the dashboard's) download what `Accept: text/csv` asks for;
      // `table=response-rates` gives the coordinators' response-rate table instead of the indicators.
      if (prefersCsv(header(event, 'accept')) || event.queryStringParameters?.format === 'csv') {
        const rates = event.queryStringParameters?.table === 'response-rates';
        const cohort = event.queryStringParameters?.cohort;
        const table = rates ? 'response-rates' : 'impact';
        const name = `${programme}${cohort ? `-${cohort}` : ''}-${table}.csv`.replace(/[^a-z0-9.-]/gi, '_');
        const sessions = findProgramme(deps.catalog, programme).sessions.map((session) => session.id);
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
          body: rates ? responseRatesCsv(impact, sessions) : impactCsv(impact.rows),
        };
      }
      return {
        statusCode: 200,
        headers: { ...API_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify(impact),
      };
    });
}
