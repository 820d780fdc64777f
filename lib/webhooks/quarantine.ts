import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";

/**
 * Headers that carry a credential rather than describe the event. Everything else is kept,
 * because parsers read headers (iDenfy's event type, Bynn's Idempotency-Key) and a replay must
 * see what the first attempt saw. The signature headers are kept on purpose: an HMAC or Bynn's
 * JWT proves the body was signed and reveals no secret. Beltic's X-Webhook-Token is the shared
 * secret itself (Bynn sends its idempotency key under the same name), so it is dropped.
 */
const DROPPED_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "x-webhook-token"]);

export type Quarantined = { state: "quarantined"; id: string; attempts: number } | { state: "resolved" };

/** A body Verdict could not read has no provider dedupe key: its digest stands in for one. */
export function quarantineKey(rawBody: Uint8Array): string {
  return `sha256:${createHash("sha256").update(rawBody).digest("hex")}`;
}

export function keptHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  // Headers gives lower-cased names.
  headers.forEach((value, name) => {
    if (!DROPPED_HEADERS.has(name)) kept[name] = value;
  });
  return kept;
}

type QuarantineInput = {
  provider: string;
  rawBody: Uint8Array;
  headers: Headers;
  /** Verdict's own message (parser or apply), shown to admins only. */
  error: string;
  stage: "parse" | "apply";
  /** Known when the body parsed but could not be applied: lets redaction find the row. */
  providerSessionId?: string | null;
  now?: Date;
};

/**
 * Keeps an authentic body that could not be read or applied. A redelivery of the same bytes
 * counts an attempt on the same row. Once that row was resolved (replayed, superseded by an
 * applied copy, blanked by redaction) the same bytes were dealt with: nothing is stored again.
 */
export async function quarantineWebhook(db: Database, input: QuarantineInput): Promise<Quarantined> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookReceipts)
      .values({
        provider: input.provider,
        dedupeKey: quarantineKey(input.rawBody),
        providerSessionId: input.providerSessionId ?? null,
        outcome: "quarantined",
        rawBody: input.rawBody,
        headers: keptHeaders(input.headers),
        error: input.error,
        receivedAt: now,
        lastReceivedAt: now,
      })
      .onConflictDoUpdate({
        target: [webhookReceipts.provider, webhookReceipts.dedupeKey],
        set: {
          attempts: sql`${webhookReceipts.attempts} + 1`,
          lastReceivedAt: now,
          error: input.error,
          providerSessionId: sql`coalesce(${webhookReceipts.providerSessionId}, excluded.provider_session_id)`,
        },
        setWhere: eq(webhookReceipts.outcome, "quarantined"),
      })
      .returning({ id: webhookReceipts.id, attempts: webhookReceipts.attempts });
    if (!row) return { state: "resolved" } as const;
    await appendAudit(tx, {
      actor: { id: null, label: `webhook:${input.provider}` },
      action: "webhook.quarantine",
      targetType: "webhook_receipt",
      targetId: row.id,
      details: { provider: input.provider, stage: input.stage, attempts: row.attempts },
    });
    return { state: "quarantined", id: row.id, attempts: row.attempts } as const;
  });
}

/**
 * Called wherever an event is applied: a quarantined copy of exactly these bytes is settled by it
 * (the provider retried after a parser fix). Its raw body goes: the applied receipt keeps the event.
 */
export async function supersedeQuarantined(tx: Transaction, provider: string, rawBody: Uint8Array, now: Date): Promise<void> {
  await tx
    .update(webhookReceipts)
    .set({ outcome: "superseded", resolvedAt: now, rawBody: null })
    .where(and(eq(webhookReceipts.provider, provider), eq(webhookReceipts.dedupeKey, quarantineKey(rawBody)), eq(webhookReceipts.outcome, "quarantined")));
}
