/**
 * The live-update wire format, shared by the server (NOTIFY payloads, SSE frames) and the
 * browser. Pure and client-safe (no zod, to keep it out of the browser bundle). Events name
 * Verdict session uuids only, never personal data.
 */

export const CHANGE_REASONS = ["webhook", "sync", "decision", "claim", "comment", "redaction", "expiry"] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];

/**
 * Which sessions changed, or `all` when too many changed at once to name them. `actor` is the
 * Verdict user id (pseudonymous) whose action made the change, when a user's did: their own
 * open pages need not warn them about what they just did.
 */
export type SessionsChanged = ({ ids: string[]; reason: ChangeReason } | { all: true; reason: ChangeReason }) & { actor?: string };

/** What a page hears: a change, or `resync` after the connection missed events it could not replay. */
export type LiveEvent = SessionsChanged | { resync: true };

/** SSE event names: `sessions` carries a SessionsChanged; `resync` means "reload everything"; `ready` means "live". */
export const SSE_EVENT_SESSIONS = "sessions";
export const SSE_EVENT_RESYNC = "resync";
export const SSE_EVENT_READY = "ready";

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isReason = (value: unknown): value is ChangeReason => (CHANGE_REASONS as readonly unknown[]).includes(value);

/** Anyone with database access can NOTIFY: only well-formed payloads go on to browsers. */
export function parseSessionsChanged(json: string): SessionsChanged | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { ids, all, reason, actor, ...rest } = value as Record<string, unknown>;
  if (!isReason(reason) || Object.keys(rest).length > 0) return null;
  if (actor !== undefined && (typeof actor !== "string" || !UUID_PATTERN.test(actor))) return null;
  const by = actor === undefined ? {} : { actor };
  if (all === true && ids === undefined) return { all: true, reason, ...by };
  if (all !== undefined || !Array.isArray(ids) || ids.length === 0) return null;
  if (!ids.every((id): id is string => typeof id === "string" && UUID_PATTERN.test(id))) return null;
  return { ids, reason, ...by };
}

/** True when the event may concern this session (it names it, or names everything). */
export function concernsSession(event: LiveEvent, sessionId: string): boolean {
  if ("resync" in event || "all" in event) return true;
  return event.ids.includes(sessionId);
}
