import type { Prng } from "../generate/prng";
import type { IdenfyOutcome, IdenfyStatus, Issue } from "./types";

export type Scenario = {
  status: IdenfyStatus;
  issues: Issue[];
  /** Token sent to iDenfy's manual review (reviewSuccessful/reviewFailed): two callbacks. */
  manualReview: boolean;
  /** REVIEWING: what the reviewer will decide. DELETED/ARCHIVED: what it was before. */
  outcome: IdenfyOutcome | null;
  /** ACTIVE again after request-information. */
  resubmission: boolean;
  label: string;
};

/** Several of each kind of trouble a reviewer must look at; the first nine SUSPECTED cover them all. */
const SUSPECTED_ISSUES: readonly Issue[][] = [
  ["dob_mismatch"],
  ["transliterated_name"],
  ["document_number_mismatch"],
  ["duplicate_face"],
  ["aml_hit"],
  ["virtual_camera"],
  ["doc_mobile_photo"],
  ["under_age"],
  ["dob_mismatch", "aml_hit"],
];
const DENIED_ISSUES: readonly Issue[][] = [["document_expired"], ["face_mismatch"], ["doc_fake"], ["auto_unverifiable"]];

function scenario(status: IdenfyStatus, issues: Issue[], extra: Partial<Scenario> = {}): Scenario {
  const base = { status, issues, manualReview: false, outcome: null, resubmission: false, ...extra };
  const detail = [issues.join("+") || "clean", base.manualReview ? "manual" : "", base.resubmission ? "resubmission" : ""];
  return { ...base, label: `${status}:${detail.filter(Boolean).join(":")}` };
}

/** Every status, every issue, and a SUSPECTED queue of at least nine (when count allows, 30 or more). */
function required(): Scenario[] {
  return [
    ...SUSPECTED_ISSUES.map((issues, i) => scenario("SUSPECTED", [...issues], { manualReview: i % 3 === 1 })),
    scenario("REVIEWING", ["auto_unverifiable"], { manualReview: true, outcome: "APPROVED" }),
    scenario("REVIEWING", ["auto_unverifiable"], { manualReview: true, outcome: "DENIED" }),
    scenario("REVIEWING", ["dob_mismatch"], { manualReview: true, outcome: "SUSPECTED" }),
    scenario("REVIEWING", [], { manualReview: true, outcome: "APPROVED" }),
    ...DENIED_ISSUES.map((issues) => scenario("DENIED", [...issues], { manualReview: issues[0] === "auto_unverifiable" })),
    scenario("APPROVED", []),
    scenario("APPROVED", []),
    scenario("APPROVED", [], { manualReview: true }),
    scenario("APPROVED", ["auto_unverifiable"], { manualReview: true }),
    scenario("ACTIVE", []),
    scenario("ACTIVE", ["dob_mismatch"]),
    scenario("ACTIVE", ["transliterated_name"], { resubmission: true }),
    scenario("EXPIRED", []),
    scenario("EXPIRED", []),
    scenario("DELETED", [], { outcome: "APPROVED" }),
    scenario("DELETED", ["face_mismatch"], { outcome: "DENIED" }),
    scenario("EXPIRED-DELETED", []),
    scenario("ARCHIVED", ["aml_hit"], { outcome: "SUSPECTED" }),
  ];
}

/** Filler, weighted like a real account: mostly approvals, some trouble, a few unused tokens. */
function extra(prng: Prng): Scenario {
  const roll = prng.next();
  if (roll < 0.4) return scenario("APPROVED", [], { manualReview: prng.chance(0.3) });
  if (roll < 0.6) return scenario("SUSPECTED", [...prng.pick(SUSPECTED_ISSUES)], { manualReview: prng.chance(0.3) });
  if (roll < 0.75) return scenario("DENIED", [...prng.pick(DENIED_ISSUES.slice(0, 3))]);
  if (roll < 0.85) return scenario("ACTIVE", prng.chance(0.3) ? [...prng.pick(SUSPECTED_ISSUES)] : []);
  if (roll < 0.93) return scenario("EXPIRED", []);
  return scenario("REVIEWING", [], { manualReview: true, outcome: "APPROVED" });
}

export function planScenarios(prng: Prng, count: number): Scenario[] {
  const base = required();
  const extras = Array.from({ length: Math.max(0, count - base.length) }, () => extra(prng));
  // The required ones first, so a small count still gets the review queue; then shuffled by date.
  return [...base, ...extras].slice(0, count);
}

/** A token created now (demo mode): whether its data will clash with the document is set at creation. */
export function freshScenario(prng: Prng): Scenario {
  const roll = prng.next();
  const issues = roll < 0.3 ? [...prng.pick(SUSPECTED_ISSUES)] : roll < 0.45 ? [...prng.pick(DENIED_ISSUES)] : [];
  return scenario("ACTIVE", issues, { manualReview: prng.chance(0.3) });
}
