import type { DecisionHistoryItemDTO } from "./decision-types";

/** The export's columns, in order; the header row uses these labels. */
export const DECISION_CSV_COLUMNS = [
  { key: "decidedAt", header: "Decided at (UTC)" },
  { key: "decisionId", header: "Decision ID" },
  { key: "sessionId", header: "Session ID" },
  { key: "provider", header: "Provider" },
  { key: "providerSessionId", header: "Provider session ID" },
  { key: "applicantName", header: "Applicant" },
  { key: "action", header: "Action" },
  { key: "reasonCode", header: "Reason code" },
  { key: "reason", header: "Reason" },
  { key: "comment", header: "Comment" },
  { key: "reviewer", header: "Reviewer" },
  { key: "reviewerEmail", header: "Reviewer e-mail" },
  { key: "secondReviewer", header: "Second reviewer" },
  { key: "secondReviewerEmail", header: "Second reviewer e-mail" },
  { key: "state", header: "State" },
  { key: "providerResponse", header: "Provider response" },
  { key: "updatedAt", header: "Last updated (UTC)" },
] as const;

type CsvKey = (typeof DECISION_CSV_COLUMNS)[number]["key"];

export const HIDDEN_COMMENT = "[hidden: needs sessions:read_pii]";
export const REDACTED = "[redacted]";

/** One CSV record; names and comments arrive already masked for viewers without sessions:read_pii. */
export function toCsvRecord(item: DecisionHistoryItemDTO): Record<CsvKey, string> {
  return {
    decidedAt: item.decidedAt,
    decisionId: item.id,
    sessionId: item.sessionId,
    provider: item.provider,
    providerSessionId: item.providerSessionId,
    applicantName: item.redacted ? REDACTED : (item.applicantName ?? ""),
    action: item.action,
    reasonCode: item.reasonCode,
    reason: item.reasonLabel ?? "",
    comment: item.commentHidden ? HIDDEN_COMMENT : item.redacted && !item.comment ? REDACTED : (item.comment ?? ""),
    reviewer: item.actor.name,
    reviewerEmail: item.actor.email,
    secondReviewer: item.secondActor?.name ?? "",
    secondReviewerEmail: item.secondActor?.email ?? "",
    state: item.state,
    providerResponse: item.providerResponse,
    updatedAt: item.updatedAt,
  };
}
