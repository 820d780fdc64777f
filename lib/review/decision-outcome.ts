import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { decisions, sessionEvents, verificationSessions } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import { notifySessionsChanged } from "@/lib/live/notify";
import { enqueueOutboundEvent } from "@/lib/outbound/enqueue";
import type { DecisionAction } from "@/lib/providers/types";
import type { CommonStatus } from "@/lib/sessions/status";

export const STATUS_AFTER: Record<DecisionAction, CommonStatus> = {
  approve: "approved",
  decline: "declined",
  resubmit: "started",
};

/**
 * The provider's own word for the state a decision leads to, so the row reads right before the
 * provider's webhook confirms it. Where the provider has no decision API the raw status stays
 * what the provider says (e.g. iDenfy SUSPECTED): only a new provider status may change it, so
 * a later sync of the unchanged provider state does not undo the recorded decision.
 */
const RAW_STATUS_AFTER: Record<string, Partial<Record<DecisionAction, string>>> = {
  didit: { approve: "Approved", decline: "Declined", resubmit: "Resubmitted" },
  beltic: { approve: "approved", decline: "declined" },
  idenfy: { resubmit: "ACTIVE" },
};

export function rawStatusAfter(provider: string, action: DecisionAction): string | undefined {
  return RAW_STATUS_AFTER[provider]?.[action];
}

export type DecisionRow = typeof decisions.$inferSelect;

/**
 * Settles a decision that took effect (confirmed by the provider, or recorded where the
 * provider has no decision API): new status, version bump, claim released, timeline, audit.
 */
export async function applyDecision(
  tx: Transaction,
  decision: DecisionRow,
  provider: string,
  state: "confirmed" | "recorded",
  actor: AuditActor,
  providerResponse: Record<string, unknown> | null,
): Promise<void> {
  const now = new Date();
  const [updated] = await tx
    .update(verificationSessions)
    .set({
      status: STATUS_AFTER[decision.action as DecisionAction],
      rawStatus: rawStatusAfter(provider, decision.action as DecisionAction),
      version: sql`${verificationSessions.version} + 1`,
      assigneeId: null,
      claimExpiresAt: null,
      updatedAt: now,
    })
    .where(eq(verificationSessions.id, decision.sessionId))
    .returning({ providerSessionId: verificationSessions.providerSessionId });
  // Announced on Verdict's own webhook: for iDenfy and Bynn the customer learns the decision only here.
  await enqueueOutboundEvent(tx, {
    type: `decision.${state}`,
    data: {
      sessionId: decision.sessionId,
      provider,
      providerSessionId: updated!.providerSessionId,
      action: decision.action,
      reasonCode: decision.reasonCode,
      decisionId: decision.id,
      decidedBy: decision.actorId,
      status: STATUS_AFTER[decision.action as DecisionAction],
    },
  });
  await tx.update(decisions).set({ state, providerResponse, error: null, updatedAt: now }).where(eq(decisions.id, decision.id));
  await tx.insert(sessionEvents).values({
    sessionId: decision.sessionId,
    at: now,
    type: "decision",
    actorId: decision.actorId,
    detail: { decisionId: decision.id, action: decision.action, reasonCode: decision.reasonCode, comment: decision.comment, state },
  });
  await appendAudit(tx, {
    actor,
    action: `decision.${state}`,
    targetType: "session",
    targetId: decision.sessionId,
    details: { decisionId: decision.id, action: decision.action, reasonCode: decision.reasonCode, provider },
  });
  await notifySessionsChanged(tx, [decision.sessionId], "decision", decision.actorId);
}

export async function failDecision(tx: Transaction, decision: DecisionRow, actor: AuditActor, message: string): Promise<void> {
  const now = new Date();
  await tx.update(decisions).set({ state: "failed", error: message, updatedAt: now }).where(eq(decisions.id, decision.id));
  await tx.insert(sessionEvents).values({
    sessionId: decision.sessionId,
    at: now,
    type: "decision_failed",
    actorId: decision.actorId,
    detail: { decisionId: decision.id, action: decision.action, error: message },
  });
  await appendAudit(tx, {
    actor,
    action: "decision.failed",
    targetType: "session",
    targetId: decision.sessionId,
    details: { decisionId: decision.id, action: decision.action, error: message.slice(0, 300) },
  });
  await notifySessionsChanged(tx, [decision.sessionId], "decision", decision.actorId);
}
