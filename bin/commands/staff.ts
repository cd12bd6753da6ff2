/** `prepost staff`: staff members, their roles per programme, and their accounts at the identity provider. */
import type { Grant } from '#core/access.ts';
import { openLocalStore } from '#local/stack.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { addStaff, grant, grantsFor, removeStaff, revoke } from '#use-cases/manage-staff.ts';
import { cliActor } from '../cli/actor.ts';
import { chooseAction, required, type OptionValues } from '../cli/command.ts';
import { identityDirectory } from '../cli/directory.ts';
import { grantsLabel } from '../cli/grants.ts';
import { formatColumns, writeStdout } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = 'add, list and remove staff; grant and revoke their roles';

/** `prepost staff --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run -s prepost -- staff add --email E --role R [--programme P]...
       npm run prepost -- staff list
       npm run prepost -- staff remove --email E
       npm run prepost -- staff grant --email E --role R [--programme P]...
       npm run prepost -- staff revoke --email E --role R [--programme P]...

Staff sign in to the dashboard and the staff pages with an account at the identity
provider (the stack's Cognito user pool when USER_POOL_ID is set; otherwise the local
accounts npm start signs in against, in .data/staff-accounts.json). What each may see is
granted here, role by role, per programme:

  admin        manages staff and their grants, reads the audit log (every programme:
               name no --programme); sees no indicators unless also granted them
  coordinator  cohorts, links and response rates of its programmes; never indicators
  evaluator    indicators, charts, CSV and export of its programmes
  funder       the published summaries of its programmes

  add     makes the member and their account. Locally the account's password is
          printed once, alone on standard output: hand it over in person. With Cognito,
          Cognito emails the person an invitation with a temporary password (changed,
          and MFA set up, at their first sign-in); nothing is printed.
  list    every member: email, when added, grants (role:programme and its name)
  remove  deletes the member and their account; their sessions and API tokens stop
          working at once
  grant   adds roles; revoke takes them (the last admin keeps theirs)

  --email E       the member's email, the one they sign in with
  --role R        admin, coordinator, evaluator or funder
  --programme P   a programme id (see surveys/programmes/), once per programme; '*' for
                  every programme

Every change goes to the audit log as cli:<your user name>. These commands use the table's
own credentials, not a staff account: who may run them is who may write the table (IAM in
AWS, see the README).`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  email: { type: 'string' },
  role: { type: 'string' },
  programme: { type: 'string', multiple: true },
} as const;

/** It takes the action (add, list, remove, grant, revoke). */
export const allowPositionals = true;

const ACTIONS = {
  add: ['email', 'role', 'programme'],
  list: [],
  remove: ['email'],
  grant: ['email', 'role', 'programme'],
  revoke: ['email', 'role', 'programme'],
} as const;

/** Checks the arguments, then makes the change (or lists) against the table and the identity provider. */
export async function run(values: OptionValues<typeof options>, positionals: string[]): Promise<void> {
  const action = chooseAction(positionals, values, ACTIONS);
  // Checked before the table is opened: a mistake writes nothing anywhere.
  const email = action === 'list' ? '' : required(values.email, '--email');
  const grants: Grant[] =
    action === 'list' || action === 'remove'
      ? []
      : grantsFor(shippedCatalog(), required(values.role, '--role'), values.programme ?? []);
  const { deps, environment } = await openLocalStore();
  try {
    const actor = cliActor();
    switch (action) {
      case 'list': {
        const members = (await deps.staff.list()).sort((a, b) => a.email.localeCompare(b.email));
        if (members.length === 0) {
          console.log('no staff members yet; the first admin: npm run prepost -- staff add --email E --role admin');
          return;
        }
        console.log(
          formatColumns(
            ['EMAIL', 'ADDED', 'GRANTS'],
            members.map((member) => [
              member.email,
              member.createdAt.slice(0, 10),
              grantsLabel(deps.catalog, member.grants),
            ]),
          ),
        );
        return;
      }
      case 'add': {
        const { directory, local } = identityDirectory(environment);
        const added = await addStaff({ ...deps, directory }, actor, { email, grants });
        const who = `${added.member.email} (${grantsLabel(deps.catalog, added.member.grants)})`;
        if (local && added.password !== undefined) {
          console.error(`added ${who}; the password of their local account, shown once, follows on standard output`);
          await writeStdout(`${added.password}\n`);
        } else console.error(`added ${who}; Cognito has emailed them an invitation with a temporary password`);
        return;
      }
      case 'remove': {
        const { directory } = identityDirectory(environment);
        const removed = await removeStaff({ ...deps, directory }, actor, email);
        console.log(`removed ${removed.email} (${grantsLabel(deps.catalog, removed.grants)}) and their account`);
        return;
      }
      case 'grant':
      case 'revoke': {
        const change = action === 'grant' ? grant : revoke;
        const member = await change(deps, actor, email, grants);
        console.log(`${member.email} now holds: ${grantsLabel(deps.catalog, member.grants)}`);
        return;
      }
    }
  } finally {
    await environment.close();
  }
}
