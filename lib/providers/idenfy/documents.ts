import "server-only";
import type { CanonicalFields, ExtraFields, NormalizedDocument } from "../types";
import type { IdenfyData, IdenfyFiles } from "./schemas";

/** Drops absent keys but keeps explicit nulls ("not on this document"). Values are never touched. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** iDenfy file names look like FRONT, BACK, FACE, FRONT_VIDEO, UTILITY_BILL. */
const FILE_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Media keys are the lower-cased file names (front, back, face) mapped to iDenfy's own names.
 * Only the names are kept: the URLs are presigned and expire.
 */
export function mediaKeysOf(files: IdenfyFiles | null): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, url] of Object.entries(files ?? {})) {
    if (FILE_NAME.test(name) && typeof url === "string" && /^https?:\/\//i.test(url)) keys[name.toLowerCase()] = name;
  }
  return keys;
}

/** The URL behind a media key ("front" or "FRONT"), or null when iDenfy holds no such file. */
export function fileUrlOf(files: IdenfyFiles, mediaKey: string): string | null {
  const name = mediaKey.toUpperCase();
  if (!FILE_NAME.test(name) || !Object.hasOwn(files, name)) return null;
  const url = files[name];
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

function documentFields(data: IdenfyData): CanonicalFields {
  return compact({
    firstName: data.docFirstName,
    lastName: data.docLastName,
    fullName: data.fullName,
    dateOfBirth: data.docDob,
    documentNumber: data.docNumber,
    documentType: data.docType,
    issuingCountry: data.docIssuingCountry,
    nationality: data.docNationality,
    issueDate: data.docDateOfIssue,
    expiryDate: data.docExpiry,
    address: data.address,
    sex: data.docSex,
    personalNumber: data.docPersonalCode,
  });
}

/** What the callback reads off the document beyond the compared fields (IdentificationDataWebhook). */
function extraFieldsOf(data: IdenfyData): ExtraFields {
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
  return compact({
    placeOfBirth: text(data.birthPlace),
    issuingAuthority: text(data.authority),
    patronymic: text(data.docPatronymic),
    birthName: text(data.docBirthName),
    mothersMaidenName: text(data.mothersMaidenName),
    temporaryAddress: text(data.docTemporaryAddress),
    licenceCategories: text(data.driverLicenseCategory),
  });
}

/** `org*` carry the values as printed in the document's own script (doc* are often transliterated). */
function originalScriptFields(data: IdenfyData): CanonicalFields | null {
  const fields = compact({
    firstName: data.orgFirstName ?? undefined,
    lastName: data.orgLastName ?? undefined,
    nationality: data.orgNationality ?? undefined,
    address: data.orgAddress ?? undefined,
  });
  return Object.keys(fields).length > 0 ? fields : null;
}

/**
 * One identity document per verification. When iDenfy also read the original script, it is a
 * second document of kind "other", so reviewers can compare both readings side by side.
 */
export function documentsOf(data: IdenfyData | null, files: IdenfyFiles | null): NormalizedDocument[] {
  const mediaKeys = mediaKeysOf(files);
  if (!data && Object.keys(mediaKeys).length === 0) return [];
  const documentType = data?.docType ?? null;
  const documents: NormalizedDocument[] = [
    {
      providerDocumentId: "document",
      kind: "idv",
      documentType,
      fields: data ? documentFields(data) : {},
      extraFields: data ? extraFieldsOf(data) : {},
      mediaKeys,
    },
  ];
  const original = data ? originalScriptFields(data) : null;
  if (original) {
    documents.push({ providerDocumentId: "document_original_script", kind: "other", documentType, fields: original, mediaKeys: {} });
  }
  return documents;
}
