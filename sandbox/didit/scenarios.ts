import type { Prng } from "../generate/prng";
import { DIDIT_STATUSES } from "./types";
import type { DiditStatus } from "./types";

export type Issue =
  | "dob_mismatch"
  | "transliterated_name"
  | "low_face_match"
  | "possible_fraud"
  | "aml_hit"
  | "low_liveness"
  | "mrz_mismatch"
  | "duplicated_user"
  | "document_expired"
  | "mrz_not_detected";

/** How far the applicant got: nothing captured, document started, some features done, all done. */
export type Stage = "none" | "started" | "partial" | "complete";
/** Earlier manual reviews: none, a reviewer decided, or a reviewer asked for a resubmission. */
export type History = "none" | "manual" | "resubmitted";

export type Scenario = {
  status: DiditStatus;
  stage: Stage;
  issues: Issue[];
  history: History;
  /** Approved once, but the document has since expired (Kyc Expired). */
  lapsed: boolean;
  /** Workflow hides some attributes, which Didit returns as null. */
  restricted: boolean;
  label: string;
};

export const REVIEW_ISSUES: readonly Issue[] = [
  "dob_mismatch",
  "transliterated_name",
  "low_face_match",
  "possible_fraud",
  "aml_hit",
  "low_liveness",
  "mrz_mismatch",
  "duplicated_user",
];
export const DECLINE_ISSUES: readonly Issue[] = ["document_expired", "low_face_match", "possible_fraud", "aml_hit"];
const MIN_IN_REVIEW = 8;
const EXTRA_STATUS_WEIGHTS: readonly DiditStatus[] = [
  "Approved",
  "Approved",
  "Approved",
  "Approved",
  "Declined",
  "Declined",
  "In Review",
  "In Review",
  "In Progress",
  "Not Started",
  "Abandoned",
  "Expired",
];

/** Every status at least once and ≥ 8 In Review, as long as count allows (17 or more). */
export function planStatuses(prng: Prng, count: number): DiditStatus[] {
  const required: DiditStatus[] = [
    ...Array.from({ length: MIN_IN_REVIEW }, (): DiditStatus => "In Review"),
    ...DIDIT_STATUSES.filter((status) => status !== "In Review"),
  ];
  const extra = Array.from({ length: Math.max(0, count - required.length) }, () => prng.pick(EXTRA_STATUS_WEIGHTS));
  return prng.shuffle([...required, ...extra]).slice(0, count);
}

export function planScenarios(prng: Prng, count: number): Scenario[] {
  let reviewed = 0;
  let declined = 0;
  return planStatuses(prng, count).map((status) => {
    if (status === "In Review") {
      const issue = REVIEW_ISSUES[reviewed % REVIEW_ISSUES.length] as Issue;
      const issues = reviewed >= REVIEW_ISSUES.length ? [issue, prng.pick(REVIEW_ISSUES)] : [issue];
      reviewed++;
      return makeScenario(status, "complete", [...new Set(issues)], reviewed % 4 === 2 ? "resubmitted" : "none");
    }
    if (status === "Declined") {
      const issue = DECLINE_ISSUES[declined++ % DECLINE_ISSUES.length] as Issue;
      return makeScenario(status, "complete", [issue], issue === "document_expired" ? "none" : "manual");
    }
    if (status === "Approved") {
      const manual = prng.chance(0.35);
      const issues: Issue[] = manual ? [prng.pick(["transliterated_name", "low_liveness", "aml_hit"] as const)] : [];
      return { ...makeScenario(status, "complete", issues, manual ? "manual" : "none"), restricted: prng.chance(0.25) };
    }
    if (status === "Kyc Expired") return { ...makeScenario(status, "complete", [], "none"), lapsed: true };
    if (status === "Resubmitted") return makeScenario(status, "complete", ["mrz_not_detected"], "resubmitted");
    if (status === "In Progress") return makeScenario(status, "started", [], "none");
    if (status === "Abandoned" || status === "Awaiting User") return makeScenario(status, "partial", [], "none");
    return makeScenario(status, "none", [], "none");
  });
}

export function makeScenario(status: DiditStatus, stage: Stage, issues: Issue[], history: History): Scenario {
  const label = `${status}:${issues.join("+") || (stage === "complete" ? "clean" : stage)}`;
  return { status, stage, issues, history, lapsed: false, restricted: false, label };
}
