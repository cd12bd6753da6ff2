/**
 * GET /summaries: the programmes whose published summaries the signed-in reader may read.
 * GET /summaries?programme=P: the months published for P, newest first.
 * GET /summaries?programme=P&period=YYYY-MM[&file=NAME]: that month's summary as it was published
 * (the page; its CSV or JSON with `file`), for a member holding 'read-summaries' on P.
 */
import middy from '@middy/core';
import { programmesPermitting } from '#core/access.ts';
import { LANGUAGES } from '#surveys/schema.ts';
import { SUMMARY_FILES } from '#ports/publishing.ts';
import { header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { requirePermission, staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import { publishedFile, publishedPeriods, type ReadSummariesDeps } from '#use-cases/read-summaries.ts';
import { pickLanguage } from '#web/language.ts';
import {
  publishedDownload,
  publishedSummaryPage,
  renderPublishedPeriods,
  renderSummariesIndex,
  type SummariesView,
} from '#web/summaries-page.ts';

export interface GetSummariesDeps extends ReadSummariesDeps, StaffSessionDeps {}

/** Builds the handler around its ports. */
export function makeGetSummariesHandler(
  deps: GetSummariesDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(staffErrors())
    .use(staffSession(deps))
    .handler(async (event, context) => {
      const query = event.queryStringParameters ?? {};
      const language = pickLanguage(LANGUAGES, 'en', query.lang, header(event, 'accept-language'));
      const view: SummariesView = {
        language,
        chosen: query.lang?.toLowerCase() === language,
        member: context.staff?.member,
      };
      const programme = query.programme || undefined;
      if (programme === undefined) {
        const grants = context.staff?.member.grants ?? [];
        const readable = programmesPermitting(grants, 'read-summaries', [...deps.catalog.programmes.keys()]);
        return renderSummariesIndex(deps.catalog, readable, view);
      }
      requirePermission(context, 'read-summaries', programme);
      const period = query.period || undefined;
      if (period === undefined) {
        const published = await publishedPeriods(deps, programme);
        return renderPublishedPeriods(published.programme, published.periods, view);
      }
      const file = await publishedFile(deps, programme, period, query.file || SUMMARY_FILES.page.name);
      return file.name === SUMMARY_FILES.page.name
        ? publishedSummaryPage(file)
        : publishedDownload(programme, period, file);
    });
}
