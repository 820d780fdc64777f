/**
 * Didit's session and feature statuses mapped onto our common set (providers.md §5).
 * Pure data, no secrets: tests and client code may import it.
 */
import { statusReader } from "../kit/status";
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

const DIDIT = statusReader(DIDIT_STATUS_MAP);
export const isDiditStatus: (raw: string) => raw is DiditStatus = DIDIT.is;
/** Unknown statuses read as "pending". */
export const mapDiditStatus: (raw: string) => CommonStatus = DIDIT.map;

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

/**
 * How finely Didit's clock tells events apart. Webhook `created_at` / `timestamp` are Unix
 * seconds, while the decision's review times carry microseconds: ordering webhooks against a
 * synced copy can only trust whole seconds. Pure data: the sync layer reads it by provider id.
 */
export const DIDIT_CLOCK_PRECISION_MS = 1000;
