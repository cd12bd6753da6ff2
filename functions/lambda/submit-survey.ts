/**
 * The Lambda entry of POST /s/{code}: its deps built from the environment once, at module load,
 * its responses counted as `Submissions` and its refusals of a participant's input as
 * `ValidationFailures`.
 */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeSubmitSurveyHandler } from '#handlers/submit-survey.ts';
import { countingSubmissions, validationFailures, withMetrics } from '#shared/telemetry.ts';

const deps = lambdaDeps();
export const handler = withMetrics(
  makeSubmitSurveyHandler({ ...deps, responses: countingSubmissions(deps.responses) }),
  validationFailures(),
);
