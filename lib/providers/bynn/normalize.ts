import "server-only";
import type { ApplicantData, NormalizedSession } from "../types";
import { compact, riskTagsOf, sessionChecks, sessionDocuments, toDate } from "./parts";
import type { BynnSession } from "./schemas";
import { BYNN_SETTLED_DOSSIER_STATUSES, mapBynnStatus } from "./status";

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
  return {
    provider: "bynn",
    providerSessionId,
    status: "failed",
    rawStatus: "session:gone",
    applicant: {},
    documents: [],
    checks: [],
    events: [],
    riskSummary: compact({ gone: true, providerMessage }),
    providerCreatedAt: null,
    providerUpdatedAt: null,
    detailed: false,
  };
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
