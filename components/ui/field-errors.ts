import type { ActionError } from "./use-action";

export type FieldErrors = Record<string, string[] | undefined>;

/** What marks an input invalid for everyone: aria-invalid, and its message read out with it. */
export function invalidProps(errorId: string, messages: string[] | undefined, describedBy?: string) {
  const invalid = Boolean(messages?.length);
  const ids = [describedBy, invalid ? errorId : null].filter(Boolean).join(" ");
  return { "aria-invalid": invalid || undefined, "aria-describedby": ids || undefined };
}

/**
 * The form's summary line: "Check the highlighted fields" says which ones, by their labels,
 * so nobody hunts for a highlight they cannot see. Fields the form does not show (a stale
 * hidden value) are named by their message.
 */
export function errorSummary(error: ActionError | null, labels: Record<string, string>): string | null {
  if (!error) return null;
  const keys = Object.keys(error.fields ?? {}).filter((key) => error.fields?.[key]?.length);
  if (error.code !== "VALIDATION" || keys.length === 0) return error.message;
  const named = keys.map((key) => labels[key] ?? error.fields?.[key]?.[0] ?? key);
  return `${error.message.replace(/\.$/, "")}: ${[...new Set(named)].join(", ")}.`;
}
