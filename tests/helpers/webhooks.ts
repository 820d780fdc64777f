import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import type { ProviderAdapter } from "@/lib/providers/types";
import { applyQueuedWith, type ApplyPassResult } from "@/lib/webhooks/apply-queue";
import { sessionRefreshesSettled } from "@/lib/webhooks/follow-ups";
import { ingestWebhook } from "@/lib/webhooks/ingest";

/**
 * What the webhooks.apply job does after intake queued events: apply passes until the queue is
 * empty, with the test's own adapters (the registry reads the environment), then waits for the
 * follow-up reads those passes started. Returns the passes' totals.
 */
export async function drainWebhooks(db: Database, adapters: ProviderAdapter[] | Record<string, ProviderAdapter>, options: { limit?: number } = {}) {
  const list = Array.isArray(adapters) ? adapters : Object.values(adapters);
  const adapterFor = (provider: string) => list.find((adapter) => adapter.id === provider);
  const total: ApplyPassResult = { applied: 0, failed: 0, remaining: true };
  while (total.remaining) {
    const pass = await applyQueuedWith(db, adapterFor, options);
    total.applied += pass.applied;
    total.failed += pass.failed;
    total.remaining = pass.remaining;
  }
  await sessionRefreshesSettled();
  return total;
}

/**
 * Intake followed by the apply job, for tests about what an event does to a session: the intake
 * answer, with `outcome` the receipt's once applied (applied / stale / recorded / quarantined).
 */
export async function ingestAndApply(db: Database, adapter: ProviderAdapter, rawBody: Uint8Array, headers: Headers, now?: Date) {
  const result = await ingestWebhook(db, adapter, rawBody, headers, now);
  await drainWebhooks(db, [adapter]);
  if (result.httpStatus !== 200 || result.outcome !== "queued" || !result.receiptId) return result;
  const [receipt] = await db.select({ outcome: webhookReceipts.outcome }).from(webhookReceipts).where(eq(webhookReceipts.id, result.receiptId));
  return { ...result, outcome: receipt?.outcome };
}
