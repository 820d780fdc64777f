import type { JsonObject } from "../json";
import { addressChecks, idvChecks } from "./checks";
import { alpha2 } from "../generate/countries";
import { capturedFiles } from "./lifecycle";
import { fileLink } from "./media";
import type { RenderContext } from "./media";
import type { BelticSessionRecord, FileKind } from "./types";

/*
 * document/idv, document/address and verification/* resources of one session. Extracted-data
 * field names and the download link on each file are UNCONFIRMED (see the adapter's normalize.ts).
 */

export type Ref = { type: string; id: string };
export const ref = (type: string, id: string): Ref => ({ type, id });

export function documentRefs(record: BelticSessionRecord): Ref[] {
  if (record.stage === "none") return [];
  const refs = [ref("document/idv", record.ids.idvDocument)];
  if (record.document.addressProof && record.stage !== "started") refs.push(ref("document/address", record.ids.addressDocument));
  return refs;
}

export function verificationRefs(record: BelticSessionRecord): Ref[] {
  if (record.stage !== "submitted" && record.stage !== "processed") return [];
  const refs = [ref("verification/idv", record.ids.idvVerification)];
  if (record.document.addressProof) refs.push(ref("verification/address", record.ids.addressVerification));
  return refs;
}

export function documentsOf(record: BelticSessionRecord, ctx: RenderContext): JsonObject[] {
  return documentRefs(record).map((docRef) => (docRef.type === "document/idv" ? idvDocument(record, ctx) : addressDocument(record, ctx)));
}

function fileEntry(ctx: RenderContext, id: string | undefined, filename: string): JsonObject[] {
  if (!id) return [];
  const link = fileLink(ctx, id);
  const download = { download_url: link.url, download_url_expires_at: link.expiresAt };
  return [{ id, filename, status: "uploaded", content_type: "image/png", ...download }];
}

function documentStatus(record: BelticSessionRecord): string {
  if (record.stage === "started") return "pending";
  if (record.stage === "submitted") return "processing";
  return record.status === "failed" ? "failed" : "processed";
}

function idvDocument(record: BelticSessionRecord, ctx: RenderContext): JsonObject {
  const files = capturedFiles(record);
  const processed = record.stage === "processed" && record.status !== "failed" && !record.timestamps.redacted_at;
  const uploading = { id: record.ids.files.front, filename: "front.png", status: "pending_upload" };
  const pending = record.stage === "started" ? [uploading] : [];
  return {
    type: "document/idv",
    id: record.ids.idvDocument,
    attributes: {
      status: documentStatus(record),
      document_type: record.document.type,
      files: [...pending, ...fileEntry(ctx, files.front, "front.png"), ...fileEntry(ctx, files.back, "back.png"), ...fileEntry(ctx, files.portrait, "portrait.png")],
      front_side: files.front ?? null,
      back_side: files.back ?? null,
      portrait: files.portrait ?? null,
      signature: null,
      extracted_data: processed ? idvExtracted(record, files) : null,
      ...documentTimes(record),
    },
    relationships: { session: { data: ref("session", record.id) } },
  };
}

function idvExtracted(record: BelticSessionRecord, files: Partial<Record<FileKind, string>>): JsonObject {
  const { person, document } = record;
  return {
    first_name: person.firstName,
    last_name: person.lastName,
    full_name: person.fullName,
    birth_date: person.dateOfBirth,
    sex: person.sex,
    document_number: document.number,
    document_type: document.type,
    issuing_country_code: alpha2(person.country),
    nationality_country_code: alpha2(person.country),
    issue_date: document.issueDate,
    expiration_date: document.expiryDate,
    personal_number: document.type === "id_card" ? person.personalNumber : null,
    // Only cards print an address (on the back).
    address: files.back ? person.address : null,
  };
}

function addressDocument(record: BelticSessionRecord, ctx: RenderContext): JsonObject {
  const proof = record.document.addressProof;
  const files = capturedFiles(record);
  const processed = record.stage === "processed" && !record.timestamps.redacted_at;
  return {
    type: "document/address",
    id: record.ids.addressDocument,
    attributes: {
      status: record.stage === "submitted" ? "processing" : "processed",
      document_type: proof?.type ?? null,
      files: fileEntry(ctx, files.address, "proof-of-address.png"),
      front_side: files.address ?? null,
      back_side: null,
      portrait: null,
      signature: null,
      extracted_data:
        processed && proof ? { full_name: record.person.fullName, address: proof.address, issue_date: proof.issueDate, document_type: proof.type } : null,
      ...documentTimes(record),
    },
    relationships: { session: { data: ref("session", record.id) } },
  };
}

function documentTimes(record: BelticSessionRecord): JsonObject {
  const { started_at, completed_at, failed_at } = record.timestamps;
  return {
    created_at: started_at ?? record.timestamps.created_at ?? null,
    submitted_at: record.stage === "submitted" || record.stage === "processed" ? (started_at ?? null) : null,
    processed_at: record.stage === "processed" ? (completed_at ?? failed_at ?? null) : null,
  };
}

export function verificationsOf(record: BelticSessionRecord): JsonObject[] {
  return verificationRefs(record).map((verRef) => {
    const idv = verRef.type === "verification/idv";
    const processed = record.stage === "processed";
    const result = processed ? (idv ? idvChecks(record) : addressChecks(record)) : { status: "initiated", checks: [] };
    const document = idv ? ref("document/idv", record.ids.idvDocument) : ref("document/address", record.ids.addressDocument);
    return {
      type: verRef.type,
      id: verRef.id,
      attributes: {
        status: result.status,
        checks: result.checks,
        created_at: record.timestamps.started_at ?? null,
        submitted_at: record.timestamps.started_at ?? null,
        completed_at: record.stage === "processed" ? (record.timestamps.completed_at ?? record.timestamps.failed_at ?? null) : null,
        redacted_at: record.timestamps.redacted_at ?? null,
      },
      relationships: {
        session: { data: ref("session", record.id) },
        document: { data: document },
      },
    };
  });
}
