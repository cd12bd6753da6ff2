/** The local provider's accounts: scrypt hashes, equal work for unknown emails, concurrent changes kept. */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDirectory, accountsFile } from '#local/local-directory.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prepost-accounts-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('LocalDirectory', () => {
  it('keeps only a hash, readable by its owner, and signs in with the password alone', async () => {
    const directory = new LocalDirectory(accountsFile(dir));
    const { password } = await directory.createAccount('Ana@Example.org');
    const file = await readFile(accountsFile(dir), 'utf8');
    expect(file).not.toContain(password);
    expect((await stat(accountsFile(dir))).mode & 0o777).toBe(0o600);
    expect(directory.verify('ana@example.org', password)?.email).toBe('ana@example.org');
    expect(directory.verify(' ANA@example.org ', password)?.email).toBe('ana@example.org');
    expect(directory.verify('ana@example.org', `${password}x`)).toBeUndefined();
    expect(directory.verify('nobody@example.org', password)).toBeUndefined();
    await directory.deleteAccount('ana@example.org');
    expect(directory.verify('ana@example.org', password)).toBeUndefined();
  });

  it('keeps every account of changes made at once', async () => {
    const directory = new LocalDirectory(join(dir, 'at-once.json'));
    const emails = Array.from({ length: 12 }, (_, index) => `person${index}@example.org`);
    await Promise.all(emails.map((email) => directory.createAccount(email, 'pw')));
    expect(
      directory
        .accounts()
        .map((account) => account.email)
        .sort(),
    ).toEqual([...emails].sort());
    await Promise.all(emails.slice(0, 6).map((email) => directory.deleteAccount(email)));
    expect(
      directory
        .accounts()
        .map((account) => account.email)
        .sort(),
    ).toEqual(emails.slice(6).sort());
  });
});
