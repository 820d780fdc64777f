/**
 * The client-safe half of the Sessions list's URL state: the query's shape and the functions
 * that write it into a URL. No zod here (list-query.ts parses with it), so the filter form can
 * import this without shipping a validation library to the browser.
 */
import { PROVIDER_IDS, type ProviderId } from "@/lib/providers/types";
import type { CommonStatus } from "./status";

export const LIST_PROVIDERS = PROVIDER_IDS;
export type ListProvider = ProviderId;
export const LIST_SORTS = ["newest", "oldest"] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const MAX_SEARCH_LENGTH = 200;

/** A position in the list: the row at (at, id); "after" pages go forward from it, "before" pages back. */
export type SessionListCursor = { direction: "after" | "before"; at: string | null; id: string };

export type SessionListQuery = {
  statuses: CommonStatus[];
  providers: ProviderId[];
  q: string | null;
  /** Inclusive UTC days, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  sort: ListSort;
  cursor: SessionListCursor | null;
};

export const EMPTY_LIST_QUERY: SessionListQuery = { statuses: [], providers: [], q: null, from: null, to: null, sort: "newest", cursor: null };

function toBase64Url(text: string): string {
  const binary = Array.from(new TextEncoder().encode(text), (byte) => String.fromCharCode(byte)).join("");
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function encodeCursor(cursor: SessionListCursor): string {
  return toBase64Url(JSON.stringify({ d: cursor.direction, t: cursor.at, i: cursor.id }));
}

export function listQueryToSearchParams(query: Partial<SessionListQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of query.statuses ?? []) params.append("status", status);
  for (const provider of query.providers ?? []) params.append("provider", provider);
  if (query.q) params.set("q", query.q);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.sort && query.sort !== "newest") params.set("sort", query.sort);
  if (query.cursor) params.set("cursor", encodeCursor(query.cursor));
  return params;
}

export function sessionListHref(query: Partial<SessionListQuery>): string {
  const search = listQueryToSearchParams(query).toString();
  return search ? `/sessions?${search}` : "/sessions";
}

/** True when anything other than sort and page narrows the list. */
export function hasActiveFilters(query: SessionListQuery): boolean {
  return query.statuses.length > 0 || query.providers.length > 0 || query.q !== null || query.from !== null || query.to !== null;
}
