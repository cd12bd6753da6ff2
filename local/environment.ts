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
import { optionalEnv } from '#shared/env.ts';
import { startEmbeddedDynamo } from './embedded-dynamodb.ts';

/** The table name used locally unless `TABLE_NAME` says otherwise. */
export const LOCAL_TABLE = 'prepost';

export interface LocalEnvironment {
  readonly endpoint: string;
  readonly tableName: string;
  readonly dataDir: string;
  /** Where the endpoint came from, for the start-up message. */
  readonly source: 'DYNAMODB_ENDPOINT' | 'running server' | 'embedded';
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

/** Resolves the DynamoDB and link key and sets the environment the handlers read. */
export async function prepareLocalEnvironment(options: EnvironmentOptions = {}): Promise<LocalEnvironment> {
  const dataDir = resolve(options.dataDir ?? '.data');
  if (options.fresh === true) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  const tableName = options.tableName ?? optionalEnv('TABLE_NAME') ?? LOCAL_TABLE;
  process.env.LINK_KEY = optionalEnv('LINK_KEY') ?? (await readOrCreateLinkKey(dataDir));

  let endpoint = optionalEnv('DYNAMODB_ENDPOINT');
  let source: LocalEnvironment['source'] = 'DYNAMODB_ENDPOINT';
  let close = async (): Promise<void> => undefined;
  const endpointFile = join(dataDir, 'endpoint');
  if (endpoint === undefined && options.inMemory !== true && !options.share && existsSync(endpointFile)) {
    const shared = (await readFile(endpointFile, 'utf8')).trim();
    if (await answers(shared)) {
      endpoint = shared;
      source = 'running server';
    }
  }
  if (endpoint === undefined) {
    const embedded = await startEmbeddedDynamo(options.inMemory === true ? {} : { path: join(dataDir, 'dynamo') });
    endpoint = embedded.endpoint;
    source = 'embedded';
    if (options.share === true) await writeFile(endpointFile, `${endpoint}\n`);
    close = async () => {
      if (options.share === true) await rm(endpointFile, { force: true });
      await embedded.close();
    };
  }
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME = tableName;
  await ensureTable(createDocumentClient(endpoint), tableName);
  return { endpoint, tableName, dataDir, source, close };
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
