/**
 * The whole local stack in one call: DynamoDB (embedded or `DYNAMODB_ENDPOINT`), the
 * environment the handlers read, the handler modules, and the HTTP server over them. Used by
 * `npm start`, the demo and the integration tests, so all three run the same thing.
 */
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { DynamoStore } from '#adapters/dynamo-store.ts';
import { depsFor, type Deps } from '#adapters/default-deps.ts';
import { prepareLocalEnvironment, type EnvironmentOptions, type LocalEnvironment } from './environment.ts';
import { loadHandlers, startLocalServer } from './server.ts';

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

/** Starts DynamoDB, loads the handlers and listens. */
export async function startLocalStack(options: StackOptions = {}): Promise<LocalStack> {
  const environment = await prepareLocalEnvironment(options);
  try {
    const handlers = await loadHandlers();
    const server = await startLocalServer(handlers, options.host ?? '127.0.0.1', options.port ?? 0);
    const deps = depsFor(new DynamoStore(createDocumentClient(environment.endpoint), environment.tableName));
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
  const environment = await prepareLocalEnvironment(options);
  const deps = depsFor(new DynamoStore(createDocumentClient(environment.endpoint), environment.tableName));
  return { deps, environment };
}
