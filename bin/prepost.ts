/**
 * `npm run prepost -- <command>`: the command line for coordinators, evaluators and admins. Each
 * command is a module of `bin/commands/` (its summary, usage, options and run); this file lists
 * them, answers `--help`, parses a command's arguments and ends with the exit code of
 * `cli/exit-codes.ts`. Commands run against the DynamoDB `DYNAMODB_ENDPOINT` names, else the
 * running `npm start`, else the embedded DynamoDB in `.data/`.
 */
import { parseArgs } from 'node:util';
import type { Command } from './cli/command.ts';
import { UsageError } from './cli/errors.ts';
import { exitFor } from './cli/exit-codes.ts';
import { messageInOptions } from './cli/option-words.ts';
import * as aggregate from './commands/aggregate.ts';
import * as audit from './commands/audit.ts';
import * as cohorts from './commands/cohorts.ts';
import * as erase from './commands/erase.ts';
import * as exportCommand from './commands/export.ts';
import * as funders from './commands/funders.ts';
import * as importCommand from './commands/import.ts';
import * as links from './commands/links.ts';
import * as pending from './commands/pending.ts';
import * as programmes from './commands/programmes.ts';
import * as staff from './commands/staff.ts';
import * as stats from './commands/stats.ts';
import * as summaries from './commands/summaries.ts';
import * as tokens from './commands/tokens.ts';

/** Every command, in the order `--help` lists them: a coordinator's first, in the order they are used. */
const COMMANDS: Readonly<Record<string, Command>> = {
  programmes,
  cohorts,
  links,
  pending,
  funders,
  export: exportCommand,
  erase,
  stats,
  import: importCommand,
  aggregate,
  summaries,
  staff,
  tokens,
  audit,
};

function usage(): string {
  const list = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(11)} ${command.summary}`);
  return `Usage: npm run prepost -- <command> [options]\n\nCommands:\n${list.join('\n')}\n\nEach command takes --help.`;
}

/** The command's arguments as its options say; a mistake in them is a usage mistake. */
function parseCommandArgs(command: Command, args: string[]): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({ args, options: command.options, allowPositionals: command.allowPositionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    console.error(`prepost: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    const { values, positionals } = parseCommandArgs(command, args);
    await command.run(values, positionals);
    return 0;
  } catch (error) {
    // Every expected error, a broken survey definition (SurveyDefinitionError) included, is
    // printed here and only here, with its exit code from the one table; a refused field is
    // named by the option that gave it.
    const exit = exitFor(error);
    if (exit === undefined || !(error instanceof Error)) throw error;
    console.error(`prepost ${name}: ${messageInOptions(error)}${exit.withUsage ? `\n\n${command.usage}` : ''}`);
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
