/** The Lambda entry of GET /sign-in: its deps (with the `OIDC_*` settings) built from the environment once. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeSignInHandler } from '#handlers/sign-in.ts';

export const handler = makeSignInHandler(lambdaDeps());
