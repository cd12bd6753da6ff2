/**
 * The whole local stack in one call: DynamoDB (embedded or `DYNAMODB_ENDPOINT`), the deps the
 * handlers are built with, the HTTP server over them, and on it the OpenID Connect provider staff
 * sign in with. Used by `npm start`, the demo and the integration tests, so all three run the same
 * thing.
 */
import { join, resolve } from 'node:path';
import { DirectoryArchive, DirectoryPublisher, OutboxMailer } from '#adapters/directory-publisher.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { openIdProvider } from '#adapters/openid-client-provider.ts';
import { depsOn, type Deps } from '#adapters/deps.ts';
import type { Clock } from '#ports/store.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { SYSTEM_ACTOR } from '#core/access.ts';
import { seedCohorts } from '#use-cases/manage-cohorts.ts';
import { prepareLocalEnvironment, type EnvironmentOptions, type LocalEnvironment } from './environment.ts';
import { accountsFile, LocalDirectory } from './local-directory.ts';
import type { LocalOpenIdProvider } from './oidc-provider.ts';
import { buildHandlers, startLocalServer } from './server.ts';
import type { LockoutPolicy } from './sign-in-lockout.ts';

/**
 * Where `prepost summaries` and the demo publish unless told otherwise (relative to the working
 * folder), and so where the local server's funder pages read: one folder, whichever runs first.
 */
export const LOCAL_SUMMARIES_DIR = 'out';

export interface LocalStack {
  readonly url: string;
  readonly environment: LocalEnvironment;
  readonly deps: Deps;
  /** The folder the funder pages read published summaries from (absolute). */
  readonly summariesDir: string;
  /** The local staff accounts (`.data/staff-accounts.json`), which the provider signs people in with. */
  readonly directory: LocalDirectory;
  readonly provider: LocalOpenIdProvider;
  close(): Promise<void>;
}

export interface StackOptions extends EnvironmentOptions {
  readonly host?: string;
  readonly port?: number;
  /**
   * The folder summaries are published in, which the funder pages read.
   * @default LOCAL_SUMMARIES_DIR (`out/`), where `prepost summaries` writes
   */
  readonly summariesDir?: string;
  /** The stack's clock (sessions, sign-ins, the sign-in lockout): a test's, to move it. */
  readonly clock?: Clock;
  /** The local provider's lockout after failed sign-ins; Cognito's by default. */
  readonly lockout?: LockoutPolicy;
  /**
   * Load the seed cohorts and funders into a table of our own that has never had them.
   * @default true (the demo makes its own, through the console's use cases)
   */
  readonly seed?: boolean;
}

/** Starts DynamoDB, builds the handlers around the same deps and listens. */
export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  // A broken survey definition stops here, before any data folder, table or key is touched.
  shippedCatalog();
  const environment = await prepareLocalEnvironment(options);
  try {
    const directory = new LocalDirectory(accountsFile(environment.dataDir));
    const summariesDir = resolve(options.summariesDir ?? LOCAL_SUMMARIES_DIR);
    // Loaded here, not by the commands that share this module: oidc-provider warns on Node 20 as it loads.
    const { createLocalProvider } = await import('./oidc-provider.ts');
    let started: { deps: Deps; provider: LocalOpenIdProvider } | undefined;
    // The provider's issuer and the sign-in's redirect URI are URLs of the server: known once it listens.
    const server = await startLocalServer(
      async (url) => {
        const provider = createLocalProvider({
          serverUrl: url,
          directory,
          clock: options.clock ?? { now: () => new Date() },
          ...(options.lockout === undefined ? {} : { lockout: options.lockout }),
        });
        const deps = localDeps(environment, { clock: options.clock });
        if (options.seed !== false) await seedOnFirstUse(deps, environment);
        started = { deps, provider };
        const handlers = buildHandlers({
          ...deps,
          // The relying party the Lambdas run, pointed at the local provider.
          provider: openIdProvider(provider.settings),
          summaries: new DirectoryArchive(summariesDir, deps.catalog),
          previews: {
            publisher: new DirectoryPublisher(join(summariesDir, 'preview')),
            mailer: new OutboxMailer(join(summariesDir, 'preview'), deps.clock),
          },
          directory,
        });
        return { ...handlers, mount: provider.mount };
      },
      options.host ?? '127.0.0.1',
      options.port ?? 0,
    );
    if (started === undefined) throw new Error('the local server started without its handlers');
    return {
      url: server.url,
      environment,
      deps: started.deps,
      summariesDir,
      directory,
      provider: started.provider,
      close: async () => {
        await server.close();
        await environment.close();
      },
    };
  } catch (error) {
    await environment.close();
    throw error;
  }
}

/** Commands that need storage but no server. */
export async function openLocalStore(
  options: EnvironmentOptions & { readonly seed?: boolean } = {},
): Promise<{ deps: Deps; environment: LocalEnvironment }> {
  shippedCatalog();
  const environment = await prepareLocalEnvironment(options);
  try {
    const deps = localDeps(environment);
    // `cohorts seed` seeds itself, and says what it loaded.
    if (options.seed !== false) await seedOnFirstUse(deps, environment);
    return { deps, environment };
  } catch (error) {
    await environment.close();
    throw error;
  }
}

/**
 * The seed cohorts and funders, loaded as data the first time this folder's table is used (the
 * way a coordinator would make them), never into a deployment's table: `prepost cohorts seed`
 * does that when asked.
 */
async function seedOnFirstUse(deps: Deps, environment: LocalEnvironment): Promise<void> {
  if (environment.ownTable) await seedCohorts(deps, SYSTEM_ACTOR, { once: true });
}

function localDeps(environment: LocalEnvironment, extra: { clock?: Clock | undefined } = {}): Deps {
  const table = new DynamoTable(createDocumentClient(environment.endpoint), environment.tableName);
  return depsOn({
    table,
    catalog: shippedCatalog(),
    linkKey: environment.linkKey,
    ...(extra.clock === undefined ? {} : { clock: extra.clock }),
  });
}
