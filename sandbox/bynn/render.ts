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

/** The identity document as Bynn reads it off the ID; media listed by type (URLs only from its own endpoint). */
export function identityDocumentJson(record: BynnSessionRecord): JsonObject | null {
  const status = documentStatusOf(record);
  if (status === null) return null;
  const { person, document } = record;
  const analysed = progressOf(record) >= mainIndex("identity_document.analyzed");
  return {
    id: record.ids.identityDocument,
    session_id: record.sessionId,
    status,
    person: analysed
      ? {
          full_name: person.fullName,
          first_name: person.firstName,
          last_name: person.lastName,
          date_of_birth: person.dateOfBirth,
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
          address: document.type === "passport" ? null : person.address,
          mrz_data:
            document.type === "driving_license"
              ? null
              : { document_number: document.mrzNumber, date_of_birth: person.dateOfBirth, expiry_date: document.expiryDate },
        }
      : { type: document.type },
    risk_tags: documentRiskTags(record),
    media: mediaTypesOf(record).map((type) => ({ type })),
    created_at: iso(record.createdAt),
    updated_at: iso(record.updatedAt),
  };
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
    liveness: liveness
      ? { id: `liveness_${record.sessionId}`, status: liveness, risk_tags: liveness === "rejected" ? ["liveness.failed"] : [] }
      : null,
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

/** Shaped like Bynn's decision.approved example, plus `session_id` so it can be matched to the session. */
export function decisionResource(state: BynnState, record: BynnSessionRecord): JsonObject {
  const { person } = record;
  return {
    id: record.ids.decision,
    session_id: record.sessionId,
    status: decisionStatusOf(record),
    risk_tags: decisionRiskTags(record),
    verification_url: `${state.publicBaseUrl}/verify/${record.sessionId}`,
    entity: {
      id: record.ids.entity,
      personal_info: {
        full_name: person.fullName,
        first_name: person.firstName,
        last_name: person.lastName,
        date_of_birth: person.dateOfBirth,
        nationality_country_id: person.country,
      },
    },
    dossier: { id: record.ids.dossier, token: record.ids.dossierToken, status: dossierStatusOf(record) },
    identity_document: identityDocumentJson(record),
    created_at: iso(record.decidedAt ?? record.updatedAt),
  };
}

export function resourceFor(state: BynnState, record: BynnSessionRecord, eventType: string): JsonObject {
  if (eventType.startsWith("decision.")) return decisionResource(state, record);
  if (eventType.startsWith("dossier.")) return dossierResource(record);
  if (eventType.startsWith("identity_document.")) return identityDocumentJson(record) ?? sessionResource(record);
  return sessionResource(record);
}
