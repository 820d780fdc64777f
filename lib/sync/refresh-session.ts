import "server-only";
import type { Database } from "@/db/client";
import type { ProviderAdapter } from "@/lib/providers/types";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { upsertSession } from "./upsert-session";

/**
 * Re-reads one session in full after an event that only named it. Best effort: the event
 * itself is already stored, and the next sync fills any gap left by a failure here.
 */
export async function refreshSession(db: Database, adapter: ProviderAdapter, providerSessionId: string): Promise<void> {
  const capabilities = adapter.capabilities();
  if (!capabilities.offered.get || !capabilities.allowedByKey.get) return;
  try {
    const observedAt = new Date();
    const session = await adapter.getSession(providerSessionId);
    await db.transaction(async (tx) => {
      const upserted = await upsertSession(tx, session, { observedAt });
      if (upserted.outcome === "created" || upserted.outcome === "updated") await recordSessionChange(tx, { sessionId: upserted.id, userId: null, live: "webhook" });
    });
  } catch (error) {
    console.warn(`[webhook] ${adapter.id}: could not re-read session ${providerSessionId}: ${(error as Error).message}`);
  }
}
