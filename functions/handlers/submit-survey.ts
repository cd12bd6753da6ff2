/**
 * POST /s/{code}: one screen of the questionnaire posted. Each screen is saved and answered
 * with a redirect to the link (post/redirect/get), so reload and Back never resubmit; the last
 * one stores the response once. Answers no form of ours sends re-render the screen with each
 * problem named; a store that fails answers 503 with the screen and its answers, for one more
 * try. `nav=withdraw-confirm` erases the participant, whether or not the wave is open.
 */
import middy from '@middy/core';
import { HttpError, WaveClosedError } from '#shared/errors.ts';
import { header, httpErrors, logFailure, parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { openLink, type OpenLinkDeps } from '#use-cases/open-link.ts';
import { advanceSurvey, type SubmitDeps } from '#use-cases/submit-response.ts';
import { eraseParticipant, type EraseDeps } from '#use-cases/erase-participant.ts';
import { knownAnswers } from '#core/answers.ts';
import { surveySteps } from '#core/steps.ts';
import { pickLanguage } from '#web/language.ts';
import { participantErrorResult, participantFailureResult } from '#web/message-result.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import { frameFor, renderSurveyStep, renderWithdrawConfirm } from '#web/survey-page.ts';

export type SubmitSurveyDeps = OpenLinkDeps & SubmitDeps & EraseDeps;

/** Builds the handler around its ports. */
export function makeSubmitSurveyHandler(deps: SubmitSurveyDeps): middy.MiddyfiedHandler<HttpEvent, HttpResult> {
  return middy<HttpEvent, HttpResult>()
    .use(
      httpErrors(
        (error, event) => participantErrorResult(error, event, deps.catalog),
        (event) => participantFailureResult(event),
      ),
    )
    .handler(async (event) => {
      const link = await openLink(deps, event.pathParameters?.code);
      const { programme } = link.context;
      let language = pickLanguage(
        programme.languages,
        programme.defaultLanguage,
        event.queryStringParameters?.lang,
        header(event, 'accept-language'),
      );
      let frame = frameFor(programme, language, event.rawPath);
      let fields: Record<string, string | string[]>;
      try {
        fields = parseForm(event);
      } catch (error) {
        if (error instanceof HttpError) return participantErrorResult(error, event, deps.catalog, frame);
        throw error;
      }
      const chosen = fields.lang;
      language = pickLanguage(
        programme.languages,
        language,
        typeof chosen === 'string' ? chosen : undefined,
        undefined,
      );
      frame = frameFor(programme, language, event.rawPath);
      const page = (statusCode: number, body: string): HttpResult => ({
        statusCode,
        headers: { ...PARTICIPANT_HEADERS, ...(statusCode === 503 ? { 'retry-after': '5' } : {}) },
        body,
      });
      const redirect = (query: string): HttpResult => ({
        statusCode: 303,
        headers: { ...PARTICIPANT_HEADERS, location: `${event.rawPath}?${query}` },
        body: '',
      });
      if (fields.nav === 'withdraw-confirm') {
        try {
          await eraseParticipant(deps, link.target.programme, link.target.cohort, link.target.participant, link.hash);
        } catch (error) {
          if (error instanceof HttpError) throw error;
          // Cut short: the confirmation again, saying so; confirming again finishes the job.
          logFailure(event, error);
          return page(503, renderWithdrawConfirm({ ...frame, linkQuery: '&withdraw=1' }, true));
        }
        return redirect(`lang=${language}&withdrawn=1`);
      }
      if (link.status !== 'open')
        return participantErrorResult(new WaveClosedError(link.status), event, deps.catalog, frame);
      const steps = surveySteps(link.context, deps.catalog);
      try {
        const outcome = await advanceSurvey(deps, link, fields, language);
        switch (outcome.kind) {
          case 'saved':
            return redirect(`lang=${outcome.language}`);
          case 'stored':
          case 'repeated':
            return redirect(`lang=${language}`);
          case 'consent-required':
            return redirect(`lang=${language}&problem=consent`);
          case 'invalid':
            return page(
              400,
              renderSurveyStep(link.context, deps.catalog, frame, steps, outcome.index, outcome.fields, outcome.errors),
            );
          // Both through the link's page, so reload and Back never resubmit.
          case 'answered':
            return redirect(`lang=${language}&answered=elsewhere`);
          case 'withdrawn':
            return redirect(`lang=${language}`);
        }
      } catch (error) {
        if (error instanceof HttpError) throw error;
        // The store failed (throttled, timed out, down): this screen again, answers kept, 503.
        logFailure(event, error);
        const posted = typeof fields.step === 'string' ? Number(fields.step) : steps.length - 1;
        const index = Number.isInteger(posted) && posted >= 0 && posted < steps.length ? posted : steps.length - 1;
        return page(
          503,
          renderSurveyStep(
            link.context,
            deps.catalog,
            frame,
            steps,
            index,
            knownAnswers(link.context, deps.catalog, fields),
            [],
            'save-failed',
          ),
        );
      }
    });
}
