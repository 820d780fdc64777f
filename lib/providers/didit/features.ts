import "server-only";
import type { CanonicalFields, ExtraFields, NormalizedCheck, NormalizedDocument } from "../types";
import { DIDIT_IDV_IMAGE_FIELDS } from "./schemas";
import type { DiditDecision, DiditFeatureItem, DiditIdVerification, DiditWarning } from "./schemas";
import { mapDiditCheckResult } from "./status";

/** node_id is meant to be unique per feature block, but the DB keys on it, so never trust that blindly. */
function uniqueIds() {
  const seen = new Map<string, number>();
  return (nodeId: string | null | undefined, fallback: string): string => {
    const base = nodeId || fallback;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  };
}

export function documentsOf(decision: DiditDecision): NormalizedDocument[] {
  const idFor = uniqueIds();
  return (decision.id_verifications ?? []).map((idv, index) => ({
    providerDocumentId: idFor(idv.node_id, `id_verification_${index + 1}`),
    kind: "idv",
    documentType: idv.document_type ?? null,
    fields: idvFields(idv),
    extraFields: extraFieldsOf(idv),
    mediaKeys: mediaKeysOf(idv),
  }));
}

function idvFields(idv: DiditIdVerification): CanonicalFields {
  return compact({
    firstName: idv.first_name,
    lastName: idv.last_name,
    fullName: idv.full_name,
    dateOfBirth: idv.date_of_birth,
    documentNumber: idv.document_number,
    documentType: idv.document_type,
    issuingCountry: idv.issuing_state,
    nationality: idv.nationality,
    issueDate: idv.date_of_issue,
    expiryDate: idv.expiration_date,
    address: idv.formatted_address ?? idv.address,
    sex: idv.gender,
    personalNumber: idv.personal_number,
  });
}

/** Read off the document but not compared (the v1 example carries place_of_birth and marital_status). */
function extraFieldsOf(idv: DiditIdVerification): ExtraFields {
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return compact({ placeOfBirth: text(idv.place_of_birth), maritalStatus: text(idv.marital_status) });
}

/** Only the names of the image fields: the URLs are presigned and expire within minutes. */
function mediaKeysOf(idv: DiditIdVerification): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, field] of Object.entries(DIDIT_IDV_IMAGE_FIELDS)) {
    if (idv[field]) keys[name] = field;
  }
  return keys;
}

export function checksOf(decision: DiditDecision): NormalizedCheck[] {
  const idFor = uniqueIds();
  const make = (item: DiditFeatureItem, fallback: string, kind: string, score: number | null, extra = {}) =>
    toCheck(idFor(item.node_id, fallback), kind, item, score, extra);
  return [
    ...(decision.id_verifications ?? []).map((item, i) =>
      make(item, `id_verification_${i + 1}`, "document", null, { documentType: item.document_type ?? null }),
    ),
    ...(decision.liveness_checks ?? []).map((item, i) =>
      make(item, `liveness_${i + 1}`, "liveness", item.score ?? null, {
        method: item.method ?? null,
        ageEstimation: item.age_estimation ?? null,
        duplicateMatches: item.matches?.length ?? 0,
      }),
    ),
    ...(decision.face_matches ?? []).map((item, i) =>
      make(item, `face_match_${i + 1}`, "face_match", item.score ?? null),
    ),
    ...(decision.aml_screenings ?? []).map((item, i) =>
      make(item, `aml_${i + 1}`, "aml", item.score ?? null, {
        totalHits: item.total_hits ?? null,
        entityType: item.entity_type ?? null,
      }),
    ),
    // v1 calls this block `location`; its verdict and warnings (VPN, distance to the document) count too.
    ...(decision.ip_analyses ?? []).map((item, i) => make(item, `ip_analysis_${i + 1}`, "ip_analysis", null)),
  ];
}

function toCheck(
  providerCheckId: string,
  kind: string,
  item: DiditFeatureItem,
  score: number | null,
  extra: Record<string, unknown>,
): NormalizedCheck {
  return {
    providerCheckId,
    kind,
    result: mapDiditCheckResult(item.status),
    score,
    codes: riskCodes(item.warnings),
    details: { rawStatus: item.status ?? null, ...extra, warnings: (item.warnings ?? []).map(warningDetail) },
  };
}

function warningDetail(warning: DiditWarning) {
  return {
    risk: warning.risk ?? null,
    logType: warning.log_type ?? null,
    description: warning.short_description ?? null,
  };
}

function riskCodes(warnings: DiditWarning[] | null | undefined): string[] {
  const codes = (warnings ?? []).map((warning) => warning.risk).filter((risk): risk is string => Boolean(risk));
  return [...new Set(codes)];
}

export function riskSummaryOf(decision: DiditDecision): Record<string, unknown> {
  const blocks = [
    decision.id_verifications,
    decision.nfc_verifications,
    decision.liveness_checks,
    decision.face_matches,
    decision.poa_verifications,
    decision.phone_verifications,
    decision.email_verifications,
    decision.aml_screenings,
    decision.ip_analyses,
    decision.database_validations,
  ];
  const items: DiditFeatureItem[] = blocks.flatMap((block) => block ?? []);
  return {
    warnings: riskCodes([...items.flatMap((item) => item.warnings ?? []), ...(decision.warnings ?? [])]),
    livenessScore: decision.liveness_checks?.[0]?.score ?? null,
    faceMatchScore: decision.face_matches?.[0]?.score ?? null,
  };
}

/** Drops absent keys but keeps explicit nulls (Didit's "restricted by the workflow"). */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
