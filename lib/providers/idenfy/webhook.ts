import "server-only";
import { compact, partialSession } from "../kit/normalize";
import { hexDigest, hmacSha256Matches, readJsonBody } from "../kit/webhook";
import { WebhookPayloadError } from "../types";
import type { NormalizedSession, ParsedEvent, ParsedWebhook, WebhookHandler, WebhookHeaders, WebhookVerification } from "../types";
import { checksOf, commonStatusOf, documentsOf, riskSummaryOf, toDate } from "./normalize";
import { IdenfyDocumentExpirationWebhook, IdenfyIdentificationWebhook } from "./schemas";
import type { IdenfyVerification } from "./schemas";

export const IDENFY_SIGNATURE_HEADER = "idenfy-signature";
export const IDENFY_EVENT_HEADER = "idenfy-event-type";
/** The legacy catch-all, and what a callback without the event header is. */
const LEGACY_EVENT = "IDENTIFICATION";
/** Terminal whatever `final` says: the token is gone. */
const TERMINAL_EVENTS = ["IDENTIFICATION_EXPIRED", "IDENTIFICATION_CANCELLED"];

export type IdenfyWebhookOptions = { secret: string; manualReview: boolean };

export function createIdenfyWebhookHandler(options: IdenfyWebhookOptions): WebhookHandler {
  return {
    verify: async (rawBody, headers) => verifyIdenfySignature(rawBody, headers, options.secret),
    parse: (rawBody, headers) => parseIdenfyWebhook(rawBody, headers, options),
  };
}

/** Hex HMAC-SHA256 of the raw body. iDenfy sends no timestamp, so there is no replay window to check. */
export function verifyIdenfySignature(rawBody: Uint8Array, headers: WebhookHeaders, secret: string): WebhookVerification {
  const given = headers.get(IDENFY_SIGNATURE_HEADER)?.trim() ?? "";
  if (!given) return { ok: false, reason: "The Idenfy-Signature header is missing." };
  const digest = hexDigest(given);
  if (!digest) return { ok: false, reason: "The Idenfy-Signature header is not a hex SHA-256 HMAC." };
  const matches = hmacSha256Matches(secret, rawBody, digest);
  return matches ? { ok: true } : { ok: false, reason: "The Idenfy-Signature does not match the body." };
}

export function parseIdenfyWebhook(rawBody: Uint8Array, headers: WebhookHeaders, options: IdenfyWebhookOptions): ParsedWebhook {
  const body = readJsonBody(rawBody, { notUtf8: "The body is not valid UTF-8.", notJson: "The body is not valid JSON." });
  const eventType = headers.get(IDENFY_EVENT_HEADER)?.trim() || LEGACY_EVENT;
  const identification = IdenfyIdentificationWebhook.safeParse(body);
  if (identification.success) return { ...fromIdentification(identification.data, eventType, options), body };
  const expiration = IdenfyDocumentExpirationWebhook.safeParse(body);
  if (expiration.success) return { ...fromDocumentExpiration(expiration.data), body };
  throw new WebhookPayloadError("The body is not an iDenfy identification callback.");
}

function fromIdentification(payload: IdenfyIdentificationWebhook, eventType: string, options: IdenfyWebhookOptions): ParsedEvent {
  const final = payload.final ?? null;
  const data = payload.data ?? null;
  const { suspicionReasons, ...status } = payload.status;
  const verification: IdenfyVerification = {
    ...payload,
    ...status,
    // Legacy callbacks name their fraud signals suspicionReasons; they are the same vocabulary.
    fraudTags: [...(status.fraudTags ?? []), ...(suspicionReasons ?? [])],
    AML: [...(payload.AML ?? []), ...(payload.aml ? [payload.aml] : [])],
    LID: [...(payload.LID ?? []), ...(payload.lid ? [payload.lid] : [])],
    rawStatus: payload.status.overall,
    final,
    data,
  };
  const happenedAt = payload.finishTime ?? payload.startTime ?? null;
  const occurredAt = toDate(happenedAt);
  const checks = checksOf(verification);
  const documents = documentsOf(data, payload.fileUrls ?? null);
  const session: NormalizedSession = {
    provider: "idenfy",
    providerSessionId: payload.scanRef,
    // Cancellation is the applicant or iDenfy aborting, not a decision (providers.md §5 note 2).
    status: eventType === "IDENTIFICATION_CANCELLED" ? "failed" : commonStatusOf(verification, options),
    rawStatus: payload.status.overall,
    applicant: compact({ reference: payload.clientId }),
    documents,
    checks,
    events: occurredAt ? [{ at: occurredAt, type: eventType, detail: { final, overall: payload.status.overall, platform: payload.platform ?? null } }] : [],
    riskSummary: riskSummaryOf(verification),
    providerCreatedAt: null,
    providerUpdatedAt: occurredAt,
    detailed: documents.length > 0 || checks.length > 0,
  };
  return {
    // providers.md §6 names scanRef + event type + final. The finish time is added because a
    // resubmitted verification finishes again under the same scanRef; a redelivery repeats it.
    dedupeKey: [payload.scanRef, eventType, String(final), String(happenedAt ?? "-")].join(":"),
    providerSessionId: payload.scanRef,
    eventType,
    occurredAt,
    session,
    // Callbacks never carry the token's expected values, so they are never the whole session.
    complete: false,
    // With manual review the automatic callback comes first with final:false: record it, but only
    // the final one decides. Older accounts send no `final` at all (legacy callbacks): each of
    // those is a result, so only an explicit final:false holds the status back.
    settlesStatus: final !== false || TERMINAL_EVENTS.includes(eventType),
  };
}

/**
 * Document monitoring runs on approved verifications only, hence the APPROVED raw status; the
 * event never moves the status, it only tells the reviewer the document is (about to be) expired.
 */
function fromDocumentExpiration(payload: IdenfyDocumentExpirationWebhook): ParsedEvent {
  const eventType = "DOCUMENT_EXPIRATION";
  return {
    dedupeKey: [payload.scanRef, eventType, payload.expirationThreshold].join(":"),
    providerSessionId: payload.scanRef,
    eventType,
    occurredAt: null,
    session: partialSession({
      provider: "idenfy",
      providerSessionId: payload.scanRef,
      status: "approved",
      rawStatus: "APPROVED",
      applicant: compact({ reference: payload.clientId }),
      riskSummary: {
        documentExpiration: payload.documentExpiration ?? null,
        expirationThreshold: payload.expirationThreshold,
      },
    }),
    complete: false,
    settlesStatus: false,
  };
}
