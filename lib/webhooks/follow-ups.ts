import "server-only";
import type { Database } from "@/db/client";
import type { ProviderAdapter } from "@/lib/providers/types";
import { refreshSession } from "@/lib/sync/refresh-session";

/**
 * The full re-read of sessions whose events only named them, run after the apply pass committed,
 * a few at a time, so that a slow or failing provider never holds up the queue. Best effort by
 * design, as before the queue: the event itself is applied, refreshSession logs a failed read, and
 * the next sync fills the gap. A session named by several events of one storm is read once.
 */
const CONCURRENCY = 4;

type Pending = { key: string; run: () => Promise<void> };

const holder = globalThis as unknown as { __verdictWebhookFollowUps?: { waiting: Pending[]; queued: Set<string>; running: number; idle: Array<() => void> } };
const state = (holder.__verdictWebhookFollowUps ??= { waiting: [], queued: new Set(), running: 0, idle: [] });

function pump(): void {
  while (state.running < CONCURRENCY && state.waiting.length > 0) {
    const next = state.waiting.shift()!;
    // Taken off before the read starts: an event applied meanwhile asks for a read after this one.
    state.queued.delete(next.key);
    state.running += 1;
    void next.run().finally(() => {
      state.running -= 1;
      pump();
    });
  }
  if (state.running === 0 && state.waiting.length === 0) for (const resolve of state.idle.splice(0)) resolve();
}

export function scheduleSessionRefresh(db: Database, adapter: ProviderAdapter, providerSessionId: string): void {
  const key = `${adapter.id}:${providerSessionId}`;
  if (state.queued.has(key)) return;
  state.queued.add(key);
  // refreshSession catches and logs everything it can fail on; the catch is for what it cannot.
  const run = () => refreshSession(db, adapter, providerSessionId).catch((error: Error) => console.warn(`[webhook] ${key}: re-read failed: ${error.message}`));
  state.waiting.push({ key, run });
  pump();
}

/** Resolves once no re-read is waiting or running (tests, shutdown). */
export function sessionRefreshesSettled(): Promise<void> {
  if (state.running === 0 && state.waiting.length === 0) return Promise.resolve();
  return new Promise((resolve) => state.idle.push(resolve));
}
