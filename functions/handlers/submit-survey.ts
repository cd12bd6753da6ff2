/**
 * POST /s/{code}: validates the form and stores the response once, then redirects to the
 * thank-you page (post/redirect/get, so a reload does not resubmit). Problems re-render the
 * form with each one named and the answers kept.
 */
import middy from '@middy/core';
import { defaultDeps } from '#adapters/default-deps.ts';
import { HttpError, WaveClosedError } from '#shared/errors.ts';
import { header, httpErrors, parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { openLink, type OpenLinkDeps } from '#use-cases/open-link.ts';
import { submitResponse, type SubmitDeps } from '#use-cases/submit-response.ts';
import { pickLanguage } from '#web/language.ts';
import { participantErrorResult } from '#web/message-result.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import { frameFor, renderSurveyForm } from '#web/survey-page.ts';

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
      if (link.status !== 'open') return participantErrorResult(new WaveClosedError(link.status), event, frame);
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
      try {
        const outcome = await submitResponse(deps, link, fields, language);
        if (outcome.kind === 'invalid') {
          return { statusCode: 400, headers: { ...PARTICIPANT_HEADERS }, body: renderSurveyForm(link.context, deps.catalog, frame, fields, outcome.errors) };
        }
        return { statusCode: 303, headers: { ...PARTICIPANT_HEADERS, location: `${event.rawPath}?lang=${language}` }, body: '' };
      } catch (error) {
        if (error instanceof HttpError) return participantErrorResult(error, event, frame);
        throw error;
      }
    });
}

export const handler = makeSubmitSurveyHandler(defaultDeps());
