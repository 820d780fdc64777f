import type { Json, JsonObject } from "../json";
import { alpha2 } from "../generate/countries";
import { documentRefs, documentsOf, ref, verificationRefs, verificationsOf } from "./documents";
import type { RenderContext } from "./media";
import type { BelticSessionRecord, TimestampField } from "./types";

const TIMESTAMPS: readonly TimestampField[] = [
  "created_at",
  "updated_at",
  "started_at",
  "expires_at",
  "completed_at",
  "failed_at",
  "marked_for_review_at",
  "decisioned_at",
  "expired_at",
  "redacted_at",
];

/** GET /v1/identity/sessions/{id}: the session, plus documents and verifications when included. */
export function sessionDocument(record: BelticSessionRecord, ctx: RenderContext, include: readonly string[]): JsonObject {
  const documents = documentsOf(record, ctx);
  const verifications = verificationsOf(record);
  const included = [...(include.includes("documents") ? documents : []), ...(include.includes("verifications") ? verifications : [])];
  return { data: sessionResource(record), ...(include.length > 0 ? { included } : {}) };
}

export function sessionResource(record: BelticSessionRecord): JsonObject {
  const redacted = Boolean(record.timestamps.redacted_at);
  const docs = documentRefs(record);
  const verifications = verificationRefs(record);
  return {
    type: "session",
    id: record.id,
    attributes: {
      status: record.status,
      creator_type: "system",
      creator_id: null,
      entity_type: "person",
      person: redacted ? null : personOf(record),
      business: null,
      identity_numbers: redacted ? [] : identityNumbersOf(record),
      contact: redacted ? null : { email: record.person.email, phone: record.person.phone },
      address: redacted || !hasPersonData(record) ? null : addressOf(record),
      behavior_analysis: record.stage === "none" ? null : record.behavior,
      ...Object.fromEntries(TIMESTAMPS.map((field): [string, Json] => [field, record.timestamps[field] ?? null])),
    },
    relationships: {
      account: { data: ref("account", record.accountId) },
      business: { data: null },
      documents: { data: docs },
      verifications: { data: verifications },
      session_device: { data: null },
    },
  };
}

/** Entered by the integrator from the start, or copied from the document by auto_update_session. */
function hasPersonData(record: BelticSessionRecord): boolean {
  return record.manualEntry || (record.stage === "processed" && record.status !== "failed");
}

function personOf(record: BelticSessionRecord): Json {
  if (!hasPersonData(record)) return null;
  const { person, issues } = record;
  const entered = record.manualEntry;
  const transliterated = entered && issues.includes("transliterated_name");
  return {
    name: {
      first: transliterated ? person.asciiFirstName : person.firstName,
      middle: null,
      last: transliterated ? person.asciiLastName : person.lastName,
    },
    birth_date: entered && issues.includes("dob_mismatch") ? shiftDay(person.dateOfBirth) : person.dateOfBirth,
  };
}

function identityNumbersOf(record: BelticSessionRecord): Json {
  if (!hasPersonData(record)) return [];
  const { number, type } = record.document;
  const typo = record.manualEntry && record.issues.includes("document_number_mismatch");
  // A typo in one digit: what a mistyped number entered by hand looks like.
  const entered = typo ? `${number.slice(0, -1)}${number.endsWith("7") ? "1" : "7"}` : number;
  return [{ number: entered, issuing_country_code: alpha2(record.person.country), class: type }];
}

function addressOf(record: BelticSessionRecord): JsonObject {
  return {
    line1: record.person.address,
    line2: null,
    sublocality: null,
    locality: null,
    administrative_area: null,
    postal_code: null,
    country_code: alpha2(record.person.country),
  };
}

/** A plausible typo: the day one off, still a valid date. */
function shiftDay(isoDate: string): string {
  const day = Number(isoDate.slice(8, 10));
  return `${isoDate.slice(0, 8)}${String(day === 1 ? 2 : day - 1).padStart(2, "0")}`;
}
