/**
 * GET /dashboard[?programme=P[&cohort=C|pooled]]: the impact tables as HTML for a signed-in evaluator; without a
 * programme, the list of programmes and cohorts.
 */
import middy from '@middy/core';
import type { TokenStore } from '#ports/store.ts';
import { presentedToken, requireEvaluator } from '#shared/evaluator-auth.ts';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { httpErrors } from '#shared/http-errors.ts';
import { readImpact, type ReadImpactDeps } from '#use-cases/read-impact.ts';
import { renderDashboard, renderDashboardIndex } from '#web/dashboard-page.ts';

export interface GetDashboardDeps extends ReadImpactDeps {
  readonly tokens: TokenStore;
}

/** Builds the handler around its ports. */
export function makeGetDashboardHandler(deps: GetDashboardDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors('dashboard'))
    .handler(async (event) => {
      await requireEvaluator(deps.tokens, presentedToken(event));
      // One programme (or one cohort of it) a page, so a page stays small however many cohorts there are.
      const programme = event.queryStringParameters?.programme;
      if (programme === undefined || programme === '') return renderDashboardIndex(deps.catalog);
      const cohort = event.queryStringParameters?.cohort;
      return renderDashboard(deps.catalog, [
        await readImpact(deps, programme, cohort === undefined || cohort === '' ? undefined : cohort),
      ]);
    });
}
