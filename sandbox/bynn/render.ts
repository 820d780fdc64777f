import type { JsonObject } from "../json";
import type { BynnSessionRecord, BynnState } from "./types";
import {
  amlStatusOf,
  decisionRiskTags,
  decisionStatusOf,
  documentRiskTags,
  documentStatusOf,
  dossierStatusOf,
  livenessStatusOf,
  mediaTypesOf,
  progressOf,
  mainIndex,
  sessionStatusOf,
} from "./views";

const iso = (date: Date) => date.toISOString();

/**
 * The identity document as Bynn reads it off the ID, shaped like the decision.approved example
 * (docs.bynn.com/docs/webhook-examples): `rel`, `type`, `surname_and_given_names`, the address as
 * `{full}` and `mrz_data` as the MRZ text. Media listed by type (URLs only from its own endpoint).
 */
export function identityDocumentJson(record: BynnSessionRecord): JsonObject | null {
  const status = documentStatusOf(record);
  if (status === null) return null;
  const { person, document } = record;
  const analysed = progressOf(record) >= mainIndex("identity_document.analyzed");
  return {
    id: record.ids.identityDocument,
    rel: { url: `https://api.bynn.com/v1/identity_document/${record.ids.identityDocument}` },
    type: "identity_document",
    session_id: record.sessionId,
    status,
    person: analysed
      ? {
          full_name: person.fullName,
          first_name: person.firstName,
          last_name: person.lastName,
          date_of_birth: person.dateOfBirth,
          surname_and_given_names: `${person.lastName} ${person.firstName}`,
          nationality: person.country,
          sex: person.sex,
        }
      : null,
    document: analysed
      ? {
          type: document.type,
          number: document.number,
          issuing_country: document.issuingCountry,
          issue_date: document.issueDate,
          expiry_date: document.expiryDate,
          personal_number: person.personalNumber,
          address: document.type === "passport" ? null : { full: person.address },
          mrz_data: document.type === "driving_license" ? null : mrzText(record),
        }
      : { type: document.type },
    risk_tags: documentRiskTags(record),
    media: mediaTypesOf(record).map((type) => ({ type })),
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
}

/**
 * The MRZ as text, like the example's `"P<FRKESO<<MYRIAM<<<<<<<"`: the name line, then the line
 * with the document number as the chip/MRZ has it (which differs on an mrz_mismatch).
 * UNCONFIRMED whether Bynn sends one line or all; we send both, each padded to 44.
 */
function mrzText({ person, document }: BynnSessionRecord): string {
  const clean = (value: string) => value.toUpperCase().replace(/[^A-Z0-9]+/g, "<");
  const pad = (line: string) => line.padEnd(44, "<").slice(0, 44);
  const kind = document.type === "passport" ? "P" : "I";
  const name = pad(`${kind}<${clean(document.issuingCountry)}${clean(person.asciiLastName)}<<${clean(person.asciiFirstName)}`);
  const yymmdd = (iso: string) => iso.slice(2, 10).replaceAll("-", "");
  const data = pad(`${clean(document.mrzNumber)}<${clean(person.country)}${yymmdd(person.dateOfBirth)}<${yymmdd(document.expiryDate)}`);
  return `${name}${data}`;
}

/** GET /v1/sessions/{session_id}. UNCONFIRMED shape; see lib/providers/bynn/schemas.ts. */
export function sessionJson(record: BynnSessionRecord): JsonObject {
  const decision = decisionStatusOf(record);
  const liveness = livenessStatusOf(record);
  const aml = amlStatusOf(record);
  const poaProgress = progressOf(record) - mainIndex("session.liveness.started");
  return {
    session_id: record.sessionId,
    status: sessionStatusOf(record),
    kyc_level: record.kycLevel,
    unique_id: record.uniqueId,
    applicant: record.applicant,
    dossier: { id: record.ids.dossier, token: record.ids.dossierToken, status: dossierStatusOf(record) },
    decision: decision
      ? {
          id: record.ids.decision,
          status: decision,
          risk_tags: decisionRiskTags(record),
          created_at: iso(record.decidedAt ?? record.updatedAt),
        }
      : null,
    identity_document: identityDocumentJson(record),
    liveness: liveness ? { id: `liveness_${record.sessionId}`, status: liveness, risk_tags: liveness === "rejected" ? ["liveness.failed"] : [] } : null,
    aml_screening: aml ? amlJson(record, aml) : null,
    proof_of_address:
      record.withProofOfAddress && poaProgress >= 0
        ? { id: record.ids.poa, status: poaProgress > 1 ? "accepted" : "received", address: record.person.address, risk_tags: [] }
        : null,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
}

function amlJson(record: BynnSessionRecord, status: string): JsonObject {
  const hit = status !== "no_match";
  return { id: `aml_${record.sessionId}`, status, hits: hit ? 1 : 0, risk_tags: hit ? ["aml.pep_match"] : [] };
}

export function sessionResource(record: BynnSessionRecord): JsonObject {
  return {
    id: record.sessionId,
    session_id: record.sessionId,
    status: sessionStatusOf(record),
    unique_id: record.uniqueId,
    kyc_level: record.kycLevel,
    applicant: record.applicant,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
}

export function dossierResource(record: BynnSessionRecord): JsonObject {
  return {
    id: record.ids.dossier,
    token: record.ids.dossierToken,
    status: dossierStatusOf(record),
    session_id: record.sessionId,
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
}

/**
 * Shaped like Bynn's decision.approved example, plus `session_id` so it can be matched to the
 * session (UNCONFIRMED: the example names none; Verdict falls back to the dossier id).
 */
export function decisionResource(state: BynnState, record: BynnSessionRecord): JsonObject {
  const personalInfo = personalInfoOf(record);
  return {
    id: record.ids.decision,
    rel: { url: `https://api.bynn.com/v1/decision/${record.ids.decision}` },
    name: personalInfo.full_name ?? null,
    type: "decision",
    session_id: record.sessionId,
    status: decisionStatusOf(record),
    reference: record.uniqueId ?? "",
    risk_tags: decisionRiskTags(record),
    verification_url: `${state.publicBaseUrl}/verify/${record.sessionId}`,
    entity: {
      id: record.ids.entity,
      type: "entity",
      reference: record.uniqueId ?? "",
      personal_info: personalInfo,
      entity_category: "individual",
    },
    dossier: { id: record.ids.dossier, token: record.ids.dossierToken, status: dossierStatusOf(record) },
    identity_document: identityDocumentJson(record),
    created_at: iso(record.decidedAt ?? record.updatedAt),
  };
}

/**
 * The entity is who the applicant says they are (Bynn's example has another surname than the
 * document): built from what the integrator sent, so the document can disagree with it.
 * UNCONFIRMED where Bynn takes the entity's data from; this keeps the sandbox's mismatches visible.
 */
function personalInfoOf(record: BynnSessionRecord): JsonObject {
  const applicant = record.applicant;
  const first = typeof applicant.first_name === "string" ? applicant.first_name : record.person.firstName;
  const last = typeof applicant.last_name === "string" ? applicant.last_name : record.person.lastName;
  return {
    full_name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    date_of_birth: typeof applicant.date_of_birth === "string" ? applicant.date_of_birth : record.person.dateOfBirth,
    entity_category: "individual",
    nationality_country_id: typeof applicant.country_code === "string" ? applicant.country_code : record.person.country,
  };
}

export function resourceFor(state: BynnState, record: BynnSessionRecord, eventType: string): JsonObject {
  if (eventType.startsWith("decision.")) return decisionResource(state, record);
  if (eventType.startsWith("dossier.")) return dossierResource(record);
  if (eventType.startsWith("identity_document.")) return identityDocumentJson(record) ?? sessionResource(record);
  return sessionResource(record);
}
