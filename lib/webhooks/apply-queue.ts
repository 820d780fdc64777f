import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { getProviderAdapter } from "@/lib/providers/registry";
import type { ProviderAdapter } from "@/lib/providers/types";
import { notifySessionsChanged } from "@/lib/live/notify";
import { applyQueuedEvent, EventNeedsIsolation, MAX_APPLY_ATTEMPTS, type PassContext, type QueuedEventResult, type QueuedReceipt } from "./apply-queued-event";
import { describeApplyError } from "./apply-errors";
import { quarantineKey } from "./quarantine";
import { scheduleSessionRefresh } from "./follow-ups";

export type ApplyPassOptions = { limit?: number; now?: Date };
export type ApplyPassResult = { applied: number; failed: number; remaining: boolean };
export type AdapterFor = (provider: string) => ProviderAdapter | null | undefined;

/** Events per pass: enough to spread each lane's commit over many events. */
const DEFAULT_LIMIT = 200;
/** Transactions per pass, side by side: well under the pool's 10 connections, which requests share. */
const LANES = 4;
/** And bytes per pass, so that a batch of large bodies (up to WEBHOOK_MAX_BYTES each) stays small in memory. */
const BYTE_BUDGET = 8 * 1024 * 1024;

/**
 * The webhooks.apply job (lib/jobs/registry.ts runs it on one instance at a time, on wake and
 * on a poll, again while `remaining`): applies the oldest queued receipts with the configured
 * providers' parsers.
 */
export function applyQueuedWebhooks(db: Database, options: ApplyPassOptions = {}): Promise<ApplyPassResult> {
  return applyQueuedWith(db, getProviderAdapter, options);
}

/**
 * One pass: the oldest queued receipts, split into lanes by provider session (toLanes), each lane
 * one transaction applying its events in queue order, so each session's events apply in the order
 * they were received. An event that cannot be applied for what it carries is quarantined on its
 * row and the rest of its lane commits (the lane is run again with a savepoint per event). Any
 * other error (the database down, a deadlock, a timeout) rolls its lane back: those receipts stay
 * queued, oldest, for the next pass, and the pass throws once the other lanes committed. The
 * follow-up reads start after the commit, without being awaited.
 */
export async function applyQueuedWith(db: Database, adapterFor: AdapterFor, options: ApplyPassOptions = {}): Promise<ApplyPassResult> {
  const now = options.now ?? new Date();
  const { ids, more } = await pickBatch(db, Math.max(1, options.limit ?? DEFAULT_LIMIT));
  if (ids.length === 0) return { applied: 0, failed: 0, remaining: false };
  const rows: QueuedReceipt[] = await db
    .select({
      id: webhookReceipts.id,
      provider: webhookReceipts.provider,
      dedupeKey: webhookReceipts.dedupeKey,
      providerSessionId: webhookReceipts.providerSessionId,
      rawBody: webhookReceipts.rawBody,
      headers: webhookReceipts.headers,
      applyAttempts: webhookReceipts.applyAttempts,
    })
    .from(webhookReceipts)
    // Still queued: a redaction may have closed one since it was picked.
    .where(and(inArray(webhookReceipts.id, ids), eq(webhookReceipts.outcome, "queued")))
    .orderBy(asc(webhookReceipts.queueSeq));

  const context: PassContext = { adapterFor, now, quarantinedCopies: await quarantinedCopiesOf(db, rows), savepoints: false };
  const runLane = (lane: QueuedReceipt[], savepoints: boolean) =>
    db.transaction(async (tx) => {
      // Only rows still queued, locked until commit: should a second pass run the same batch (a
      // lease lost mid-pass, a redaction), it waits here and then skips what this one applied.
      const claimed = await lockStillQueued(tx, lane);
      const done: QueuedEventResult[] = [];
      for (const row of lane) if (claimed.has(row.id)) done.push(await applyQueuedEvent(tx, row, { ...context, savepoints }));
      // Open pages hear of the lane's sessions once, at its commit (a rollback drops it).
      const changed = done.flatMap((result) => (result.kind === "applied" ? [result.sessionId] : []));
      await notifySessionsChanged(tx, changed, "webhook", null);
      return done;
    });
  const laneRows = toLanes(rows);
  const lanes = await Promise.allSettled(
    laneRows.map(async (lane) => {
      try {
        // A lane holding a receipt on its last chance runs isolated from the start.
        return await runLane(
          lane,
          lane.some((row) => row.applyAttempts >= MAX_APPLY_ATTEMPTS),
        );
      } catch (error) {
        if (!(error instanceof EventNeedsIsolation)) throw error;
        return runLane(lane, true);
      }
    }),
  );

  let applied = 0;
  let failed = 0;
  for (const lane of lanes) {
    if (lane.status === "rejected") continue;
    for (const result of lane.value) {
      if (result.kind === "failed") {
        failed += 1;
        continue;
      }
      applied += 1;
      if (result.needsRefresh) scheduleSessionRefresh(db, result.adapter, result.providerSessionId);
    }
  }
  const broken = lanes.flatMap((lane, i) => (lane.status === "rejected" ? [{ reason: lane.reason as unknown, rows: laneRows[i]! }] : []));
  if (broken.length === 0) return { applied, failed, remaining: more };
  // The lanes that committed stand; the rest stay queued and oldest, one pass more on each of their
  // receipts (an event failing every pass is then isolated and quarantined, see MAX_APPLY_ATTEMPTS).
  await countFailedPass(
    db,
    broken.flatMap((lane) => lane.rows),
  );
  // Verdict's words only: drizzle's message lists the query's parameters, the applicant's data.
  throw new Error(`${broken.length} of ${lanes.length} lanes rolled back: ${describeApplyError(broken[0]!.reason)}`);
}

async function lockStillQueued(tx: Transaction, lane: QueuedReceipt[]): Promise<Set<string>> {
  const locked = await tx
    .select({ id: webhookReceipts.id })
    .from(webhookReceipts)
    .where(
      and(
        inArray(
          webhookReceipts.id,
          lane.map((row) => row.id),
        ),
        eq(webhookReceipts.outcome, "queued"),
      ),
    )
    .orderBy(asc(webhookReceipts.queueSeq))
    .for("update");
  return new Set(locked.map((row) => row.id));
}

async function countFailedPass(db: Database, rows: QueuedReceipt[]): Promise<void> {
  try {
    await db
      .update(webhookReceipts)
      .set({ applyAttempts: sql`${webhookReceipts.applyAttempts} + 1` })
      .where(
        and(
          inArray(
            webhookReceipts.id,
            rows.map((row) => row.id),
          ),
          eq(webhookReceipts.outcome, "queued"),
        ),
      );
  } catch {
    // The database itself is failing: the pass did not count against the events.
  }
}

/**
 * Splits a batch into LANES transactions run side by side over the pool, by provider session:
 * all of one session's events go to one lane, in queue order, so they still apply one after the
 * other, while different sessions do not wait for each other's round trips. (On PGlite, one
 * connection, the lanes simply run in turn.)
 */
function toLanes(rows: QueuedReceipt[]): QueuedReceipt[][] {
  const lanes: QueuedReceipt[][] = Array.from({ length: LANES }, () => []);
  for (const row of rows) lanes[laneOf(`${row.provider}:${row.providerSessionId ?? ""}`)]!.push(row);
  return lanes.filter((lane) => lane.length > 0);
}

function laneOf(key: string): number {
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return Math.abs(hash) % LANES;
}

/**
 * Which of the batch's bodies were quarantined at intake before (a parser fix since let the
 * provider's retry through): one lookup on the unique key for the batch instead of one per event.
 */
async function quarantinedCopiesOf(db: Database, rows: QueuedReceipt[]): Promise<Set<string>> {
  const keys = rows.flatMap((row) => (row.rawBody ? [quarantineKey(row.rawBody)] : []));
  if (keys.length === 0) return new Set();
  const found = await db
    .select({ provider: webhookReceipts.provider, dedupeKey: webhookReceipts.dedupeKey })
    .from(webhookReceipts)
    .where(and(inArray(webhookReceipts.dedupeKey, keys), eq(webhookReceipts.outcome, "quarantined")));
  return new Set(found.map((row) => `${row.provider}|${row.dedupeKey}`));
}

/** The oldest queued ids within the limit and the byte budget (always at least one). */
async function pickBatch(db: Database, limit: number): Promise<{ ids: string[]; more: boolean }> {
  const candidates = await db
    .select({ id: webhookReceipts.id, size: sql<number>`coalesce(octet_length(${webhookReceipts.rawBody}), 0)`.mapWith(Number) })
    .from(webhookReceipts)
    .where(eq(webhookReceipts.outcome, "queued"))
    .orderBy(asc(webhookReceipts.queueSeq))
    .limit(limit + 1);
  const ids: string[] = [];
  let bytes = 0;
  for (const { id, size } of candidates.slice(0, limit)) {
    if (ids.length > 0 && bytes + size > BYTE_BUDGET) break;
    ids.push(id);
    bytes += size;
  }
  return { ids, more: candidates.length > ids.length };
}
