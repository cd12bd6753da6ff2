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
