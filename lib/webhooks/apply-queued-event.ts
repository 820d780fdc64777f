import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append";
import { type ParsedWebhook, type ProviderAdapter, WebhookPayloadError } from "@/lib/providers/types";
import { providerName } from "@/lib/sessions/provider-names";
import { applyReceiptEvent, type AppliedEvent } from "./apply";
import { describeApplyError, isPermanentApplyError } from "./apply-errors";
import { quarantineKey } from "./quarantine";

export type QueuedReceipt = {
  id: string;
  provider: string;
  dedupeKey: string;
  providerSessionId: string | null;
  rawBody: Uint8Array | null;
  headers: Record<string, string> | null;
  applyAttempts: number;
};

/**
 * Passes in a row that a receipt may roll back before it is applied on its own and, failing
 * whatever the error, quarantined: an event that breaks its lane every time (a parser bug, an
 * unexpected database error about its data) must not hold up the queue behind it for ever.
 */
export const MAX_APPLY_ATTEMPTS = 5;
const lastChance = (row: QueuedReceipt) => row.applyAttempts >= MAX_APPLY_ATTEMPTS;

export type QueuedEventResult = { kind: "failed" } | ({ kind: "applied"; adapter: ProviderAdapter; providerSessionId: string } & AppliedEvent);

/**
 * Parses and applies one queued receipt inside the pass's transaction, under a savepoint (when
 * asked) so that an event failing for what it carries leaves the others' work standing. Such an event is kept
 * on its row as `quarantined` with Verdict's own message, bytes and headers: the admin webhooks
 * page shows it and replays it in place (lib/webhooks/replay.ts). Any other error is thrown.
 */
/** What the pass knows for its whole batch. */
export type PassContext = {
  adapterFor: (provider: string) => ProviderAdapter | null | undefined;
  now: Date;
  /** `provider|sha256:…` of the batch's bodies that have a quarantined copy (looked up once per pass). */
  quarantinedCopies: ReadonlySet<string>;
  /**
   * Each event under its own savepoint. The pass first runs a lane without (two round trips less
   * per event) and runs it again with them only after an event failed for what it carries.
   */
  savepoints: boolean;
};

/** Thrown without savepoints: an event failed for what it carries, and the lane must run again isolated. */
export class EventNeedsIsolation extends Error {
  constructor(readonly cause: unknown) {
    super("An event failed for what it carries; the lane runs again with a savepoint per event.");
  }
}

export async function applyQueuedEvent(
  tx: Transaction,
  row: QueuedReceipt,
  { adapterFor, now, quarantinedCopies, savepoints }: PassContext,
): Promise<QueuedEventResult> {
  const adapter = adapterFor(row.provider);
  // Configured when it was received; the configuration changed since. Kept until it is back.
  if (!adapter?.webhook) return quarantineQueued(tx, row, `${providerName(row.provider)} is not configured: nothing can read its webhooks.`, "parse", now);
  if (!row.rawBody) return quarantineQueued(tx, row, "The event's body was not stored.", "parse", now);
  const rawBody = row.rawBody;

  let parsed: ParsedWebhook;
  try {
    // The parser of today reads what intake's parser read (headers as kept, credentials dropped).
    parsed = adapter.webhook.parse(rawBody, new Headers(row.headers ?? {}));
  } catch (error) {
    if (error instanceof WebhookPayloadError) return quarantineQueued(tx, row, error.message, "parse", now);
    if (!lastChance(row)) throw error;
    console.error(`[webhook] ${row.provider}: the parser failed on a queued event ${row.applyAttempts} times; it is quarantined`, (error as Error).name);
    return quarantineQueued(tx, row, `The parser failed on it (${(error as Error).name ?? "Error"}) in ${row.applyAttempts} passes.`, "parse", now);
  }

  try {
    const audit = { actor: { id: null, label: `webhook:${row.provider}` }, action: "webhook.receive" as const };
    const batch = { quarantinedCopy: quarantinedCopies.has(`${row.provider}|${quarantineKey(rawBody)}`), notifiesItself: true as const };
    const input = { provider: row.provider, parsed, rawBody, now, audit, batch };
    const applied = savepoints ? await tx.transaction((savepoint) => applyReceiptEvent(savepoint, row.id, input)) : await applyReceiptEvent(tx, row.id, input);
    return { kind: "applied", adapter, providerSessionId: parsed.providerSessionId, ...applied };
  } catch (error) {
    const permanent = isPermanentApplyError(error);
    if (!permanent && !lastChance(row)) throw error;
    if (!savepoints) throw new EventNeedsIsolation(error);
    const message = permanent ? describeApplyError(error) : `${describeApplyError(error)} It failed in ${row.applyAttempts} passes.`;
    // Not the error itself: drizzle's message lists the query's parameters, the applicant's data.
    console.error(`[webhook] ${row.provider}: an authentic event could not be applied and was quarantined: ${message}`);
    return quarantineQueued(tx, row, message, "apply", now);
  }
}

async function quarantineQueued(tx: Transaction, row: QueuedReceipt, error: string, stage: "parse" | "apply", now: Date): Promise<QueuedEventResult> {
  await tx.update(webhookReceipts).set({ outcome: "quarantined", error, lastReceivedAt: now }).where(eq(webhookReceipts.id, row.id));
  await appendAudit(tx, {
    actor: { id: null, label: `webhook:${row.provider}` },
    action: "webhook.quarantine",
    targetType: "webhook_receipt",
    targetId: row.id,
    details: { provider: row.provider, stage, attempts: 1, queued: true },
  });
  return { kind: "failed" };
}
