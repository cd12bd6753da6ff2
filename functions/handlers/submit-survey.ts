/**
 * POST /s/{code}: one screen of the questionnaire posted. Problems re-render the screen with
 * each one named and the answers kept; otherwise the next screen, or on the last one the
 * response is stored once and the participant redirected to the thank-you page
 * (post/redirect/get, so a reload does not resubmit).
 */
import middy from '@middy/core';
import { defaultDeps } from '#adapters/default-deps.ts';
import { HttpError, WaveClosedError } from '#shared/errors.ts';
import { header, httpErrors, parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { openLink, type OpenLinkDeps } from '#use-cases/open-link.ts';
import { advanceSurvey, type SubmitDeps } from '#use-cases/submit-response.ts';
import { surveySteps } from '#core/steps.ts';
import { pickLanguage } from '#web/language.ts';
import { participantErrorResult } from '#web/message-result.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import { frameFor, renderMessage, renderSurveyStep, renderWithdrawConfirm } from '#web/survey-page.ts';
import { eraseParticipant } from '#use-cases/erase-participant.ts';

export type SubmitSurveyDeps = OpenLinkDeps & SubmitDeps;

/** Builds the handler around its ports. */
export function makeSubmitSurveyHandler(deps: SubmitSurveyDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors((error, event) => participantErrorResult(error, event)))
    .handler(async (event) => {
      const link = await openLink(deps, event.pathParameters?.code);
      const { programme } = link.context;
      const acceptLanguage = header(event, 'accept-language');
      let language = pickLanguage(programme.languages, programme.defaultLanguage, event.queryStringParameters?.lang, acceptLanguage);
      let frame = frameFor(link.context, language, event.rawPath);
      let fields: Record<string, string | string[]>;
      try {
        fields = parseForm(event);
      } catch (error) {
        if (error instanceof HttpError) return participantErrorResult(error, event, frame);
        throw error;
      }
      const chosen = fields.lang;
      language = pickLanguage(programme.languages, language, typeof chosen === 'string' ? chosen : undefined, undefined);
      frame = frameFor(link.context, language, event.rawPath);
      // Withdrawal works whether or not the wave is open: asked once more, then everything erased.
      const nav = typeof fields.nav === 'string' ? fields.nav : undefined;
      const page = (body: string): HttpResult => ({ statusCode: 200, headers: { ...PARTICIPANT_HEADERS }, body });
      if (nav === 'withdraw') return page(renderWithdrawConfirm(frame));
      if (nav === 'withdraw-confirm') {
        await eraseParticipant(deps, link.target.programme, link.target.cohort, link.target.participant);
        return page(renderMessage(frame, 'withdrawnBody'));
      }
      if (link.status !== 'open') return participantErrorResult(new WaveClosedError(link.status), event, frame);
      try {
        const outcome = await advanceSurvey(deps, link, fields, language);
        if (outcome.kind === 'step') {
          const steps = surveySteps(link.context, deps.catalog);
          return { statusCode: outcome.errors.length > 0 ? 400 : 200, headers: { ...PARTICIPANT_HEADERS }, body: renderSurveyStep(link.context, deps.catalog, frame, steps, outcome.index, fields, outcome.errors) };
        }
        return { statusCode: 303, headers: { ...PARTICIPANT_HEADERS, location: `${event.rawPath}?lang=${language}` }, body: '' };
      } catch (error) {
        if (error instanceof HttpError) return participantErrorResult(error, event, frame);
        throw error;
      }
    });
}

export const handler = makeSubmitSurveyHandler(defaultDeps());
