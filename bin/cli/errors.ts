/**
 * The command line's own errors: how a command was called, or the data it was given, is wrong.
 * `exit-codes.ts` says how each is printed and with which exit code.
 */

/** A mistake in how the command was called: printed with its usage. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A problem in the data given (a file, a value): printed alone. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
