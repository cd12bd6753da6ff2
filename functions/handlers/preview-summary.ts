/**
 * POST /summaries/preview (form: programme, period YYYY-MM, default this month, language, default
 * the programme's): an evaluator's look at a month's funder summary before it goes out, as funders
 * read it in that language, under a notice in the evaluator's own that nothing was sent. The files
 * and every funder's message are written under `preview/` (the bucket in AWS, the local summaries
 * folder's `preview/` in `npm start`) and nothing is recorded: no publication, no sent mark, no
 * audit entry, so the month's real summary is built and emailed as if no one had looked. It reads
 * the stored tables as they are (a table a withdrawal left stale answers 503 until the next
 * aggregation). Evaluators only: a funder previewing every day could difference one look against
 * the next, which the disclosure control guards between publications only.
 */
import middy from '@middy/core';
import { SUMMARY_FILES, SUMMARY_PERIOD } from '#ports/publishing.ts';
import { BadRequestError } from '#shared/errors.ts';
import { formField } from '#shared/form-fields.ts';
import { parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { refuseCrossSitePosts } from '#shared/same-origin.ts';
import { staffErrors } from '#shared/staff-errors.ts';
import { requirePermission, staffSession, type StaffContext, type StaffSessionDeps } from '#shared/staff-session.ts';
import { loadProgramme } from '#use-cases/programmes.ts';
import { publishSummary, type PublishDeps } from '#use-cases/publish-summaries.ts';
import { staffFrameOf } from '#web/staff-frame.ts';
import { publishedSummaryPage } from '#web/summaries-page.ts';

/** The publishing deps, with the publisher and mailer pointed at the preview folder. */
export interface PreviewSummaryDeps extends PublishDeps, StaffSessionDeps {}

/** Builds the handler around its ports. */
export function makePreviewSummaryHandler(
  deps: PreviewSummaryDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, StaffContext> {
  return middy<HttpEvent, HttpResult, Error, StaffContext>()
    .use(staffErrors())
    .use(staffSession(deps))
    .use(refuseCrossSitePosts())
    .handler(async (event, context) => {
      const fields = parseForm(event);
      const programmeId = formField(fields, 'programme');
      if (programmeId === '') throw new BadRequestError('the form field programme is required');
      const member = requirePermission(context, 'read-indicators', programmeId);
      const period = formField(fields, 'period') || deps.clock.now().toISOString().slice(0, 7);
      if (!SUMMARY_PERIOD.test(period)) throw new BadRequestError('the period must be a month, YYYY-MM');
      const programme = await loadProgramme(deps, programmeId);
      // What funders read: the published page's language, then each funder's; the reader's own is not one of them.
      const languages = [
        ...new Set([
          programme.defaultLanguage,
          ...programme.funders.map((f) => f.language ?? programme.defaultLanguage),
        ]),
      ];
      const chosen = formField(fields, 'language') || programme.defaultLanguage;
      const language = [...programme.languages, ...languages].find((candidate) => candidate === chosen);
      if (language === undefined) throw new BadRequestError('the language must be one the programme is read in');
      const actor = { id: member.id, email: member.email };
      const report = await publishSummary(deps, actor, programmeId, period, { preview: true });
      const notice = { language: staffFrameOf(event, member).language, period, languages };
      const body = deps.summaryRenderer.page(report.summary, programme, language, { notice });
      return publishedSummaryPage({ ...SUMMARY_FILES.page, body }, { forms: true });
    });
}
