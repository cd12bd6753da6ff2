/**
 * How the command line ends on an error, in one table: the exit code of each error a command
 * can meet, and whether its usage follows the message. An error the table does not know is a
 * bug or a failure (the store unreachable): `prepost.ts` prints its stack and exits 1.
 */
import { SurveyDefinitionError } from '#surveys/catalog.ts';
import {
  ApiTokenError,
  InvalidInputError,
  ParticipantWithdrawnError,
  CohortChangedError,
  CohortClosedError,
  RetentionTooShortError,
  StaffChangeError,
  UnknownCohortError,
  UnknownLinkError,
  UnknownProgrammeError,
  UnknownSessionError,
  WaveNotOpenError,
} from '#core/errors.ts';
import { InputError, UsageError } from './errors.ts';

/** How an error ends a command. */
export interface Exit {
  /** The process's exit code. */
  readonly code: number;
  /** Print the command's usage after the message. */
  readonly withUsage: boolean;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** 2 for every mistake the person running the command can put right; the first matching row wins. */
const EXITS: readonly (readonly [ErrorClass, Exit])[] = [
  [UsageError, { code: 2, withUsage: true }],
  [InputError, { code: 2, withUsage: false }],
  // A broken definition in surveys/: its file, path and reason.
  [SurveyDefinitionError, { code: 2, withUsage: false }],
  [UnknownProgrammeError, { code: 2, withUsage: false }],
  [UnknownCohortError, { code: 2, withUsage: false }],
  [UnknownSessionError, { code: 2, withUsage: false }],
  [InvalidInputError, { code: 2, withUsage: false }],
  [RetentionTooShortError, { code: 2, withUsage: false }],
  [CohortClosedError, { code: 2, withUsage: false }],
  [CohortChangedError, { code: 1, withUsage: false }],
  [UnknownLinkError, { code: 2, withUsage: false }],
  [WaveNotOpenError, { code: 2, withUsage: false }],
  [ParticipantWithdrawnError, { code: 2, withUsage: false }],
  // Staff and token commands: an email already a member's or no member's, the last admin, a
  // token's days or programmes out of its owner's grants.
  [StaffChangeError, { code: 2, withUsage: false }],
  [ApiTokenError, { code: 2, withUsage: false }],
];

/** How this error ends the command, or undefined when the table does not know it. */
export function exitFor(error: unknown): Exit | undefined {
  return EXITS.find(([type]) => error instanceof type)?.[1];
}
