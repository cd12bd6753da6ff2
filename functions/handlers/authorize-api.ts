/**
 * The API Gateway Lambda authorizer of the impact API (HTTP API, payload 2.0, simple responses):
 * a personal API token in `Authorization: Bearer` that is well-formed, known, unexpired,
 * unrevoked and whose owner still exists lets the request through with the grants it carries
 * now; anything else is refused with 401 before any function reads a table. Which programme a
 * request may read is the function's check, against these grants. The local server calls this
 * very handler before the route's, as API Gateway does.
 */
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import type { Grant } from '#core/access.ts';
import { logger } from '#shared/logger.ts';
import { authenticateApiToken, type ApiTokenDeps } from '#use-cases/api-tokens.ts';

/** What the authorizer hands the function (`requestContext.authorizer.lambda`): strings only. */
export interface ApiPrincipal {
  /** The token owner's staff id. */
  readonly staffId: string;
  readonly tokenId: string;
  /** The grants, as JSON of {@link Grant}[]. */
  readonly grants: string;
}

export type AuthorizeApiDeps = Pick<ApiTokenDeps, 'staff' | 'apiTokens' | 'clock'>;

/**
 * API Gateway's one way to answer 401 from a Lambda authorizer: the function fails with exactly
 * this message. (`isAuthorized: false` answers 403, which would tell a caller with a forged or
 * expired token that it had been recognised.)
 */
export const UNAUTHORIZED = 'Unauthorized';

/** Builds the authorizer around its ports. */
export function makeAuthorizeApiHandler(
  deps: AuthorizeApiDeps,
): (event: APIGatewayRequestAuthorizerEventV2) => Promise<APIGatewaySimpleAuthorizerWithContextResult<ApiPrincipal>> {
  return async (event) => {
    const authorization = event.headers?.authorization ?? event.headers?.Authorization;
    const presented = authorization === undefined ? undefined : /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const found = presented === undefined ? undefined : await authenticateApiToken(deps, presented);
    if (found === undefined) {
      logger.info('API token refused', { route: event.routeKey });
      throw new Error(UNAUTHORIZED);
    }
    const grants: Grant[] = found.grants;
    return {
      isAuthorized: true,
      context: { staffId: found.owner.id, tokenId: found.token.id, grants: JSON.stringify(grants) },
    };
  };
}
