/**
 * iDenfy's overall statuses and check verdicts mapped onto our common set (providers.md §5).
 * Pure data, no secrets: tests and client code may import it.
 */
import { statusReader } from "../kit/status";
import type { CheckResult, CommonStatus, DecisionAction } from "../types";

export const IDENFY_STATUSES = [
  "ACTIVE",
  "REVIEWING",
  "SUSPECTED",
  "APPROVED",
  "DENIED",
  "EXPIRED",
  "DELETED",
  "EXPIRED-DELETED",
  "ARCHIVED",
  // Legacy documentation only; still mapped so an old account does not park sessions oddly.
  "NOT_REVIEWED",
] as const;
export type IdenfyStatus = (typeof IDENFY_STATUSES)[number];

export const IDENFY_STATUS_MAP: Record<IdenfyStatus, CommonStatus> = {
  ACTIVE: "created",
  REVIEWING: "pending",
  NOT_REVIEWED: "pending",
  // "Needs your own business logic": iDenfy leaves the call to us.
  SUSPECTED: "marked_for_review",
  APPROVED: "approved",
  DENIED: "declined",
  EXPIRED: "expired",
  "EXPIRED-DELETED": "expired",
  // Redaction is not a lifecycle step: the caller passes the status the session had, else expired.
  DELETED: "expired",
  ARCHIVED: "expired",
};

/** Statuses that mean the personal data is gone (or archived); flagged `redacted` in riskSummary. */
export const IDENFY_REDACTED_STATUSES: readonly string[] = ["DELETED", "EXPIRED-DELETED", "ARCHIVED"];

/** Results that only count once `final` is true: a manual review may still overturn them. */
const RESULT_STATUSES: readonly string[] = ["APPROVED", "DENIED", "SUSPECTED"];

export type IdenfyStatusContext = {
  /** The payload's `final` flag; absent on the status endpoint. */
  final?: boolean | null;
  /** An AUTO_UNVERIFIABLE verdict still waiting for iDenfy's human reviewer. */
  awaitingManualReview?: boolean;
  /** For redacted statuses: what the session was before its data was deleted. */
  previous?: CommonStatus | null;
};

const IDENFY = statusReader(IDENFY_STATUS_MAP);
export const isIdenfyStatus: (raw: string) => raw is IdenfyStatus = IDENFY.is;

export function isRedactedStatus(raw: string): boolean {
  return IDENFY_REDACTED_STATUSES.includes(raw);
}

/** Unknown statuses must not break a sync: they read as "pending" (the raw value is kept beside it). */
export function mapIdenfyStatus(raw: string, context: IdenfyStatusContext = {}): CommonStatus {
  if (raw === "EXPIRED-DELETED") return "expired";
  if (isRedactedStatus(raw)) return context.previous ?? "expired";
  const unsettled = context.final === false || context.awaitingManualReview === true;
  if (unsettled && RESULT_STATUSES.includes(raw)) return "pending";
  return IDENFY.map(raw);
}

const UNDECIDED = ["AUTO_UNVERIFIABLE", "FACE_UNCERTAIN"];
const NOT_RUN = ["FACE_NOT_CHECKED", "FACE_NOT_ANALYSED", "DOC_NOT_ANALYSED"];

/** autoFace/manualFace and autoDocument/manualDocument verdicts as a check result. */
export function mapIdenfyVerdict(code: string | null | undefined): CheckResult {
  if (!code) return "not_run";
  if (code === "FACE_MATCH" || code === "DOC_VALIDATED") return "passed";
  if (UNDECIDED.includes(code)) return "review";
  if (NOT_RUN.includes(code)) return "not_run";
  return "failed";
}

const RISK_LEVEL_RESULTS: Record<string, CheckResult> = {
  VERY_LOW: "passed",
  LOW: "passed",
  MEDIUM: "review",
  HIGH: "failed",
  VERY_HIGH: "failed",
  NOT_CHECKED: "not_run",
};

export function mapIdenfyRiskLevel(level: string | null | undefined): CheckResult {
  return level && Object.hasOwn(RISK_LEVEL_RESULTS, level) ? (RISK_LEVEL_RESULTS[level] ?? "not_run") : "not_run";
}

/**
 * iDenfy has no decision API: approve/decline keep its own status (e.g. SUSPECTED); a resubmission opens a new ACTIVE attempt.
 * Written to the row when a decision takes effect, so it reads right before the webhook confirms it.
 */
export const IDENFY_RAW_STATUS_AFTER_DECISION: Partial<Record<DecisionAction, string>> = { resubmit: "ACTIVE" };

/** iDenfy's `startTime` / `finishTime` are Unix seconds (ResultCallback.md): events in one second are a tie. */
export const IDENFY_CLOCK_PRECISION_MS = 1000;
