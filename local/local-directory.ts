/**
 * The local identity provider's accounts (`npm start`): email and a scrypt hash of the password in
 * `.data/staff-accounts.json`, read by the in-process OpenID Connect provider and written by the
 * staff commands, as Cognito's user pool is in AWS. Local only: never bundled into a Lambda.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { IdentityDirectory } from '#ports/staff.ts';

/** One local account. */
export interface LocalAccount {
  readonly email: string;
  /** `scrypt$<salt>$<hash>`, base64url. */
  readonly passwordHash: string;
}

/** A hash no password matches (random salt and hash), checked for emails without an account. */
const UNKNOWN_ACCOUNT_HASH = `scrypt$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

/** The last change queued on each accounts file in this process. */
const CHANGES = new Map<string, Promise<void>>();

/** The accounts file of a data folder. */
export function accountsFile(dataDir: string): string {
  return join(dataDir, 'staff-accounts.json');
}

/** {@link IdentityDirectory} over the local accounts file. */
export class LocalDirectory implements IdentityDirectory {
  constructor(private readonly file: string) {}

  /** Every account, as the file holds them now (the provider reads it on each sign-in). */
  accounts(): LocalAccount[] {
    if (!existsSync(this.file)) return [];
    return (JSON.parse(readFileSync(this.file, 'utf8')) as { accounts: LocalAccount[] }).accounts;
  }

  /** The account whose password this is, if any. */
  verify(email: string, password: string): LocalAccount | undefined {
    const account = this.accounts().find((candidate) => candidate.email === email.trim().toLowerCase());
    // An unknown email costs the same scrypt as a known one, so the time taken does not tell which exist.
    const [, salt = '', hash = ''] = (account?.passwordHash ?? UNKNOWN_ACCOUNT_HASH).split('$');
    const expected = Buffer.from(hash, 'base64url');
    const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length);
    return timingSafeEqual(expected, actual) && account !== undefined ? account : undefined;
  }

  async createAccount(email: string, password?: string): Promise<{ readonly password: string }> {
    const chosen = password ?? randomBytes(12).toString('base64url');
    const salt = randomBytes(16);
    const hash = scryptSync(chosen, salt, 32);
    const account = {
      email: email.toLowerCase(),
      passwordHash: `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`,
    };
    await this.change((accounts) => [...accounts.filter((other) => other.email !== account.email), account]);
    return { password: chosen };
  }

  async deleteAccount(email: string): Promise<void> {
    await this.change((accounts) => accounts.filter((account) => account.email !== email.toLowerCase()));
  }

  /**
   * Reads, changes and writes the file, one change at a time in this process (a staff page adding
   * two people at once must keep both), each write under its own temporary name.
   */
  private change(update: (accounts: LocalAccount[]) => LocalAccount[]): Promise<void> {
    const queue = CHANGES.get(this.file) ?? Promise.resolve();
    const next = queue.then(() => this.save(update(this.accounts())));
    CHANGES.set(
      this.file,
      next.catch(() => undefined),
    );
    return next;
  }

  private async save(accounts: readonly LocalAccount[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    // Write then rename: a reader never sees half a file.
    const temporary = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, `${JSON.stringify({ accounts }, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
