import { asObject, firstObject } from "../json";
import type { Json, JsonObject } from "../json";
import { renderDecision } from "./render";
import type { RenderContext } from "./render";
import type { DiditSessionRecord } from "./types";

const V1_FEATURES: Record<string, string> = { ID_VERIFICATION: "OCR", LIVENESS: "FACE", FACE_MATCH: "FACE", AML: "AML", IP_ANALYSIS: "IP_ANALYSIS" };

/**
 * GET /v1/session/{id}/decision/ (and a v1 webhook's `decision`) — the same session in v1's shape,
 * as Didit publishes it (docs.didit.me/identity-verification/api-reference/retrieve-session and
 * …/webhooks): singular `kyc`, `face`, `aml` and `location` blocks instead of v3's node arrays,
 * `features` as one string ("OCR + FACE"), and the warnings in one top-level list only.
 */
export function renderV1Decision(record: DiditSessionRecord, ctx: RenderContext): JsonObject {
  const v3 = renderDecision(record, ctx);
  const idv = firstObject(v3.id_verifications);
  const liveness = firstObject(v3.liveness_checks);
  const face = firstObject(v3.face_matches);
  const aml = firstObject(v3.aml_screenings);
  const ip = firstObject(v3.ip_analyses);
  const features = Array.isArray(v3.features) ? v3.features : [];
  return {
    session_id: v3.session_id ?? record.sessionId,
    session_number: v3.session_number ?? record.sessionNumber,
    session_url: v3.session_url ?? null,
    status: v3.status ?? null,
    workflow_id: v3.workflow_id ?? null,
    features: [...new Set(features.map((feature) => V1_FEATURES[String(feature)] ?? String(feature)))].join(" + "),
    vendor_data: v3.vendor_data ?? null,
    metadata: v3.metadata ?? null,
    expected_details: v3.expected_details ?? null,
    contact_details: v3.contact_details ?? null,
    callback: null,
    kyc: idv ? kycOf(idv) : null,
    face: liveness || face ? faceOf(liveness, face) : null,
    aml: aml ? withoutNode(aml) : null,
    location: ip ? withoutNode(ip) : null,
    warnings: [idv, liveness, face, aml, ip].flatMap((block) => warningsOf(block)),
    reviews: v3.reviews ?? [],
    created_at: v3.created_at ?? null,
  };
}

function kycOf(idv: JsonObject): JsonObject {
  return { ...withoutNode(idv), ocr_status: idv.status ?? null, epassport_status: "Not Finished" };
}

function faceOf(liveness: JsonObject | null, face: JsonObject | null): JsonObject {
  const statuses = [liveness?.status, face?.status];
  const status = statuses.includes("Declined") ? "Declined" : statuses.includes("In Review") ? "In Review" : (liveness?.status ?? face?.status ?? null);
  return {
    status,
    face_match_status: face?.status ?? null,
    liveness_status: liveness?.status ?? null,
    face_match_similarity: face?.score ?? null,
    liveness_confidence: liveness?.score ?? null,
    liveness_method: liveness?.method ?? null,
    source_image: face?.source_image ?? null,
    target_image: face?.target_image ?? null,
    video_url: liveness?.video_url ?? null,
    age_estimation: liveness?.age_estimation ?? null,
  };
}

/** The block without v3's node id and warnings: v1 lists warnings once, at the top level. */
function withoutNode(block: JsonObject): JsonObject {
  const { node_id: _nodeId, warnings: _warnings, ...rest } = block;
  return rest;
}

function warningsOf(block: JsonObject | null): Json[] {
  const warnings = block && Array.isArray(block.warnings) ? block.warnings : [];
  return warnings.map((warning) => {
    const { node_id: _nodeId, ...rest } = asObject(warning) ?? {};
    return rest;
  });
}
