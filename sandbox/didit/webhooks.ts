import { createHmac, randomUUID } from "node:crypto";
import type { WebhookDelivery } from "../provider";
import { renderDecision } from "./render";
import { renderV1Decision } from "./v1";
import { statusOf } from "./types";
import type { DiditSessionRecord, DiditState, DiditStatus } from "./types";

/** Didit attaches the full decision only once there is something to decide on. */
const WITH_DECISION: ReadonlySet<DiditStatus> = new Set(["Approved", "Declined", "In Review", "Abandoned"]);
const USER_AGENT = "DiditWebhook/2.0 +https://didit.me";

/**
 * A `status.updated` webhook as Didit sends it: compact JSON with sorted keys, non-ASCII as is,
 * signed three ways with the webhook secret (X-Signature over the exact body bytes, V2 over the
 * canonical JSON — the same bytes here — and Simple over the envelope fields). The timestamp is
 * the real clock, not the generator's `now`, because receivers check it against theirs.
 */
export function statusWebhook(state: DiditState, record: DiditSessionRecord, from: DiditStatus | null): WebhookDelivery {
  if (state.webhookVersion === "v1") return v1StatusWebhook(state, record, from);
  const status = statusOf(record);
  const timestamp = Math.floor(Date.now() / 1000);
  const ctx = { baseUrl: state.publicBaseUrl, mediaSecret: state.mediaSecret };
  const envelope = {
    event_id: randomUUID(),
    webhook_type: "status.updated",
    timestamp,
    created_at: timestamp,
    application_id: state.applicationId,
    environment: "sandbox",
    session_id: record.sessionId,
    session_kind: "user",
    status,
    vendor_data: record.vendorData,
    workflow_id: state.workflowId,
    metadata: record.decision.metadata ?? null,
    ...(WITH_DECISION.has(status) ? { decision: renderDecision(record, ctx) } : {}),
  };
  const text = canonicalJson(envelope);
  const sign = signer(state);
  return signedDelivery(state, text, timestamp, `didit ${record.sessionId}: ${from ?? "new"} → ${status}`, {
    "x-signature-v2": sign(Buffer.from(canonicalJson(JSON.parse(text)), "utf8")),
    "x-signature-simple": sign(`${timestamp}:${record.sessionId}:${status}:status.updated`),
  });
}

/**
 * A v1 webhook as Didit publishes it (docs.didit.me/identity-verification/webhooks, 2025): only
 * session_id, status, created_at, timestamp (epoch seconds) and vendor_data, plus the v1-shaped
 * decision for decided statuses; no event_id, no webhook_type. Signed with X-Signature over the
 * body and X-Timestamp, the two headers the v1 docs verify.
 */
function v1StatusWebhook(state: DiditState, record: DiditSessionRecord, from: DiditStatus | null): WebhookDelivery {
  const status = statusOf(record);
  const timestamp = Math.floor(Date.now() / 1000);
  const ctx = { baseUrl: state.publicBaseUrl, mediaSecret: state.mediaSecret };
  const envelope = {
    session_id: record.sessionId,
    status,
    created_at: timestamp,
    timestamp,
    vendor_data: record.vendorData,
    ...(WITH_DECISION.has(status) ? { decision: renderV1Decision(record, ctx) } : {}),
  };
  return signedDelivery(state, canonicalJson(envelope), timestamp, `didit ${record.sessionId}: ${from ?? "new"} → ${status} (v1)`);
}

const signer = (state: DiditState) => (data: string | Buffer) => createHmac("sha256", state.webhookSecret).update(data).digest("hex");

/**
 * The headers every Didit version sends: X-Signature over the exact body bytes and X-Timestamp;
 * `extra` adds what only some versions sign (v3's V2 and Simple signatures).
 */
function signedDelivery(state: DiditState, text: string, timestamp: number, description: string, extra: Record<string, string> = {}): WebhookDelivery {
  const body = Buffer.from(text, "utf8");
  return {
    provider: "didit",
    body,
    headers: {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "x-signature": signer(state)(body),
      ...extra,
      "x-timestamp": String(timestamp),
    },
    description,
  };
}

/** Sorted keys at every level, no whitespace, Unicode unescaped: Python's json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    const record = value as Record<string, unknown>;
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
