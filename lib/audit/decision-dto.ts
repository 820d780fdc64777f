import "server-only";
import { maskName } from "@/lib/sessions/mask";
import { reasonLabel } from "@/lib/review/reasons";
import { providerName } from "@/lib/sessions/provider-names";
import type { DecisionHistoryItemDTO } from "./decision-types";

export type DecisionHistoryRow = {
  id: string;
  createdAt: Date;
  cursorAt: string;
  updatedAt: Date;
  action: string;
  reasonCode: string;
  comment: string;
  state: string;
  providerResponse: Record<string, unknown> | null;
  error: string | null;
  sessionId: string;
  provider: string;
  providerSessionId: string;
  applicantName: string | null;
  redactedAt: Date | null;
  actorId: string;
  actorName: string;
  actorEmail: string;
  secondActorId: string | null;
  secondActorName: string | null;
  secondActorEmail: string | null;
};

const MAX_RESPONSE_FIELDS = 8;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The provider's answer in one line: its scalar fields (the adapters keep only outcome fields,
 * never the session's personal data), or what happened instead of an answer.
 */
export function summarizeProviderResponse(state: string, response: Record<string, unknown> | null, error: string | null): string {
  if (state === "failed") return clip(`Failed: ${error ?? "no message"}`, 300);
  if (state === "recorded") return "Recorded in Verdict (the provider has no decision API)";
  if (state === "requested") return "Not sent to the provider yet";
  if (state === "sent") return "Sent; waiting for the provider's answer";
  if (!response) return "—";
  const fields = Object.entries(response)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== "object")
    .slice(0, MAX_RESPONSE_FIELDS)
    .map(([key, value]) => `${key}=${clip(String(value), 80)}`);
  return fields.length ? fields.join(", ") : "—";
}

/**
 * Masking happens here, on the server: without sessions:read_pii the applicant's name is masked
 * and the comment (free text that may quote the applicant) is withheld. Reviewer names are staff,
 * not applicants: an auditor must see who decided.
 */
export function toDecisionDTO(row: DecisionHistoryRow, showPii: boolean): DecisionHistoryItemDTO {
  const redacted = row.redactedAt !== null;
  return {
    id: row.id,
    decidedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sessionId: row.sessionId,
    provider: row.provider,
    providerName: providerName(row.provider),
    providerSessionId: row.providerSessionId,
    applicantName: showPii ? row.applicantName : maskName(row.applicantName),
    redacted,
    action: row.action,
    reasonCode: row.reasonCode,
    reasonLabel: reasonLabel(row.action, row.reasonCode),
    comment: showPii ? row.comment : null,
    commentHidden: !showPii && row.comment !== "",
    actor: { id: row.actorId, name: row.actorName, email: row.actorEmail },
    secondActor: row.secondActorId ? { id: row.secondActorId, name: row.secondActorName ?? "", email: row.secondActorEmail ?? "" } : null,
    state: row.state,
    providerResponse: summarizeProviderResponse(row.state, row.providerResponse, row.error),
  };
}
