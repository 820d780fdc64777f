import type { JsonObject } from "../json";
import type { BynnSessionRecord } from "./types";

type Step = { screen: string; requirement: string | null; order: number; idState: string };

/** GET /v1/sessions/{id}/preflight: the screen the hosted flow shows next (seed 003). */
export function preflightJson(record: BynnSessionRecord): JsonObject {
  const step = stepOf(record);
  return {
    screen: { show: step.screen },
    requirement: step.requirement ? { requirement_type: step.requirement, status: "awaiting_receipt", flow_order: step.order } : null,
    entity_id_state: step.idState,
    entity_id_document_type: record.document.type,
  };
}

function stepOf(record: BynnSessionRecord): Step {
  const twoSided = record.document.type !== "passport";
  const resubmit = record.issues.includes("mrz_mismatch") || record.issues.includes("security_checks");
  switch (record.status) {
    case "session.created":
      return { screen: "consent_screen", requirement: "consent", order: 1, idState: "none_received" };
    case "session.consent.accept":
      return { screen: "scan_id_document_front_screen", requirement: "id_document", order: 2, idState: "none_received" };
    case "session.id_document_front.received":
      return twoSided
        ? { screen: "scan_id_document_back_screen", requirement: "id_document", order: 2, idState: "front_received" }
        : { screen: "liveness_screen", requirement: "liveness", order: 3, idState: "front_received" };
    case "session.liveness.started":
      return { screen: "liveness_screen", requirement: "liveness", order: 3, idState: idStateDone(twoSided) };
    case "identity_document.in_bynn_review_queue":
    case "identity_document.analyzed":
      return record.withProofOfAddress
        ? { screen: "proof_of_address_screen", requirement: "proof_of_address", order: 4, idState: idStateDone(twoSided) }
        : { screen: "completed_screen", requirement: null, order: 4, idState: idStateDone(twoSided) };
    case "decision.approved":
    case "dossier.approved":
      return { screen: "successful_screen", requirement: null, order: 5, idState: idStateDone(twoSided) };
    case "decision.rejected":
    case "dossier.rejected":
      return {
        screen: "rejected_screen",
        requirement: null,
        order: 5,
        idState: resubmit ? "front_received_but_needs_resubmission" : idStateDone(twoSided),
      };
    case "session.canceled":
    case "session.consent.reject":
    case "session.expired":
      return { screen: "cancel_screen", requirement: null, order: 0, idState: "none_received" };
    default:
      return { screen: "completed_screen", requirement: null, order: 5, idState: idStateDone(twoSided) };
  }
}

function idStateDone(twoSided: boolean): string {
  return twoSided ? "front_and_back_received" : "front_received";
}
