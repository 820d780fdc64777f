import "server-only";
import { ProviderError } from "../errors";
import { canonicalJson } from "../kit/canonical-json";
import { partialSession } from "../kit/normalize";
import { hexDigest, hmacSha256Matches, readJsonBody, tryJsonBody } from "../kit/webhook";
import type { NormalizedSession, ParsedWebhook, WebhookHandler, WebhookHeaders, WebhookVerification } from "../types";
import { WebhookPayloadError } from "../types";
import { normalizeDecision } from "./normalize";
import { DiditDecision, DiditV1Decision, DiditWebhookEnvelope } from "./schemas";
import type { DiditV1Block, DiditV1Warning } from "./schemas";
import { mapDiditStatus } from "./status";

/** Didit's documented tolerance, applied both ways (a timestamp from the future is as suspect). */
export const DIDIT_WEBHOOK_TOLERANCE_SECONDS = 300;
const STATUS_EVENTS = new Set(["status.updated", "data.updated"]);

/**
 * X-Signature: hex HMAC-SHA256 of the raw body. X-Signature-V2 (same key, over the canonical JSON)
 * is accepted too, so a body re-serialised by a proxy still verifies. X-Signature-Simple is not:
 * it does not cover the decision. Neither signature covers X-Timestamp (Didit's design), so the
 * window limits stale deliveries while event_id dedupe stops replays.
 */
export function createDiditWebhookHandler(secret: string): WebhookHandler {
  return {
    verify: async (rawBody, headers, now) => verifyDiditWebhook(secret, rawBody, headers, now),
    parse: parseDiditWebhook,
  };
}

export function verifyDiditWebhook(secret: string, rawBody: Uint8Array, headers: WebhookHeaders, now: Date): WebhookVerification {
  const timestamp = headers.get("x-timestamp")?.trim();
  if (!timestamp) return { ok: false, reason: "missing X-Timestamp header" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "X-Timestamp is not Unix seconds" };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > DIDIT_WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: "X-Timestamp is outside the 300 s window" };
  }
  const raw = headers.get("x-signature")?.trim();
  const v2 = headers.get("x-signature-v2")?.trim();
  if (!raw && !v2) return { ok: false, reason: "missing X-Signature header" };
  if (raw && signatureMatches(secret, rawBody, raw)) return { ok: true };
  if (v2) {
    const canonical = canonicalOf(rawBody);
    if (canonical && signatureMatches(secret, canonical, v2)) return { ok: true };
  }
  return { ok: false, reason: "signature does not match" };
}

function signatureMatches(secret: string, signed: Uint8Array, given: string): boolean {
  const digest = hexDigest(given);
  return digest !== null && hmacSha256Matches(secret, signed, digest);
}

function canonicalOf(rawBody: Uint8Array): Uint8Array | null {
  const json = tryJsonBody(rawBody);
  return json === undefined ? null : Buffer.from(canonicalJson(json), "utf8");
}

/**
 * v1 webhooks name no type: they are sent when a session starts and when its status changes
 * (docs.didit.me/identity-verification/webhooks), i.e. what v2+ call status.updated.
 */
const V1_EVENT_TYPE = "status.updated";

export function parseDiditWebhook(rawBody: Uint8Array): ParsedWebhook {
  const notJson = "The Didit webhook body is not valid UTF-8 JSON.";
  const json = readJsonBody(rawBody, { notUtf8: notJson, notJson });
  const envelope = DiditWebhookEnvelope.safeParse(json);
  if (!envelope.success) throw new WebhookPayloadError("The Didit webhook body is not a Didit session event.");
  const event = envelope.data;
  const eventType = event.webhook_type ?? V1_EVENT_TYPE;
  // created_at is when the event happened; timestamp is when this attempt was signed (new on every resend).
  const occurredAt = event.created_at ?? event.timestamp;
  const complete = Boolean(event.decision);
  return {
    dedupeKey: event.event_id ?? fallbackKey(event),
    providerSessionId: event.session_id,
    eventType,
    occurredAt,
    session: complete ? sessionFromDecision(event, occurredAt) : statusOnly(event, occurredAt),
    complete,
    settlesStatus: STATUS_EVENTS.has(eventType),
    body: json,
  };
}

/**
 * Without event_id (v1), a key that stays the same across resends: the session, the status and
 * the event's own time (`created_at`; `timestamp` only when that is missing, since a resend may
 * re-stamp it). The webhook type joins the key when there is one, so data.updated and
 * status.updated of the same second stay apart.
 */
function fallbackKey(event: DiditWebhookEnvelope): string {
  const at = (event.created_at ?? event.timestamp)?.getTime() ?? "";
  return [event.session_id, ...(event.webhook_type ? [event.webhook_type] : []), event.status, at].join(":");
}

function sessionFromDecision(event: DiditWebhookEnvelope, occurredAt: Date | null): NormalizedSession {
  // The envelope names the session and the status this event is about; the decision fills in the rest.
  const raw: Record<string, unknown> = { ...event.decision, session_id: event.session_id, status: event.status };
  // v1 decisions take the same v1 → v3 reshaping as the v1 API read (v1ToV3 below).
  const shaped = isV1Decision(raw) ? reshapeV1(raw) : raw;
  const decision = DiditDecision.safeParse(shaped);
  if (!decision.success) throw new WebhookPayloadError("The decision in the Didit webhook is not in Didit's shape.");
  const session = normalizeDecision(decision.data);
  return { ...session, providerUpdatedAt: occurredAt ?? session.providerUpdatedAt };
}

function statusOnly(event: DiditWebhookEnvelope, occurredAt: Date | null): NormalizedSession {
  return partialSession({
    provider: "didit",
    providerSessionId: event.session_id,
    status: mapDiditStatus(event.status),
    rawStatus: event.status,
    applicant: event.vendor_data === undefined ? {} : { reference: event.vendor_data },
    providerUpdatedAt: occurredAt,
  });
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
