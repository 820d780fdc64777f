import "server-only";
import { compact, isoDate as toDate, partialSession, uniqueIds } from "../kit/normalize";
import type { ApplicantData, CanonicalField, CanonicalFields, NormalizedCheck, NormalizedDocument, NormalizedEvent, NormalizedSession } from "../types";
import { mediaKeysOf } from "./media";
import { BelticAddress, isDocument, isVerification, relatedIds } from "./schemas";
import type {
  BelticBehavior,
  BelticCheck,
  BelticDocument,
  BelticIdentityNumber,
  BelticIncluded,
  BelticSession,
  BelticSessionAttributes,
  BelticVerification,
} from "./schemas";
import { mapBelticCheckResult, mapBelticStatus, mapBelticThreatLevel } from "./status";

/**
 * One session resource. `included` is null for list rows (GET list has no include), which are
 * marked not detailed so Verdict keeps the documents and checks it already holds.
 */
export function normalizeSession(session: BelticSession, included: BelticIncluded | null): NormalizedSession {
  const attributes = session.attributes;
  const base = {
    provider: "beltic" as const,
    providerSessionId: session.id,
    status: mapBelticStatus(attributes.status),
    rawStatus: attributes.status,
    applicant: applicantOf(session),
    providerCreatedAt: toDate(attributes.created_at),
    providerUpdatedAt: toDate(attributes.updated_at),
  };
  if (included === null) return partialSession(base);
  const checks = checksOf(included, attributes.behavior_analysis);
  return {
    ...base,
    documents: documentsOf(included),
    checks,
    events: eventsOf(attributes),
    riskSummary: riskSummaryOf(checks, attributes.behavior_analysis),
    detailed: true,
  };
}

/**
 * What the applicant entered or the integrator set on the session. With `auto_update_session`
 * Beltic copies document data in here, so a mismatch shows only where that was not the case.
 */
function applicantOf(session: BelticSession): ApplicantData {
  const { person, contact, address } = session.attributes;
  const name = person?.name;
  const identity = primaryIdentityNumber(session.attributes.identity_numbers);
  // Our canonical set has no middle name: given names are joined as a document prints them.
  const given = name ? [name.first, name.middle].filter((part): part is string => Boolean(part)) : [];
  return compact({
    firstName: given.length > 0 ? given.join(" ") : name?.first,
    lastName: name?.last,
    dateOfBirth: person?.birth_date,
    documentNumber: identity?.number,
    issuingCountry: identity?.issuing_country_code,
    address: address ? formatAddress(address) : address,
    email: contact?.email,
    phone: contact?.phone,
    reference: relatedIds(session.relationships, "account")[0],
  });
}

function primaryIdentityNumber(value: BelticSessionAttributes["identity_numbers"]): BelticIdentityNumber | null {
  if (!value) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

const TIMELINE: readonly (readonly [keyof BelticSessionAttributes, string])[] = [
  ["created_at", "created"],
  ["started_at", "started"],
  ["completed_at", "completed"],
  ["failed_at", "failed"],
  ["marked_for_review_at", "marked_for_review"],
  ["decisioned_at", "decisioned"],
  ["expired_at", "expired"],
  ["redacted_at", "redacted"],
];

/** Beltic keeps one timestamp per lifecycle step; together they are the session's timeline. */
function eventsOf(attributes: BelticSessionAttributes): NormalizedEvent[] {
  const events = TIMELINE.flatMap(([field, step]) => {
    const at = toDate(attributes[field] as string | null | undefined);
    if (!at) return [];
    const detail = step === "decisioned" ? { step, status: attributes.status } : { step };
    return [{ at, type: "provider_lifecycle", detail }];
  });
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * UNCONFIRMED: Beltic's extracted-data field names are not published. These are the snake_case
 * names we expect (first one wins), in the style of the session's own `birth_date` and
 * `issuing_country_code`; a rename on their side is a change to this table only.
 */
const FIELD_SOURCES: Record<CanonicalField, readonly string[]> = {
  firstName: ["first_name", "given_names"],
  lastName: ["last_name", "surname"],
  fullName: ["full_name"],
  dateOfBirth: ["birth_date", "date_of_birth"],
  documentNumber: ["document_number"],
  documentType: ["document_type"],
  issuingCountry: ["issuing_country_code"],
  nationality: ["nationality_country_code", "nationality"],
  issueDate: ["issue_date"],
  expiryDate: ["expiration_date", "expiry_date"],
  address: ["address"],
  sex: ["sex"],
  personalNumber: ["personal_number"],
};

const KINDS: Record<string, NormalizedDocument["kind"]> = { "document/idv": "idv", "document/address": "address" };

function documentsOf(included: BelticIncluded): NormalizedDocument[] {
  const verifications = included.filter(isVerification);
  return included.filter(isDocument).map((document) => {
    const extracted = document.attributes.extracted_data ?? extractedByVerification(document, verifications);
    const fields = fieldsOf(extracted ?? {});
    return {
      providerDocumentId: document.id,
      kind: KINDS[document.type] ?? "other",
      documentType: document.attributes.document_type ?? fields.documentType ?? null,
      fields,
      mediaKeys: mediaKeysOf(document),
    };
  });
}

/** With `auto_update_session` the data may sit on the verification of the document instead. */
function extractedByVerification(document: BelticDocument, verifications: BelticVerification[]) {
  const linked = verifications.find((v) => relatedIds(v.relationships, "document").includes(document.id));
  return linked?.attributes.extracted_data ?? null;
}

function fieldsOf(extracted: Record<string, unknown>): CanonicalFields {
  const fields: CanonicalFields = {};
  for (const [field, sources] of Object.entries(FIELD_SOURCES) as [CanonicalField, readonly string[]][]) {
    const source = sources.find((name) => Object.hasOwn(extracted, name));
    if (source === undefined) continue;
    const value = fieldValue(extracted[source]);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}

/** Values stay exactly as sent; only a structured address is joined into one line. */
function fieldValue(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  const address = BelticAddress.safeParse(value);
  return address.success ? formatAddress(address.data) : undefined;
}

/** One line as an address is printed; the country code is left out, as documents leave it out. */
function formatAddress(address: BelticAddress): string | null {
  const { line1, line2, sublocality, locality, administrative_area, postal_code } = address;
  const parts = [line1, line2, sublocality, locality, administrative_area, postal_code];
  const present = parts.filter((part): part is string => typeof part === "string" && part.trim() !== "");
  return present.length > 0 ? present.join(", ") : null;
}

const BEHAVIOR_CHECK_ID = "behavior_analysis";

/** Every check of every included verification, plus the session's behaviour analysis as one check. */
function checksOf(included: BelticIncluded, behavior: BelticBehavior | null | undefined): NormalizedCheck[] {
  const idFor = uniqueIds();
  const checks = included
    .filter(isVerification)
    .flatMap((verification) => (verification.attributes.checks ?? []).map((check) => toCheck(idFor(`${verification.id}:${check.name}`, ""), verification, check)));
  return behavior ? [...checks, behaviorCheck(behavior)] : checks;
}

function toCheck(providerCheckId: string, verification: BelticVerification, check: BelticCheck): NormalizedCheck {
  const result = mapBelticCheckResult(check.status, check.requirement);
  const reasons = [...new Set(check.reasons ?? [])];
  const score = check.metadata?.score;
  return {
    providerCheckId,
    kind: kindOf(check.name, verification.type),
    result,
    score: typeof score === "number" && Number.isFinite(score) ? score : null,
    // A flagged check without reasons still needs a code a reviewer can filter on: its own name.
    codes: reasons.length > 0 || result === "passed" || result === "not_run" ? reasons : [check.name],
    details: {
      name: check.name,
      rawStatus: check.status ?? null,
      requirement: check.requirement ?? null,
      verificationId: verification.id,
      verificationType: verification.type,
      verificationStatus: verification.attributes.status ?? null,
      metadata: check.metadata ?? null,
    },
  };
}

/** UNCONFIRMED: Beltic's check-name catalogue is not published; names are grouped by what they mention. */
function kindOf(name: string, verificationType: string): string {
  if (/face_?match|face_comparison/.test(name)) return "face_match";
  if (/liveness/.test(name)) return "liveness";
  if (/aml|watchlist|sanction|pep/.test(name)) return "aml";
  if (verificationType === "verification/address") return "address";
  return "document";
}

/** The behaviour signals that fired, by Beltic's own field names. */
function fraudSignals(behavior: BelticBehavior): string[] {
  const signals: string[] = [];
  if (behavior.devtools_open) signals.push("devtools_open");
  if (behavior.debugger_attached) signals.push("debugger_attached");
  if ((behavior.request_spoof_attempts ?? 0) > 0) signals.push("request_spoof_attempts");
  if ((behavior.user_agent_spoof_attempts ?? 0) > 0) signals.push("user_agent_spoof_attempts");
  return signals;
}

function behaviorCheck(behavior: BelticBehavior): NormalizedCheck {
  return {
    providerCheckId: BEHAVIOR_CHECK_ID,
    kind: "behavior",
    result: mapBelticThreatLevel(behavior.threat_level),
    score: behavior.bot_score ?? null,
    codes: fraudSignals(behavior),
    details: { ...behavior },
  };
}

function riskSummaryOf(checks: NormalizedCheck[], behavior: BelticBehavior | null | undefined): Record<string, unknown> {
  const flagged = checks.filter((check) => check.result === "failed" || check.result === "review");
  const firstScore = (kind: string) => checks.find((check) => check.kind === kind)?.score ?? null;
  return {
    threatLevel: behavior?.threat_level ?? null,
    botScore: behavior?.bot_score ?? null,
    fraudSignals: behavior ? fraudSignals(behavior) : [],
    flags: [...new Set(flagged.filter((c) => c.kind !== "behavior").flatMap((check) => check.codes))],
    faceMatchScore: firstScore("face_match"),
    livenessScore: firstScore("liveness"),
  };
}
