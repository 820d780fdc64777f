import "server-only";
import { createHash, createPublicKey, timingSafeEqual } from "node:crypto";
import { errors as joseErrors, importSPKI, jwtVerify } from "jose";
import type { CryptoKey } from "jose";
import type { ZodType } from "zod";
import { compact, isoDate as toDate } from "../kit/normalize";
import { readJsonBody, tryJsonBody } from "../kit/webhook";
import type {
  CommonStatus,
  NormalizedCheck,
  NormalizedDocument,
  NormalizedSession,
  ParsedWebhook,
  WebhookHandler,
  WebhookHeaders,
  WebhookVerification,
} from "../types";
import { WebhookPayloadError } from "../types";
import { decisionCheckOf, documentCheckOf, identityDocumentOf, riskTagsOf } from "./normalize";
import { BynnDecisionResource, BynnGenericResource, BynnIdentityDocument, BynnWebhookEnvelope } from "./schemas";
import type { BynnGenericResource as GenericResource } from "./schemas";
import { bynnEventSettlesStatus, mapBynnCheckResult, mapBynnStatus } from "./status";

/** Verifies with Bynn's public key; parses every event Bynn sends about a session. */
export function createBynnWebhookHandler(options: BynnWebhookVerifierOptions): WebhookHandler {
  return { verify: createBynnWebhookVerifier(options), parse: parseBynnWebhook };
}

/*
 * Trust boundary. `X-Bynn-Signature` is a detached RS256 JWT made with Bynn's private key:
 * iss "bynn.com", sub = event_id, jti = the webhook token (= Idempotency-Key), iat, exp (iat + 24 h),
 * v "2", sha256 = hex SHA-256 of the exact raw body. Only Bynn's published public key can verify it.
 * [providers.md §4.7]
 */

export type BynnWebhookVerifierOptions = {
  /** Bynn's RSA public key as PEM (SPKI "PUBLIC KEY", PKCS#1 "RSA PUBLIC KEY" or an X.509 certificate). */
  publicKeyPem: string;
  /** Clock skew allowed on iat/exp; Bynn re-signs every attempt, so little is needed. */
  clockToleranceSeconds?: number;
};

const ISSUER = "bynn.com";
const SHA256_HEX = /^[0-9a-f]{64}$/;
const DEFAULT_CLOCK_TOLERANCE_SECONDS = 60;

export function createBynnWebhookVerifier(options: BynnWebhookVerifierOptions) {
  const key = importBynnPublicKey(options.publicKeyPem);
  const clockTolerance = options.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS;

  return async function verify(rawBody: Uint8Array, headers: WebhookHeaders, now: Date): Promise<WebhookVerification> {
    const token = headers.get("x-bynn-signature")?.trim();
    if (!token) return { ok: false, reason: "missing X-Bynn-Signature header" };

    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, await key, {
        algorithms: ["RS256"],
        issuer: ISSUER,
        currentDate: now,
        clockTolerance,
        requiredClaims: ["iat", "exp", "sub"],
      });
      claims = verified.payload;
    } catch (error) {
      return { ok: false, reason: reasonFor(error) };
    }

    const claimed = typeof claims.sha256 === "string" ? claims.sha256.toLowerCase() : "";
    if (!SHA256_HEX.test(claimed)) return { ok: false, reason: "signature has no sha256 claim" };
    const actual = createHash("sha256").update(rawBody).digest();
    if (!timingSafeEqual(actual, Buffer.from(claimed, "hex"))) return { ok: false, reason: "body digest does not match" };

    // The digest already binds the body; these bind the envelope and the dedupe key to the token,
    // so a replayed body cannot pass as a different event or slip past deduplication.
    const eventId = eventIdOf(rawBody);
    if (eventId !== null && claims.sub !== eventId) return { ok: false, reason: "sub does not match event_id" };
    const idempotencyKey = headers.get("idempotency-key");
    if (idempotencyKey && typeof claims.jti === "string" && claims.jti !== idempotencyKey) {
      return { ok: false, reason: "jti does not match Idempotency-Key" };
    }
    return { ok: true };
  };
}

/** Normalises any PEM form to SPKI once, so a bad key fails at start-up, not on the first webhook. */
function importBynnPublicKey(pem: string): Promise<CryptoKey> {
  let spki: string;
  try {
    const keyObject = createPublicKey(pem);
    if (keyObject.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    spki = keyObject.export({ type: "spki", format: "pem" }).toString();
  } catch {
    throw new Error("The Bynn webhook public key is not a valid RSA public key in PEM form.");
  }
  return importSPKI(spki, "RS256");
}

/** null when the body is not a JSON object with an event_id; parse() then rejects the shape. */
function eventIdOf(rawBody: Uint8Array): string | null {
  const body = tryJsonBody(rawBody, "lenient");
  if (typeof body !== "object" || body === null) return null;
  const eventId = (body as Record<string, unknown>).event_id;
  return typeof eventId === "string" ? eventId : null;
}

function reasonFor(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "signature token has expired";
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `signature claim "${error.claim}" is not valid`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "signature does not verify with the Bynn public key";
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "signature algorithm is not RS256";
  return "signature is not a valid JWT";
}

type Carried = Pick<NormalizedSession, "applicant" | "documents" | "checks" | "riskSummary"> & {
  providerCreatedAt?: Date | null;
};

/**
 * No Bynn event carries the whole session (the session record is never sent), so every parsed
 * webhook is `complete: false` and Verdict re-reads the session. What an event does carry (the
 * decision's identity document and entity, a document event's data, a liveness verdict) is kept:
 * `detailed` is true whenever it brings documents or checks, and Verdict merges them in.
 * Events arrive out of order: the event's own `created_at` is its time, so an older event cannot
 * overwrite a newer state.
 */
export function parseBynnWebhook(rawBody: Uint8Array, headers: WebhookHeaders): ParsedWebhook {
  const notJson = "Bynn webhook body is not valid JSON";
  const body = readJsonBody(rawBody, { notUtf8: notJson, notJson }, "lenient");
  const envelope = parseAs(BynnWebhookEnvelope, body, "not a Bynn webhook envelope");
  const eventType = envelope.event_type;
  const occurredAt = toDate(envelope.created_at);
  const settlesStatus = bynnEventSettlesStatus(eventType);
  const generic = parseAs(BynnGenericResource, envelope.resource, "resource is not an object Bynn sends");
  const providerSessionId = sessionIdOf(eventType, generic);
  const carried = carriedBy(eventType, envelope.resource, generic);
  const session: NormalizedSession = {
    provider: "bynn",
    providerSessionId,
    status: settlesStatus ? mapBynnStatus(eventType) : statusOfInformationalEvent(eventType),
    rawStatus: eventType,
    applicant: carried.applicant,
    documents: carried.documents,
    checks: carried.checks,
    events: occurredAt ? [{ at: occurredAt, type: eventType, detail: eventDetail(envelope, generic) }] : [],
    riskSummary: carried.riskSummary,
    providerCreatedAt: carried.providerCreatedAt ?? null,
    providerUpdatedAt: occurredAt,
    detailed: carried.documents.length > 0 || carried.checks.length > 0,
  };
  return {
    // Stable across retries (each retry is re-signed); event_id only when the header is absent.
    dedupeKey: headers.get("idempotency-key")?.trim() || envelope.event_id,
    providerSessionId,
    eventType,
    occurredAt,
    session,
    complete: false,
    settlesStatus,
    body,
  };
}

function parseAs<T>(schema: ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const path = result.error.issues[0]?.path.map(String).join(".");
  throw new WebhookPayloadError(`Bynn webhook body is ${what}${path ? ` (at ${path})` : ""}`);
}

/**
 * UNCONFIRMED: the documented decision example names no session. We read `resource.session_id`
 * (or `resource.session.id`); for session.* events the resource is the session itself. Without
 * any of these the dossier (Bynn's case for the applicant, named by decision events and by
 * dossier.* events) keys the row instead, so a decision is never lost; such a row cannot be
 * re-read through GET /v1/sessions/{id} and is fed by webhooks alone.
 * Events not tied to a session or dossier (standalone document forensics, AML monitoring) are refused.
 */
function sessionIdOf(eventType: string, resource: GenericResource): string {
  const own = eventType.startsWith("session.") ? resource.id : null;
  const dossier = eventType.startsWith("dossier.") ? resource.id : resource.dossier?.id;
  const id = resource.session_id ?? resource.session?.session_id ?? resource.session?.id ?? own ?? dossier;
  if (!id) throw new WebhookPayloadError(`Bynn ${eventType} webhook names no verification session`);
  return id;
}

/** Non-status events still create a row if they come first; in-flow ones say the applicant is active. */
function statusOfInformationalEvent(eventType: string): CommonStatus {
  return eventType.startsWith("session.") ? "started" : "pending";
}

function carriedBy(eventType: string, resource: Record<string, unknown>, generic: GenericResource): Carried {
  const empty: Carried = { applicant: {}, documents: [], checks: [], riskSummary: {} };
  if (eventType.startsWith("decision.")) return decisionCarried(parseAs(BynnDecisionResource, resource, "not a decision"));
  if (eventType.startsWith("identity_document.")) {
    const doc = parseAs(BynnIdentityDocument, resource, "not an identity document");
    return { ...empty, documents: [identityDocumentOf(doc)], checks: [documentCheckOf(doc)] };
  }
  if (!eventType.startsWith("session.")) return empty;
  const applicant = generic.applicant;
  const carried: Carried = {
    ...empty,
    applicant: compact({
      firstName: applicant?.first_name,
      lastName: applicant?.last_name,
      dateOfBirth: applicant?.date_of_birth,
      email: applicant?.email_address ?? applicant?.email,
      phone: applicant?.phone_number,
      reference: generic.unique_id,
    }),
    providerCreatedAt: toDate(generic.created_at),
  };
  const liveness = /^session\.liveness\.(accepted|rejected)$/.exec(eventType)?.[1];
  if (liveness) carried.checks = [livenessCheck(generic, liveness)];
  return carried;
}

/**
 * The entity's personal info is who the applicant is on Bynn's side: the applicant side of the
 * comparison. The identity document is what was read off the document: the other side.
 */
function decisionCarried(decision: BynnDecisionResource): Carried {
  const documents: NormalizedDocument[] = [];
  const checks: NormalizedCheck[] = [decisionCheckOf(decision)];
  const doc = decision.identity_document;
  if (doc) {
    const withId = { ...doc, id: doc.id ?? `${decision.id ?? "decision"}:identity_document` };
    documents.push(identityDocumentOf(withId));
    if (doc.status) checks.push(documentCheckOf(withId));
  }
  const person = decision.entity?.personal_info;
  // UNCONFIRMED: `reference` ("" in the example) is taken to be the integrator's unique_id.
  const reference = decision.reference || decision.entity?.reference || decision.dossier?.reference || undefined;
  return {
    applicant: compact({
      fullName: person?.full_name,
      firstName: person?.first_name,
      lastName: person?.last_name,
      dateOfBirth: person?.date_of_birth,
      nationality: person?.nationality_country_id ?? person?.nationality,
      sex: person?.sex,
      reference,
    }),
    documents,
    checks,
    riskSummary: {
      riskTags: riskTagsOf(decision.risk_tags, doc?.risk_tags),
      decisionStatus: decision.status ?? null,
      dossierStatus: decision.dossier?.status ?? null,
    },
  };
}

function livenessCheck(resource: GenericResource, outcome: string): NormalizedCheck {
  return {
    providerCheckId: `liveness:${resource.session_id ?? resource.id ?? "session"}`,
    kind: "liveness",
    result: mapBynnCheckResult(outcome),
    score: null,
    codes: [],
    details: { status: outcome },
  };
}

function eventDetail(envelope: BynnWebhookEnvelope, resource: GenericResource): Record<string, unknown> {
  return { eventId: envelope.event_id, resourceId: resource.id ?? null, resourceStatus: resource.status ?? null };
}
