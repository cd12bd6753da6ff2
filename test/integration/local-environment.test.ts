/**
 * The local environment: one `npm start` per data folder, and commands that find its DynamoDB.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlreadyRunningError, prepareLocalEnvironment, type LocalEnvironment } from '#local/environment.ts';

const opened: LocalEnvironment[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const environment of opened.splice(0)) await environment.close();
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

describe('prepareLocalEnvironment', () => {
  it('refuses a second server on the same data, and lets commands use the first one', async () => {
    delete process.env.DYNAMODB_ENDPOINT;
    const dataDir = await mkdtemp(join(tmpdir(), 'prepost-env-'));
    folders.push(dataDir);
    const server = await prepareLocalEnvironment({ dataDir, share: true });
    opened.push(server);
    expect(server.source).toBe('embedded');
    delete process.env.DYNAMODB_ENDPOINT;
    await expect(prepareLocalEnvironment({ dataDir, share: true })).rejects.toBeInstanceOf(AlreadyRunningError);
    delete process.env.DYNAMODB_ENDPOINT;
    const command = await prepareLocalEnvironment({ dataDir });
    opened.push(command);
    expect(command.source).toBe('running server');
    expect(command.endpoint).toBe(server.endpoint);
  });
});
