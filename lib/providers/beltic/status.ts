/**
 * Beltic's session and check statuses mapped onto our common set (providers.md §5).
 * Pure data, no secrets: tests and client code may import it.
 */
import { statusReader } from "../kit/status";
import type { CheckResult, CommonStatus, DecisionAction } from "../types";

/** Verbatim from the sessions guide; lower case, case-sensitive. */
export const BELTIC_STATUSES = ["created", "started", "pending", "completed", "failed", "marked_for_review", "approved", "declined", "expired"] as const;
export type BelticStatus = (typeof BELTIC_STATUSES)[number];

/** Beltic's vocabulary is the one our common set was modelled on: the map is the identity. */
export const BELTIC_STATUS_MAP: Record<BelticStatus, CommonStatus> = {
  created: "created",
  started: "started",
  pending: "pending",
  completed: "completed",
  failed: "failed",
  marked_for_review: "marked_for_review",
  approved: "approved",
  declined: "declined",
  expired: "expired",
};

const BELTIC = statusReader(BELTIC_STATUS_MAP);
export const isBelticStatus: (raw: string) => raw is BelticStatus = BELTIC.is;
/** Unknown statuses read as "pending". */
export const mapBelticStatus: (raw: string) => CommonStatus = BELTIC.map;

/**
 * A verification check: `status` is the verdict, `requirement` says whether it counts. A failed
 * check that is `not_required` does not fail the verification, so it is a flag for a reviewer.
 * Check status values beyond `passed`/`failed`/`not_applicable` are UNCONFIRMED and read as not_run.
 */
export function mapBelticCheckResult(status: string | null | undefined, requirement?: string | null): CheckResult {
  if (status === "passed") return "passed";
  if (status === "failed") return requirement === "not_required" ? "review" : "failed";
  if (status === "requires_review" || status === "needs_review") return "review";
  return "not_run";
}

/** behavior_analysis.threat_level (only `low` seen in the docs; the rest UNCONFIRMED). */
export function mapBelticThreatLevel(level: string | null | undefined): CheckResult {
  if (level === "low" || level === "none") return "passed";
  if (level === "medium" || level === "elevated") return "review";
  if (level === "high" || level === "critical") return "failed";
  return "not_run";
}

/**
 * Beltic's review endpoint moves the session to these statuses; it has no resubmission.
 * Written to the row when a decision takes effect, so it reads right before the webhook confirms it.
 */
export const BELTIC_RAW_STATUS_AFTER_DECISION: Partial<Record<DecisionAction, string>> = { approve: "approved", decline: "declined" };

/**
 * UNCONFIRMED: Beltic's examples show milliseconds ("2026-01-16T10:00:00.000Z"); no coarser clock
 * is documented, so its times are ordered to the millisecond.
 */
export const BELTIC_CLOCK_PRECISION_MS = 1;
