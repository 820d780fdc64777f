import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { decisions, verificationSessions } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/append";
import { rawStatusAfterDecision } from "@/lib/providers/decision-statuses";
import type { DecisionAction } from "@/lib/providers/types";
import { recordSessionChange } from "@/lib/sessions/record-change";
import type { CommonStatus } from "@/lib/sessions/status";

export const STATUS_AFTER: Record<DecisionAction, CommonStatus> = {
  approve: "approved",
  decline: "declined",
  resubmit: "started",
};

export type DecisionRow = typeof decisions.$inferSelect;

/** A decision whose outcome is still open: the provider may or may not have it. */
export const OPEN_DECISION_STATES = ["requested", "sent"] as const satisfies DecisionRow["state"][];

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
  await tx.update(decisions).set({ state, providerResponse, error: null, updatedAt: now }).where(eq(decisions.id, decision.id));
  await applyToSession(tx, decision, provider, state, actor, now);
}

/**
 * Confirms a decision only while it is still open, in one statement (no separate lock and read):
 * null when something else, the reconciler on a very slow call, settled it first.
 */
export async function confirmOpenDecision(
  tx: Transaction,
  decisionId: string,
  provider: string,
  actor: AuditActor,
  providerResponse: Record<string, unknown> | null,
): Promise<DecisionRow | null> {
  const now = new Date();
  const [decision] = await tx
    .update(decisions)
    .set({ state: "confirmed", providerResponse, error: null, updatedAt: now })
    .where(and(eq(decisions.id, decisionId), inArray(decisions.state, OPEN_DECISION_STATES)))
    .returning();
  if (!decision) return null;
  await applyToSession(tx, decision, provider, "confirmed", actor, now);
  return decision;
}

async function applyToSession(tx: Transaction, decision: DecisionRow, provider: string, state: "confirmed" | "recorded", actor: AuditActor, now: Date) {
  const status = STATUS_AFTER[decision.action];
  const [updated] = await tx
    .update(verificationSessions)
    .set({
      status,
      rawStatus: rawStatusAfterDecision(provider, decision.action),
      version: sql`${verificationSessions.version} + 1`,
      assigneeId: null,
      claimExpiresAt: null,
      updatedAt: now,
    })
    .where(eq(verificationSessions.id, decision.sessionId))
    .returning({ providerSessionId: verificationSessions.providerSessionId });
  await recordSessionChange(tx, {
    sessionId: decision.sessionId,
    userId: decision.actorId,
    timeline: {
      type: "decision",
      at: now,
      detail: { decisionId: decision.id, action: decision.action, reasonCode: decision.reasonCode, comment: decision.comment, state },
    },
    // Announced on Verdict's own webhook: for iDenfy and Bynn the customer learns the decision only here.
    outbound: {
      type: `decision.${state}`,
      data: {
        sessionId: decision.sessionId,
        provider,
        providerSessionId: updated!.providerSessionId,
        action: decision.action,
        reasonCode: decision.reasonCode,
        decisionId: decision.id,
        decidedBy: decision.actorId,
        status,
      },
    },
    live: "decision",
    audit: { actor, action: `decision.${state}`, details: { decisionId: decision.id, action: decision.action, reasonCode: decision.reasonCode, provider } },
  });
}

export async function failDecision(tx: Transaction, decision: DecisionRow, actor: AuditActor, message: string): Promise<void> {
  const now = new Date();
  await tx.update(decisions).set({ state: "failed", error: message, updatedAt: now }).where(eq(decisions.id, decision.id));
  await recordFailure(tx, decision, actor, message, now);
}

/** Marks a decision failed only while it is still open, in one statement; false when it was settled first. */
export async function failOpenDecision(tx: Transaction, decision: DecisionRow, actor: AuditActor, message: string): Promise<boolean> {
  const now = new Date();
  const [failed] = await tx
    .update(decisions)
    .set({ state: "failed", error: message, updatedAt: now })
    .where(and(eq(decisions.id, decision.id), inArray(decisions.state, OPEN_DECISION_STATES)))
    .returning({ id: decisions.id });
  if (failed) await recordFailure(tx, decision, actor, message, now);
  return Boolean(failed);
}

async function recordFailure(tx: Transaction, decision: DecisionRow, actor: AuditActor, message: string, now: Date) {
  await recordSessionChange(tx, {
    sessionId: decision.sessionId,
    userId: decision.actorId,
    timeline: { type: "decision_failed", at: now, detail: { decisionId: decision.id, action: decision.action, error: message } },
    live: "decision",
    audit: { actor, action: "decision.failed", details: { decisionId: decision.id, action: decision.action, error: message.slice(0, 300) } },
  });
}
