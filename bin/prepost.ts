/**
 * `npm run prepost -- <command>`: the command line for coordinators and evaluators. Commands
 * run against the DynamoDB `DYNAMODB_ENDPOINT` names, else the running `npm start`, else the
 * embedded DynamoDB in `.data/`.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { InputError, UsageError } from './cli/errors.ts';
import { exitFor } from './cli/exit-codes.ts';

interface Command {
  readonly summary: string;
  readonly usage: string;
  run(args: string[]): Promise<void>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  export: {
    summary: "export a cohort's responses as CSV (the columns import reads)",
    usage: `Usage: npm run -s prepost -- export --programme P --cohort C [--out FILE.csv]

Writes every response of cohort C as CSV, one row per participant and wave, in the columns
that import reads: participant (the pseudonymous id), session, wave, consent, language, each
subgroup and each <instrument>.<item> as the chosen option's value (empty: not answered).
For analysis elsewhere (R, SPSS, a spreadsheet); it holds individual answers, so keep it as
you keep the links: the file is readable only by you.

  --programme P   programme id
  --cohort C      cohort id
  --out FILE      write here instead of standard output (use npm run -s with >)`,
    run: runExport,
  },
  erase: {
    summary: 'erase every stored trace of a participant, and recompute',
    usage: `Usage: npm run prepost -- erase --programme P --cohort C --participant ID

Erases, on the participant's request, every stored trace of them: their answers to every
wave, their links (which then stop working) and the participant record; then recomputes
the cohort's and the programme's indicators without them. Participants can also do this
themselves through any of their links ("Withdraw and delete my answers"). An id with nothing
stored changes nothing (exit 2); running it again finishes a withdrawal that was cut short.

  --programme P     programme id
  --cohort C        cohort id
  --participant ID  the pseudonymous id from the links CSV`,
    run: runErase,
  },
  stats: {
    summary: 'paired statistics for a CSV of pre and post scores',
    usage: `Usage: npm run prepost -- stats FILE.csv [--reliability R] [--lower-better] [--json]

Computes the paired change indicators for any CSV with columns pre and post (or before and
after, pre-test and post-test; optional participant; one participant a row; empty cells or
NA are missing), for data collected on paper or elsewhere. Change is post - pre. The
separator is read from the file (comma, semicolon, tab, or a first line sep=;); with a
semicolon or a tab a decimal comma is a decimal; UTF-8 or UTF-16 with a byte order mark.
A row with more cells than the header is refused (with commas, 3,5 would split a number).

  --reliability R  the instrument's reliability (0 < R < 1), for Jacobson-Truax reliable
                   change: rci_threshold, rci_improved, rci_unchanged, rci_deteriorated
                   (counts of participants)
  --lower-better   lower scores are better (e.g. loneliness): improvement is a fall
  --json           one JSON object: n_paired, mean_pre, mean_post, mean_change, sd_change,
                   ci95_low, ci95_high, t, df, p_t, wilcoxon_v, p_wilcoxon, wilcoxon_method,
                   d_z, d_av, g_av (and the rci_ fields with --reliability)

Methods: 95% CI and paired t with df = n - 1; Wilcoxon signed-rank as R's wilcox.test
(V = sum of ranks of positive changes, zeros dropped, exact p for n < 50 without ties or
zeros, else normal approximation with tie and continuity correction; changes equal to 9
significant digits of the largest count as tied, so decimal rounding noise does not break
ties, where R compares exactly); d_z = mean/SD of
change, d_av = mean change/mean of the two SDs, g_av = d_av x J(n - 1) (Lakens 2013).`,
    run: runStats,
  },
  links: {
    summary: 'create participants and their links (CSV, printable sheet, messages)',
    usage: `Usage: npm run -s prepost -- links --programme P --cohort C --count N [--out FILE.csv] [--base-url URL]
                                  [--sheet FILE.html] [--messages FILE.txt]

Creates N participants in cohort C of programme P, each with a pseudonymous id and one
link per wave (pre and post of every session), and writes them as CSV (participant,
session, wave, code, url) to FILE or standard output. Only keyed hashes of the codes
are stored: this output is the only copy, keep it as you would a list of keys.
(Use --out, or npm run -s, so npm's own header lines do not end up in the CSV.)

With --out FILE.csv it also writes, beside it:
  FILE-sheet.html     a sheet to print on A4 and cut into cards, one per link, grouped
                      by session and wave: the participant's number in the batch (the
                      order of the CSV), the session and wave, a QR code of the link,
                      and the address with the code in groups of four for typing
  FILE-messages.txt   one message per link to paste into SMS or chat, in the
                      programme's language and neutral (it names neither the programme
                      nor its subject), each under a # line saying whose and which it is
Every file is readable only by you (mode 600), and no code is printed to the terminal.

  --programme P      programme id (see surveys/programmes/)
  --cohort C         cohort id within the programme
  --count N          number of participants (1-1000)
  --out FILE         write the CSV here instead of standard output
  --sheet FILE       write the printable sheet here (the default with --out: beside it)
  --messages FILE    write the messages here (the default with --out: beside it)
  --base-url URL     link prefix (default PREPOST_BASE_URL, else the running npm start,
                     else http://HOST:PORT)`,
    run: runLinks,
  },
  import: {
    summary: 'load paper responses into a cohort',
    usage: `Usage: npm run prepost -- import --programme P --cohort C FILE.csv [--dry-run]
       npm run -s prepost -- import --template --programme P [--session S] [--wave pre|post] > FILE.csv

Loads answers given on paper into cohort C of programme P. FILE.csv has a header row and
one row per participant and wave answered on paper, with the columns:

  participant          the participant's id, from the participant column of the links CSV
  session              the session id, as in the links CSV
  wave                 pre or post
  consent              yes: the participant gave consent on the paper form
  language             the form's language (optional; empty for the programme's default)
  <instrument>.<item>  one per question, e.g. rosenberg-self-esteem.rses-1
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
                  programme, or only those of --session S and --wave pre|post`,
    run: runImport,
  },
  aggregate: {
    summary: 'recompute the stored indicators of every cohort',
    usage: `Usage: npm run prepost -- aggregate [--programme P] [--full]

Scores every response, pairs pre with post per participant and stores the indicators
per cohort, session, instrument and subgroup, and pooled per programme (what the
dashboard and API show). Only cohorts with responses or withdrawals since the last run are
recomputed.

  --programme P   only this programme
  --full          recompute every cohort`,
    run: runAggregate,
  },
  summaries: {
    summary: 'write funder summaries (JSON, CSV, HTML) and their emails (.eml)',
    usage: `Usage: npm run prepost -- summaries [--programme P] [--period YYYY-MM] [--out DIR]

Writes each programme's anonymised summary to DIR/<programme>/<period>/summary.{json,csv,html}
and the funders' messages to DIR/outbox/*.eml. It first aggregates what changed since the
last aggregation (new answers, withdrawals), as the monthly schedule does, so a summary never
includes anyone who has withdrawn.

  --programme P     only this programme
  --period YYYY-MM  the month reported (default: this month)
  --out DIR         output folder (default out/)`,
    run: runSummaries,
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`);
  return `Usage: npm run prepost -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEach command takes --help.`;
}

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(
  args: string[],
  spec: T,
): ReturnType<typeof parseArgs<{ options: T; args: string[]; allowPositionals: false }>>['values'] {
  try {
    return parseArgs({ args, options: spec, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Writes to standard output and waits until it is flushed (a pipe may be slower than exit). */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolvePromise, reject) =>
    process.stdout.write(text, (error) => (error === null || error === undefined ? resolvePromise() : reject(error))),
  );
}

/** The URL of a running `npm start` on this folder's data, for the links it prints. */
async function runningServerUrl(): Promise<string | undefined> {
  const file = resolve('.data', 'server-url');
  return existsSync(file) ? (await readFile(file, 'utf8')).trim() || undefined : undefined;
}

function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

async function runStats(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        reliability: { type: 'string' },
        'lower-better': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('give one CSV file');
  const reliability = values.reliability === undefined ? undefined : Number(values.reliability);
  if (reliability !== undefined && !(reliability > 0 && reliability < 1))
    throw new UsageError('--reliability must be a number between 0 and 1, such as 0.85');
  const { readFile } = await import('node:fs/promises');
  const { readStatsCsv, StatsInputError } = await import('#core/stats-csv.ts');
  const { decodeCsv } = await import('#core/csv.ts');
  const { completePairs, pairedStatistics, reliableChange } = await import('#core/paired-statistics.ts');
  let text: string;
  try {
    // UTF-8 or, with its byte order mark, UTF-16 ("Unicode text" from a spreadsheet).
    text = decodeCsv(await readFile(positionals[0] ?? ''));
  } catch (error) {
    throw new InputError(
      `cannot read ${positionals[0] ?? ''}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let input;
  try {
    input = readStatsCsv(text);
  } catch (error) {
    if (error instanceof StatsInputError) throw new InputError(`${positionals[0] ?? ''}: ${error.message}`);
    throw error;
  }
  const pairs = completePairs(input.pre, input.post);
  const statistics = pairedStatistics(pairs.pre, pairs.post);
  // Standard error, so --json output stays one object on standard output.
  if (statistics.n_paired < 2)
    console.error(
      `prepost stats: warning: ${statistics.n_paired} participant(s) with both pre and post; most statistics need at least 2`,
    );
  const { sd_pre: _sdPre, sd_post: _sdPost, ...reported } = statistics;
  const result =
    reliability === undefined
      ? reported
      : {
          ...reported,
          ...reliableChange(
            pairs.pre,
            pairs.post,
            reliability,
            values['lower-better'] ? 'lower-better' : 'higher-better',
          ),
        };
  if (values.json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`${input.rows} rows, ${statistics.n_paired} with both pre and post`);
  for (const [key, value] of Object.entries(result))
    console.log(`${key.padEnd(18)} ${value === null ? '-' : String(value)}`);
}

async function runErase(args: string[]): Promise<void> {
  const values = options(args, {
    programme: { type: 'string' },
    cohort: { type: 'string' },
    participant: { type: 'string' },
  });
  const programme = required(values.programme, '--programme');
  const cohort = required(values.cohort, '--cohort');
  const participant = required(values.participant, '--participant');
  const { openLocalStore } = await import('#local/stack.ts');
  const { eraseParticipant } = await import('#use-cases/erase-participant.ts');
  const { aggregate } = await import('#use-cases/aggregate.ts');
  const { deps, environment } = await openLocalStore();
  try {
    const erased = await eraseParticipant(deps, programme, cohort, participant);
    if (!erased.found)
      throw new InputError(
        `no participant "${participant}" in ${programme} / ${cohort} (already erased?); nothing was changed`,
      );
    await aggregate(deps, { programme });
    console.log(`erased ${participant}: ${erased.responses} responses, ${erased.links} links; ${programme} recomputed`);
  } finally {
    await environment.close();
  }
}

async function runExport(args: string[]): Promise<void> {
  const values = options(args, { programme: { type: 'string' }, cohort: { type: 'string' }, out: { type: 'string' } });
  const programme = required(values.programme, '--programme');
  const cohort = required(values.cohort, '--cohort');
  const { openLocalStore } = await import('#local/stack.ts');
  const { exportResponses } = await import('#use-cases/export-responses.ts');
  const { deps, environment } = await openLocalStore();
  try {
    const { csv, rows } = await exportResponses(deps, programme, cohort);
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

async function runLinks(args: string[]): Promise<void> {
  const values = options(args, {
    programme: { type: 'string' },
    cohort: { type: 'string' },
    count: { type: 'string' },
    out: { type: 'string' },
    'base-url': { type: 'string' },
    sheet: { type: 'string' },
    messages: { type: 'string' },
  });
  const programme = required(values.programme, '--programme');
  const cohort = required(values.cohort, '--cohort');
  const countText = required(values.count, '--count');
  if (!/^\d+$/.test(countText)) throw new UsageError(`--count must be a whole number, not "${countText}"`);
  const count = Number(countText);
  for (const flag of ['out', 'sheet', 'messages'] as const)
    if (values[flag] === '') throw new UsageError(`--${flag} needs a file name`);
  const base = (
    values['base-url'] ||
    process.env.PREPOST_BASE_URL ||
    (await runningServerUrl()) ||
    `http://${process.env.HOST || '127.0.0.1'}:${process.env.PORT || '3000'}`
  ).replace(/\/+$/, '');
  const { extname } = await import('node:path');
  const { openLocalStore } = await import('#local/stack.ts');
  const { createLinks } = await import('#use-cases/create-links.ts');
  const { toCsv } = await import('#core/csv.ts');
  // With --out FILE.csv the sheet and the messages go beside it (FILE-sheet.html,
  // FILE-messages.txt) unless --sheet or --messages name them; with the CSV on standard output,
  // only where those options say.
  const path = values.out === undefined ? undefined : resolve(values.out);
  const beside = (suffix: string): string | undefined =>
    path === undefined ? undefined : `${path.slice(0, path.length - extname(path).length)}${suffix}`;
  const sheetPath = values.sheet === undefined ? beside('-sheet.html') : resolve(values.sheet);
  const messagesPath = values.messages === undefined ? beside('-messages.txt') : resolve(values.messages);
  const paths = [path, sheetPath, messagesPath].filter((target): target is string => target !== undefined);
  if (new Set(paths).size !== paths.length)
    throw new UsageError('--out, --sheet and --messages must name different files');
  // The outputs are the only copy of the codes: open them (readable by the owner only) before
  // creating anyone, so a path that cannot be written fails before participants exist whose
  // links nobody has.
  const handles = new Map<string, FileHandle>();
  const discard = async (): Promise<void> => {
    for (const [target, handle] of handles) {
      await handle.close();
      await rm(target, { force: true });
    }
    handles.clear();
  };
  for (const target of paths) {
    try {
      await mkdir(dirname(target), { recursive: true });
      const handle = await open(target, 'w', 0o600);
      handles.set(target, handle);
      await handle.chmod(0o600); // open's mode applies only to a new file
    } catch (error) {
      await discard();
      throw new InputError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const { deps, environment } = await openLocalStore();
  try {
    let links;
    try {
      links = await createLinks(deps, programme, cohort, count);
    } catch (error) {
      await discard();
      throw error;
    }
    const rows = links.map((link) => ({ ...link, url: `${base}/s/${link.code}` }));
    const csv = toCsv(
      ['participant', 'session', 'wave', 'code', 'url'],
      rows.map((link) => [link.participant, link.session, link.wave, link.code, link.url]),
    );
    // The CSV first: once participants exist, their codes must land somewhere whatever follows.
    const csvHandle = path === undefined ? undefined : handles.get(path);
    if (csvHandle === undefined) await writeStdout(csv);
    else await csvHandle.writeFile(csv);
    const written = path === undefined ? [] : [`wrote ${links.length} links for ${count} participants to ${path}`];
    if (sheetPath !== undefined || messagesPath !== undefined) {
      const definition = deps.catalog.programmes.get(programme);
      if (definition === undefined) throw new Error(`programme ${programme} vanished from the catalogue`);
      const handout = {
        programme: definition,
        cohortName: definition.cohorts.find((entry) => entry.id === cohort)?.name ?? cohort,
        links: rows,
      };
      try {
        if (sheetPath !== undefined) {
          const { renderLinkSheet } = await import('#web/link-sheet.ts');
          await handles.get(sheetPath)?.writeFile(await renderLinkSheet(handout));
          written.push(`printable sheet (A4, one card per link): ${sheetPath}`);
        }
        if (messagesPath !== undefined) {
          const { renderLinkMessages } = await import('#web/link-messages.ts');
          await handles.get(messagesPath)?.writeFile(renderLinkMessages(handout));
          written.push(`messages for SMS or chat: ${messagesPath}`);
        }
      } catch (error) {
        for (const target of [sheetPath, messagesPath]) {
          if (target === undefined) continue;
          await handles.get(target)?.close();
          handles.delete(target);
          await rm(target, { force: true });
        }
        throw new Error(
          `the links were written${path === undefined ? '' : ` to ${path}`}, but the sheet and messages could not be: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (written.length > 0)
      console.error(
        `${written.join('\n')}\n${paths.length === 1 ? 'it is' : 'these are'} the only copy of the codes, readable only by you: keep ${paths.length === 1 ? 'it' : 'them'} safe`,
      );
  } finally {
    for (const handle of handles.values()) await handle.close();
    await environment.close();
  }
}

async function runImport(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        programme: { type: 'string' },
        cohort: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        template: { type: 'boolean', default: false },
        session: { type: 'string' },
        wave: { type: 'string' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const programme = required(values.programme, '--programme');
  if (values.template) {
    if (positionals.length > 0 || values.cohort !== undefined || values['dry-run'])
      throw new UsageError('--template takes only --programme, --session and --wave');
    const wave = values.wave;
    if (wave !== undefined && wave !== 'pre' && wave !== 'post')
      throw new UsageError(`--wave must be pre or post, not "${wave}"`);
    const { catalog } = await import('#surveys/index.ts');
    const { importTemplate } = await import('#use-cases/import-responses.ts');
    const { toCsv } = await import('#core/csv.ts');
    await writeStdout(toCsv(importTemplate(catalog, programme, values.session, wave), []));
    return;
  }
  if (values.session !== undefined || values.wave !== undefined)
    throw new UsageError("--session and --wave go with --template; an import file names each row's session and wave");
  const cohort = required(values.cohort, '--cohort');
  if (positionals.length !== 1) throw new UsageError('give one CSV file');
  const file = positionals[0] ?? '';
  let text: string;
  try {
    const { decodeCsv } = await import('#core/csv.ts');
    text = decodeCsv(await readFile(file));
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const dryRun = values['dry-run'];
  const { openLocalStore } = await import('#local/stack.ts');
  const { importResponses } = await import('#use-cases/import-responses.ts');
  const { deps, environment } = await openLocalStore();
  let report;
  try {
    report = await importResponses(deps, programme, cohort, text, { dryRun });
  } finally {
    await environment.close();
  }
  const errors = new Set(report.problems.map((problem) => problem.row)).size;
  console.log(
    `${dryRun ? 'dry run: would import' : 'imported'} ${report.imported.length}, already present ${report.present.length}, errors ${errors}`,
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

async function runAggregate(args: string[]): Promise<void> {
  const values = options(args, { programme: { type: 'string' }, full: { type: 'boolean' } });
  const { openLocalStore } = await import('#local/stack.ts');
  const { aggregate } = await import('#use-cases/aggregate.ts');
  const { deps, environment } = await openLocalStore();
  try {
    const report = await aggregate(deps, {
      ...(values.programme === undefined ? {} : { programme: values.programme }),
      full: values.full === true,
    });
    for (const cohort of report.cohorts) {
      const name = `${cohort.programme} / ${cohort.cohort ?? 'all cohorts (pooled)'}`;
      console.log(
        cohort.recomputed
          ? `${name}: ${cohort.responses} responses, ${cohort.rows} indicator rows`
          : `${name}: unchanged (${cohort.responses} responses)`,
      );
    }
  } finally {
    await environment.close();
  }
}

async function runSummaries(args: string[]): Promise<void> {
  const values = options(args, { programme: { type: 'string' }, period: { type: 'string' }, out: { type: 'string' } });
  if (values.period !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period))
    throw new UsageError('--period must be a month, YYYY-MM');
  const { openLocalStore } = await import('#local/stack.ts');
  const { aggregateAndPublish } = await import('#use-cases/publish-summaries.ts');
  const { summaryRenderer } = await import('#web/summary-page.ts');
  const { DirectoryPublisher, OutboxMailer } = await import('#adapters/directory-publisher.ts');
  const { deps, environment } = await openLocalStore();
  try {
    const out = resolve(values.out ?? 'out');
    const period = values.period ?? deps.clock.now().toISOString().slice(0, 7);
    const ids = values.programme === undefined ? [...deps.catalog.programmes.keys()] : [values.programme];
    for (const id of ids) {
      const report = await aggregateAndPublish(
        {
          ...deps,
          publisher: new DirectoryPublisher(out),
          mailer: new OutboxMailer(out, deps.clock),
          sender: 'prepost <summaries@prepost.invalid>',
          summaryRenderer: summaryRenderer(deps.catalog),
        },
        id,
        period,
      );
      const shown = report.summary.rows.filter((row) => !row.suppressed).length;
      const already =
        report.alreadySent > 0 ? ` (${report.alreadySent} funder(s) already sent this period: not emailed again)` : '';
      console.log(
        `${id} ${period}: ${report.summary.rows.length} cells (${shown} shown, ${report.summary.rows.length - shown} suppressed), ${report.files.length} files, ${report.messages} messages${already}`,
      );
    }
    console.log(`summaries in ${out}, messages in ${resolve(out, 'outbox')}`);
  } finally {
    await environment.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`prepost: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    const exit = exitFor(error);
    if (exit === undefined || !(error instanceof Error)) throw error;
    console.error(`prepost ${name}: ${error.message}${exit.withUsage ? `\n\n${command.usage}` : ''}`);
    return exit.code;
  }
}

main(process.argv.slice(2)).then(
  // Exit once standard output is flushed: `links | other-command` must get every line.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    console.error(`prepost: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
