import "server-only";
import { compact, isoDate as toDate, partialSession, uniqueIds } from "../kit/normalize";
import type { ApplicantData, CanonicalFields, ExtraFields, NormalizedCheck, NormalizedDocument, NormalizedEvent, NormalizedSession } from "../types";
import { mediaKeysOf } from "./media";
import type { DiditDecision, DiditFeatureItem, DiditIdVerification, DiditSessionRow, DiditWarning } from "./schemas";
import { mapDiditCheckResult, mapDiditStatus } from "./status";

/** A list row: the status and who, but no documents or checks yet. */
export function normalizeRow(row: DiditSessionRow): NormalizedSession {
  return partialSession({
    provider: "didit",
    providerSessionId: row.session_id,
    status: mapDiditStatus(row.status),
    rawStatus: row.status,
    applicant: compact({
      fullName: row.full_name,
      email: row.email_address?.email,
      phone: row.phone_number?.number,
      reference: row.vendor_data,
    }),
    providerCreatedAt: toDate(row.created_at),
  });
}

export function normalizeDecision(decision: DiditDecision): NormalizedSession {
  const createdAt = toDate(decision.created_at);
  const events = eventsOf(decision, createdAt);
  return {
    provider: "didit",
    providerSessionId: decision.session_id,
    status: mapDiditStatus(decision.status),
    rawStatus: decision.status,
    applicant: applicantOf(decision),
    documents: documentsOf(decision),
    checks: checksOf(decision),
    events,
    riskSummary: riskSummaryOf(decision),
    providerCreatedAt: createdAt,
    // Didit exposes no updated_at; the latest manual review is the best "last changed" signal available.
    providerUpdatedAt: events.reduce<Date | null>((latest, event) => (latest && latest > event.at ? latest : event.at), null),
    detailed: true,
  };
}

/** What the integrator sent at session creation: the reference the document is compared against. */
function applicantOf(decision: DiditDecision): ApplicantData {
  const expected = decision.expected_details;
  const contact = decision.contact_details;
  return compact({
    firstName: expected?.first_name,
    lastName: expected?.last_name,
    fullName: expected?.full_name,
    dateOfBirth: expected?.date_of_birth,
    nationality: expected?.nationality,
    sex: expected?.gender,
    address: expected?.address,
    documentNumber: expected?.identification_number,
    issuingCountry: expected?.id_country,
    email: contact?.email,
    phone: contact?.phone,
    reference: decision.vendor_data,
  });
}

function eventsOf(decision: DiditDecision, fallbackAt: Date | null): NormalizedEvent[] {
  return (decision.reviews ?? []).flatMap((review) => {
    const at = toDate(review.created_at) ?? fallbackAt;
    if (!at) return [];
    const detail = { user: review.user ?? null, new_status: review.new_status ?? null, comment: review.comment ?? null };
    return [{ at, type: "provider_review", detail }];
  });
}

function documentsOf(decision: DiditDecision): NormalizedDocument[] {
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

function checksOf(decision: DiditDecision): NormalizedCheck[] {
  const idFor = uniqueIds();
  const make = (item: DiditFeatureItem, fallback: string, kind: string, score: number | null, extra = {}) =>
    toCheck(idFor(item.node_id, fallback), kind, item, score, extra);
  return [
    ...(decision.id_verifications ?? []).map((item, i) => make(item, `id_verification_${i + 1}`, "document", null, { documentType: item.document_type ?? null })),
    ...(decision.liveness_checks ?? []).map((item, i) =>
      make(item, `liveness_${i + 1}`, "liveness", item.score ?? null, {
        method: item.method ?? null,
        ageEstimation: item.age_estimation ?? null,
        duplicateMatches: item.matches?.length ?? 0,
      }),
    ),
    ...(decision.face_matches ?? []).map((item, i) => make(item, `face_match_${i + 1}`, "face_match", item.score ?? null)),
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

function toCheck(providerCheckId: string, kind: string, item: DiditFeatureItem, score: number | null, extra: Record<string, unknown>): NormalizedCheck {
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

function riskSummaryOf(decision: DiditDecision): Record<string, unknown> {
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
