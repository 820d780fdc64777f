/**
 * The audit log's state in the URL: filters and the page position. Pure and client-safe, so
 * the filter form and the pagination build their links with the same functions.
 */
import { AUDIT_ACTIONS } from "./actions";
import { capNotes, dayRangeParams, shownValue, singleParam, textParam, type SearchParamsRecord } from "./filter-params";

export type AuditLogFilters = {
  /** A user id, or part of the actor's label (e-mail, `system`, `webhook:didit`, …). */
  actor: string | null;
  /** An exact action, or a family ending in `*` (`decision.*`). */
  action: string | null;
  /** A target id: session, user, provider; a provider session id finds its session. */
  target: string | null;
  from: string | null;
  to: string | null;
  /** Older rows than this seq (next page), or newer (previous page). At most one is set. */
  before: number | null;
  after: number | null;
};

export const EMPTY_AUDIT_LOG_FILTERS: AuditLogFilters = { actor: null, action: null, target: null, from: null, to: null, before: null, after: null };

/**
 * Offered as suggestions in the filter, from the one list of actions: each family's wildcard
 * ("session.*") before its actions. Any other action name still filters (old rows).
 */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = AUDIT_ACTIONS.flatMap((action, index) => {
  const family = action.slice(0, action.indexOf("."));
  const firstOfFamily = AUDIT_ACTIONS.findIndex((other) => other.startsWith(`${family}.`)) === index;
  return firstOfFamily ? [`${family}.*`, action] : [action];
});

const ACTION_SHAPE = /^[a-z0-9_.:-]+\*?$/i;

function seqParam(raw: string | string[] | undefined, name: string, notes: string[]): number | null {
  const value = singleParam(raw, name, notes);
  if (value === null) return null;
  const seq = /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(seq) && seq > 0) return seq;
  notes.push("The page link was not valid, so this is the first page.");
  return null;
}

export function parseAuditLogFilters(params: SearchParamsRecord): { filters: AuditLogFilters; notes: string[] } {
  const notes: string[] = [];
  const actor = textParam(params.actor, "actor", "actor", notes);
  let action = textParam(params.action, "action", "action", notes);
  if (action !== null && !ACTION_SHAPE.test(action)) {
    notes.push(`Ignored the action ${shownValue(action)}: actions look like “decision.confirmed” or “decision.*”.`);
    action = null;
  }
  const target = textParam(params.target, "target", "target", notes);
  const { from, to } = dayRangeParams(params, notes);
  let before = seqParam(params.before, "before", notes);
  const after = seqParam(params.after, "after", notes);
  if (before !== null && after !== null) before = null;
  return { filters: { actor, action, target, from, to, before, after }, notes: capNotes(notes) };
}

export function auditLogSearchParams(filters: Partial<AuditLogFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.target) params.set("target", filters.target);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.before) params.set("before", String(filters.before));
  else if (filters.after) params.set("after", String(filters.after));
  return params;
}

export function auditLogHref(filters: Partial<AuditLogFilters>): string {
  const search = auditLogSearchParams(filters).toString();
  return search ? `/audit?${search}` : "/audit";
}

export function hasAuditLogFilters(filters: AuditLogFilters): boolean {
  return Boolean(filters.actor || filters.action || filters.target || filters.from || filters.to);
}
