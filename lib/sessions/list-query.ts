/**
 * The Sessions list's state lives in the URL, so a view can be shared and bookmarked. This
 * module parses it (bad values are dropped with a note, never thrown); list-href.ts writes it
 * back. Pure, but it uses zod: client components import list-href.ts instead, which keeps zod
 * (about 30 KB gzipped) out of the browser bundle.
 */
import { z } from "zod";
import { COMMON_STATUSES } from "./status";
import { LIST_PROVIDERS, LIST_SORTS, MAX_SEARCH_LENGTH, type SessionListCursor, type SessionListQuery } from "./list-href";

export {
  EMPTY_LIST_QUERY,
  encodeCursor,
  hasActiveFilters,
  LIST_PROVIDERS,
  LIST_SORTS,
  listQueryToSearchParams,
  MAX_SEARCH_LENGTH,
  sessionListHref,
  type ListProvider,
  type ListSort,
  type SessionListCursor,
  type SessionListQuery,
} from "./list-href";

const MAX_NOTES = 10;

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

// Year 0000 is valid ISO but not a PostgreSQL date; four-digit years from 1000 keep every value storable.
const day = z.iso.date().refine((value) => value >= "1000-01-01", "year out of range");
const cursorShape = z.object({
  d: z.enum(["after", "before"]),
  t: z.iso
    .datetime({ precision: 6 })
    .refine((value) => value >= "1000", "year out of range")
    .nullable(),
  i: z.guid(),
});

const shown = (value: string) => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
const list = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);

function pickEnum<T extends string>(raw: string | string[] | undefined, allowed: readonly T[], label: string, why: string, notes: string[]): T[] {
  const picked = new Set<T>();
  for (const value of list(raw)) {
    const parsed = z.enum(allowed as [T, ...T[]]).safeParse(value);
    if (parsed.success) picked.add(parsed.data);
    else notes.push(`Ignored ${label} ${shown(value)}: ${why}.`);
  }
  // Canonical order, so the same view always has the same URL.
  return allowed.filter((value) => picked.has(value));
}

function single(raw: string | string[] | undefined, name: string, notes: string[]): string | null {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean);
  if (values.length > 1) notes.push(`“${name}” was given ${values.length} times; used the first.`);
  return values[0] ?? null;
}

function parseDay(raw: string | string[] | undefined, name: "from" | "to", notes: string[]): string | null {
  const value = single(raw, name, notes);
  if (value === null) return null;
  if (day.safeParse(value).success) return value;
  notes.push(`Ignored the “${name}” date ${shown(value)}: use a real date as YYYY-MM-DD.`);
  return null;
}

export function parseListQuery(params: SearchParamsRecord): { query: SessionListQuery; notes: string[] } {
  const notes: string[] = [];
  const statuses = pickEnum(params.status, COMMON_STATUSES, "status", "not a known status", notes);
  const providers = pickEnum(params.provider, LIST_PROVIDERS, "provider", `not one of ${LIST_PROVIDERS.join(", ")}`, notes);

  let q = single(params.q, "q", notes)?.normalize("NFC") ?? null;
  if (q !== null && q.length > MAX_SEARCH_LENGTH) {
    notes.push(`Ignored the search: it is longer than ${MAX_SEARCH_LENGTH} characters.`);
    q = null;
  }
  // PostgreSQL text cannot hold NUL; proxy.ts answers such an address 400 before it gets here.
  if (q !== null && q.includes("\u0000")) {
    notes.push("Ignored the search: it holds a NUL character.");
    q = null;
  }

  let from = parseDay(params.from, "from", notes);
  let to = parseDay(params.to, "to", notes);
  if (from && to && from > to) {
    notes.push(`Ignored the dates: “from” (${from}) is after “to” (${to}).`);
    from = to = null;
  }

  const sortValue = single(params.sort, "sort", notes);
  const sort = LIST_SORTS.find((s) => s === sortValue) ?? "newest";
  if (sortValue !== null && sort !== sortValue) notes.push(`Ignored sort ${shown(sortValue)}: use newest or oldest.`);

  const cursorValue = single(params.cursor, "cursor", notes);
  const cursor = cursorValue === null ? null : decodeCursor(cursorValue);
  if (cursorValue !== null && cursor === null) notes.push("The page link was not valid, so this is the first page.");

  const shownNotes = notes.length > MAX_NOTES ? [...notes.slice(0, MAX_NOTES), `…and ${notes.length - MAX_NOTES} more.`] : notes;
  return { query: { statuses, providers, q, from, to, sort, cursor }, notes: shownNotes };
}

function fromBase64Url(value: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(value)) return null;
  try {
    const binary = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Opaque to users, but still untrusted input: anything that is not exactly our shape is refused. */
export function decodeCursor(value: string): SessionListCursor | null {
  if (value.length > 300) return null;
  const json = fromBase64Url(value);
  if (json === null) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = cursorShape.safeParse(raw);
  if (!parsed.success) return null;
  return { direction: parsed.data.d, at: parsed.data.t, id: parsed.data.i.toLowerCase() };
}
