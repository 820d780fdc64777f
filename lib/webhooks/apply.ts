import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/append";
import type { ParsedWebhook } from "@/lib/providers/types";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { upsertSession } from "@/lib/sync/upsert-session";
import { supersedeQuarantined } from "./quarantine";

export type Applied = { outcome: "duplicate" } | { outcome: "applied" | "stale" | "recorded"; sessionId: string; needsRefresh: boolean };

type ApplyInput = {
  provider: string;
  parsed: ParsedWebhook;
  rawBody: Uint8Array;
  now: Date;
  /** Who the audit row names: the provider for a delivery, the admin for a replay. */
  audit: { actor: AuditActor; action: "webhook.receive" | "webhook.replay"; details?: Record<string, unknown> };
};

/**
 * Stores the receipt (its unique key makes a redelivery a no-op), applies the event, and
 * audits it, inside the caller's transaction: anything thrown rolls all of it back.
 */
export async function applyParsedWebhook(tx: Transaction, input: ApplyInput): Promise<Applied> {
  const { provider, parsed, rawBody, now } = input;
  // A quarantined copy of these very bytes is settled by this delivery, applied now or before.
  await supersedeQuarantined(tx, provider, rawBody, now);
  const [receipt] = await tx
    .insert(webhookReceipts)
    .values({ provider, dedupeKey: parsed.dedupeKey, providerSessionId: parsed.providerSessionId, outcome: "received", body: parsed.body })
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
  await recordSessionChange(tx, {
    sessionId: id,
    // No reviewer acted: the provider did (a replay names its admin in the audit row only).
    userId: null,
    timeline: {
      type: "provider_webhook",
      at: parsed.occurredAt ?? now,
      detail: { eventType: parsed.eventType, outcome: result, rawStatus: parsed.session.rawStatus },
    },
    live: "webhook",
    audit: {
      actor: input.audit.actor,
      action: input.audit.action,
      details: { provider, eventType: parsed.eventType, dedupeKey: parsed.dedupeKey, outcome: result, ...input.audit.details },
    },
  });
  return { outcome: result, sessionId: id, needsRefresh: !parsed.complete };
}
