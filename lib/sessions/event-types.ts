/**
 * Every kind of row on a session's timeline (session_events.type, typed with this list in
 * db/schema/sessions.ts), so a misspelt type fails the type check. Pure and client-safe.
 */
export const SESSION_EVENT_TYPES = [
  /** The provider's raw status changed (webhook, sync or refresh). */
  "provider_status",
  /** A webhook delivery was applied, stale, or recorded without moving the status. */
  "provider_webhook",
  /** Claim, release, assign, take over: `detail.action` says which. */
  "claim",
  "comment",
  "decision",
  "decision_failed",
  "expired",
  "redacted",
] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];
