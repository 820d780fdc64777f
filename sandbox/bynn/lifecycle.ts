import type { WebhookDelivery } from "../provider";
import { resourceFor } from "./render";
import { buildDelivery } from "./signing";
import { BYNN_DECISIONS, BYNN_MAIN_PATH, BYNN_REVIEWER_OUTCOMES } from "./types";
import type { BynnIssue, BynnSessionRecord, BynnState, BynnStatus } from "./types";
import { isMainStatus, mainIndex } from "./views";

const QUEUE = "identity_document.in_bynn_review_queue";
const DECLINING_ISSUES: readonly BynnIssue[] = ["document_expired", "liveness_failed", "security_checks"];
const EVENT_SPACING_MS = 1000;

/** The webhooks Bynn sends when a session reaches each status (session and dossier side). */
function eventsFor(record: BynnSessionRecord, status: BynnStatus): string[] {
  switch (status) {
    case "session.created":
      return ["session.created", "dossier.created"];
    case "session.consent.accept":
      return ["session.consent.accept", "dossier.open"];
    case "session.id_document_front.received":
      return ["session.id_document_front.received", "identity_document.received"];
    case "identity_document.analyzed": {
      const liveness = record.issues.includes("liveness_failed") ? "rejected" : "accepted";
      return [`session.liveness.${liveness}`, "identity_document.analyzed"];
    }
    case "session.completed":
      return ["session.completed", "dossier.completed"];
    case "decision.challenge":
      return ["decision.challenge", "dossier.needs_attention"];
    case "decision.approved":
      return ["decision.approved", "dossier.approved"];
    case "decision.rejected":
      return ["decision.rejected", "dossier.rejected"];
    case "session.canceled":
      return ["session.canceled", "dossier.canceled"];
    case "session.consent.reject":
      return ["session.consent.reject", "dossier.canceled"];
    case "session.expired":
      return ["session.expired", "dossier.expired"];
    default:
      return [status];
  }
}

/** Steps along the main path up to `target`; the review queue only when asked for. */
function mainSteps(fromIndex: number, target: BynnStatus): BynnStatus[] {
  const targetIndex = isMainStatus(target) ? mainIndex(target) : mainIndex("session.completed");
  return BYNN_MAIN_PATH.slice(fromIndex + 1, targetIndex + 1).filter((step) => step !== QUEUE || step === target);
}

/**
 * Forward moves go through every step the real flow would (and send each step's webhooks);
 * anything else (backwards, or a jump between outcomes) is set directly, for tests and demos.
 */
export function stepsTo(record: BynnSessionRecord, target: BynnStatus): BynnStatus[] {
  if (record.status === target) return [];
  const current = isMainStatus(record.status) ? mainIndex(record.status) : -1;
  if (isMainStatus(target)) return current >= 0 && mainIndex(target) > current ? mainSteps(current, target) : [target];
  if ((BYNN_DECISIONS as readonly string[]).includes(target)) return current >= 0 ? [...mainSteps(current, target), target] : [target];
  if ((BYNN_REVIEWER_OUTCOMES as readonly string[]).includes(target)) {
    if (record.status === "decision.challenge") return [target];
    return current >= 0 ? [...mainSteps(current, target), "decision.challenge", target] : [target];
  }
  return [target];
}

export function applyStatus(state: BynnState, record: BynnSessionRecord, target: BynnStatus): WebhookDelivery[] {
  return runSteps(state, record, stepsTo(record, target));
}

/** Enters each step in turn and returns the webhooks Bynn sends on the way. */
export function runSteps(state: BynnState, record: BynnSessionRecord, steps: readonly BynnStatus[]): WebhookDelivery[] {
  const deliveries: WebhookDelivery[] = [];
  // Never behind the stored updated_at: Verdict drops events older than what it holds.
  let at = Math.max(state.clock().getTime(), record.updatedAt.getTime() + EVENT_SPACING_MS);
  for (const step of steps) {
    record.status = step;
    if (isMainStatus(step)) record.reached = step;
    if (step.startsWith("decision.")) record.decidedAt = new Date(at);
    for (const eventType of eventsFor(record, step)) {
      record.updatedAt = new Date(at);
      const resource = resourceFor(state, record, eventType);
      deliveries.push(buildDelivery(state, { eventType, at: record.updatedAt, sessionId: record.sessionId, resource }));
      at += EVENT_SPACING_MS;
    }
  }
  return deliveries;
}

/** Where the decision engine lands a completed session, from what is wrong with it. */
export function outcomeFor(record: BynnSessionRecord): BynnStatus {
  if (record.issues.some((issue) => DECLINING_ISSUES.includes(issue))) return "decision.rejected";
  return record.issues.length > 0 ? "decision.challenge" : "decision.approved";
}

/** One step along the flow. Challenged sessions wait for a reviewer, so they do not move by themselves. */
export function nextStatus(record: BynnSessionRecord, random: () => number): BynnStatus | null {
  switch (record.status) {
    case "session.created":
      return random() < 0.1 ? "session.consent.reject" : "session.consent.accept";
    case "session.liveness.started":
      return random() < 0.25 ? QUEUE : "identity_document.analyzed";
    case QUEUE:
      return "identity_document.analyzed";
    case "session.completed":
      return outcomeFor(record);
    default: {
      if (!isMainStatus(record.status)) return null;
      return BYNN_MAIN_PATH[mainIndex(record.status) + 1] ?? null;
    }
  }
}

/** DELETE /v1/sessions/{id}: only a session still in the flow can be canceled. */
export function cancelRefusal(record: BynnSessionRecord): { status: 410 | 422; type: string; message: string } | null {
  if (record.status === "session.canceled") return { status: 410, type: "session_canceled", message: "This session has been canceled." };
  if (record.status === "session.consent.reject") {
    return { status: 410, type: "consent_rejected", message: "The applicant refused consent for this session." };
  }
  const inFlow = isMainStatus(record.status) && record.status !== "session.completed";
  if (inFlow) return null;
  const reason = record.status === "session.expired" ? "has expired" : "is already completed";
  return { status: 422, type: "invalid_request", message: `This session ${reason} and can no longer be canceled.` };
}
