/**
 * The schedule maths of the job runner, pure so it is unit-tested (tests/unit/jobs-backoff.test.ts).
 * Times are offsets in milliseconds from the database's now(), which every instance shares.
 */

export type RetryPolicy = { everyMs: number | null; backoffMs: number; maxBackoffMs: number; maxAttempts: number | null };

/** The delay before retry number `attempts` (1 = after the first failure): doubling from backoffMs, capped. */
export function retryDelayMs(policy: Pick<RetryPolicy, "backoffMs" | "maxBackoffMs">, attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  // 2 ** 40 already exceeds any cap; stop doubling there so the number stays finite.
  return Math.min(policy.backoffMs * 2 ** Math.min(exponent, 40), policy.maxBackoffMs);
}

export type NextRun = { state: "idle" | "queued" | "failed"; attempts: number; runAfterMs: number | null };

/** After a successful run: again at once if work is left, else one period on (or not at all for an on-demand job). */
export function afterSuccess(policy: Pick<RetryPolicy, "everyMs">, more: boolean): NextRun {
  if (more) return { state: "queued", attempts: 0, runAfterMs: 0 };
  return { state: "idle", attempts: 0, runAfterMs: policy.everyMs };
}

/**
 * After a failed run the job shows failed, and retries itself after a capped backoff: a periodic
 * job for ever, an on-demand one until maxAttempts, after which it waits for someone to retry it.
 */
export function afterFailure(policy: RetryPolicy, previousAttempts: number): NextRun {
  const attempts = previousAttempts + 1;
  const exhausted = policy.everyMs === null && policy.maxAttempts !== null && attempts >= policy.maxAttempts;
  return { state: "failed", attempts, runAfterMs: exhausted ? null : retryDelayMs(policy, attempts) };
}
