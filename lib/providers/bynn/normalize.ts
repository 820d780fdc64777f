import "server-only";
import { compact, isoDate as toDate, partialSession } from "../kit/normalize";
import type { ApplicantData, CanonicalFields, NormalizedCheck, NormalizedDocument, NormalizedSession } from "../types";
import type { BynnDecisionRef, BynnIdentityDocument, BynnSession } from "./schemas";
import { BYNN_SETTLED_DOSSIER_STATUSES, mapBynnCheckResult, mapBynnStatus } from "./status";

export function normalizeSession(session: BynnSession): NormalizedSession {
  const rawStatus = rawStatusOf(session);
  return {
    provider: "bynn",
    providerSessionId: session.session_id,
    status: mapBynnStatus(rawStatus),
    rawStatus,
    applicant: applicantOf(session),
    documents: sessionDocuments(session),
    checks: sessionChecks(session),
    events: [],
    riskSummary: riskSummaryOf(session),
    providerCreatedAt: toDate(session.created_at),
    providerUpdatedAt: toDate(session.updated_at),
    detailed: true,
  };
}

/**
 * A 410 answer: Bynn keeps nothing readable about a canceled or consent-refused session, so
 * only the status is known. `detailed: false` keeps what Verdict already holds.
 */
export function goneSession(providerSessionId: string, providerMessage: string | undefined): NormalizedSession {
  return partialSession({
    provider: "bynn",
    providerSessionId,
    status: "failed",
    rawStatus: "session:gone",
    riskSummary: compact({ gone: true, providerMessage }),
  });
}

/**
 * The dossier is where Bynn's reviewers (and its decision engine) settle a case, so a settled
 * dossier status wins; then the engine's decision; then the session's own progress.
 */
export function rawStatusOf(session: BynnSession): string {
  const dossier = session.dossier?.status;
  if (dossier && (BYNN_SETTLED_DOSSIER_STATUSES as readonly string[]).includes(dossier)) return `dossier:${dossier}`;
  if (session.decision?.status) return `decision:${session.decision.status}`;
  if (session.status) return `session:${session.status}`;
  return dossier ? `dossier:${dossier}` : "session:unknown";
}

/** What the integrator set when creating the session (or the applicant typed in the flow). */
function applicantOf(session: BynnSession): ApplicantData {
  const applicant = session.applicant;
  return compact({
    firstName: applicant?.first_name,
    lastName: applicant?.last_name,
    fullName: applicant?.full_name,
    dateOfBirth: applicant?.date_of_birth,
    nationality: applicant?.nationality,
    issuingCountry: applicant?.country_code,
    documentNumber: applicant?.document_number,
    email: applicant?.email_address ?? applicant?.email,
    phone: applicant?.phone_number,
    reference: session.unique_id,
  });
}

function riskSummaryOf(session: BynnSession): Record<string, unknown> {
  return {
    riskTags: riskTagsOf(session.decision?.risk_tags, session.identity_document?.risk_tags, session.aml_screening?.risk_tags),
    decisionStatus: session.decision?.status ?? null,
    dossierStatus: session.dossier?.status ?? null,
    sessionStatus: session.status ?? null,
    documentStatus: session.identity_document?.status ?? null,
    amlStatus: session.aml_screening?.status ?? null,
    archived: session.dossier?.status === "archived",
  };
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

function sessionDocuments(session: BynnSession): NormalizedDocument[] {
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
function sessionChecks(session: BynnSession): NormalizedCheck[] {
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
