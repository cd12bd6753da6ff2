/** `prepost links`: participants created in a cohort, their links written as CSV, a printable sheet and messages. */
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { shippedCatalog } from '#surveys/index.ts';
import { createLinks, type IssuedBatch } from '#use-cases/create-links.ts';
import { linksCsv, renderLinkMessages } from '#web/link-messages.ts';
import { renderLinkSheet } from '#web/link-sheet.ts';
import { cliActor } from '../cli/actor.ts';
import { required, type OptionValues } from '../cli/command.ts';
import { InputError, UsageError } from '../cli/errors.ts';
import { writeStdout } from '../cli/output.ts';
import { openLocalStore } from '#local/stack.ts';

/** Its line in `prepost --help`. */
export const summary = 'create participants and their links (CSV, printable sheet, messages)';

const SYNOPSIS =
  'Usage: npm run -s prepost -- links --programme P --cohort C --count N [--language L] [--out FILE.csv]';

/** `prepost links --help`, printed after a usage mistake too. */
export const usage = `${SYNOPSIS}
                                  [--sheet FILE.html] [--messages FILE.txt] [--base-url URL]

Creates a batch of N participants in cohort C of programme P, each with a pseudonymous id,
a number in the batch (1 to N) and one link per wave (pre and post of every session, and
its follow-up where it has one), and writes them as CSV (participant, session, wave, code,
url, number) to FILE or standard output. \`prepost pending\` later names who has not
answered by batch and number. Only keyed hashes of the codes are stored: this output is
the only copy, keep it as you would a list of keys.
(Use --out, or npm run -s, so npm's own header lines do not end up in the CSV.)

With --out FILE.csv it also writes, beside it:
  FILE-sheet.html     a sheet to print on A4 and cut into cards, one per link, grouped
                      by session and wave: the participant's number in the batch (the
                      order of the CSV), the session and wave, a QR code of the link,
                      and the address with the code in groups of four for typing
  FILE-messages.txt   one message per link to paste into SMS or chat, in the batch's
                      language and neutral (it names neither the programme nor its
                      subject), each under a # line saying whose and which it is
Every file is readable only by you (mode 600), and no code is printed to the terminal.
A file that exists is never overwritten (it may hold an earlier batch's codes): name new ones.

  --programme P      programme id (see \`prepost programmes\`)
  --cohort C         cohort id within the programme (see \`prepost cohorts list\`)
  --count N          number of participants (1-500)
  --language L       language of the cards and messages, one of the programme's
                     (default: the programme's default language)
  --out FILE         write the CSV here instead of standard output
  --sheet FILE       write the printable sheet here (the default with --out: beside it)
  --messages FILE    write the messages here (the default with --out: beside it)
  --base-url URL     link prefix (default PREPOST_BASE_URL, else the running npm start,
                     else http://HOST:PORT)`;

/** Its options, as node:util `parseArgs` reads them. */
export const options = {
  programme: { type: 'string' },
  cohort: { type: 'string' },
  count: { type: 'string' },
  language: { type: 'string' },
  out: { type: 'string' },
  'base-url': { type: 'string' },
  sheet: { type: 'string' },
  messages: { type: 'string' },
} as const;

/** It takes options only. */
export const allowPositionals = false;

/**
 * Opens every output first, then creates the participants and writes their links: the CSV
 * before anything else, so codes that exist always land somewhere.
 */
export async function run(values: OptionValues<typeof options>): Promise<void> {
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
  // A broken survey definition stops the command before any output file exists.
  shippedCatalog();
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
  // links nobody has. Only new files: one already there may hold an earlier batch's codes,
  // which nobody else has, so it is never emptied or removed (`discard` removes only what this
  // run made).
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
    } catch (error) {
      await discard();
      throw new InputError(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    try {
      handles.set(target, await open(target, 'wx', 0o600));
    } catch (error) {
      await discard();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new InputError(
          `${target} exists: it may hold an earlier batch's codes, which nobody else has; name another file`,
        );
      throw new InputError(`cannot write ${target}: ${code ?? String(error)}`);
    }
  }
  let store: Awaited<ReturnType<typeof openLocalStore>>;
  try {
    store = await openLocalStore();
  } catch (error) {
    // Nobody was made: the files this run opened go, so a retry with the same --out is not refused.
    await discard();
    throw error;
  }
  const { deps, environment } = store;
  try {
    let batch: IssuedBatch;
    try {
      batch = await createLinks(deps, cliActor(), programme, cohort, count, { language: values.language });
    } catch (error) {
      await discard();
      throw error;
    }
    const { links } = batch;
    const rows = links.map((link) => ({ ...link, url: `${base}/s/${link.code}` }));
    const csv = linksCsv(rows);
    // The CSV first: once participants exist, their codes must land somewhere whatever follows.
    const csvHandle = path === undefined ? undefined : handles.get(path);
    if (csvHandle === undefined) await writeStdout(csv);
    else await csvHandle.writeFile(csv);
    const written = path === undefined ? [] : [`wrote ${links.length} links for ${count} participants to ${path}`];
    if (sheetPath !== undefined || messagesPath !== undefined) {
      const handout = {
        programme: batch.programme,
        cohortName: batch.cohort.name,
        language: batch.language,
        links: rows,
      };
      try {
        if (sheetPath !== undefined) {
          await handles.get(sheetPath)?.writeFile(await renderLinkSheet(handout));
          written.push(`printable sheet (A4, one card per link): ${sheetPath}`);
        }
        if (messagesPath !== undefined) {
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
          `the links were written${path === undefined ? '' : ` to ${path}`}, ` +
            `but the sheet and messages could not be: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    if (written.length > 0) {
      const one = paths.length === 1;
      console.error(
        `${written.join('\n')}\n${one ? 'it is' : 'these are'} the only copy of the codes, readable only by you: ` +
          `keep ${one ? 'it' : 'them'} safe`,
      );
    }
  } finally {
    for (const handle of handles.values()) await handle.close();
    await environment.close();
  }
}

/** The URL of a running `npm start` on this folder's data, for the links it prints. */
async function runningServerUrl(): Promise<string | undefined> {
  const file = resolve('.data', 'server-url');
  return existsSync(file) ? (await readFile(file, 'utf8')).trim() || undefined : undefined;
}
