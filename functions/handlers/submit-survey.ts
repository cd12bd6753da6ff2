/**
 * POST /s/{code}: one screen of the questionnaire posted. Each screen is saved and answered
 * with a redirect to the link (post/redirect/get), so reload and Back never resubmit; the last
 * one stores the response once. Answers no form of ours sends re-render the screen with each
 * problem named; a store that fails answers 503 with the screen and its answers, for one more
 * try. `nav=withdraw-confirm` erases the participant, whether or not the wave is open.
 *
 * Every screen carries its link token (`use-cases/open-link.ts`): a screen posted with a valid
 * one is answered without reading the link, with the cohort's windows from this instance's
 * one-minute cache, so the last screen costs one PutItem; without one (an old page, a crafted
 * post, a withdrawal), the link is looked up as on a visit. A token post that would be answered
 * with anything but a saved screen (a problem, a closed wave) looks the link and cohort up first,
 * and is answered from them.
 */
import middy from '@middy/core';
import { PARTICIPANT_ACTOR } from '#core/access.ts';
import { WaveNotOpenError } from '#core/errors.ts';
import { header, parseForm, type HttpEvent, type HttpResult } from '#shared/http.ts';
import { participantErrors, type ParticipantContext } from '#shared/http-errors.ts';
import { openLink, openLinkByToken, recentCohorts, type OpenLink, type OpenLinkDeps } from '#use-cases/open-link.ts';
import { advanceSurvey, type SubmitDeps } from '#use-cases/submit-response.ts';
import { eraseParticipant, type EraseDeps } from '#use-cases/erase-participant.ts';
import { knownAnswers, LINK_TOKEN_FIELD, type FieldError } from '#core/answers.ts';
import type { Language } from '#surveys/schema.ts';
import { surveySteps } from '#core/steps.ts';
import { pickLanguage } from '#web/language.ts';
import { PARTICIPANT_HEADERS } from '#web/participant-page.ts';
import { frameFor, renderSurveyStep, renderWithdrawConfirm } from '#web/survey-page.ts';

export type SubmitSurveyDeps = OpenLinkDeps & SubmitDeps & EraseDeps;

/** Builds the handler around its ports. */
export function makeSubmitSurveyHandler(
  deps: SubmitSurveyDeps,
): middy.MiddyfiedHandler<HttpEvent, HttpResult, Error, ParticipantContext> {
  // This function instance's cohorts, read at most once a minute for posts that carry a link token.
  const tokenDeps = { ...deps, recentCohort: recentCohorts(deps.cohorts, deps.clock) };
  return middy<HttpEvent, HttpResult, Error, ParticipantContext>()
    .use(participantErrors(deps.catalog))
    .handler(async (event, context) => {
      const code = event.pathParameters?.code;
      const queryLanguage = (programme: OpenLink['context']['programme']): Language =>
        pickLanguage(
          programme.languages,
          programme.defaultLanguage,
          event.queryStringParameters?.lang,
          header(event, 'accept-language'),
        );
      let fields: Record<string, string | string[]>;
      try {
        fields = parseForm(event);
      } catch (refused) {
        // A body refused (too large, not a form) is answered in the programme's language: the
        // link is looked up for it (an unknown link is answered 404 first, as ever).
        const { programme } = (await openLink(deps, code)).context;
        context.participantFrame = frameFor(programme, queryLanguage(programme), event.rawPath);
        throw refused;
      }
      // The form's link token saves looking the link up; a withdrawal always looks it up (it
      // erases through the link as stored), and a token that does not hold falls back to it.
      const token = fields[LINK_TOKEN_FIELD];
      const byToken =
        typeof token === 'string' && fields.nav !== 'withdraw-confirm'
          ? await openLinkByToken(tokenDeps, code, token)
          : undefined;
      let link = byToken ?? (await openLink(deps, code));
      // A token speaks for the link only on the way to a write (which an erasure's marker still
      // refuses). Anything else is answered from the link as stored and the cohort as it is now:
      // a withdrawn participant is told so, not shown the questionnaire or a closed wave, and a
      // wave reopened within the cache's minute is open. Rare answers, so the read is affordable.
      let fresh = byToken === undefined;
      const reread = async (): Promise<void> => {
        if (fresh) return;
        link = await openLink(deps, code);
        fresh = true;
      };
      const { programme } = link.context;
      const chosen = fields.lang;
      const language = pickLanguage(
        programme.languages,
        queryLanguage(programme),
        typeof chosen === 'string' ? chosen : undefined,
        undefined,
      );
      const frame = frameFor(programme, language, event.rawPath);
      context.participantFrame = frame;
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
        // Cut short: the confirmation again, saying so; confirming again finishes the job.
        context.participantFailure = () =>
          page(503, renderWithdrawConfirm({ ...frame, linkQuery: '&withdraw=1' }, true));
        const { programme: programmeId, cohort, participant } = link.target;
        await eraseParticipant(deps, PARTICIPANT_ACTOR, programmeId, cohort, participant, link.hash);
        return redirect(`lang=${language}&withdrawn=1`);
      }
      if (link.status !== 'open') await reread();
      if (link.status !== 'open') throw new WaveNotOpenError(link.status);
      // Of the link as last resolved (looked up again, its cohort may have changed).
      const stepsNow = (): ReturnType<typeof surveySteps> => surveySteps(link.context, deps.catalog);
      const screen = (index: number, values: Record<string, string>, errors: FieldError[], failed = false): string =>
        renderSurveyStep(link.context, deps.catalog, frame, stepsNow(), index, values, errors, {
          token: link.token,
          ...(failed ? { message: 'save-failed' as const } : {}),
        });
      // The store failed (throttled, timed out, down): this screen again, answers kept, 503.
      context.participantFailure = () => {
        const steps = stepsNow();
        const posted = typeof fields.step === 'string' ? Number(fields.step) : steps.length - 1;
        const index = Number.isInteger(posted) && posted >= 0 && posted < steps.length ? posted : steps.length - 1;
        return page(503, screen(index, knownAnswers(link.context, deps.catalog, fields), [], true));
      };
      let outcome = await advanceSurvey(deps, link, fields, language);
      if (outcome.kind === 'invalid' && !fresh) {
        // Nothing was written: asked again of the link as stored (withdrawn, closed, or the same problems).
        await reread();
        if (link.status !== 'open') throw new WaveNotOpenError(link.status);
        outcome = await advanceSurvey(deps, link, fields, language);
      }
      switch (outcome.kind) {
        case 'saved':
          return redirect(`lang=${outcome.language}`);
        case 'stored':
        case 'repeated':
          return redirect(`lang=${language}`);
        case 'consent-required':
          return redirect(`lang=${language}&problem=consent`);
        case 'invalid':
          return page(400, screen(outcome.index, outcome.fields, outcome.errors));
        // Both through the link's page, so reload and Back never resubmit.
        case 'answered':
          return redirect(`lang=${language}&answered=elsewhere`);
        case 'withdrawn':
          return redirect(`lang=${language}`);
      }
    });
}
