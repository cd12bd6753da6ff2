/**
 * What can go wrong in the domain, said in the domain's words. Nothing here knows HTTP or exit
 * codes: the HTTP layer maps each class to a status and a page in one table
 * (`shared/http-errors.ts`), the command line to an exit code in another (`bin/cli/exit-codes.ts`).
 */
import type { CohortProblemReason } from '#surveys/cohort-rules.ts';

/** Names each error by its class, so logs and tests can tell them apart. */
abstract class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** No programme with this id is defined in `surveys/`. */
export class UnknownProgrammeError extends DomainError {
  /** @param known the programmes there are, named in the message when given */
  constructor(
    readonly programme: string,
    readonly known?: readonly string[],
  ) {
    super(`unknown programme "${programme}"${knownList(known)}`);
  }
}

/** The programme has no cohort with this id. */
export class UnknownCohortError extends DomainError {
  /** @param known the programme's cohorts, named in the message when given */
  constructor(
    readonly programme: string,
    readonly cohort: string,
    readonly known?: readonly string[],
  ) {
    super(`unknown cohort "${cohort}" in ${programme}${knownList(known)}`);
  }
}

/** The programme has no session with this id. */
export class UnknownSessionError extends DomainError {
  constructor(
    readonly programme: string,
    readonly session: string,
    readonly known: readonly string[],
  ) {
    super(`unknown session "${session}" in ${programme}${knownList(known)}`);
  }
}

/** Why a link leads nowhere; the participant is told only that it does. */
export type UnknownLinkReason = 'malformed code' | 'unknown code' | 'expired' | 'definition removed';

/** The link code is malformed, unknown or expired, or what it pointed at is no longer defined. */
export class UnknownLinkError extends DomainError {
  constructor(readonly reason: UnknownLinkReason) {
    super(reason);
  }
}

/** The link's wave is not open today: not yet, or no longer. */
export class WaveNotOpenError extends DomainError {
  constructor(readonly reason: 'not-open' | 'closed') {
    super(`wave ${reason}`);
  }
}

/** The participant withdrew and their answers were erased: their links answer "no longer active". */
export class ParticipantWithdrawnError extends DomainError {
  /** @param programme the programme the link belonged to, whose languages the answer speaks */
  constructor(readonly programme: string) {
    super('participant withdrawn');
  }
}

/** A value given to a use case is not one it can act on (a count out of range, a malformed id). */
export class InvalidInputError extends DomainError {
  /** @param problems each problem found, in words the person who gave the value understands */
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Where a staff change's input is wrong (its field) and how, so that a form can name it at its field. */
export interface StaffInputProblem {
  readonly field: 'email' | 'role' | 'programme' | 'grant';
  readonly reason:
    | 'not-an-email'
    | 'unknown-role'
    | 'no-programme'
    | 'admin-programme'
    | 'unknown-programme'
    | 'not-held';
  /** In the words of whoever typed it, after the field's name (`email: "x" is not an email address`). */
  readonly message: string;
}

/**
 * A staff change asked with input it cannot act on, each problem at its field: the staff page shows
 * each at its field, the command line (which knows an {@link InvalidInputError}) prints the messages.
 */
export class StaffInputError extends InvalidInputError {
  constructor(readonly fieldProblems: readonly StaffInputProblem[]) {
    super(fieldProblems.map((problem) => `${problem.field}: ${problem.message}`));
  }
}

/**
 * Why a coordinator's cohort, batch or funder field is refused: a cohort rule's reason, or
 * `invalid` (not what the schema takes: a malformed id or date, an empty name), `taken` (a cohort
 * id already used), `not-a-funder`, `no-such-wave`.
 */
export type CohortInputReason =
  | CohortProblemReason
  | 'invalid'
  | 'too-long'
  | 'taken'
  | 'not-a-funder'
  /** A comparison mark changed once the cohort has participants (their answers may be published). */
  | 'comparison-fixed';

/** Where a cohort, a batch or a funder given by a coordinator is wrong: each problem at its field. */
export interface CohortInputProblem {
  readonly reason: CohortInputReason;
  /**
   * The field, as the console's form and the command line's options name it: `cohort`, `name`,
   * `site`, `windows.<session>:<wave>.opens|closes`, `count`, `language`, `email`.
   */
  readonly field: string;
  readonly message: string;
}

/** A cohort, batch or funder change asked with input it cannot act on; nothing was written. */
export class CohortInputError extends InvalidInputError {
  constructor(readonly fieldProblems: readonly CohortInputProblem[]) {
    super(fieldProblems.map((problem) => `${problem.field}: ${problem.message}`));
  }
}

/** A closed cohort takes no new participants until it is reopened. */
export class CohortClosedError extends DomainError {
  constructor(
    readonly programme: string,
    readonly cohort: string,
  ) {
    super(`cohort "${cohort}" of ${programme} is closed: reopen it to add participants`);
  }
}

/** Someone else changed the cohort between reading and writing it, more often than a retry absorbs. */
export class CohortChangedError extends DomainError {
  constructor(readonly cohort: string) {
    super(`cohort "${cohort}" was changed by someone else at the same time: try again`);
  }
}

/** Links made today would expire (the programme's retention) before their cohort's last wave closes. */
export class RetentionTooShortError extends DomainError {
  constructor(
    readonly programme: string,
    readonly cohort: string,
    readonly retentionDays: number,
    readonly lastClose: string,
  ) {
    super(
      `${programme} keeps data ${retentionDays} days, which ends before ${cohort}'s last wave closes ` +
        `(${lastClose}): links made today would expire before their waves; ` +
        'lengthen retentionDays or shorten the windows',
    );
  }
}

/** Nothing was published for the programme by that period or file name (or the name is not one a summary has). */
export class SummaryNotPublishedError extends DomainError {
  constructor(
    readonly programme: string,
    readonly period: string,
    readonly file: string,
  ) {
    super(`no ${file} published for ${programme} ${period}`);
  }
}

/** A newer erasure was counted while a scope was being computed: its rows must be computed again. */
export class ErasureRaceError extends DomainError {
  constructor(scope: string) {
    super(`an erasure landed while ${scope} was being aggregated`);
  }
}

/**
 * Another publication of the same programme was recorded since this one read what was published:
 * the summary must be built again against it (two runs at once, the schedule and a command).
 */
export class PublicationChangedError extends DomainError {
  constructor(programme: string) {
    super(`another summary of ${programme} was recorded meanwhile`);
  }
}

function knownList(known: readonly string[] | undefined): string {
  return known === undefined ? '' : `; known: ${known.join(', ')}`;
}

/**
 * A staff change that cannot be made as asked: the email is already a member's, or no member has
 * it, or it would leave no admin, or the identity provider already has an account for the email
 * (made by hand outside prepost: its owner was never invited by us, so it is not taken over).
 */
export class StaffChangeError extends DomainError {
  constructor(
    readonly reason: 'exists' | 'unknown' | 'last-admin' | 'account-exists',
    readonly email: string,
  ) {
    super(STAFF_CHANGE_MESSAGES[reason](email));
  }
}

const STAFF_CHANGE_MESSAGES: Readonly<Record<StaffChangeError['reason'], (email: string) => string>> = {
  exists: (email) => `email: ${email} is already a staff member`,
  unknown: (email) => `email: no staff member has the email ${email}`,
  'last-admin': (email) => `${email} is the last admin; add another admin first`,
  'account-exists': (email) =>
    `email: the identity provider already has an account for ${email} that prepost did not make; ` +
    'delete it there (Cognito console, or aws cognito-idp admin-delete-user) and add the member again',
};

/**
 * An API token that cannot be made as asked, or revoked because it does not exist. Names the field
 * at fault, so a form shows the problem there and a command prints it first.
 */
export class ApiTokenError extends DomainError {
  constructor(
    readonly field: 'days' | 'email' | 'programme' | 'id',
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/**
 * A staff sign-in that could not be completed: the state missing, foreign, unknown or used, the
 * sign-in too slow, the code or the ID token refused, or no verified email vouched for.
 */
export class SignInRefusedError extends DomainError {
  /**
   * @param reason what did not hold, in a few words: kept in the audit log, so never an email or a token
   * @param authenticated whether the provider had authenticated someone for this sign-in (it redeemed
   *   the code for tokens): only then was it somebody's attempt to sign in, worth an audit entry;
   *   any other refusal is a request anyone can send, which must not be able to fill the audit log
   */
  constructor(
    readonly reason: string,
    readonly authenticated = false,
  ) {
    super(reason);
  }
}

/** The identity provider vouched for someone who is not on the staff, or holds no grant. */
export class NotStaffError extends DomainError {
  constructor(readonly reason: 'not on the staff' | 'no grant') {
    super(reason);
  }
}
