/**
 * The local provider's answer to password guessing, as Cognito's in AWS: after five failed
 * sign-ins in a row for an account, the next attempt is not even checked until a delay has
 * passed, one second at first, doubling with each further failure, at most about fifteen minutes
 * (Cognito's documented lockout). Counted per email typed, known or not, so the delay says
 * nothing about which accounts exist. In memory: a restart of `npm start` forgets it.
 */
import type { Clock } from '#ports/store.ts';

/** When the delay starts and how it grows. */
export interface LockoutPolicy {
  /** Failures in a row before the first delay. */
  readonly afterFailures: number;
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
}

/** Cognito's lockout. */
export const COGNITO_LOCKOUT: LockoutPolicy = { afterFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60 };

interface Record {
  readonly failures: number;
  /** Epoch milliseconds before which no attempt is checked. */
  readonly lockedUntil: number;
}

/** Failed sign-ins per account, and the delay they impose. */
export class SignInLockout {
  private readonly records = new Map<string, Record>();

  constructor(
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy = COGNITO_LOCKOUT,
  ) {}

  /** Whole seconds before the account's next attempt is checked; 0 when it may try now. */
  secondsToWait(email: string): number {
    const record = this.records.get(key(email));
    if (record === undefined) return 0;
    return Math.max(0, Math.ceil((record.lockedUntil - this.clock.now().getTime()) / 1000));
  }

  /** Counts a failure; from the policy's count on, sets the delay before the next attempt. */
  failed(email: string): void {
    const failures = (this.records.get(key(email))?.failures ?? 0) + 1;
    const beyond = failures - this.policy.afterFailures;
    const delaySeconds =
      beyond < 0 ? 0 : Math.min(this.policy.maxDelaySeconds, this.policy.firstDelaySeconds * 2 ** beyond);
    this.records.set(key(email), { failures, lockedUntil: this.clock.now().getTime() + delaySeconds * 1000 });
  }

  /** A success ends the run of failures. */
  succeeded(email: string): void {
    this.records.delete(key(email));
  }
}

function key(email: string): string {
  return email.trim().toLowerCase();
}
