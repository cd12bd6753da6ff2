/** The Lambda entry of GET /auth/callback: its deps (with the `OIDC_*` settings) built from the environment once. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeSignInCallbackHandler } from '#handlers/sign-in-callback.ts';

export const handler = makeSignInCallbackHandler(lambdaDeps());
