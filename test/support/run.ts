/**
 * Runs one of the project's entry points as a user would (`npm run prepost -- ...` is
 * `tsx bin/prepost.ts ...`), in a folder of the test's choosing, and collects its output.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bin/<entry>.ts` with arguments in `cwd`. */
export function runEntry(
  entry: 'prepost' | 'demo' | 'local',
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      [join(ROOT, 'bin', `${entry}.ts`), ...args],
      { cwd, env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
