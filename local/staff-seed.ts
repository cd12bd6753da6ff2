/**
 * The staff accounts `npm start` creates on its first start, so that every role can be tried at
 * once: an admin, for each seed programme a coordinator and an evaluator (one evaluator granted
 * a single programme), and a funder. Each is a staff member in the table and an account of the
 * local provider, made through the same use case as `prepost staff add`. Their passwords are
 * random, kept in `.data/staff-seed.json` (readable by its owner only) so every start prints the
 * same lines; a seed account removed since is made again, with a new password.
 */
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_PROGRAMMES, SYSTEM_ACTOR, type Grant, type Role } from '#core/access.ts';
import type { Deps } from '#adapters/deps.ts';
import { addStaff, grantsFor } from '#use-cases/manage-staff.ts';
import type { LocalDirectory } from './local-directory.ts';

/** One printed account line: `ROLE EMAIL PASSWORD PROGRAMMES`. */
export interface SeedAccount {
  readonly role: Role;
  readonly email: string;
  readonly password: string;
  /** Programme ids, or `*` for every programme. */
  readonly programmes: readonly string[];
}

const JUSTROM = 'justrom3-mentoring';
const MIGRANT_VOICES = 'migrant-voices-heard';
const DONES = 'dones-mentores';

/** Who is seeded, with which role on which programmes. */
const SEEDS: readonly { readonly email: string; readonly role: Role; readonly programmes: readonly string[] }[] = [
  { email: 'admin@example.org', role: 'admin', programmes: [] },
  { email: 'coordinator@example.org', role: 'coordinator', programmes: [JUSTROM, MIGRANT_VOICES, DONES] },
  { email: 'evaluator@example.org', role: 'evaluator', programmes: [JUSTROM, MIGRANT_VOICES] },
  { email: 'evaluator.dones@example.org', role: 'evaluator', programmes: [DONES] },
  { email: 'funder@example.org', role: 'funder', programmes: [JUSTROM] },
];

/**
 * Makes sure the seed accounts exist, as members and as local accounts with their kept passwords,
 * and returns one line each per role they hold now (an admin may have changed their grants since).
 */
export async function ensureSeedStaff(deps: Deps, directory: LocalDirectory, dataDir: string): Promise<SeedAccount[]> {
  const file = join(dataDir, 'staff-seed.json');
  const kept = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Record<string, string>) : {};
  const passwords: Record<string, string> = {};
  const accounts: SeedAccount[] = [];
  for (const seed of SEEDS) {
    // A seed programme no longer in the catalogue is left out rather than failing the start.
    const programmes = seed.programmes.filter((programme) => deps.catalog.programmes.has(programme));
    if (seed.role !== 'admin' && programmes.length === 0) continue;
    let member = await deps.staff.findByEmail(seed.email);
    let password = kept[seed.email];
    if (member === undefined) {
      const added = await addStaff({ ...deps, directory }, SYSTEM_ACTOR, {
        email: seed.email,
        grants: grantsFor(deps.catalog, seed.role, programmes),
      });
      member = added.member;
      password = added.password;
    } else if (password === undefined || directory.verify(seed.email, password) === undefined) {
      // The member is there but the local account is not (another data folder's table): made again.
      password = (await directory.createAccount(seed.email, password)).password;
    }
    if (password === undefined) throw new Error(`no password for the seed account ${seed.email}`);
    passwords[seed.email] = password;
    accounts.push(...linesOf(seed.email, password, member.grants));
  }
  await writeFile(file, `${JSON.stringify(passwords, null, 2)}\n`, { mode: 0o600 });
  // The mode of writeFile applies to a new file only; one kept from before is tightened too.
  await chmod(file, 0o600);
  return accounts;
}

/** One line per role held, its programmes comma-separated (`*` for every programme). */
function linesOf(email: string, password: string, grants: readonly Grant[]): SeedAccount[] {
  const roles = [...new Set(grants.map((grant) => grant.role))];
  return roles.map((role) => {
    const programmes = grants.filter((grant) => grant.role === role).map((grant) => grant.programme);
    return {
      role,
      email,
      password,
      programmes: programmes.includes(ALL_PROGRAMMES) ? [ALL_PROGRAMMES] : programmes,
    };
  });
}

/** An account as `npm start` prints it. */
export function accountLine(account: SeedAccount): string {
  return `${account.role} ${account.email} ${account.password} ${account.programmes.join(',')}`;
}
