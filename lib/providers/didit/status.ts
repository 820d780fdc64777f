/**
 * Didit's session and feature statuses mapped onto our common set (providers.md §5).
 * Pure data, no secrets: tests and client code may import it.
 */
import type { CheckResult, CommonStatus, DecisionAction } from "../types";

export const DIDIT_STATUSES = [
  "Not Started",
  "In Progress",
  "Approved",
  "Declined",
  "In Review",
  "Expired",
  "Abandoned",
  "Kyc Expired",
  "Resubmitted",
  "Awaiting User",
] as const;
export type DiditStatus = (typeof DIDIT_STATUSES)[number];

export const DIDIT_STATUS_MAP: Record<DiditStatus, CommonStatus> = {
  "Not Started": "created",
  "In Progress": "started",
  // Both wait on the end user (redoing steps / other KYB parties), so they read as "started".
  Resubmitted: "started",
  "Awaiting User": "started",
  "In Review": "marked_for_review",
  Approved: "approved",
  Declined: "declined",
  Expired: "expired",
  Abandoned: "expired",
  // A lapsed approval; the raw status stays on the session so the UI can badge it separately.
  "Kyc Expired": "expired",
};

export function isDiditStatus(raw: string): raw is DiditStatus {
  return Object.hasOwn(DIDIT_STATUS_MAP, raw);
}

/** Unknown statuses must not break a sync: park them as "pending" (the raw value is kept beside it). */
export function mapDiditStatus(raw: string): CommonStatus {
  return isDiditStatus(raw) ? DIDIT_STATUS_MAP[raw] : "pending";
}

/** Feature-level statuses (`Not Finished`, `Resub Requested`, …) that are not a verdict read as not_run. */
export function mapDiditCheckResult(raw: string | null | undefined): CheckResult {
  if (raw === "Approved") return "passed";
  if (raw === "Declined") return "failed";
  if (raw === "In Review") return "review";
  return "not_run";
}

/**
 * Didit's own words for the state its decision API leaves a session in.
 * Written to the row when a decision takes effect, so it reads right before the webhook confirms it.
 */
export const DIDIT_RAW_STATUS_AFTER_DECISION: Partial<Record<DecisionAction, string>> = { approve: "Approved", decline: "Declined", resubmit: "Resubmitted" };
