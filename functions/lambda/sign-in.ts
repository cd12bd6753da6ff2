/** The Lambda entry of GET /sign-in: its deps built from the environment once, at module load. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeSignInHandler } from '#handlers/sign-in.ts';

export const handler = makeSignInHandler(lambdaDeps());
