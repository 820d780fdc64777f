import "server-only";
import type { CanonicalFields, NormalizedCheck, NormalizedDocument } from "../types";
import type { BynnDecisionRef, BynnIdentityDocument, BynnSession } from "./schemas";
import { mapBynnCheckResult } from "./status";

/** Drops undefined so "not sent" never overwrites data with an explicit undefined. */
export function compact<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * What was read off the document, and nothing else: the entity's personal info is the other side
 * of the comparison (Bynn's own example has a different surname on each). Media keys are the
 * image types (front, back, portrait); fetchMedia re-resolves them to signed URLs.
 */
export function identityDocumentOf(doc: BynnIdentityDocument): NormalizedDocument {
  const person = doc.person;
  const data = doc.document;
  const fields: CanonicalFields = compact({
    firstName: person?.first_name,
    lastName: person?.last_name,
    fullName: person?.full_name ?? person?.surname_and_given_names,
    dateOfBirth: person?.date_of_birth,
    nationality: person?.nationality,
    sex: person?.sex,
    documentNumber: data?.number,
    documentType: data?.type,
    issuingCountry: data?.issuing_country,
    issueDate: data?.issue_date,
    expiryDate: data?.expiry_date,
    address: data?.address,
    personalNumber: data?.personal_number,
  });
  const mediaKeys = Object.fromEntries((doc.media ?? []).map((item) => [item.type, item.type]));
  return {
    providerDocumentId: doc.id ?? "identity_document",
    kind: "idv",
    documentType: data?.type ?? null,
    fields,
    mediaKeys,
  };
}

export function documentCheckOf(doc: BynnIdentityDocument): NormalizedCheck {
  return {
    providerCheckId: `document:${doc.id ?? "identity_document"}`,
    kind: "document",
    result: mapBynnCheckResult(doc.status),
    score: doc.analysis_risk_score ?? null,
    codes: doc.risk_tags ?? [],
    details: compact({ status: doc.status ?? null, mrzData: doc.document?.mrz_data }),
  };
}

/** The decision engine's verdict (Accept / Reject / Challenge) with its risk tags as codes. */
export function decisionCheckOf(decision: BynnDecisionRef): NormalizedCheck {
  return {
    providerCheckId: `decision:${decision.id ?? "decision"}`,
    kind: "decision",
    result: mapBynnCheckResult(decision.status),
    score: null,
    codes: decision.risk_tags ?? [],
    details: { status: decision.status ?? null },
  };
}

export function sessionDocuments(session: BynnSession): NormalizedDocument[] {
  const documents: NormalizedDocument[] = [];
  if (session.identity_document) documents.push(identityDocumentOf(session.identity_document));
  const poa = session.proof_of_address;
  if (poa) {
    documents.push({
      providerDocumentId: poa.id ?? "proof_of_address",
      kind: "address",
      documentType: "proof_of_address",
      fields: compact({ address: poa.address }),
      mediaKeys: {},
    });
  }
  return documents;
}

/** Liveness and face-match scores are not published by Bynn (UNCONFIRMED), so score stays null. */
export function sessionChecks(session: BynnSession): NormalizedCheck[] {
  const checks: NormalizedCheck[] = [];
  if (session.decision) checks.push(decisionCheckOf(session.decision));
  if (session.identity_document) checks.push(documentCheckOf(session.identity_document));
  const blocks = [
    ["liveness", session.liveness],
    ["aml", session.aml_screening],
    ["address", session.proof_of_address],
  ] as const;
  for (const [kind, block] of blocks) {
    if (!block) continue;
    checks.push({
      providerCheckId: `${kind}:${block.id ?? session.session_id}`,
      kind,
      result: mapBynnCheckResult(block.status),
      score: null,
      codes: block.risk_tags ?? [],
      details: { status: block.status ?? null, ...(kind === "aml" ? { hits: session.aml_screening?.hits ?? null } : {}) },
    });
  }
  return checks;
}

export function riskTagsOf(...lists: Array<readonly string[] | null | undefined>): string[] {
  return [...new Set(lists.flatMap((list) => list ?? []))];
}
