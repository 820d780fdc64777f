import type { Prng } from "../generate/prng";
import type { BelticStatus, Issue } from "./types";

export type Scenario = { status: BelticStatus; issues: Issue[]; manualEntry: boolean; addressProof: boolean };

/** What puts a session in the review queue; each appears at least once. */
export const REVIEW_ISSUES: readonly Issue[] = [
  "dob_mismatch",
  "transliterated_name",
  "document_number_mismatch",
  "document_expired",
  "low_face_match",
  "low_liveness",
  "tampering",
  "mrz_mismatch",
  "bot_behavior",
  "address_mismatch",
];
const DECLINE_ISSUES: readonly Issue[] = ["document_expired", "tampering", "low_face_match", "bot_behavior"];
/** Compared against what the integrator entered, so only meaningful with manual entry. */
export const MISMATCH_ISSUES: readonly Issue[] = ["dob_mismatch", "transliterated_name", "document_number_mismatch"];

const OTHER_STATUSES: readonly BelticStatus[] = ["created", "started", "pending", "completed", "failed", "approved", "declined", "expired"];
const EXTRA_WEIGHTS: readonly BelticStatus[] = [
  "approved",
  "approved",
  "approved",
  "approved",
  "declined",
  "declined",
  "marked_for_review",
  "marked_for_review",
  "completed",
  "started",
  "created",
  "pending",
  "expired",
  "failed",
];

/** Every status at least once and every review issue in the queue, as long as count allows (18 or more). */
export function planScenarios(prng: Prng, count: number): Scenario[] {
  const required: BelticStatus[] = [...REVIEW_ISSUES.map((): BelticStatus => "marked_for_review"), ...OTHER_STATUSES];
  const extra = Array.from({ length: Math.max(0, count - required.length) }, () => prng.pick(EXTRA_WEIGHTS));
  let reviewed = 0;
  let declined = 0;
  return prng
    .shuffle([...required, ...extra])
    .slice(0, count)
    .map((status) => {
      if (status === "marked_for_review") {
        const issue = REVIEW_ISSUES[reviewed++ % REVIEW_ISSUES.length] as Issue;
        const second = reviewed > REVIEW_ISSUES.length ? [prng.pick(REVIEW_ISSUES)] : [];
        return scenario(prng, status, [...new Set([issue, ...second])]);
      }
      if (status === "declined") return scenario(prng, status, [DECLINE_ISSUES[declined++ % DECLINE_ISSUES.length] as Issue]);
      if (status === "approved" && prng.chance(0.35)) {
        return scenario(prng, status, [prng.pick(["transliterated_name", "low_liveness"] as const)]);
      }
      return scenario(prng, status, []);
    });
}

/** A fresh session for demo mode: mostly clean, some heading for review. */
export function randomScenario(prng: Prng): Scenario {
  return scenario(prng, "created", prng.chance(0.4) ? [prng.pick(REVIEW_ISSUES)] : []);
}

function scenario(prng: Prng, status: BelticStatus, issues: Issue[]): Scenario {
  const mismatch = issues.some((issue) => MISMATCH_ISSUES.includes(issue));
  return {
    status,
    issues,
    manualEntry: mismatch || prng.chance(0.4),
    addressProof: issues.includes("address_mismatch") || prng.chance(0.3),
  };
}

export function labelOf(status: BelticStatus, issues: readonly Issue[]): string {
  return `${status}:${issues.join("+") || "clean"}`;
}
