/** The Lambda entry of GET /s/{code}: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeGetSurveyHandler } from '#handlers/get-survey.ts';
import { withMetrics } from '#shared/telemetry.ts';

export const handler = withMetrics(makeGetSurveyHandler(lambdaDeps()));
