/**
 * What `npm start` prints for staff, as a user runs it: under `Staff accounts (local):`, one line
 * per account `ROLE EMAIL PASSWORD PROGRAMMES` (an admin on `*`; a coordinator and an evaluator of
 * each seed programme, one of them granted only one; a funder), the same lines on the next start,
 * passwords that sign in, and the sign-in URL.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { WebClient } from '../support/web-client.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SEED_PROGRAMMES = ['justrom3-mentoring', 'migrant-voices-heard', 'dones-mentores'];

const folders: string[] = [];

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

interface Started {
  readonly lines: string[];
  stop(): Promise<void>;
}

/** `npm start` in `cwd` on a free port, once it has printed the sign-in line. */
async function npmStart(cwd: string): Promise<Started> {
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'bin', 'local.ts')], {
    cwd,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DYNAMODB_ENDPOINT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/^Sign in: .*$/m.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return {
    lines: output.split('\n'),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The account lines: those after the heading, up to the sign-in line. */
function accountLines(lines: readonly string[]): string[] {
  const heading = lines.indexOf('Staff accounts (local):');
  expect(heading).toBeGreaterThan(-1);
  const end = lines.findIndex((line, index) => index > heading && line.startsWith('Sign in: '));
  return lines.slice(heading + 1, end);
}

describe('npm start', () => {
  it('prints the local staff accounts, the same on every start, with passwords that sign in', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'prepost-start-'));
    folders.push(cwd);

    const first = await npmStart(cwd);
    let accounts: string[];
    try {
      accounts = accountLines(first.lines);
      const fields = accounts.map((line) => line.split(' '));
      for (const line of fields) expect(line, line.join(' ')).toHaveLength(4);
      const byRole = (role: string): string[][] => fields.filter(([held]) => held === role);
      expect(byRole('admin').map(([, , , programmes]) => programmes)).toEqual(['*']);
      for (const programme of SEED_PROGRAMMES)
        for (const role of ['coordinator', 'evaluator'])
          expect(
            byRole(role).some(([, , , programmes]) => programmes?.split(',').includes(programme)),
            `${role} of ${programme}`,
          ).toBe(true);
      expect(fields.some(([role, , , programmes]) => role !== 'admin' && programmes?.split(',').length === 1)).toBe(
        true,
      );
      expect(byRole('funder')).not.toHaveLength(0);
      expect(((await stat(join(cwd, '.data', 'staff-seed.json'))).mode & 0o777).toString(8)).toBe('600');

      // A printed account signs in at the printed URL.
      const signInLine = first.lines.find((line) => line.startsWith('Sign in: ')) ?? '';
      const signInUrl = new URL(signInLine.slice('Sign in: '.length));
      expect(signInUrl.pathname).toBe('/sign-in');
      const [, email = '', password = ''] = byRole('evaluator')[0] ?? [];
      const client = new WebClient(signInUrl.origin);
      const loginPage = await client.follow(await client.request(signInUrl.href));
      const action = /<form method="post" action="([^"]+)"/.exec(await loginPage.text())?.[1] ?? '';
      const loggedIn = await client.follow(await client.request(action, { form: { email, password } }));
      expect(loggedIn.status).toBe(200);
      expect(new URL(loggedIn.url).pathname).toBe('/dashboard');
    } finally {
      await first.stop();
    }

    const second = await npmStart(cwd);
    try {
      expect(accountLines(second.lines)).toEqual(accounts);
    } finally {
      await second.stop();
    }
  }, 120_000);
});
