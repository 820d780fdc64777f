/** After this many failed attempts a delivery is `failed` and waits for an admin's "Retry now". */
export const MAX_ATTEMPTS = 10;

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 6 * 60 * 60_000;

/**
 * Delay before the next attempt after `failedAttempts` failures: 30 s · 2^(n−1), capped at 6 h,
 * then ±20 % jitter so that deliveries that failed together (the endpoint was down) do not all
 * come back in the same second.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const base = Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}
