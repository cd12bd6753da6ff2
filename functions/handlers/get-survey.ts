/**
 * GET /s/{code}: the participant's questionnaire where they left it (the screen and answers of
 * their draft), in their language; the thank-you page once answered; a neutral "no longer
 * active" page once withdrawn; 404 for an unknown link, 410 outside the window; 503 with a calm
 * page when the store fails.
 */
import middy from '@middy/core';
import { WaveNotOpenError } from '#core/errors.ts';
import { header, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { participantErrors, type ParticipantContext } from '#shared/http-errors.ts';
import { openLink, type OpenLinkDeps } from '#use-cases/open-link.ts';
import { currentView, type SubmitDeps } from '#use-cases/submit-response.ts';
import { pickLanguage } from '#web/language.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import {
  frameFor,
  renderAnsweredElsewhere,
  renderSurveyStep,
  renderThanks,
  renderWithdrawConfirm,
} from '#web/survey-page.ts';
import { surveySteps } from '#core/steps.ts';

export type GetSurveyDeps = OpenLinkDeps & SubmitDeps;

/** Builds the handler around its ports. */
export function makeGetSurveyHandler(
  deps: GetSurveyDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, ParticipantContext> {
  return middy<HttpEvent, HttpResult, Error, ParticipantContext>()
    .use(participantErrors(deps.catalog))
    .handler(async (event, context) => {
      const query = event.queryStringParameters ?? {};
      const link = await openLink(deps, event.pathParameters?.code);
      const { programme } = link.context;
      const page = (statusCode: number, body: string): HttpResult => ({
        statusCode,
        headers: { ...PARTICIPANT_HEADERS },
        body,
      });
      const view = await currentView(deps, link);
      // ?lang= wins, then the language the participant chose on an earlier screen, then the browser's.
      const remembered = view.kind === 'screen' ? view.language : undefined;
      const language = pickLanguage(
        programme.languages,
        remembered ?? programme.defaultLanguage,
        query.lang,
        remembered === undefined ? header(event, 'accept-language') : undefined,
      );
      const frame = frameFor(programme, language, event.rawPath);
      context.participantFrame = frame;
      // The answers are erased but this link still works: a withdrawal cut short (or still under
      // way). Asking again lets the participant finish it through the link they hold.
      if (view.kind === 'withdrawn' || query.withdraw === '1')
        return page(200, renderWithdrawConfirm({ ...frame, linkQuery: '&withdraw=1' }));
      if (view.kind === 'thanks')
        return query.answered === 'elsewhere'
          ? page(409, renderAnsweredElsewhere(frame))
          : page(200, renderThanks(frame, view.receipt));
      if (link.status !== 'open') throw new WaveNotOpenError(link.status);
      const steps = surveySteps(link.context, deps.catalog);
      const consentProblem =
        query.problem === 'consent' && view.index === 0
          ? [{ field: 'consent', problem: 'consent-required' as const }]
          : [];
      return page(
        200,
        renderSurveyStep(link.context, deps.catalog, frame, steps, view.index, view.fields, consentProblem, {
          message: view.notice,
          token: link.token,
        }),
      );
    });
}
