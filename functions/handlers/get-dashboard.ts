/**
 * GET /dashboard[?programme=P[&cohort=C|pooled[&session=S]]]: the evaluator workspace for a
 * signed-in evaluator of the programme: a programme's overview, or a cohort's (one session's, the
 * pool's) findings and tables; without a programme, the overview of every programme the reader
 * may read (and, for a coordinator, each cohort's response rates as CSV).
 * GET /dashboard/csv?programme=P[&cohort=C][&table=response-rates]: the same tables as CSV
 * downloads (response rates for coordinators too), on the same session.
 */
import middy from '@middy/core';
import { programmesPermitting } from '#core/access.ts';
import type { SessionStore, StaffStore } from '#ports/staff.ts';
import type { Clock } from '#ports/store.ts';
import { UnknownSessionError } from '#core/errors.ts';
import { POOLED } from '#core/model.ts';
import { BadRequestError } from '#shared/errors.ts';
import type { HttpEvent, HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { requirePermission, staffSession, type StaffContext } from '#shared/staff-session.ts';
import { readImpact, readImpactOf, readProgrammeOverview, type ReadImpactDeps } from '#use-cases/read-impact.ts';
import { loadProgramme, loadProgrammes } from '#use-cases/programmes.ts';
import { renderDashboardIndex, renderScopePage } from '#web/dashboard-page.ts';
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
        const ratesOnly = programmesPermitting(grants, 'read-response-rates', all).filter(
          (id) => !readable.includes(id),
        );
        const overviews = [];
        for (const id of readable) overviews.push(await readProgrammeOverview(deps, id));
        return renderDashboardIndex(
          overviews,
          await loadProgrammes(deps, ratesOnly),
          staffFrameOf(event, context.staff?.member),
        );
      }
      const member = requirePermission(context, 'read-indicators', programme);
      const frame = staffFrameOf(event, member);
      if (cohort === undefined)
        return renderDashboardIndex([await readProgrammeOverview(deps, programme)], [], frame, { oneProgramme: true });
      const session = query.session || undefined;
      const definition = await loadProgramme(deps, programme);
      if (session !== undefined) {
        if (cohort === POOLED) throw new BadRequestError('the pool has no sessions: choose a cohort');
        if (!definition.sessions.some((candidate) => candidate.id === session))
          throw new UnknownSessionError(
            programme,
            session,
            definition.sessions.map((candidate) => candidate.id),
          );
      }
      const impact = await readImpactOf(deps, definition, cohort);
      return renderScopePage(deps.catalog, definition, impact, { cohort, session }, frame);
    });
}
