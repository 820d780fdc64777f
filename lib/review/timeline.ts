/** One line per timeline entry. Free text (comments) is shown only to viewers allowed to see personal data. */
export function summarizeEvent(type: string, detail: Record<string, unknown>, showPii: boolean): string {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const quoted = (value: unknown) => (showPii && text(value) ? `: “${text(value)}”` : "");
  switch (type) {
    case "provider_status":
      return `Provider status ${text(detail.from) || "—"} → ${text(detail.to)}`;
    case "provider_webhook":
      return `Webhook ${text(detail.eventType)} (${text(detail.outcome)})`;
    case "claim":
      return ({ claim: "Claimed", release: "Released", assign: "Assigned", take_over: "Taken over" } as Record<string, string>)[text(detail.action)] ?? "Claim changed";
    case "comment":
      return `Comment${quoted(detail.text)}`;
    case "decision":
      return `${text(detail.action)} (${text(detail.reasonCode)}), ${text(detail.state)}${quoted(detail.comment)}`;
    case "decision_failed":
      return `${text(detail.action)} failed: ${text(detail.error)}`;
    case "expired":
      return detail.atProvider ? "Expired at the provider" : "Expired in Verdict";
    case "redacted":
      if (detail.byProvider) return "The provider deleted the personal data; Verdict removed its copy";
      return detail.atProvider ? "Personal data redacted here and at the provider" : "Personal data redacted in Verdict";
    default:
      return type.replace(/_/g, " ");
  }
}
