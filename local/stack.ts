/**
 * The whole local stack in one call: DynamoDB (embedded or `DYNAMODB_ENDPOINT`), the deps the
 * handlers are built with, and the HTTP server over them. Used by `npm start`, the demo and the
 * integration tests, so all three run the same thing.
 */
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoTable } from '#adapters/dynamo-table.ts';
import { depsOn, type Deps } from '#adapters/deps.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { prepareLocalEnvironment, type EnvironmentOptions, type LocalEnvironment } from './environment.ts';
import { accountsFile, LocalDirectory } from './local-directory.ts';
import { buildHandlers, startLocalServer } from './server.ts';

export interface LocalStack {
  readonly url: string;
  readonly environment: LocalEnvironment;
  readonly deps: Deps;
  close(): Promise<void>;
}

export interface StackOptions extends EnvironmentOptions {
  readonly host?: string;
  readonly port?: number;
}

/** Starts DynamoDB, builds the handlers around the same deps and listens. */
export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  // A broken survey definition stops here, before any data folder, table or key is touched.
  shippedCatalog();
  const environment = await prepareLocalEnvironment(options);
  try {
    const deps = localDeps(environment);
    const directory = new LocalDirectory(accountsFile(environment.dataDir));
    const server = await startLocalServer(
      buildHandlers(deps, directory),
      options.host ?? '127.0.0.1',
      options.port ?? 0,
    );
    return {
      url: server.url,
      environment,
      deps,
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
