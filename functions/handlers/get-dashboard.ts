/**
 * GET /dashboard[?programme=P[&cohort=C|pooled]]: the impact tables as HTML for a signed-in
 * evaluator of the programme; without a programme, the programmes the reader may see (a
 * coordinator's: each cohort's response rates as CSV).
 * GET /dashboard/csv?programme=P[&cohort=C][&table=response-rates]: the same tables as CSV
 * downloads (response rates for coordinators too), on the same session.
 */
import middy from '@middy/core';
import { programmesPermitting } from '#core/access.ts';
import type { SessionStore, StaffStore } from '#ports/staff.ts';
import type { Clock } from '#ports/store.ts';
import { BadRequestError } from '#shared/errors.ts';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { requirePermission, staffSession, type StaffContext } from '#shared/staff-session.ts';
import { readImpact, type ReadImpactDeps } from '#use-cases/read-impact.ts';
import { loadProgramme, loadProgrammes } from '#use-cases/programmes.ts';
import { renderDashboard, renderDashboardIndex } from '#web/dashboard-page.ts';
import { staffFrameOf } from '#web/staff-frame.ts';
import { impactDownload } from '#web/impact-download.ts';

export interface GetDashboardDeps extends ReadImpactDeps {
  readonly sessions: SessionStore;
  readonly staff: StaffStore;
  readonly clock: Clock;
}

/** Builds the handler around its ports. */
export function makeGetDashboardHandler(
  deps: GetDashboardDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(staffErrors())
    .use(staffSession(deps))
    .handler(async (event, context) => {
      const query = event.queryStringParameters ?? {};
      const programme = query.programme || undefined;
      const cohort = query.cohort || undefined;
      if (event.rawPath === '/dashboard/csv') {
        if (programme === undefined) throw new BadRequestError('the query parameter programme is required');
        const table = query.table === 'response-rates' ? 'response-rates' : 'impact';
        requirePermission(context, table === 'impact' ? 'read-indicators' : 'read-response-rates', programme);
        return impactDownload(deps.catalog, await readImpact(deps, programme, cohort), { programme, cohort, table });
      }
      // One programme (or one cohort of it) a page, so a page stays small however many cohorts there are.
      if (programme === undefined) {
        // Every signed-in member has a first page; it lists the programmes whose results they may read.
        const grants = context.staff?.member.grants ?? [];
        const all = [...deps.catalog.programmes.keys()];
        const readable = programmesPermitting(grants, 'read-indicators', all);
        const responseRates = programmesPermitting(grants, 'read-response-rates', all).filter(
          (id) => !readable.includes(id),
        );
        const programmes = await loadProgrammes(
          deps,
          all.filter((id) => readable.includes(id) || responseRates.includes(id)),
        );
        return renderDashboardIndex(
          programmes,
          { readable, responseRates },
          staffFrameOf(event, context.staff?.member),
        );
      }
      const member = requirePermission(context, 'read-indicators', programme);
      const impact = await readImpact(deps, programme, cohort);
      return renderDashboard(
        deps.catalog,
        [await loadProgramme(deps, programme)],
        [impact],
        staffFrameOf(event, member),
      );
    });
}
