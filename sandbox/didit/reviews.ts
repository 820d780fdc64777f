import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import { isoMicros } from "../generate/dates";
import type { Script } from "../generate/names";
import { asObject } from "../json";
import type { JsonObject } from "../json";
import type { Issue, Scenario } from "./scenarios";
import type { DiditSessionRecord, DiditStatus } from "./types";

const REVIEWERS = ["compliance@acme.example", "a.novak@acme.example", "li.wei@acme.example"] as const;

const DECISION_COMMENTS: Partial<Record<Issue, { Approved: string; Declined: string }>> = {
  transliterated_name: {
    Approved: "Transliteration checked against the MRZ: same person.",
    Declined: "Name on the document does not match the account holder.",
  },
  low_liveness: { Approved: "Selfie video reviewed: live person.", Declined: "Selfie looks like a screen replay." },
  aml_hit: {
    Approved: "AML hit is a namesake with a different date of birth.",
    Declined: "Confirmed watchlist match; outside our risk appetite.",
  },
  low_face_match: { Approved: "Faces compared manually: match.", Declined: "Selfie does not match the document portrait." },
  possible_fraud: { Approved: "Glare, not tampering.", Declined: "Font inconsistencies in the date of birth field." },
};

/** Reviewers write in the applicant's language too, so review comments exercise every script. */
const RESUBMIT_COMMENTS: Record<Script, string> = {
  latin: "Please retake the photo of the back of your document.",
  cyrillic: "Пожалуйста, переснимите обратную сторону документа.",
  han: "请重新拍摄证件背面。",
  arabic: "يرجى إعادة تصوير الجهة الخلفية من الوثيقة.",
};

export function reviewsFor(prng: Prng, scenario: Scenario, person: Person, created: Date, now: Date): JsonObject[] {
  if (scenario.history === "none") return [];
  const latest = now.getTime() - 5 * 60_000;
  const at = new Date(Math.min(created.getTime() + prng.int(2, 48) * 3_600_000, latest));
  const user = prng.pick(REVIEWERS);
  const createdAt = isoMicros(at, prng.int(0, 999));
  if (scenario.history === "resubmitted") {
    return [{ user, new_status: "Resubmitted", comment: RESUBMIT_COMMENTS[person.script], created_at: createdAt }];
  }
  const verdict = scenario.status === "Declined" ? "Declined" : "Approved";
  const issue = scenario.issues[0];
  const comment = (issue && DECISION_COMMENTS[issue]?.[verdict]) ?? `${verdict} after manual review.`;
  return [{ user, new_status: verdict, comment, created_at: createdAt }];
}

const FEATURE_LISTS = [
  "id_verifications",
  "nfc_verifications",
  "liveness_checks",
  "face_matches",
  "poa_verifications",
  "aml_screenings",
  "ip_analyses",
  "database_validations",
] as const;

/** A manual review: appended to `reviews[]`, and the session takes its status. */
export function addReview(record: DiditSessionRecord, user: string, newStatus: DiditStatus, comment: string | null, nodes: string[] | null = null): void {
  const reviews = Array.isArray(record.decision.reviews) ? record.decision.reviews : [];
  const now = new Date();
  record.decision.reviews = [...reviews, { user, new_status: newStatus, comment, created_at: isoMicros(now, 0) }];
  record.decision.status = newStatus;
  if (newStatus === "Resubmitted") markForResubmission(record, nodes);
}

/** The nodes named, or (as Didit does when none are named) every attempt that was not approved. */
function markForResubmission(record: DiditSessionRecord, nodes: string[] | null): void {
  for (const list of FEATURE_LISTS) {
    const items = record.decision[list];
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const block = asObject(item);
      if (!block) continue;
      const chosen = nodes ? nodes.includes(String(block.node_id)) : block.status !== "Approved";
      if (chosen) block.status = "Resub Requested";
    }
  }
}

/** Every node id the decision has, to validate nodes_to_resubmit against. */
export function nodeIdsOf(record: DiditSessionRecord): string[] {
  return FEATURE_LISTS.flatMap((list) => {
    const items = record.decision[list];
    return Array.isArray(items) ? items.map((item) => asObject(item)?.node_id).filter((id): id is string => typeof id === "string") : [];
  });
}
