/**
 * GET /api/impact?programme=P[&cohort=C][&table=response-rates]: the stored indicators as JSON,
 * or CSV with `Accept: text/csv`, for a script or BI tool presenting a personal API token. The
 * API authorizer has checked the token; this checks its grants on the programme: indicators
 * for evaluators, the response-rate table for evaluators and coordinators.
 */
import middy from '@middy/core';
import * as z from 'zod/mini';
import { Grant, permits } from '#core/access.ts';
import { BadRequestError, ForbiddenError, UnauthorisedError } from '#shared/errors.ts';
import { API_HEADERS, header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { apiErrors } from '#shared/http-errors.ts';
import { prefersCsv } from '#shared/negotiate.ts';
import { readImpact, type ReadImpactDeps } from '#use-cases/read-impact.ts';
import { impactDownload } from '#web/impact-download.ts';

export type GetImpactDeps = ReadImpactDeps;

/** Builds the handler around its ports. */
export function makeGetImpactHandler(deps: GetImpactDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(apiErrors())
    .handler(async (event) => {
      const grants = principalGrants(event);
      const programme = event.queryStringParameters?.programme;
      if (programme === undefined || programme === '')
        throw new BadRequestError('the query parameter programme is required');
      // `table=response-rates` gives the coordinators' response-rate table instead of the indicators.
      const table = event.queryStringParameters?.table === 'response-rates' ? 'response-rates' : 'impact';
      if (!permits(grants, table === 'impact' ? 'read-indicators' : 'read-response-rates', programme))
        throw new ForbiddenError(`${table} of ${programme} not granted`);
      const cohort = event.queryStringParameters?.cohort || undefined;
      const impact = await readImpact(deps, programme, cohort);
      // `format=csv` lets a plain link download what `Accept: text/csv` asks for.
      if (prefersCsv(header(event, 'accept')) || event.queryStringParameters?.format === 'csv')
        return impactDownload(deps.catalog, impact, { programme, cohort, table });
      const body = table === 'impact' ? impact : { programme: impact.programme, responseRates: impact.responseRates };
      return {
        statusCode: 200,
        headers: { ...API_HEADERS, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      };
    });
}

const Principal = z.object({ grants: z.string() });

/**
 * The grants the API authorizer found on the token (`requestContext.authorizer.lambda`). Absent
 * only if the route were ever deployed without the authorizer: then nobody gets in.
 */
function principalGrants(event: HttpEvent): Grant[] {
  const context = (event.requestContext as { authorizer?: { lambda?: unknown } }).authorizer?.lambda;
  const principal = Principal.safeParse(context);
  if (!principal.success) throw new UnauthorisedError('no authorizer context');
  const grants = z.array(Grant).safeParse(JSON.parse(principal.data.grants));
  if (!grants.success) throw new UnauthorisedError('malformed authorizer context');
  return grants.data;
}
