import { BYNN_MAIN_PATH } from "./types";
import type { BynnIssue, BynnMainStatus, BynnSessionRecord, BynnStatus } from "./types";

/*
 * What each part of a Bynn session says at a given sandbox status. UNCONFIRMED status names
 * (session, decision, document) are the ones lib/providers/bynn documents as its assumption.
 */

export const RISK_TAGS: Record<BynnIssue, string> = {
  dob_mismatch: "person.date_of_birth_mismatch",
  transliterated_name: "person.name_mismatch",
  document_number_mismatch: "document.number_mismatch",
  document_expired: "document.expired",
  security_checks: "document.security_checks",
  mrz_mismatch: "document.mrz_mismatch",
  liveness_failed: "liveness.failed",
  aml_match: "aml.pep_match",
  vpn: "device.vpn_detected",
};

const DOCUMENT_ISSUES: readonly BynnIssue[] = ["document_expired", "security_checks", "mrz_mismatch", "document_number_mismatch"];

export function mainIndex(status: BynnMainStatus): number {
  return BYNN_MAIN_PATH.indexOf(status);
}

export function isMainStatus(status: BynnStatus): status is BynnMainStatus {
  return (BYNN_MAIN_PATH as readonly string[]).includes(status);
}

/** How far along the main path the session's data goes. */
export function progressOf(record: BynnSessionRecord): number {
  if (isMainStatus(record.status)) return mainIndex(record.status);
  if (record.status.startsWith("decision.") || record.status.startsWith("dossier.")) return mainIndex("session.completed");
  return mainIndex(record.reached);
}

const at = (status: BynnMainStatus) => mainIndex(status);

export function sessionStatusOf(record: BynnSessionRecord): string {
  switch (record.status) {
    case "session.created":
      return "created";
    case "session.consent.accept":
    case "session.id_document_front.received":
    case "session.liveness.started":
      return "in_progress";
    case "identity_document.in_bynn_review_queue":
    case "identity_document.analyzed":
      return "processing";
    case "session.canceled":
      return "canceled";
    case "session.consent.reject":
      return "consent_rejected";
    case "session.expired":
      return "expired";
    default:
      return "completed";
  }
}

export function dossierStatusOf(record: BynnSessionRecord): string {
  switch (record.status) {
    case "session.created":
      return "created";
    case "session.completed":
      return "completed";
    case "decision.challenge":
      return "needs_attention";
    case "decision.approved":
    case "dossier.approved":
      return "approved";
    case "decision.rejected":
    case "dossier.rejected":
      return "rejected";
    case "session.canceled":
    case "session.consent.reject":
      return "canceled";
    case "session.expired":
      return "expired";
    default:
      return "open";
  }
}

/** `accepted` is documented; `rejected` and `challenge` are our reading of the event names. */
export function decisionStatusOf(record: BynnSessionRecord): string | null {
  if (record.status === "decision.approved") return "accepted";
  if (record.status === "decision.rejected") return "rejected";
  if (record.status === "decision.challenge" || record.status.startsWith("dossier.")) return "challenge";
  return null;
}

export function documentStatusOf(record: BynnSessionRecord): string | null {
  const progress = progressOf(record);
  if (progress < at("session.id_document_front.received")) return null;
  const documentIssue = record.issues.find((issue) => DOCUMENT_ISSUES.includes(issue));
  switch (record.status) {
    case "identity_document.in_bynn_review_queue":
      return "in_bynn_review_queue";
    case "decision.challenge":
      return "needs_attention";
    case "decision.approved":
    case "dossier.approved":
      return "approved";
    case "decision.rejected":
    case "dossier.rejected":
      if (!documentIssue) return "approved";
      return documentIssue === "document_expired" ? "expired" : "rejected";
    default:
      return progress >= at("identity_document.analyzed") ? "analyzed" : "received";
  }
}

export function livenessStatusOf(record: BynnSessionRecord): string | null {
  const progress = progressOf(record);
  if (progress < at("session.liveness.started")) return null;
  if (progress === at("session.liveness.started")) return "started";
  return record.issues.includes("liveness_failed") ? "rejected" : "accepted";
}

export function amlStatusOf(record: BynnSessionRecord): string | null {
  if (progressOf(record) < at("session.completed")) return null;
  if (!record.issues.includes("aml_match")) return "no_match";
  if (record.status === "decision.rejected" || record.status === "dossier.rejected") return "match_confirmed";
  if (record.status === "decision.approved" || record.status === "dossier.approved") return "match_rejected";
  return "match";
}

export function decisionRiskTags(record: BynnSessionRecord): string[] {
  return record.issues.map((issue) => RISK_TAGS[issue]);
}

/** Document and identity tags, known once the document has been analysed. */
export function documentRiskTags(record: BynnSessionRecord): string[] {
  if (progressOf(record) < at("identity_document.analyzed")) return [];
  return record.issues.map((issue) => RISK_TAGS[issue]).filter((tag) => tag.startsWith("document.") || tag.startsWith("person."));
}

export function mediaTypesOf(record: BynnSessionRecord): string[] {
  if (documentStatusOf(record) === null) return [];
  return record.document.type === "passport" ? ["front", "portrait"] : ["front", "back", "portrait"];
}
