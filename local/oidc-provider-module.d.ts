// oidc-provider ships no types (DefinitelyTyped has them, not installed); this is the part of its API
// the local OpenID Connect provider uses, typed as loosely as the library is and no more.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The Koa context the provider hands its helpers; only what the local provider reads. */
  export interface KoaContext {
    body: unknown;
    type: string;
    status: number;
    set(name: string, value: string): void;
    readonly oidc: {
      readonly client?: { readonly clientId: string };
      readonly session: { readonly accountId?: string; readonly state: { readonly secret: string } };
      readonly result?: { readonly consent?: { readonly grantId?: string } };
      readonly provider: Provider;
      urlFor(name: string): string;
    };
  }

  interface Account {
    readonly accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  interface GrantInstance {
    readonly jti: string;
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  interface StoredToken {
    readonly jti: string;
    readonly grantId?: string;
  }

  interface ClientMetadata {
    readonly client_id: string;
    readonly token_endpoint_auth_method: 'none';
    readonly redirect_uris: readonly string[];
    readonly post_logout_redirect_uris: readonly string[];
    readonly grant_types: readonly string[];
    readonly response_types: readonly string[];
  }

  interface Configuration {
    readonly clients: readonly ClientMetadata[];
    readonly claims: Readonly<Record<string, readonly string[] | null>>;
    readonly scopes: readonly string[];
    readonly conformIdTokenClaims: boolean;
    readonly cookies: { readonly keys: readonly string[] };
    readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
    readonly features: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    readonly pkce: { readonly required: () => boolean };
    readonly ttl: Readonly<Record<string, number>>;
    readonly interactions: { readonly url: (ctx: KoaContext, interaction: { readonly uid: string }) => string };
    readonly adapter: (model: string) => unknown;
    readonly findAccount: (ctx: KoaContext, sub: string) => Promise<Account | undefined>;
    readonly loadExistingGrant: (ctx: KoaContext) => Promise<GrantInstance | undefined>;
    readonly issueRefreshToken: () => Promise<boolean>;
    readonly renderError: (ctx: KoaContext, out: Readonly<Record<string, string>>, error: Error) => Promise<void>;
  }

  interface InteractionDetails {
    readonly uid: string;
    readonly prompt: { readonly name: string };
    readonly params: Readonly<Record<string, unknown>>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: {
      new (properties: { readonly clientId: string; readonly accountId: string }): GrantInstance;
      find(id: string): Promise<GrantInstance | undefined>;
    };
    readonly RefreshToken: { find(jti: string): Promise<StoredToken | undefined> };
    callback(): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: { readonly login: { readonly accountId: string } },
      options?: { readonly mergeWithLastSubmission: boolean },
    ): Promise<void>;
    on(event: 'refresh_token.saved', listener: (token: StoredToken) => void): this;
    on(event: 'server_error', listener: (ctx: KoaContext, error: Error) => void): this;
  }
  export default Provider;
}

// The library's own in-memory storage, one store a provider (its default shares one per process,
// with a warning meant for deployments; the local provider is meant to forget at restart).
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => unknown;
}
