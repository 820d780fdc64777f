import "server-only";
import type { Transaction } from "@/db/client";
import { sessionEvents } from "@/db/schema";
import type { AuditAction } from "@/lib/audit/actions";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import type { ChangeReason } from "@/lib/live/event";
import { notifySessionsChanged } from "@/lib/live/notify";
import { enqueueOutboundEvent, type OutboundEvent } from "@/lib/outbound/enqueue";
import type { SessionEventType } from "./event-types";

export type SessionChange = {
  sessionId: string;
  /**
   * The Verdict user whose action this is (a uuid), named on the timeline row and in the live
   * event so their own open pages need not warn them. Null for the provider and the system.
   */
  userId: string | null;
  /** The session's timeline row. `at` defaults to now; a provider event passes its own time. */
  timeline?: { type: SessionEventType; detail?: Record<string, unknown>; at?: Date };
  /** Announced on Verdict's own webhook once the transaction commits. */
  outbound?: OutboundEvent;
  /** Tells open pages the session changed (delivered at commit, dropped on rollback). */
  live?: ChangeReason;
  /**
   * The audit row, targeting the session. Its actor may differ from `userId`: the reconciler
   * (system) confirms a reviewer's decision.
   */
  audit?: { actor: AuditActor; action: AuditAction; details?: Record<string, unknown> };
};

/**
 * The tail every change to a session shares, written inside the caller's transaction so that
 * all of it commits or rolls back with the change: timeline row, outbound event, live
 * notification, audit row.
 *
 * The audit row is one plain insert (lib/audit/append.ts), sealed into the chain after commit
 * by the audit.seal job, so no writer waits for another here. NOTIFY and the outbound row are
 * delivered only at commit, wherever they are written.
 */
export async function recordSessionChange(tx: Transaction, change: SessionChange): Promise<void> {
  const { sessionId, userId, timeline, outbound, live, audit } = change;
  if (timeline) {
    await tx.insert(sessionEvents).values({ sessionId, at: timeline.at ?? new Date(), type: timeline.type, actorId: userId, detail: timeline.detail ?? {} });
  }
  if (outbound) await enqueueOutboundEvent(tx, outbound);
  if (live) await notifySessionsChanged(tx, [sessionId], live, userId);
  if (audit) await appendAudit(tx, { actor: audit.actor, action: audit.action, targetType: "session", targetId: sessionId, details: audit.details });
}
