/**
 * The whole local stack in one call: DynamoDB (embedded or `DYNAMODB_ENDPOINT`), the deps the
 * handlers are built with, and the HTTP server over them. Used by `npm start`, the demo and the
 * integration tests, so all three run the same thing.
 */
import { resolve } from 'node:path';
import { DirectoryArchive } from '#adapters/directory-publisher.ts';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { depsOn, type Deps } from '#adapters/deps.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { prepareLocalEnvironment, type EnvironmentOptions, type LocalEnvironment } from './environment.ts';
import { accountsFile, LocalDirectory } from './local-directory.ts';
import { buildHandlers, startLocalServer } from './server.ts';

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
}

/** Starts DynamoDB, builds the handlers around the same deps and listens. */
export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  // A broken survey definition stops here, before any data folder, table or key is touched.
  shippedCatalog();
  const environment = await prepareLocalEnvironment(options);
  try {
    const deps = localDeps(environment);
    const summariesDir = resolve(options.summariesDir ?? LOCAL_SUMMARIES_DIR);
    const handlers = buildHandlers({
      ...deps,
      summaries: new DirectoryArchive(summariesDir, deps.catalog),
      directory: new LocalDirectory(accountsFile(environment.dataDir)),
    });
    const server = await startLocalServer(handlers, options.host ?? '127.0.0.1', options.port ?? 0);
    return {
      url: server.url,
      environment,
      deps,
      summariesDir,
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
  options: EnvironmentOptions = {},
): Promise<{ deps: Deps; environment: LocalEnvironment }> {
  shippedCatalog();
  const environment = await prepareLocalEnvironment(options);
  return { deps: localDeps(environment), environment };
}

function localDeps(environment: LocalEnvironment): Deps {
  const table = new DynamoTable(createDocumentClient(environment.endpoint), environment.tableName);
  return depsOn({ table, catalog: shippedCatalog(), linkKey: environment.linkKey });
}
