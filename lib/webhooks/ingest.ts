import "server-only";
import type { Database } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { wakeJob } from "@/lib/jobs/wake";
import { type ParsedWebhook, type ProviderAdapter, WebhookPayloadError } from "@/lib/providers/types";
import { keptHeaders, quarantineWebhook } from "./quarantine";
import { countQueued } from "./queue-depth";

export type IngestResult =
  | { httpStatus: 200; outcome: "queued" | "duplicate"; receiptId: string | null; providerSessionId: string | null }
  | { httpStatus: 503; outcome: "quarantined"; quarantineId: string; attempts: number }
  | { httpStatus: 401 | 404; error: string };

/**
 * Webhook intake for one provider: verify over the raw bytes, parse, then store the receipt as
 * `queued` (one insert; a redelivery hits the unique key and is acknowledged) and answer. The
 * webhooks.apply job applies it (lib/webhooks/apply-queue.ts), so a storm costs the provider's
 * request one insert, and the session, timeline and audit rows are written in batches.
 *
 * A bad signature stores nothing (401). A body that does not parse is quarantined here and
 * answered 503, as before the queue: it has no provider key to queue it under, and a 5xx makes
 * every provider retry it (Didit retries only on 5xx/404), so a retry after a parser fix lands by
 * itself; an admin can also replay it (lib/webhooks/replay.ts). The parse also gives the session
 * id, which redaction needs to find a queued body. (Backpressure, a full queue, is the caller's:
 * lib/webhooks/receive.ts.)
 */
export async function ingestWebhook(db: Database, adapter: ProviderAdapter, rawBody: Uint8Array, headers: Headers, now = new Date()): Promise<IngestResult> {
  const handler = adapter.webhook;
  if (!handler) return { httpStatus: 404, error: `Webhooks from ${adapter.displayName} are not configured` };
  const verification = await handler.verify(rawBody, headers, now);
  if (!verification.ok) return { httpStatus: 401, error: "Invalid signature" };

  let parsed: ParsedWebhook;
  try {
    parsed = handler.parse(rawBody, headers);
  } catch (error) {
    if (!(error instanceof WebhookPayloadError)) throw error;
    const kept = await quarantineWebhook(db, { provider: adapter.id, rawBody, headers, now, error: error.message, stage: "parse" });
    // These very bytes were replayed or applied already: the provider may stop sending them.
    if (kept.state === "resolved") return { httpStatus: 200, outcome: "duplicate", receiptId: null, providerSessionId: null };
    return { httpStatus: 503, outcome: "quarantined", quarantineId: kept.id, attempts: kept.attempts };
  }

  const [receipt] = await db
    .insert(webhookReceipts)
    .values({
      provider: adapter.id,
      dedupeKey: parsed.dedupeKey,
      providerSessionId: parsed.providerSessionId,
      outcome: "queued",
      // The bytes, not the parse: the apply pass parses them again with the parser of its time,
      // and a body that then fails is already in the quarantine's shape (bytes and headers).
      rawBody,
      headers: keptHeaders(headers),
      receivedAt: now,
      lastReceivedAt: now,
    })
    .onConflictDoNothing({ target: [webhookReceipts.provider, webhookReceipts.dedupeKey] })
    .returning({ id: webhookReceipts.id });
  if (!receipt) return { httpStatus: 200, outcome: "duplicate", receiptId: null, providerSessionId: parsed.providerSessionId };
  countQueued(db);
  wakeJob("webhooks.apply");
  return { httpStatus: 200, outcome: "queued", receiptId: receipt.id, providerSessionId: parsed.providerSessionId };
}
