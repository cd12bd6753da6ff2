/** The Lambda entry of POST /s/{code}: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeSubmitSurveyHandler } from '#handlers/submit-survey.ts';

export const handler = makeSubmitSurveyHandler(lambdaDeps());
