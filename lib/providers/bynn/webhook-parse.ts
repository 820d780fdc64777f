import "server-only";
import type { ZodType } from "zod";
import type { CommonStatus, NormalizedCheck, NormalizedDocument, NormalizedSession, ParsedWebhook, WebhookHeaders } from "../types";
import { WebhookPayloadError } from "../types";
import { compact, decisionCheckOf, documentCheckOf, identityDocumentOf, riskTagsOf, toDate } from "./parts";
import { BynnDecisionResource, BynnGenericResource, BynnIdentityDocument, BynnWebhookEnvelope } from "./schemas";
import type { BynnGenericResource as GenericResource } from "./schemas";
import { bynnEventSettlesStatus, mapBynnCheckResult, mapBynnStatus } from "./status";

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
  const envelope = parseAs(BynnWebhookEnvelope, readJson(rawBody), "not a Bynn webhook envelope");
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
  };
}

function readJson(rawBody: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(rawBody).toString("utf8"));
  } catch {
    throw new WebhookPayloadError("Bynn webhook body is not valid JSON");
  }
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
