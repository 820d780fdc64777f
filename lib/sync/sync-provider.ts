import "server-only";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { providerSyncRuns, verificationSessions } from "@/db/schema";
import { appendAudit, SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/append";
import { ProviderError } from "@/lib/providers/errors";
import type { NormalizedSession, ProviderAdapter } from "@/lib/providers/types";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { upsertSession } from "./upsert-session";

export type SyncTrigger = "startup" | "schedule" | "manual";
export type SyncSummary = { provider: string; state: "succeeded" | "failed"; fetched: number; upserted: number; error: string | null };

const MAX_PAGES = 10_000;

/** Raw statuses we already hold for one page of list rows, to fetch details only where needed. */
async function knownStatuses(db: Database, provider: string, rows: NormalizedSession[]) {
  if (rows.length === 0) return new Map<string, string>();
  const found = await db
    .select({ id: verificationSessions.providerSessionId, rawStatus: verificationSessions.rawStatus })
    .from(verificationSessions)
    .where(
      and(
        eq(verificationSessions.provider, provider),
        inArray(
          verificationSessions.providerSessionId,
          rows.map((r) => r.providerSessionId),
        ),
      ),
    );
  return new Map(found.map((r) => [r.id, r.rawStatus]));
}

/**
 * Pulls every session from one provider's list API. Only sessions that are new or whose raw
 * status changed are fetched in full, which keeps a routine sync within provider rate limits.
 */
export async function syncProvider(db: Database, adapter: ProviderAdapter, trigger: SyncTrigger, actor: AuditActor = SYSTEM_ACTOR): Promise<SyncSummary> {
  const [run] = await db.insert(providerSyncRuns).values({ provider: adapter.id, trigger, state: "running" }).returning({ id: providerSyncRuns.id });
  const runId = run!.id;
  let fetched = 0;
  let upserted = 0;
  let error: string | null = null;
  try {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await adapter.listSessions(cursor);
      const known = await knownStatuses(db, adapter.id, result.sessions);
      for (const row of result.sessions) {
        fetched += 1;
        if (known.get(row.providerSessionId) === row.rawStatus) continue;
        const observedAt = new Date();
        const full = await adapter.getSession(row.providerSessionId);
        const { outcome } = await db.transaction(async (tx) => {
          const upserted = await upsertSession(tx, full, { observedAt });
          if (upserted.outcome === "created" || upserted.outcome === "updated")
            await recordSessionChange(tx, { sessionId: upserted.id, userId: null, live: "sync" });
          return upserted;
        });
        if (outcome === "created" || outcome === "updated") upserted += 1;
      }
      await db.update(providerSyncRuns).set({ fetched, upserted }).where(eq(providerSyncRuns.id, runId));
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  } catch (caught) {
    error = caught instanceof ProviderError ? caught.message : "Unexpected error during sync (see server log)";
    if (!(caught instanceof ProviderError)) console.error(`[sync] ${adapter.id}:`, caught);
  }
  const state = error ? "failed" : "succeeded";
  await db.transaction(async (tx) => {
    await tx.update(providerSyncRuns).set({ state, fetched, upserted, error, finishedAt: new Date() }).where(eq(providerSyncRuns.id, runId));
    await appendAudit(tx, {
      actor,
      action: "provider.sync",
      targetType: "provider",
      targetId: adapter.id,
      details: { trigger, state, fetched, upserted, runId },
    });
  });
  return { provider: adapter.id, state, fetched, upserted, error };
}

/**
 * Closes runs left "running" by a process that stopped, so the admin page does not spin forever.
 * With several app instances on one PostgreSQL, only runs older than `olderThanMs` are closed,
 * since a younger one may belong to a live instance.
 */
export async function closeAbandonedRuns(db: Database, olderThanMs: number, now = new Date()): Promise<void> {
  await db
    .update(providerSyncRuns)
    .set({ state: "interrupted", finishedAt: now, error: "The server stopped during this sync" })
    .where(and(eq(providerSyncRuns.state, "running"), lt(providerSyncRuns.startedAt, new Date(now.getTime() - olderThanMs))));
}
