import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { sessionEvents, webhookReceipts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import { type ProviderAdapter, type WebhookHeaders, WebhookPayloadError } from "@/lib/providers/types";
import { upsertSession } from "@/lib/sync/upsert-session";

export type IngestResult =
  | { httpStatus: 200; outcome: "applied" | "stale" | "recorded" | "duplicate"; sessionId: string | null; needsRefresh: boolean }
  | { httpStatus: 400 | 401 | 404; error: string };

/**
 * Webhook intake for one provider: verify over the raw bytes, then in one transaction store
 * the receipt (its unique key makes a redelivery a no-op), apply the event, and audit it.
 * A bad signature or an unreadable body stores nothing.
 */
export async function ingestWebhook(
  db: Database,
  adapter: ProviderAdapter,
  rawBody: Uint8Array,
  headers: WebhookHeaders,
  now = new Date(),
): Promise<IngestResult> {
  const handler = adapter.webhook;
  if (!handler) return { httpStatus: 404, error: `Webhooks from ${adapter.displayName} are not configured` };
  const verification = await handler.verify(rawBody, headers, now);
  if (!verification.ok) return { httpStatus: 401, error: "Invalid signature" };

  let parsed;
  try {
    parsed = handler.parse(rawBody, headers);
  } catch (error) {
    if (error instanceof WebhookPayloadError) return { httpStatus: 400, error: "Malformed webhook body" };
    throw error;
  }
  const body: unknown = JSON.parse(Buffer.from(rawBody).toString("utf8"));

  return db.transaction(async (tx) => {
    const [receipt] = await tx
      .insert(webhookReceipts)
      .values({ provider: adapter.id, dedupeKey: parsed.dedupeKey, providerSessionId: parsed.providerSessionId, outcome: "received", body })
      .onConflictDoNothing({ target: [webhookReceipts.provider, webhookReceipts.dedupeKey] })
      .returning({ id: webhookReceipts.id });
    if (!receipt) return { httpStatus: 200, outcome: "duplicate", sessionId: null, needsRefresh: false } as const;

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
      actor: { id: null, label: `webhook:${adapter.id}` },
      action: "webhook.receive",
      targetType: "session",
      targetId: id,
      details: { provider: adapter.id, eventType: parsed.eventType, dedupeKey: parsed.dedupeKey, outcome: result },
    });
    return { httpStatus: 200, outcome: result, sessionId: id, needsRefresh: !parsed.complete } as const;
  });
}
