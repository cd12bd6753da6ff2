/** `prepost tokens`: personal API tokens for scripts and BI tools reading the impact API. */
import { TOKEN_MAX_DAYS } from '#core/access.ts';
import { openLocalStore } from '#local/stack.ts';
import { DEFAULT_TOKEN_DAYS, createApiToken, revokeApiToken, tokenStatus } from '#use-cases/api-tokens.ts';
import { cliActor } from '../cli/actor.ts';
import { chooseAction, required, type OptionValues } from '../cli/command.ts';
import { UsageError } from '../cli/errors.ts';
import { grantsLabel } from '../cli/grants.ts';
import { formatColumns, writeStdout } from '../cli/output.ts';

/** Its line in `prepost --help`. */
export const summary = 'create, list and revoke personal API tokens for the impact API';

/** `prepost tokens --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run -s prepost -- tokens create --email E [--programme P]... [--days N] [--label L]
       npm run prepost -- tokens list
       npm run prepost -- tokens revoke --id ID

A personal API token lets a script or a BI tool read the impact API
(GET /api/impact, header "Authorization: Bearer TOKEN") as a staff member, for some of
their programmes, read-only, until it expires or is revoked. It carries the member's
evaluator and coordinator roles on the programmes named (all of theirs when none is
named); taking a role from the member takes it from their tokens at once.

  create  prints the token, alone, on standard output (details on standard error):
          it is shown this once and stored only as a hash; keep it as a password
  list    every token: id, owner, status (active, expired, revoked), created,
          expires, grants, label; never the token itself
  revoke  stops the token at once

  --email E       the staff member the token acts for
  --programme P   a programme of theirs, once per programme (default: all of theirs)
  --days N        lifetime in days, 1 to ${TOKEN_MAX_DAYS} (default ${DEFAULT_TOKEN_DAYS})
  --label L       a note of what it is for (a script's name)
  --id ID         the token's id, as tokens list shows it

Creating and revoking go to the audit log as cli:<your user name>.`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  email: { type: 'string' },
  programme: { type: 'string', multiple: true },
  days: { type: 'string' },
  label: { type: 'string' },
  id: { type: 'string' },
} as const;

/** It takes the action (create, list, revoke). */
export const allowPositionals = true;

const ACTIONS = {
  create: ['email', 'programme', 'days', 'label'],
  list: [],
  revoke: ['id'],
} as const;

/** Checks the arguments, then creates, lists or revokes. */
export async function run(values: OptionValues<typeof options>, positionals: string[]): Promise<void> {
  const action = chooseAction(positionals, values, ACTIONS);
  const email = action === 'create' ? required(values.email, '--email') : '';
  const id = action === 'revoke' ? required(values.id, '--id') : '';
  if (values.days !== undefined && !/^\d+$/.test(values.days))
    throw new UsageError(`--days must be a whole number of days, not "${values.days}"`);
  const { deps, environment } = await openLocalStore();
  try {
    const actor = cliActor();
    switch (action) {
      case 'create': {
        const { token, record } = await createApiToken(deps, actor, {
          ownerEmail: email,
          programmes: values.programme ?? [],
          ...(values.days === undefined ? {} : { days: Number(values.days) }),
          ...(values.label === undefined ? {} : { label: values.label }),
        });
        console.error(
          `API token ${record.id} for ${record.ownerEmail} (${grantsLabel(deps.catalog, record.grants)}), ` +
            `expires ${record.expiresAt.slice(0, 10)}; the token follows on standard output, shown once: ` +
            'keep it as a password',
        );
        await writeStdout(`${token}\n`);
        return;
      }
      case 'list': {
        const now = deps.clock.now();
        const tokens = await deps.apiTokens.list();
        if (tokens.length === 0) {
          console.log('no API tokens');
          return;
        }
        console.log(
          formatColumns(
            ['ID', 'OWNER', 'STATUS', 'CREATED', 'MADE BY', 'EXPIRES', 'GRANTS', 'LABEL'],
            tokens.map((token) => [
              token.id,
              token.ownerEmail,
              tokenStatus(token, now),
              token.createdAt.slice(0, 10),
              // The owner themself unless someone else (an admin, a command) made it.
              token.createdBy ?? '-',
              token.expiresAt.slice(0, 10),
              grantsLabel(deps.catalog, token.grants),
              token.label,
            ]),
          ),
        );
        return;
      }
      case 'revoke': {
        const revoked = await revokeApiToken(deps, { ...actor, mayRevokeAny: true }, id);
        console.log(`revoked API token ${revoked.id} of ${revoked.ownerEmail}`);
        return;
      }
    }
  } finally {
    await environment.close();
  }
}
