/** `prepost export`: a cohort's responses as CSV, in the columns `import` reads. */
import { mkdir, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { exportResponses } from '#use-cases/export-responses.ts';
import { cliActor } from '../cli/actor.ts';
import { required, type OptionValues } from '../cli/command.ts';
import { writeStdout } from '../cli/output.ts';
import { openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = "export a cohort's responses as CSV (the columns import reads)";

/** `prepost export --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run -s prepost -- export --programme P --cohort C [--out FILE.csv]

Writes every response of cohort C as CSV, one row per participant and wave, in the columns
that import reads: participant (the pseudonymous id), session, wave, consent, language, each
subgroup, each <instrument>.<item> and each then-test answer (then.<instrument>.<item>, a
post wave's question answered again looking back) as the chosen option's value (empty: not
answered).
For analysis elsewhere (R, SPSS, a spreadsheet); it holds individual answers, so keep it as
you keep the links: the file is readable only by you.

  --programme P   programme id
  --cohort C      cohort id
  --out FILE      write here instead of standard output (use npm run -s with >)`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  out: { type: 'string' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/** Writes the CSV to standard output or, readable only by its owner, to --out. */
export async function run(values: OptionValues<typeof options>): Promise<void> {
  const programme = required(values.programme, '--programme');
  const cohort = required(values.cohort, '--cohort');
  const { deps, environment } = await openLocalStore();
  try {
    const { csv, rows } = await exportResponses(deps, cliActor(), programme, cohort);
    if (values.out === undefined) await writeStdout(csv);
    else {
      const path = resolve(values.out);
      await mkdir(dirname(path), { recursive: true });
      const file = await open(path, 'w', 0o600);
      try {
        await file.writeFile(csv);
      } finally {
        await file.close();
      }
      console.error(`wrote ${rows} responses to ${path}`);
    }
  } finally {
    await environment.close();
  }
}
