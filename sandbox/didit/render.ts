import { asObject, asString, firstObject } from "../json";
import type { Json, JsonObject } from "../json";
import { mediaUrl } from "./media";
import { statusOf } from "./types";
import type { DiditSessionRecord } from "./types";

export type RenderContext = { baseUrl: string; mediaSecret: string };

/** The stored decision with media markers turned into fresh presigned URLs for this request. */
export function renderDecision(record: DiditSessionRecord, ctx: RenderContext): JsonObject {
  return asObject(render(record.decision, record.sessionId, ctx)) ?? {};
}

function render(value: Json, sessionId: string, ctx: RenderContext): Json {
  if (typeof value === "string") {
    if (value.startsWith("@media/")) return mediaUrl(ctx.baseUrl, ctx.mediaSecret, sessionId, value.slice(7));
    if (value.startsWith("@verify/")) return `${ctx.baseUrl}/verify/${value.slice(8)}`;
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => render(item, sessionId, ctx));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, render(item, sessionId, ctx)]));
  }
  return value;
}

const FEATURE_BLOCKS: Record<string, string> = {
  ID_VERIFICATION: "id_verifications",
  LIVENESS: "liveness_checks",
  FACE_MATCH: "face_matches",
  AML: "aml_screenings",
  IP_ANALYSIS: "ip_analyses",
};

/** A row of GET /v3/sessions/, derived from the decision so list and detail never disagree. */
export function listRowOf(record: DiditSessionRecord, ctx: RenderContext): JsonObject {
  const decision = renderDecision(record, ctx);
  const idv = firstObject(decision.id_verifications);
  const contact = asObject(decision.contact_details);
  const features = Array.isArray(decision.features) ? decision.features : [];
  return {
    session_id: record.sessionId,
    session_kind: decision.session_kind ?? "user",
    session_number: record.sessionNumber,
    session_url: decision.session_url ?? null,
    portrait_image: idv?.portrait_image ?? null,
    document_type: idv?.document_type ?? null,
    full_name: idv?.full_name ?? null,
    country: idv?.issuing_state ?? null,
    status: statusOf(record),
    vendor_data: record.vendorData,
    didit_internal_id: null,
    created_at: decision.created_at ?? null,
    features: features.map((feature) => {
      const name = asString(feature) ?? "";
      const block = firstObject(decision[FEATURE_BLOCKS[name] ?? ""]);
      return { feature: name, status: block?.status ?? "Not Finished" };
    }),
    phone_number: { number: contact?.phone ?? null, is_verified: false },
    email_address: { email: contact?.email ?? null, is_verified: false },
    additional_details: null,
  };
}
