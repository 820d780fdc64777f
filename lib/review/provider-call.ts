import "server-only";
import { ProviderError } from "@/lib/providers/errors";

const ATTEMPTS = 3;
const MAX_WAIT_MS = 10_000;

/**
 * Bounded retries for decision calls on 429/5xx/timeouts, honouring Retry-After. Safe because
 * each provider call is idempotent for the same decision (Beltic Idempotency-Key, Didit's
 * same-status answer counted as success).
 */
export async function callWithRetries<T>(call: () => Promise<T>, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ProviderError) || !error.retryable || attempt >= ATTEMPTS) throw error;
      const wait = error.options.retryAfterMs ?? 500 * 2 ** (attempt - 1);
      if (wait > MAX_WAIT_MS) throw error;
      await sleep(wait);
    }
  }
}
