import { reasonLabel as catalogueLabel } from "./reasons";

/** The reason's words for a code (the catalogue by default); null when the catalogue has none. */
export type ReasonLabel = (action: string, code: string) => string | null;

const DECIDED: Record<string, string> = { approve: "Approved", decline: "Declined", resubmit: "Resubmission requested" };
const CLAIMS: Record<string, string> = { claim: "Claimed", release: "Released", renew: "Claim renewed", assign: "Assigned", take_over: "Taken over" };
const STATES: Record<string, string> = { confirmed: "confirmed by the provider", recorded: "recorded in Verdict" };

const text = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * One line per timeline entry, and apart from it the free text the entry carries (a comment):
 * free text may quote the applicant, so it is masked on its own (lib/sessions/mask.ts).
 * Reasons are shown in the catalogue's words; a code the catalogue lost is shown as it is.
 */
export function describeEvent(type: string, detail: Record<string, unknown>, reasonLabel: ReasonLabel = catalogueLabel): { summary: string; text?: string } {
  const withText = (summary: string, value: unknown) => (text(value) ? { summary, text: text(value) } : { summary });
  switch (type) {
    case "provider_status":
      return { summary: `Provider status ${text(detail.from) || "—"} → ${text(detail.to)}` };
    case "provider_webhook":
      return { summary: `Webhook ${text(detail.eventType)} (${text(detail.outcome)})` };
    case "claim":
      return { summary: CLAIMS[text(detail.action)] ?? "Claim changed" };
    case "comment":
      return withText("Comment", detail.text);
    case "decision": {
      const [action, code, state] = [text(detail.action), text(detail.reasonCode), text(detail.state)];
      const reason = reasonLabel(action, code) ?? code;
      return withText(`${DECIDED[action] ?? action}: ${reason} (${STATES[state] ?? state})`, detail.comment);
    }
    case "decision_failed":
      return { summary: `${text(detail.action)} failed: ${text(detail.error)}` };
    case "expired":
      return { summary: detail.atProvider ? "Expired at the provider" : "Expired in Verdict" };
    case "redacted":
      if (detail.byProvider) return { summary: "The provider deleted the personal data; Verdict removed its copy" };
      return { summary: detail.atProvider ? "Personal data redacted here and at the provider" : "Personal data redacted in Verdict" };
    default:
      return { summary: type.replace(/_/g, " ") };
  }
}

/** One line with the free text quoted, for viewers allowed to read it (the evidence page). */
export function summarizeEvent(type: string, detail: Record<string, unknown>, showPii: boolean, reasonLabel?: ReasonLabel): string {
  const { summary, text: free } = describeEvent(type, detail, reasonLabel);
  return showPii && free ? `${summary}: “${free}”` : summary;
}
