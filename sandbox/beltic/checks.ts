import type { Json, JsonObject } from "../json";
import type { BelticSessionRecord, Issue } from "./types";

/**
 * UNCONFIRMED catalogue: Beltic does not publish its check names or reason codes. These follow
 * the documented check shape `{name, status, reasons[], requirement, metadata}`.
 */
type CheckSpec = { name: string; required: boolean; issue?: Issue; reasons: string[]; comparison?: boolean };

const IDV_CHECKS: readonly CheckSpec[] = [
  { name: "id_image_quality", required: true, reasons: ["blurry", "glare"] },
  { name: "id_expiration", required: true, issue: "document_expired", reasons: ["document_expired"] },
  { name: "id_tamper_detection", required: true, issue: "tampering", reasons: ["font_anomaly", "photo_substitution"] },
  { name: "id_mrz_consistency", required: false, issue: "mrz_mismatch", reasons: ["mrz_document_number_mismatch"] },
  { name: "id_name_match", required: false, issue: "transliterated_name", reasons: ["name_mismatch"], comparison: true },
  { name: "id_birth_date_match", required: false, issue: "dob_mismatch", reasons: ["birth_date_mismatch"], comparison: true },
  {
    name: "id_number_match",
    required: false,
    issue: "document_number_mismatch",
    reasons: ["identity_number_mismatch"],
    comparison: true,
  },
  { name: "selfie_liveness", required: true, issue: "low_liveness", reasons: ["low_liveness_score"] },
  { name: "selfie_face_match", required: true, issue: "low_face_match", reasons: ["low_similarity"] },
];

const ADDRESS_CHECKS: readonly CheckSpec[] = [
  { name: "address_document_age", required: false, reasons: ["document_too_old"] },
  { name: "address_name_match", required: false, reasons: ["name_mismatch"] },
  { name: "address_match", required: false, issue: "address_mismatch", reasons: ["address_mismatch"] },
];

/** checks[] of a processed verification, plus its overall status. */
export function idvChecks(record: BelticSessionRecord): { status: string; checks: JsonObject[] } {
  const unreadable = record.status === "failed";
  const checks = IDV_CHECKS.map((spec) => {
    if (unreadable) {
      return spec.name === "id_image_quality" ? check(spec, "failed", spec.reasons.slice(0, 1)) : check(spec, "not_applicable", []);
    }
    // Comparisons need data entered on the session; with auto_update_session there is nothing to compare.
    if (spec.comparison && !record.manualEntry) return check(spec, "not_applicable", []);
    const failed = spec.issue !== undefined && record.issues.includes(spec.issue);
    return check(spec, failed ? "failed" : "passed", failed ? spec.reasons.slice(0, 1) : [], metadataFor(spec, record));
  });
  return { status: statusOf(checks, unreadable), checks };
}

export function addressChecks(record: BelticSessionRecord): { status: string; checks: JsonObject[] } {
  const checks = ADDRESS_CHECKS.map((spec) => {
    const failed = spec.issue !== undefined && record.issues.includes(spec.issue);
    return check(spec, failed ? "failed" : "passed", failed ? spec.reasons.slice(0, 1) : []);
  });
  return { status: statusOf(checks, false), checks };
}

function statusOf(checks: JsonObject[], unreadable: boolean): string {
  if (unreadable) return "failed";
  return checks.some((c) => c.status === "failed" && c.requirement === "required") ? "failed" : "passed";
}

function metadataFor(spec: CheckSpec, record: BelticSessionRecord): Json {
  if (spec.name === "selfie_face_match") return { score: record.scores.faceMatch, threshold: 0.7 };
  if (spec.name === "selfie_liveness") return { score: record.scores.liveness, threshold: 0.6 };
  return {};
}

function check(spec: CheckSpec, status: string, reasons: string[], metadata: Json = {}): JsonObject {
  return { name: spec.name, status, reasons, requirement: spec.required ? "required" : "not_required", metadata };
}
