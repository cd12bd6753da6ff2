/** The Lambda entry of POST /sign-out: its deps (with the `OIDC_*` settings) built from the environment once. */
import { lambdaDeps } from '#adapters/lambda-deps.ts';
import { makeSignOutHandler } from '#handlers/sign-out.ts';

export const handler = makeSignOutHandler(lambdaDeps());
