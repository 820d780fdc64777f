import "server-only";
import { canonicalJson } from "../kit/canonical-json";
import { partialSession } from "../kit/normalize";
import { hexDigest, hmacSha256Matches, readJsonBody, tryJsonBody } from "../kit/webhook";
import type { NormalizedSession, ParsedWebhook, WebhookHandler, WebhookHeaders, WebhookVerification } from "../types";
import { WebhookPayloadError } from "../types";
import { isV1Decision, normalizeDecision, reshapeV1 } from "./normalize";
import { DiditDecision, DiditWebhookEnvelope } from "./schemas";
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
  // v1 decisions take the same v1 → v3 reshaping as the v1 API read (v1ToV3 in normalize.ts).
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
