import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { isoDate as toDate, partialSession } from "../kit/normalize";
import { hexDigest, hmacSha256Matches, readJsonBody } from "../kit/webhook";
import { WebhookPayloadError } from "../types";
import type { ParsedEvent, ParsedWebhook, WebhookHandler, WebhookHeaders, WebhookVerification } from "../types";
import { normalizeSession } from "./normalize";
import { BelticDocumentEvent, BelticSessionEvent, relatedIds } from "./schemas";

export type BelticSignatureEncoding = "hex" | "base64";

export type BelticWebhookOptions = {
  /** Returned once by Beltic when the webhook config is created. */
  secret: string;
  /** The config's shared token; when set, `X-Webhook-Token` must carry it. */
  token?: string;
  /** UNCONFIRMED: the docs do not say how the HMAC is encoded. Default "hex". */
  signatureEncoding?: BelticSignatureEncoding;
};

const DIGEST_BYTES = 32;

/**
 * `X-Webhook-Signature` = HMAC-SHA256 of the raw body with the webhook secret (documented).
 * UNCONFIRMED: no timestamp header is documented, so there is no replay window here; a
 * replayed delivery is caught by its dedupe key instead.
 */
export function createBelticWebhook(options: BelticWebhookOptions): WebhookHandler {
  const encoding = options.signatureEncoding ?? "hex";
  return {
    verify: async (rawBody, headers) => verify(rawBody, headers, options, encoding),
    parse,
  };
}

function verify(rawBody: Uint8Array, headers: WebhookHeaders, options: BelticWebhookOptions, encoding: BelticSignatureEncoding): WebhookVerification {
  const header = headers.get("x-webhook-signature");
  if (!header) return { ok: false, reason: "X-Webhook-Signature header is missing" };
  const given = decodeSignature(header.trim().replace(/^sha256=/i, ""), encoding);
  if (!given) return { ok: false, reason: `X-Webhook-Signature is not a ${encoding} SHA-256 digest` };
  if (!hmacSha256Matches(options.secret, rawBody, given)) return { ok: false, reason: "X-Webhook-Signature does not match the body" };
  if (options.token) {
    const token = headers.get("x-webhook-token");
    if (!token) return { ok: false, reason: "X-Webhook-Token header is missing" };
    // Digests make the lengths equal, so the comparison says nothing about the token's length.
    const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
    if (!timingSafeEqual(digest(token), digest(options.token))) return { ok: false, reason: "X-Webhook-Token does not match" };
  }
  return { ok: true };
}

function decodeSignature(value: string, encoding: BelticSignatureEncoding): Buffer | null {
  if (encoding === "hex") return hexDigest(value);
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  const bytes = Buffer.from(value, "base64");
  return bytes.length === DIGEST_BYTES ? bytes : null;
}

function parse(rawBody: Uint8Array): ParsedWebhook {
  const notJson = "The body is not valid UTF-8 JSON.";
  const body = readJsonBody(rawBody, { notUtf8: notJson, notJson });
  const type = (body as { data?: { type?: unknown } } | null)?.data?.type;
  if (type === "event") return { ...parseSessionEvent(body), body };
  if (typeof type === "string" && type.startsWith("document/")) return { ...parseDocumentEvent(body), body };
  throw new WebhookPayloadError("The body is not a Beltic event or document webhook.");
}

/** UNCONFIRMED shape (see schemas.ts): the payload is the whole session as GET …?include= returns it. */
function parseSessionEvent(body: unknown): ParsedEvent {
  const parsed = BelticSessionEvent.safeParse(body);
  if (!parsed.success) throw new WebhookPayloadError("The Beltic event does not carry a session.");
  const event = parsed.data.data;
  const payload = event.attributes.payload;
  const included = payload.included ?? null;
  const session = normalizeSession(payload.data, included);
  return {
    dedupeKey: event.id,
    providerSessionId: payload.data.id,
    eventType: event.attributes.name,
    occurredAt: toDate(event.attributes.created_at) ?? session.providerUpdatedAt,
    session,
    // Without `included` the documents and checks are unknown, so Verdict re-reads the session.
    complete: included !== null,
    settlesStatus: true,
  };
}

/**
 * Documented document-status webhooks. They name the session but not its status, so they are
 * recorded without moving it and Verdict re-reads the session. Dedupe on document id + status, as the docs say.
 */
function parseDocumentEvent(body: unknown): ParsedEvent {
  const parsed = BelticDocumentEvent.safeParse(body);
  if (!parsed.success) throw new WebhookPayloadError("The Beltic document webhook is malformed.");
  const document = parsed.data.data;
  const sessionId = relatedIds(document.relationships, "session")[0];
  if (!sessionId) throw new WebhookPayloadError("The Beltic document webhook names no session.");
  const status = document.attributes.status ?? "unknown";
  const occurredAt = toDate(document.attributes.processed_at ?? document.attributes.submitted_at ?? document.attributes.created_at);
  return {
    dedupeKey: `${document.id}:${status}`,
    providerSessionId: sessionId,
    eventType: `${document.type}.${status}`,
    occurredAt,
    session: partialSession({ provider: "beltic", providerSessionId: sessionId, status: "pending", rawStatus: "" }),
    complete: false,
    settlesStatus: false,
  };
}
