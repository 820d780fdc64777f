/**
 * How many failed sign-ins lock what, for how long. Pure data and arithmetic (no database, no
 * secrets), so the end-to-end specs can read the configured limits instead of copying them.
 */

/** `maxFailures` failures inside `windowMs` lock the key for `lockMs`. */
export type LockPolicy = { kind: "lock"; maxFailures: number; windowMs: number; lockMs: number };

/**
 * After `maxFailures` failures each further one makes the key wait, `firstDelayMs` doubling up
 * to `maxDelayMs`. The window slides: the count resets only after `windowMs` without a failure.
 */
export type DelayPolicy = { kind: "delay"; maxFailures: number; windowMs: number; firstDelayMs: number; maxDelayMs: number };

export type ThrottlePolicy = LockPolicy | DelayPolicy;

const MINUTES_15 = 15 * 60_000;

/**
 * - `pair` (account and client address): stops one client guessing one account's password,
 *   without locking that account for everyone else, an admin included.
 * - `account`: stops guessing spread over many addresses; a growing delay instead of a lock, so
 *   the real user waits at most `maxDelayMs` between attempts however many addresses guess.
 * - `address`: stops one client spraying many accounts.
 * Counters live in the database so that every app instance shares them (lib/auth/throttle.ts).
 */
export const THROTTLE_POLICIES = {
  pair: { kind: "lock", maxFailures: 5, windowMs: MINUTES_15, lockMs: MINUTES_15 },
  account: { kind: "delay", maxFailures: 5, windowMs: MINUTES_15, firstDelayMs: 1_000, maxDelayMs: 60_000 },
  address: { kind: "lock", maxFailures: 30, windowMs: MINUTES_15, lockMs: MINUTES_15 },
} as const satisfies Record<string, ThrottlePolicy>;

/** When the key is locked after its `failures`-th failure in the window, or null while it is not. */
export function lockAfter(policy: ThrottlePolicy, failures: number, now: Date): Date | null {
  if (failures < policy.maxFailures) return null;
  if (policy.kind === "lock") return new Date(now.getTime() + policy.lockMs);
  const delay = Math.min(policy.firstDelayMs * 2 ** (failures - policy.maxFailures), policy.maxDelayMs);
  return new Date(now.getTime() + delay);
}

/** "Try again in …" for the sign-in page, rounded up so the user never retries too early. */
export function waitInWords(until: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
