/**
 * GET /s/{code}: the participant's questionnaire for the wave the link opens, in their
 * language; the thank-you page once answered; 404 for an unknown link, 410 outside the window.
 */
import middy from '@middy/core';
import { defaultDeps } from '#adapters/default-deps.ts';
import type { ResponseStore } from '#ports/store.ts';
import { WaveClosedError } from '#shared/errors.ts';
import { header, httpErrors, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { openLink, type OpenLinkDeps } from '#use-cases/open-link.ts';
import { pickLanguage } from '#web/language.ts';
import { participantErrorResult } from '#web/message-result.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import { frameFor, renderSurveyStep, renderThanks } from '#web/survey-page.ts';
import { surveySteps } from '#core/steps.ts';

export interface GetSurveyDeps extends OpenLinkDeps {
  readonly responses: ResponseStore;
}

/** Builds the handler around its ports. */
export function makeGetSurveyHandler(deps: GetSurveyDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrors((error, event) => participantErrorResult(error, event)))
    .handler(async (event) => {
      const link = await openLink(deps, event.pathParameters?.code);
      const { programme } = link.context;
      const language = pickLanguage(programme.languages, programme.defaultLanguage, event.queryStringParameters?.lang, header(event, 'accept-language'));
      const frame = frameFor(link.context, language, event.rawPath);
      if (link.status !== 'open') return participantErrorResult(new WaveClosedError(link.status), event, frame);
      const existing = await deps.responses.getResponse(link.target);
      const body = existing === undefined ? renderSurveyStep(link.context, deps.catalog, frame, surveySteps(link.context, deps.catalog), 0) : renderThanks(frame, existing.receipt);
      return { statusCode: 200, headers: { ...PARTICIPANT_HEADERS }, body };
    });
}

export const handler = makeGetSurveyHandler(defaultDeps());
