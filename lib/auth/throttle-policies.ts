/**
 * How many failed sign-ins lock what, for how long. Pure data (no database, no secrets), so
 * the end-to-end specs can read the configured limit instead of copying it.
 */

export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

/**
 * Per-account limits stop password guessing against one user; the looser per-address limit
 * stops one client spraying many accounts. Counters live in the database so that every
 * app instance shares them (lib/auth/throttle.ts).
 */
export const THROTTLE_POLICIES = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  address: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} satisfies Record<string, ThrottlePolicy>;
