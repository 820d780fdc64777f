/**
 * Bynn has no single session status enum (providers.md §4.6): the state of a session is told by
 * webhook event types, by the dossier status and by the decision. This maps every raw form we
 * keep in `rawStatus` onto the common set (providers.md §5). Pure data: tests and client code
 * may import it.
 *
 * Raw forms:
 *   - an event type, verbatim (`decision.challenge`), from webhooks;
 *   - `dossier:<status>`, `decision:<status>`, `session:<status>` from GET /v1/sessions/{id}.
 * UNCONFIRMED: the dossier statuses mirror the `dossier.*` event names; the decision statuses
 * (`accepted` is documented, `rejected`/`challenge` are our guess) and the session statuses
 * (`created`, `in_progress`, `processing`, `completed`, `canceled`, `consent_rejected`, `expired`)
 * are not documented anywhere we read.
 */
import { statusReader } from "../kit/status";
import type { CheckResult, CommonStatus, DecisionAction } from "../types";

/** Webhook event types that move a session's status. */
export const BYNN_EVENT_STATUS_MAP = {
  "session.created": "created",
  "dossier.created": "created",
  "session.consent.accept": "started",
  "session.liveness.started": "started",
  "session.id_document_front.received": "started",
  "session.id_document_back.received": "started",
  "session.poa.received": "started",
  "identity_document.received": "started",
  "proof_of_address.received": "started",
  "proof_of_funds.received": "started",
  "dossier.open": "started",
  "identity_document.in_bynn_review_queue": "pending",
  // "before decision": an analysed document arriving after the decision is older and loses on providerUpdatedAt.
  "identity_document.analyzed": "pending",
  "session.completed": "completed",
  "dossier.completed": "completed",
  // Cancellation is an abort, not a decision; providers.md §5 footnote 2.
  "session.canceled": "failed",
  "session.consent.reject": "failed",
  "dossier.canceled": "failed",
  "decision.challenge": "marked_for_review",
  "dossier.needs_attention": "marked_for_review",
  "identity_document.needs_attention": "marked_for_review",
  "decision.approved": "approved",
  "dossier.approved": "approved",
  "decision.rejected": "declined",
  "dossier.rejected": "declined",
  "session.expired": "expired",
  "dossier.expired": "expired",
} as const satisfies Record<string, CommonStatus>;

export type BynnStatusEvent = keyof typeof BYNN_EVENT_STATUS_MAP;

/** Read from GET /v1/sessions/{id}. `dossier:archived` is deliberately absent: archiving is not a lifecycle state. */
export const BYNN_RECORD_STATUS_MAP = {
  "dossier:created": "created",
  "dossier:open": "started",
  "dossier:completed": "completed",
  "dossier:needs_attention": "marked_for_review",
  "dossier:approved": "approved",
  "dossier:rejected": "declined",
  "dossier:canceled": "failed",
  "dossier:expired": "expired",
  "decision:accepted": "approved",
  "decision:rejected": "declined",
  "decision:challenge": "marked_for_review",
  "session:created": "created",
  "session:in_progress": "started",
  "session:processing": "pending",
  "session:completed": "completed",
  "session:canceled": "failed",
  "session:consent_rejected": "failed",
  "session:expired": "expired",
  // A 410 answer: canceled or consent refused, which is a normal terminal state.
  "session:gone": "failed",
} as const satisfies Record<string, CommonStatus>;

export const BYNN_STATUS_MAP: Record<string, CommonStatus> = { ...BYNN_EVENT_STATUS_MAP, ...BYNN_RECORD_STATUS_MAP };

/** Dossier statuses that say more than the session's own status (a decision or an end). */
export const BYNN_SETTLED_DOSSIER_STATUSES = ["needs_attention", "approved", "rejected", "canceled", "expired"] as const;

const BYNN = statusReader(BYNN_STATUS_MAP);
export const isBynnStatus: (raw: string) => boolean = BYNN.is;

/** True for event types that move the status; every other event is recorded without moving it. */
export function bynnEventSettlesStatus(eventType: string): boolean {
  return Object.hasOwn(BYNN_EVENT_STATUS_MAP, eventType);
}

/** Unknown values must not break intake: they read as "pending" (the raw value is kept beside it). */
export const mapBynnStatus: (raw: string) => CommonStatus = BYNN.map;

/** Decision engine and document verdicts as check results. UNCONFIRMED beyond `accepted`. */
export function mapBynnCheckResult(raw: string | null | undefined): CheckResult {
  switch (raw) {
    case "accepted":
    case "approved":
    case "trusted":
    case "no_match":
    case "match_rejected":
      return "passed";
    case "rejected":
    case "expired":
    case "fraud":
    case "match_confirmed":
      return "failed";
    case "challenge":
    case "needs_attention":
    case "in_bynn_review_queue":
    case "match":
      return "review";
    default:
      return "not_run";
  }
}

/**
 * Bynn has no decision API: a decision recorded in Verdict leaves Bynn's raw status as Bynn reports it.
 * Written to the row when a decision takes effect, so it reads right before the webhook confirms it.
 */
export const BYNN_RAW_STATUS_AFTER_DECISION: Partial<Record<DecisionAction, string>> = {};

/** Bynn's times are ISO 8601 to the second ("2025-06-12T14:59:33+01:00" in its webhook examples). */
export const BYNN_CLOCK_PRECISION_MS = 1000;
