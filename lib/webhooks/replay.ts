import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import { can } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/auth/load-viewer";
import { AppError } from "@/lib/errors";
import { type ParsedWebhook, type ProviderAdapter, WebhookPayloadError } from "@/lib/providers/types";
import { applyParsedWebhook, applyReceiptEvent } from "./apply";
import { describeApplyError, isPermanentApplyError } from "./apply-errors";
import { providerName } from "@/lib/sessions/provider-names";

export type ReplayResult =
  | { result: "applied"; outcome: "applied" | "stale" | "recorded"; adapter: ProviderAdapter; sessionId: string; providerSessionId: string; needsRefresh: boolean }
  | { result: "already_applied" }
  | { result: "still_failing"; error: string };

/** What the admin is told after a replay (app/(app)/admin/actions.ts words it). */
export type ReplayOutcomeDTO = { result: ReplayResult["result"]; message: string };

type ReplayInput = { id: string; viewer: Viewer; adapterFor: (provider: string) => ProviderAdapter | null | undefined; now?: Date };

const RESOLVED: Record<string, string> = {
  replayed: "It was replayed already.",
  superseded: "The provider's own retry applied it already.",
  redacted: "Its body was removed when the session was redacted.",
  // A row the apply pass quarantined becomes the applied receipt when it is replayed.
  applied: "It was replayed already.",
  stale: "It was replayed already.",
  recorded: "It was replayed already.",
};

/**
 * Re-runs parse and apply on a quarantined body, e.g. once the parser is fixed.
 *
 * The signature is NOT checked again, on purpose: signatures are time-bound (Didit's 300 s
 * window, Bynn's 24 h token), so a replay days later would always fail. The body was verified
 * when it was received, and only ingest (after verifying) writes quarantined rows: whoever could
 * forge one by writing to the database could already write sessions directly.
 */
export async function replayQuarantinedWebhook(db: Database, { id, viewer, adapterFor, now = new Date() }: ReplayInput): Promise<ReplayResult> {
  if (!can(viewer.permissions, "providers:manage")) throw new AppError("FORBIDDEN", "You may not manage providers.");
  const [row] = await db.select().from(webhookReceipts).where(eq(webhookReceipts.id, id));
  // Quarantined at intake (no provider key could be read: the digest stands in), or by the apply
  // pass on the queued row itself, which is then replayed in place.
  const inPlace = Boolean(row && !row.dedupeKey.startsWith("sha256:"));
  if (!row || (inPlace && row.outcome !== "quarantined" && !row.resolvedAt)) throw new AppError("NOT_FOUND", "That quarantined webhook does not exist.");
  if (row.outcome !== "quarantined" || !row.rawBody) throw new AppError("CONFLICT", RESOLVED[row.outcome] ?? "It is no longer quarantined.");
  const adapter = adapterFor(row.provider);
  if (!adapter?.webhook) throw new AppError("CONFLICT", `${providerName(row.provider)} is not configured: nothing can read its webhooks.`);
  const actor: AuditActor = { id: viewer.id, label: viewer.email };
  const rawBody = row.rawBody;

  let parsed: ParsedWebhook;
  try {
    parsed = adapter.webhook.parse(rawBody, new Headers(row.headers ?? {}));
  } catch (error) {
    if (!(error instanceof WebhookPayloadError)) throw error;
    return stillFailing(db, row.id, row.provider, actor, error.message, "parse");
  }

  try {
    return await db.transaction(async (tx): Promise<ReplayResult> => {
      // A second click, or a provider retry committing meanwhile, must not apply it twice.
      const [locked] = await tx.select({ outcome: webhookReceipts.outcome }).from(webhookReceipts).where(eq(webhookReceipts.id, row.id)).for("update");
      if (locked?.outcome !== "quarantined") throw new AppError("CONFLICT", RESOLVED[locked?.outcome ?? ""] ?? "It is no longer quarantined.");
      const audit = { actor, action: "webhook.replay" as const, details: { receiptId: row.id, result: "applied" } };
      const input = { provider: row.provider, parsed, rawBody, now, audit };
      if (inPlace) {
        const applied = await applyReceiptEvent(tx, row.id, input);
        await tx.update(webhookReceipts).set({ resolvedAt: now }).where(eq(webhookReceipts.id, row.id));
        return { result: "applied", ...applied, adapter, providerSessionId: parsed.providerSessionId };
      }
      const applied = await applyParsedWebhook(tx, input);
      const resolved = { resolvedAt: now, rawBody: null, providerSessionId: parsed.providerSessionId, error: null };
      if (applied.outcome === "duplicate") {
        // The provider retried (a new body for the same event) and that copy was applied.
        await tx
          .update(webhookReceipts)
          .set({ outcome: "superseded", ...resolved })
          .where(eq(webhookReceipts.id, row.id));
        await appendAudit(tx, {
          actor,
          action: "webhook.replay",
          targetType: "webhook_receipt",
          targetId: row.id,
          details: { provider: row.provider, dedupeKey: parsed.dedupeKey, result: "already_applied" },
        });
        return { result: "already_applied" };
      }
      await tx
        .update(webhookReceipts)
        .set({ outcome: "replayed", ...resolved })
        .where(eq(webhookReceipts.id, row.id));
      return { result: "applied", ...applied, adapter, providerSessionId: parsed.providerSessionId };
    });
  } catch (error) {
    if (error instanceof AppError || !isPermanentApplyError(error)) throw error;
    const message = describeApplyError(error);
    console.error(`[webhook] ${row.provider}: replay of ${row.id} could not be applied: ${message}`);
    return stillFailing(db, row.id, row.provider, actor, message, "apply");
  }
}

/** Stays quarantined with the new message; the attempt is audited (without the message). */
async function stillFailing(db: Database, id: string, provider: string, actor: AuditActor, error: string, stage: "parse" | "apply"): Promise<ReplayResult> {
  await db.transaction(async (tx) => {
    await tx.update(webhookReceipts).set({ error }).where(eq(webhookReceipts.id, id));
    await appendAudit(tx, {
      actor,
      action: "webhook.replay",
      targetType: "webhook_receipt",
      targetId: id,
      details: { provider, result: "still_failing", stage },
    });
  });
  return { result: "still_failing", error };
}
