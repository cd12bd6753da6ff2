/**
 * GET /dashboard[?programme=P]: the impact tables as HTML for a signed-in evaluator.
 */
import middy from '@middy/core';
import { defaultDeps } from '#adapters/default-deps.ts';
import type { TokenStore } from '#ports/store.ts';
import { presentedToken, requireEvaluator } from '#shared/evaluator-auth.ts';
import { httpErrors, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { readImpact, type Impact, type ReadImpactDeps } from '#use-cases/read-impact.ts';
import { renderDashboard, renderEvaluatorMessage } from '#web/dashboard-page.ts';

export interface GetDashboardDeps extends ReadImpactDeps {
  readonly tokens: TokenStore;
}

/** Builds the handler around its ports. */
export function makeGetDashboardHandler(deps: GetDashboardDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors((error) => renderEvaluatorMessage(error.status, error.status === 401 ? 'Please sign in with your evaluator link.' : 'Not found.')))
    .handler(async (event) => {
      await requireEvaluator(deps.tokens, presentedToken(event));
      const selected = event.queryStringParameters?.programme;
      const ids = selected === undefined || selected === '' ? [...deps.catalog.programmes.keys()] : [selected];
      const impacts: Impact[] = [];
      for (const id of ids) impacts.push(await readImpact(deps, id));
      return renderDashboard(deps.catalog, impacts);
    });
}

export const handler = makeGetDashboardHandler(defaultDeps());
