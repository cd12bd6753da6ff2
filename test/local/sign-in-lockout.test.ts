/**
 * The local provider's lockout follows Cognito's: no delay for the first four failures in a row,
 * then one second, doubling with each further failure up to about fifteen minutes; a success
 * starts the count again; and each account (each email typed, known or not) counts on its own.
 */
import { describe, expect, it } from 'vitest';
import { SignInLockout } from '#local/sign-in-lockout.ts';

describe('SignInLockout', () => {
  it('delays from the fifth failure in a row, doubling up to the cap, and forgets on success', () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const lockout = new SignInLockout({ now: () => new Date(now) });
    const delays: number[] = [];
    for (let failure = 1; failure <= 16; failure += 1) {
      lockout.failed('Ana@Example.org');
      delays.push(lockout.secondsToWait('ana@example.org'));
      // The next attempt comes once the delay has passed (one that comes sooner is not even checked).
      now += (delays.at(-1) ?? 0) * 1000;
    }
    expect(delays).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    expect(lockout.secondsToWait('someone.else@example.org')).toBe(0);

    lockout.failed('ana@example.org');
    now += 500;
    expect(lockout.secondsToWait('ana@example.org')).toBe(900);
    now += 900_000;
    expect(lockout.secondsToWait('ana@example.org')).toBe(0);
    lockout.succeeded('ana@example.org');
    lockout.failed('ana@example.org');
    expect(lockout.secondsToWait('ana@example.org')).toBe(0);
  });
});
