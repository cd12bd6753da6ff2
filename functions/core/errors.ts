/**
 * What can go wrong in the domain, said in the domain's words. Nothing here knows HTTP or exit
 * codes: the HTTP layer maps each class to a status and a page in one table
 * (`shared/http-errors.ts`), the command line to an exit code in another (`bin/cli/exit-codes.ts`).
 */

/** A newer erasure was counted while a scope was being computed: its rows must be computed again. */
export class ErasureRaceError extends Error {
  constructor(scope: string) {
    super(`an erasure landed while ${scope} was being aggregated`);
    this.name = 'ErasureRaceError';
  }
}
