import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/append";
import type { ParsedWebhook } from "@/lib/providers/types";
import { recordSessionChange } from "@/lib/sessions/record-change";
import { upsertSession } from "@/lib/sync/upsert-session";
import { supersedeQuarantined } from "./quarantine";

export type EventOutcome = "applied" | "stale" | "recorded";
export type AppliedEvent = { outcome: EventOutcome; sessionId: string; needsRefresh: boolean };
export type Applied = { outcome: "duplicate" } | AppliedEvent;

type ApplyInput = {
  provider: string;
  parsed: ParsedWebhook;
  rawBody: Uint8Array;
  now: Date;
  /** Who the audit row names: the provider for a delivery, the admin for a replay. */
  audit: { actor: AuditActor; action: "webhook.receive" | "webhook.replay"; details?: Record<string, unknown> };
  /**
   * For the apply pass, which saves a round trip per event on both: whether a quarantined copy of
   * these bytes may exist (it looked them up for the whole batch), and that it notifies open pages
   * once for the batch itself.
   */
  batch?: { quarantinedCopy: boolean; notifiesItself: true };
};

/**
 * Applies the event of one stored receipt inside the caller's transaction: upserts the session,
 * marks the receipt, writes the tail. Anything thrown rolls all of it back, receipt included.
 */
export async function applyReceiptEvent(tx: Transaction, receiptId: string, input: ApplyInput): Promise<AppliedEvent> {
  const { provider, parsed, rawBody, now } = input;
  // A quarantined copy of these very bytes is settled by this event, applied now or before.
  if (input.batch?.quarantinedCopy !== false) await supersedeQuarantined(tx, provider, rawBody, now);
  const { id, outcome, redacted } = await upsertSession(tx, parsed.session, { settlesStatus: parsed.settlesStatus, complete: parsed.complete });
  const result: EventOutcome = outcome === "stale" ? "stale" : parsed.settlesStatus ? "applied" : "recorded";
  // The body of an event about a redacted session is not kept: it carries personal data. Nor is
  // the body of the event by which the provider reports it deleted the data itself (upsertSession
  // wiped the session's receipts just now, this one included).
  const dropBody = redacted || parsed.session.riskSummary.redacted === true;
  await tx
    .update(webhookReceipts)
    // Set by id, whatever a redaction meanwhile made of the queued row: what stays is this outcome, no bytes.
    .set({ outcome: result, body: dropBody ? null : parsed.body, rawBody: null, headers: null, error: null })
    .where(eq(webhookReceipts.id, receiptId));
  await recordSessionChange(tx, {
    sessionId: id,
    // No reviewer acted: the provider did (a replay names its admin in the audit row only).
    userId: null,
    timeline: {
      type: "provider_webhook",
      at: parsed.occurredAt ?? now,
      detail: { eventType: parsed.eventType, outcome: result, rawStatus: parsed.session.rawStatus },
    },
    live: input.batch ? undefined : "webhook",
    audit: {
      actor: input.audit.actor,
      action: input.audit.action,
      details: { provider, eventType: parsed.eventType, dedupeKey: parsed.dedupeKey, outcome: result, ...input.audit.details },
    },
  });
  return { outcome: result, sessionId: id, needsRefresh: !parsed.complete };
}

/**
 * Stores a receipt for an event that has none yet under the provider's key (the replay of a body
 * quarantined at intake) and applies it; its unique key makes an event applied before a no-op.
 */
export async function applyParsedWebhook(tx: Transaction, input: ApplyInput): Promise<Applied> {
  const { provider, parsed } = input;
  const [receipt] = await tx
    .insert(webhookReceipts)
    .values({ provider, dedupeKey: parsed.dedupeKey, providerSessionId: parsed.providerSessionId, outcome: "received" })
    .onConflictDoNothing({ target: [webhookReceipts.provider, webhookReceipts.dedupeKey] })
    .returning({ id: webhookReceipts.id });
  if (!receipt) return { outcome: "duplicate" };
  return applyReceiptEvent(tx, receipt.id, input);
}
