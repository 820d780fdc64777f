import "server-only";
import type { CanonicalField, CanonicalFields, NormalizedDocument } from "../types";
import { BelticAddress, isDocument, isVerification, relatedIds } from "./schemas";
import type { BelticDocument, BelticIncluded, BelticVerification } from "./schemas";

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

/** Image slots on a document resource → our media names. */
export const BELTIC_MEDIA_SLOTS = {
  front: "front_side",
  back: "back_side",
  portrait: "portrait",
  signature: "signature",
} as const;
export type BelticMediaSlot = (typeof BELTIC_MEDIA_SLOTS)[keyof typeof BELTIC_MEDIA_SLOTS];

const KINDS: Record<string, NormalizedDocument["kind"]> = { "document/idv": "idv", "document/address": "address" };

export function documentsOf(included: BelticIncluded): NormalizedDocument[] {
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
export function formatAddress(address: BelticAddress): string | null {
  const { line1, line2, sublocality, locality, administrative_area, postal_code } = address;
  const parts = [line1, line2, sublocality, locality, administrative_area, postal_code];
  const present = parts.filter((part): part is string => typeof part === "string" && part.trim() !== "");
  return present.length > 0 ? present.join(", ") : null;
}

/** `<document id>:<slot>`: a name only. The file's presigned URL is resolved again on every fetch. */
function mediaKeysOf(document: BelticDocument): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, slot] of Object.entries(BELTIC_MEDIA_SLOTS)) {
    if (fileIdOf(document, slot)) keys[name] = `${document.id}:${slot}`;
  }
  return keys;
}

export function fileIdOf(document: BelticDocument, slot: BelticMediaSlot): string | null {
  const value = document.attributes[slot];
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

export function parseMediaKey(mediaKey: string): { documentId: string; slot: BelticMediaSlot } | null {
  const at = mediaKey.lastIndexOf(":");
  if (at <= 0) return null;
  const slot = mediaKey.slice(at + 1);
  const known = Object.values(BELTIC_MEDIA_SLOTS).find((candidate) => candidate === slot);
  return known ? { documentId: mediaKey.slice(0, at), slot: known } : null;
}
