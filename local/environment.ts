/**
 * Where local commands find their DynamoDB and link key. In order: `DYNAMODB_ENDPOINT` (any
 * DynamoDB: DynamoDB Local, AWS); the embedded DynamoDB of a running `npm start` (its endpoint
 * is in `.data/endpoint`), so commands work while the server runs; otherwise an embedded
 * DynamoDB started on `.data/dynamo` for the length of the command. The link key is
 * `LINK_KEY` or `.data/link-key`, created on first use.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '#adapters/dynamo-client.ts';
import { ensureTable } from '#adapters/dynamo-table.ts';
import { linkKeyFrom, linkKeyFromValue, type LinkKeySource } from '#adapters/link-key.ts';
import { optionalEnv } from '#shared/env.ts';
import { startEmbeddedDynamo } from './embedded-dynamodb.ts';

/** The table name used locally unless `TABLE_NAME` says otherwise. */
export const LOCAL_TABLE = 'prepost';

export interface LocalEnvironment {
  readonly endpoint: string;
  readonly tableName: string;
  /**
   * The link key, chosen as the Lambdas choose it (`LINK_KEY`, else the deployed key's secret that
   * `LINK_KEY_SECRET_ARN` names, so commands hash codes as the Lambdas do), else the local key in
   * `.data/link-key`.
   */
  readonly linkKey: LinkKeySource;
  readonly dataDir: string;
  /** Where the endpoint came from, for the start-up message. */
  readonly source: 'DYNAMODB_ENDPOINT' | 'running server' | 'embedded';
  /**
   * The table is this folder's own or the one a test or the demo named, not someone's existing
   * table named in `TABLE_NAME` (a deployment's): only then are the seed cohorts loaded on first use.
   */
  readonly ownTable: boolean;
  close(): Promise<void>;
}

export interface EnvironmentOptions {
  readonly dataDir?: string;
  /** Wipe `.data/` first (npm start --fresh). */
  readonly fresh?: boolean;
  /** Publish the embedded endpoint for other commands (the server does). */
  readonly share?: boolean;
  /** Keep the embedded data in memory instead of `.data/dynamo` (demo, tests). */
  readonly inMemory?: boolean;
  readonly tableName?: string;
}

/** Another `npm start` already serves this data folder. */
export class AlreadyRunningError extends Error {
  constructor(readonly endpoint: string) {
    super(
      `prepost is already running on this data folder (DynamoDB at ${endpoint}); stop it first, or use another folder`,
    );
    this.name = 'AlreadyRunningError';
  }
}

/**
 * Resolves the DynamoDB, the table and the link key from the environment and `.data/`. The local
 * stack and the commands build their deps from what it returns; nothing is written back to the
 * environment.
 */
export async function prepareLocalEnvironment(options: EnvironmentOptions = {}): Promise<LocalEnvironment> {
  const dataDir = resolve(options.dataDir ?? '.data');
  const endpointFile = join(dataDir, 'endpoint');
  const running = options.inMemory === true ? undefined : await runningEndpoint(endpointFile);
  if (options.share === true && running !== undefined) throw new AlreadyRunningError(running);
  if (options.fresh === true) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const explicitTable = optionalEnv('TABLE_NAME');
  const tableName = options.tableName ?? explicitTable ?? LOCAL_TABLE;
  // With the deployed key's secret named, commands hash codes as the Lambdas do; otherwise the local key.
  const linkKey =
    linkKeyFrom({ value: optionalEnv('LINK_KEY'), secretArn: optionalEnv('LINK_KEY_SECRET_ARN') }) ??
    linkKeyFromValue(await readOrCreateLinkKey(dataDir));

  let endpoint = optionalEnv('DYNAMODB_ENDPOINT');
  let source: LocalEnvironment['source'] = 'DYNAMODB_ENDPOINT';
  let closeEmbedded = async (): Promise<void> => undefined;
  if (endpoint === undefined && running !== undefined && options.share !== true) {
    endpoint = running;
    source = 'running server';
  }
  if (endpoint === undefined) {
    const embedded = await startEmbeddedDynamo(options.inMemory === true ? {} : { path: join(dataDir, 'dynamo') });
    endpoint = embedded.endpoint;
    source = 'embedded';
    closeEmbedded = () => embedded.close();
  }
  const ownTable = options.tableName !== undefined || explicitTable === undefined;
  try {
    // A table named in TABLE_NAME is someone's existing table: use it, never create it.
    await ensureTable(createDocumentClient(endpoint), tableName, { create: ownTable });
  } catch (error) {
    await closeEmbedded();
    throw error;
  }
  // Published only once the data is open, so other commands find a working endpoint.
  if (options.share === true) await writeFile(endpointFile, `${endpoint}\n`);
  return {
    endpoint,
    tableName,
    linkKey,
    dataDir,
    source,
    ownTable,
    close: async () => {
      if (options.share === true) await rm(endpointFile, { force: true });
      await closeEmbedded();
    },
  };
}

/** The endpoint a running `npm start` published for this folder, if it still answers. */
async function runningEndpoint(endpointFile: string): Promise<string | undefined> {
  if (!existsSync(endpointFile)) return undefined;
  const shared = (await readFile(endpointFile, 'utf8')).trim();
  return (await answers(shared)) ? shared : undefined;
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const client = createDocumentClient(endpoint);
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
    client.destroy();
    return true;
  } catch {
    return false;
  }
}

async function readOrCreateLinkKey(dataDir: string): Promise<string> {
  const file = join(dataDir, 'link-key');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const key = randomBytes(32).toString('base64');
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return key;
}
