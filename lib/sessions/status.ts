/** Verdict's common status set (docs/architecture.md); each provider's raw status maps onto it. Pure, client-safe. */
export const COMMON_STATUSES = ["created", "started", "pending", "completed", "failed", "marked_for_review", "approved", "declined", "expired"] as const;
export type CommonStatus = (typeof COMMON_STATUSES)[number];

export function isCommonStatus(value: unknown): value is CommonStatus {
  return typeof value === "string" && (COMMON_STATUSES as readonly string[]).includes(value);
}
