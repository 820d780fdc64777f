import "server-only";
import { ProviderError } from "../errors";
import type { DecisionAction, DecisionRequest, ProviderCallResult } from "../types";
import type { DiditApiVersion } from "./capabilities";
import { DiditEmptyResponse, DiditUpdateStatusResponse } from "./schemas";
import type { DiditTransport } from "./transport";

const NEW_STATUS: Record<DecisionAction, "Approved" | "Declined" | "Resubmitted"> = {
  approve: "Approved",
  decline: "Declined",
  resubmit: "Resubmitted",
};

// Didit's words for a repeated status. Another docs page calls it a silent 200; both mean "no change".
const SAME_STATUS = /same as the current status/i;

export function sessionPath(version: DiditApiVersion, providerSessionId: string): string {
  if (!providerSessionId) throw new ProviderError("didit", "not_found", "No Didit session id was given.");
  return `/${version}/session/${encodeURIComponent(providerSessionId)}`;
}

/**
 * Didit keeps one free-text comment per review and has no reason-code field, so the code goes in
 * front ("[DOCUMENT_EXPIRED] …"): our convention, so Didit's console shows why as well.
 */
export function reviewComment({ reasonCode, comment }: DecisionRequest): string {
  const code = reasonCode.trim();
  return [code ? `[${code}]` : "", comment.trim()].filter(Boolean).join(" ");
}

/**
 * PATCH …/update-status/. Not retried (a decision is not idempotent on Didit's side), and Didit
 * takes no idempotency key: a replay of the same decision is recognised by Didit's same-status 400.
 */
export async function updateStatus(
  send: DiditTransport,
  version: DiditApiVersion,
  providerSessionId: string,
  request: DecisionRequest,
): Promise<ProviderCallResult> {
  const path = `${sessionPath(version, providerSessionId)}/update-status/`;
  const newStatus = NEW_STATUS[request.action];
  const body = { new_status: newStatus, comment: reviewComment(request) };
  try {
    const response = await send({ path, method: "PATCH", body, schema: DiditUpdateStatusResponse, retries: 0 });
    return { providerResponse: { session_id: response.session_id ?? providerSessionId, new_status: newStatus, changed: true } };
  } catch (error) {
    if (!(error instanceof ProviderError) || error.kind !== "rejected") throw error;
    const detail = error.options.providerMessage;
    if (error.options.status === 400 && detail !== undefined && SAME_STATUS.test(detail)) {
      return { providerResponse: { session_id: providerSessionId, new_status: newStatus, changed: false, detail } };
    }
    const message = detail ? `Didit refused the status change: ${detail}` : error.message;
    throw new ProviderError("didit", "rejected", message, error.options);
  }
}

/**
 * DELETE /v3/session/{id}/delete/ → 204. Didit answers a second delete with 404; since the end
 * state is the same (gone from every read), a 404 counts as "already deleted". Caveat: Didit also
 * answers 404 for a session outside the key's scope, which this cannot tell apart.
 */
export async function deleteSession(send: DiditTransport, providerSessionId: string): Promise<ProviderCallResult> {
  const path = `${sessionPath("v3", providerSessionId)}/delete/`;
  try {
    await send({ path, method: "DELETE", schema: DiditEmptyResponse, retries: 0 });
    return { providerResponse: { session_id: providerSessionId, deleted: true } };
  } catch (error) {
    if (error instanceof ProviderError && error.kind === "not_found") {
      return { providerResponse: { session_id: providerSessionId, deleted: true, alreadyDeleted: true } };
    }
    throw error;
  }
}
