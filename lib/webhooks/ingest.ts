import "server-only";
import type { Database } from "@/db/client";
import { type ParsedWebhook, type ProviderAdapter, WebhookPayloadError } from "@/lib/providers/types";
import { applyParsedWebhook } from "./apply";
import { describeApplyError, isPermanentApplyError } from "./apply-errors";
import { quarantineWebhook } from "./quarantine";

export type IngestResult =
  | {
      httpStatus: 200;
      outcome: "applied" | "stale" | "recorded" | "duplicate";
      sessionId: string | null;
      /** The provider's id for the session, for the follow-up read when `needsRefresh`. */
      providerSessionId: string | null;
      needsRefresh: boolean;
    }
  | { httpStatus: 503; outcome: "quarantined"; quarantineId: string; attempts: number }
  | { httpStatus: 401 | 404; error: string };

/**
 * Webhook intake for one provider: verify over the raw bytes, parse, then in one transaction
 * store the receipt, apply the event, and audit it (lib/webhooks/apply.ts).
 *
 * A bad signature stores nothing (401). An authentic body that cannot be parsed, or that parsed
 * but cannot be applied for what it carries, never vanishes: it is quarantined and answered 503,
 * so that every provider retries it (Didit retries only on 5xx/404) and a retry after a parser
 * fix lands by itself; an admin can also replay it (lib/webhooks/replay.ts).
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
    return quarantine(db, adapter, rawBody, headers, { error: error.message, stage: "parse" }, now);
  }

  try {
    const applied = await db.transaction((tx) =>
      applyParsedWebhook(tx, {
        provider: adapter.id,
        parsed,
        rawBody,
        now,
        audit: { actor: { id: null, label: `webhook:${adapter.id}` }, action: "webhook.receive" },
      }),
    );
    if (applied.outcome === "duplicate") return { httpStatus: 200, outcome: "duplicate", sessionId: null, providerSessionId: null, needsRefresh: false };
    return { httpStatus: 200, ...applied, providerSessionId: parsed.providerSessionId };
  } catch (error) {
    if (!isPermanentApplyError(error)) throw error;
    const failure = { error: describeApplyError(error), stage: "apply" as const, providerSessionId: parsed.providerSessionId };
    // Not the error itself: drizzle's message lists the query's parameters, the applicant's data.
    console.error(`[webhook] ${adapter.id}: an authentic event could not be applied and was quarantined: ${failure.error}`);
    return quarantine(db, adapter, rawBody, headers, failure, now);
  }
}

async function quarantine(
  db: Database,
  adapter: ProviderAdapter,
  rawBody: Uint8Array,
  headers: Headers,
  failure: { error: string; stage: "parse" | "apply"; providerSessionId?: string },
  now: Date,
): Promise<IngestResult> {
  const kept = await quarantineWebhook(db, { provider: adapter.id, rawBody, headers, now, ...failure });
  // These very bytes were replayed or applied already: the provider may stop sending them.
  if (kept.state === "resolved") return { httpStatus: 200, outcome: "duplicate", sessionId: null, providerSessionId: null, needsRefresh: false };
  return { httpStatus: 503, outcome: "quarantined", quarantineId: kept.id, attempts: kept.attempts };
}
