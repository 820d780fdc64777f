import type { Prng } from "../generate/prng";
import { BYNN_STATUSES } from "./types";
import type { BynnIssue, BynnStatus } from "./types";

export type Scenario = { status: BynnStatus; issues: BynnIssue[]; label: string };

const REVIEW_ISSUES: readonly BynnIssue[] = ["dob_mismatch", "transliterated_name", "document_number_mismatch", "mrz_mismatch", "aml_match", "vpn"];
// document_expired first, so even a small sandbox has an expired document.
const DECLINE_ISSUES: readonly BynnIssue[] = ["document_expired", "liveness_failed", "security_checks"];
const REVIEWER_APPROVED_ISSUES: readonly BynnIssue[] = ["transliterated_name", "aml_match"];
const REVIEWER_REJECTED_ISSUES: readonly BynnIssue[] = ["dob_mismatch", "document_number_mismatch"];
const MIN_CHALLENGES = 7;
const EXTRA_STATUS_WEIGHTS: readonly BynnStatus[] = [
  "decision.approved",
  "decision.approved",
  "decision.approved",
  "decision.approved",
  "decision.rejected",
  "decision.challenge",
  "session.completed",
  "session.liveness.started",
  "session.created",
  "identity_document.analyzed",
  "session.expired",
  "dossier.approved",
];

/** Every status at least once and several challenges, as long as count allows (21 or more). */
export function planStatuses(prng: Prng, count: number): BynnStatus[] {
  const required: BynnStatus[] = [
    ...Array.from({ length: MIN_CHALLENGES }, (): BynnStatus => "decision.challenge"),
    ...BYNN_STATUSES.filter((status) => status !== "decision.challenge"),
  ];
  const extra = Array.from({ length: Math.max(0, count - required.length) }, () => prng.pick(EXTRA_STATUS_WEIGHTS));
  return prng.shuffle([...required, ...extra]).slice(0, count);
}

export function planScenarios(prng: Prng, count: number): Scenario[] {
  const counters = { review: 0, decline: 0, approved: 0, rejected: 0 };
  const next = (list: readonly BynnIssue[], key: keyof typeof counters) => list[counters[key]++ % list.length] as BynnIssue;
  return planStatuses(prng, count).map((status) => {
    switch (status) {
      case "decision.challenge": {
        const first = next(REVIEW_ISSUES, "review");
        const second = counters.review > REVIEW_ISSUES.length ? [prng.pick(REVIEW_ISSUES)] : [];
        return scenario(status, [...new Set([first, ...second])]);
      }
      case "decision.rejected":
        return scenario(status, [next(DECLINE_ISSUES, "decline")]);
      case "dossier.approved":
        return scenario(status, [next(REVIEWER_APPROVED_ISSUES, "approved")]);
      case "dossier.rejected":
        return scenario(status, [next(REVIEWER_REJECTED_ISSUES, "rejected")]);
      case "decision.approved":
        return scenario(status, []);
      case "session.canceled":
      case "session.consent.reject":
      case "session.expired":
      case "session.created":
        return scenario(status, []);
      default:
        // Still in the flow: some already carry what the decision engine will trip over.
        return scenario(status, prng.chance(0.4) ? [prng.pick(REVIEW_ISSUES)] : []);
    }
  });
}

export function scenario(status: BynnStatus, issues: BynnIssue[]): Scenario {
  return { status, issues, label: `${status}:${issues.join("+") || "clean"}` };
}
