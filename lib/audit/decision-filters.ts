/**
 * The decision history's state in the URL, shared by the page, its pagination and the CSV
 * export link (the export takes the same filters, without the page position). Pure, client-safe.
 */
import { decodeCursor, encodeCursor, type SessionListCursor } from "@/lib/sessions/list-query";
import { PROVIDER_IDS, type DecisionAction, type ProviderId } from "@/lib/providers/types";
import { DECISION_STATES, type DecisionState } from "@/lib/sessions/decision-states";
import { capNotes, dayRangeParams, enumParam, singleParam, textParam, uuidParam, type SearchParamsRecord } from "./filter-params";

export const DECISION_ACTIONS = ["approve", "decline", "resubmit"] as const satisfies readonly DecisionAction[];
export type DecisionActionFilter = (typeof DECISION_ACTIONS)[number];
export { DECISION_STATES, type DecisionState };

/** A position in the history: the decision at (created at, id), read forward ("after") or back. */
export type DecisionCursor = SessionListCursor;

export type DecisionHistoryFilters = {
  /** A user id: the decision's reviewer or its second reviewer. */
  actor: string | null;
  action: DecisionActionFilter | null;
  provider: ProviderId | null;
  /** Verdict's session id or the provider's session id. */
  session: string | null;
  state: DecisionState | null;
  /** Inclusive UTC days of the decision. */
  from: string | null;
  to: string | null;
  cursor: DecisionCursor | null;
};

export const EMPTY_DECISION_FILTERS: DecisionHistoryFilters = {
  actor: null,
  action: null,
  provider: null,
  session: null,
  state: null,
  from: null,
  to: null,
  cursor: null,
};

export function parseDecisionFilters(params: SearchParamsRecord): { filters: DecisionHistoryFilters; notes: string[] } {
  const notes: string[] = [];
  const actor = uuidParam(params.actor, "actor", "reviewer", notes);
  const action = enumParam(params.action, "action", DECISION_ACTIONS, notes);
  const provider = enumParam(params.provider, "provider", PROVIDER_IDS, notes);
  const session = textParam(params.session, "session", "session", notes);
  const state = enumParam(params.state, "state", DECISION_STATES, notes);
  const { from, to } = dayRangeParams(params, notes);
  const cursorValue = singleParam(params.cursor, "cursor", notes);
  const cursor = cursorValue === null ? null : decodeCursor(cursorValue);
  if (cursorValue !== null && (cursor === null || cursor.at === null)) notes.push("The page link was not valid, so this is the first page.");
  return { filters: { actor, action, provider, session, state, from, to, cursor: cursor?.at ? cursor : null }, notes: capNotes(notes) };
}

export function decisionSearchParams(filters: Partial<DecisionHistoryFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.provider) params.set("provider", filters.provider);
  if (filters.session) params.set("session", filters.session);
  if (filters.state) params.set("state", filters.state);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.cursor) params.set("cursor", encodeCursor(filters.cursor));
  return params;
}

const withSearch = (path: string, params: URLSearchParams) => (params.size ? `${path}?${params.toString()}` : path);

export const decisionHistoryHref = (filters: Partial<DecisionHistoryFilters>) => withSearch("/audit/decisions", decisionSearchParams(filters));

/** The CSV export of everything the filters match, not just the page on screen. */
export const decisionExportHref = (filters: Partial<DecisionHistoryFilters>) =>
  withSearch("/api/audit/decisions/export", decisionSearchParams({ ...filters, cursor: null }));
