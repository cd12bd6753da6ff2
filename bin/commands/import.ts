/** `prepost import`: answers given on paper loaded into a cohort, or the header row to type them into. */
import { readFile } from 'node:fs/promises';
import { decodeCsv, toCsv } from '#core/csv.ts';
import { isWaveKind } from '#core/model.ts';
import { shippedCatalog } from '#surveys/index.ts';
import { importResponses, importTemplate, type ImportReport } from '#use-cases/import-responses.ts';
import { cliActor } from '../cli/actor.ts';
import { required, type OptionValues } from '../cli/command.ts';
import { InputError, UsageError } from '../cli/errors.ts';
import { writeStdout } from '../cli/output.ts';
import { openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = 'load paper responses into a cohort';

/** `prepost import --help`, printed after a usage mistake too. */
export const usage = `Usage: npm run prepost -- import --programme P --cohort C FILE.csv [--dry-run]
       npm run -s prepost -- import --template --programme P [--session S] [--wave pre|post|followup] > FILE.csv

Loads answers given on paper into cohort C of programme P. FILE.csv has a header row and
one row per participant and wave answered on paper, with the columns:

  participant          the participant's id, from the participant column of the links CSV
  session              the session id, as in the links CSV
  wave                 pre, post or followup (a session's follow-up, where it has one)
  consent              yes: the participant gave consent on the paper form
  language             the form's language (optional; empty for the programme's default)
  <instrument>.<item>  one per question, e.g. rosenberg-self-esteem.rses-1
  then.<instrument>.<item>
                       a post wave's then-test: the same question answered again looking
                       back to before the programme, e.g.
                       then.participation-confidence.give-opinion
  <subgroup>           one per subgroup question, e.g. role

An answer cell holds the option's position as printed on the form (1 = first option) or
its value (e.g. strongly-agree); empty if not answered; prefer-not-to-say, written out,
where the form offers it. Columns of questions a row's wave does not ask stay empty.

Every row is checked before anything is written, as the web form checks answers, and
its participant must exist in the cohort. Any problem: each is listed with its row
(the header is row 1) and column, nothing is written, exit code 2. A participant answers
each wave once: a row already stored with the same answers counts as already present,
so importing the same file again changes nothing; different answers for an answered
wave are refused. Wave windows do not apply to paper. Prints imported N, already
present M, errors E (rows with a problem). Run aggregate afterwards for the indicators.

  --programme P   programme id (see surveys/programmes/)
  --cohort C      cohort id within the programme
  --dry-run       check every row and say what would be imported; write nothing
  --template      print the header row to type answers into: every column of the
                  programme, or only those of --session S and --wave pre|post|followup`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  template: { type: 'boolean', default: false },
  session: { type: 'string' },
  wave: { type: 'string' },
} as const;

/** It takes one operand, the CSV file. */
export const allowPositionals = true;

/** With --template prints the header row; otherwise checks every row, then stores them unless any has a problem. */
export async function run(values: OptionValues<typeof options>, positionals: string[]): Promise<void> {
  const programme = required(values.programme, '--programme');
  if (values.template) {
    if (positionals.length > 0 || values.cohort !== undefined || values['dry-run'])
      throw new UsageError('--template takes only --programme, --session and --wave');
    const wave = values.wave;
    if (wave !== undefined && !isWaveKind(wave))
      throw new UsageError(`--wave must be pre, post or followup, not "${wave}"`);
    await writeStdout(toCsv(importTemplate(shippedCatalog(), programme, values.session, wave), []));
    return;
  }
  if (values.session !== undefined || values.wave !== undefined)
    throw new UsageError("--session and --wave go with --template; an import file names each row's session and wave");
  const cohort = required(values.cohort, '--cohort');
  if (positionals.length !== 1) throw new UsageError('give one CSV file');
  const file = positionals[0] ?? '';
  let text: string;
  try {
    text = decodeCsv(await readFile(file));
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const dryRun = values['dry-run'];
  const { deps, environment } = await openLocalStore();
  let report: ImportReport;
  try {
    report = await importResponses(deps, cliActor(), programme, cohort, text, { dryRun });
  } finally {
    await environment.close();
  }
  const errors = new Set(report.problems.map((problem) => problem.row)).size;
  console.log(
    `${dryRun ? 'dry run: would import' : 'imported'} ${report.imported.length}, ` +
      `already present ${report.present.length}, errors ${errors}`,
  );
  if (report.problems.length === 0) {
    if (dryRun) console.error('dry run: nothing written');
    else if (report.imported.length > 0)
      console.error('run "npm run prepost -- aggregate" to include them in the indicators');
    return;
  }
  const problems = report.problems
    .map(
      (problem) =>
        `  row ${problem.row}${problem.column === null ? '' : `, column ${problem.column}`}: ${problem.message}`,
    )
    .join('\n');
  const count = `${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}`;
  if (!report.written) throw new InputError(`${file}: ${count}, nothing written:\n${problems}`);
  throw new InputError(
    `${file}: ${count} while writing:\n${problems}\nrows imported (they stay): ${report.imported.join(', ') || 'none'}`,
  );
}
