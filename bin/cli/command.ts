/**
 * What a command of `npm run prepost` is: each module of `bin/commands/` exports these, and
 * `bin/prepost.ts` lists them, answers `--help`, parses the arguments with the command's
 * options and runs it.
 */
import type { ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.ts';

/** A command's options, as node:util `parseArgs` reads them. */
export type Options = NonNullable<ParseArgsConfig['options']>;

/** The values `parseArgs` gives for these options. */
export type OptionValues<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true }>
>['values'];

/** One command: the exports of its module. */
export interface Command {
  /** One line in the command list. */
  readonly summary: string;
  /** The whole of `<command> --help`, also printed after a usage mistake. */
  readonly usage: string;
  readonly options: Options;
  /** Whether it takes operands (a file) besides its options. */
  readonly allowPositionals: boolean;
  run(values: OptionValues<Options>, positionals: string[]): Promise<void>;
}

/** The value of a required option, refused with the usage when missing or empty. */
export function required(value: string | boolean | undefined, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/**
 * The action of a command with several (`staff add`, `tokens list`): the one operand, which must be
 * one of `actions`, each with the options it takes; any other option is a usage mistake, so a
 * misplaced flag is never silently ignored.
 */
export function chooseAction<A extends string>(
  positionals: readonly string[],
  values: Readonly<Record<string, unknown>>,
  actions: Readonly<Record<A, readonly string[]>>,
): A {
  const names = Object.keys(actions) as A[];
  const [action, ...extra] = positionals;
  if (action === undefined) throw new UsageError(`say what to do: ${names.join(', ')}`);
  if (!names.includes(action as A)) throw new UsageError(`unknown action "${action}": ${names.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected "${extra.join(' ')}" after ${action}`);
  const allowed = actions[action as A];
  const misplaced = Object.keys(values).filter((option) => values[option] !== undefined && !allowed.includes(option));
  if (misplaced.length > 0)
    throw new UsageError(`${misplaced.map((option) => `--${option}`).join(', ')} does not go with ${action}`);
  return action as A;
}
