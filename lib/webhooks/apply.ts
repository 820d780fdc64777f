import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { sessionEvents, webhookReceipts } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import type { ParsedWebhook } from "@/lib/providers/types";
import { upsertSession } from "@/lib/sync/upsert-session";
import { supersedeQuarantined } from "./quarantine";

export type Applied =
  | { outcome: "duplicate" }
  | { outcome: "applied" | "stale" | "recorded"; sessionId: string; needsRefresh: boolean };

type ApplyInput = {
  provider: string;
  parsed: ParsedWebhook;
  rawBody: Uint8Array;
  now: Date;
  /** Who the audit row names: the provider for a delivery, the admin for a replay. */
  audit: { actor: AuditActor; action: string; details?: Record<string, unknown> };
};

/**
 * Stores the receipt (its unique key makes a redelivery a no-op), applies the event, and
 * audits it, inside the caller's transaction: anything thrown rolls all of it back.
 */
export async function applyParsedWebhook(tx: Transaction, input: ApplyInput): Promise<Applied> {
  const { provider, parsed, rawBody, now } = input;
  // A thrown SyntaxError here counts as a failure to apply (lib/webhooks/apply-errors.ts).
  const body: unknown = JSON.parse(Buffer.from(rawBody).toString("utf8"));
  // A quarantined copy of these very bytes is settled by this delivery, applied now or before.
  await supersedeQuarantined(tx, provider, rawBody, now);
  const [receipt] = await tx
    .insert(webhookReceipts)
    .values({ provider, dedupeKey: parsed.dedupeKey, providerSessionId: parsed.providerSessionId, outcome: "received", body })
    .onConflictDoNothing({ target: [webhookReceipts.provider, webhookReceipts.dedupeKey] })
    .returning({ id: webhookReceipts.id });
  if (!receipt) return { outcome: "duplicate" };

  const { id, outcome, redacted } = await upsertSession(tx, parsed.session, { settlesStatus: parsed.settlesStatus, complete: parsed.complete });
  const result = outcome === "stale" ? "stale" : parsed.settlesStatus ? "applied" : "recorded";
  await tx
    .update(webhookReceipts)
    // The body of an event about a redacted session is not kept: it carries personal data.
    .set({ outcome: result, ...(redacted ? { body: null } : {}) })
    .where(eq(webhookReceipts.id, receipt.id));
  await tx.insert(sessionEvents).values({
    sessionId: id,
    at: parsed.occurredAt ?? now,
    type: "provider_webhook",
    detail: { eventType: parsed.eventType, outcome: result, rawStatus: parsed.session.rawStatus },
  });
  // NOTIFY is delivered at commit whatever its place here. It goes before the audit append,
  // whose chain lock every writer waits for until this transaction commits: the lock is then
  // held for one round trip less (npm run bench: webhook ingestion is bound by this lock).
  await notifySessionsChanged(tx, [id], "webhook");
  await appendAudit(tx, {
    actor: input.audit.actor,
    action: input.audit.action,
    targetType: "session",
    targetId: id,
    details: { provider, eventType: parsed.eventType, dedupeKey: parsed.dedupeKey, outcome: result, ...input.audit.details },
  });
  return { outcome: result, sessionId: id, needsRefresh: !parsed.complete };
}
