import "server-only";
import { compact, isoDate as toDate, partialSession, uniqueIds } from "../kit/normalize";
import type { ApplicantData, CanonicalFields, ExtraFields, NormalizedCheck, NormalizedDocument, NormalizedEvent, NormalizedSession } from "../types";
import { mediaKeysOf } from "./media";
import { ProviderError } from "../errors";
import { DiditDecision, DiditV1Decision } from "./schemas";
import type { DiditFeatureItem, DiditIdVerification, DiditSessionRow, DiditV1Block, DiditV1Warning, DiditWarning } from "./schemas";
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

/*
 * v1 decisions (GET /v1/session/{id}/decision/, and the `decision` of v1 webhooks) carry singular
 * blocks — `kyc`, `face`, `aml`, `location` — and one top-level `warnings` list where v3 has arrays
 * of nodes, each with its own warnings. They are reshaped into the v3 form so one normaliser serves
 * both. v1 has no node ids; the synthetic ones below are ours (they only key documents and checks).
 */

type Warning = DiditV1Warning;
type Block = DiditV1Block;

type Target = "kyc" | "liveness" | "face_match" | "aml" | "location";

/**
 * Which block a top-level v1 warning belongs to, by its `feature`. Didit's published v1 example
 * shows `AML`; the others are the feature names v3 uses for the same blocks. A warning of any
 * other feature stays in the top-level list, which the risk summary reads too.
 */
const WARNING_TARGETS: Record<string, Target> = {
  ID_VERIFICATION: "kyc",
  OCR: "kyc",
  KYC: "kyc",
  NFC: "kyc",
  LIVENESS: "liveness",
  FACE: "liveness",
  FACEMATCH: "face_match",
  FACE_MATCH: "face_match",
  AML: "aml",
  IP_ANALYSIS: "location",
  LOCATION: "location",
};

const V1_BLOCKS = ["kyc", "face", "aml", "location"] as const;
const V3_BLOCKS = ["id_verifications", "liveness_checks", "face_matches", "aml_screenings"] as const;

/** A decision in v1's shape: singular blocks and none of v3's node arrays. */
export function isV1Decision(decision: Record<string, unknown>): boolean {
  return V1_BLOCKS.some((key) => key in decision) && !V3_BLOCKS.some((key) => key in decision);
}

/** The v1 decision in v3's shape, still to be validated as a DiditDecision; null when not v1's shape. */
export function reshapeV1(raw: unknown): unknown {
  const parsed = DiditV1Decision.safeParse(raw);
  if (!parsed.success) return null;
  const { kyc, face, aml, location, warnings, ...rest } = parsed.data;
  const routed = routeWarnings(warnings ?? []);
  const faceWarnings = face?.warnings ?? [];
  const liveness = [...faceWarnings.filter((w) => w.feature !== "FACEMATCH"), ...routed.liveness];
  const faceMatch = [...faceWarnings.filter((w) => w.feature === "FACEMATCH"), ...routed.face_match];
  return {
    ...rest,
    warnings: routed.rest,
    id_verifications: kyc ? [withWarnings({ ...kyc, node_id: "kyc" }, routed.kyc)] : null,
    liveness_checks: face
      ? [
          {
            node_id: "face_liveness",
            status: face.liveness_status ?? face.status,
            method: face.liveness_method ?? null,
            score: face.liveness_confidence ?? face.liveness_score ?? null,
            age_estimation: face.age_estimation ?? null,
            video_url: face.video_url ?? null,
            warnings: unique(liveness),
          },
        ]
      : null,
    face_matches: face
      ? [
          {
            node_id: "face_match",
            status: face.face_match_status ?? face.status,
            score: face.face_match_similarity ?? null,
            source_image: face.source_image ?? null,
            target_image: face.target_image ?? null,
            warnings: unique(faceMatch),
          },
        ]
      : null,
    aml_screenings: aml ? [withWarnings({ ...aml, node_id: "aml" }, routed.aml)] : null,
    ip_analyses: location ? [withWarnings({ ...location, node_id: "location" }, routed.location)] : null,
  };
}

/** GET /v1/session/{id}/decision/ → the v3 shape. */
export function v1ToV3(v1: DiditV1Decision): DiditDecision {
  const parsed = DiditDecision.safeParse(reshapeV1(v1));
  if (parsed.success) return parsed.data;
  throw new ProviderError("didit", "invalid_response", "Didit sent a v1 decision in an unexpected shape.");
}

function routeWarnings(warnings: Warning[]): Record<Target | "rest", Warning[]> {
  const out: Record<Target | "rest", Warning[]> = { kyc: [], liveness: [], face_match: [], aml: [], location: [], rest: [] };
  for (const item of warnings) out[WARNING_TARGETS[(item.feature ?? "").toUpperCase()] ?? "rest"].push(item);
  return out;
}

function withWarnings(item: Block & Record<string, unknown>, extra: Warning[]) {
  return { ...item, warnings: unique([...(item.warnings ?? []), ...extra]) };
}

/** The same warning can sit both in its block and in the top-level list (the sandbox sends both). */
function unique(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((item) => {
    const { node_id: _nodeId, ...rest } = item;
    const key = JSON.stringify(rest);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
