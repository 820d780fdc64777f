/**
 * Reading the audit pages' filters from the URL. Pure and client-safe. A bad value is dropped
 * with a note for the page to show, never thrown: a mistyped link still opens the page.
 */
import { z } from "zod";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export const MAX_FILTER_TEXT = 200;
const MAX_NOTES = 10;

// Year 0000 is valid ISO but not a PostgreSQL date; four-digit years from 1000 keep every value storable.
const isoDay = z.iso.date().refine((value) => value >= "1000-01-01", "year out of range");
const uuidShape = z.guid();

export const shownValue = (value: string) => `“${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;

export const isUuid = (value: string) => uuidShape.safeParse(value).success;

/** The one value of a parameter; a repeated parameter keeps the first, with a note. */
export function singleParam(raw: string | string[] | undefined, name: string, notes: string[]): string | null {
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean);
  if (values.length > 1) notes.push(`“${name}” was given ${values.length} times; used the first.`);
  return values[0] ?? null;
}

/** Free text with a length cap, NFC so the same characters typed differently match alike. */
export function textParam(raw: string | string[] | undefined, name: string, label: string, notes: string[]): string | null {
  const value = singleParam(raw, name, notes)?.normalize("NFC") ?? null;
  if (value === null || value.length <= MAX_FILTER_TEXT) return value;
  notes.push(`Ignored the ${label}: it is longer than ${MAX_FILTER_TEXT} characters.`);
  return null;
}

export function enumParam<T extends string>(raw: string | string[] | undefined, name: string, allowed: readonly T[], notes: string[]): T | null {
  const value = singleParam(raw, name, notes);
  if (value === null) return null;
  const found = allowed.find((candidate) => candidate === value);
  if (!found) notes.push(`Ignored ${name} ${shownValue(value)}: use one of ${allowed.join(", ")}.`);
  return found ?? null;
}

export function uuidParam(raw: string | string[] | undefined, name: string, label: string, notes: string[]): string | null {
  const value = singleParam(raw, name, notes);
  if (value === null) return null;
  if (isUuid(value)) return value.toLowerCase();
  notes.push(`Ignored the ${label} ${shownValue(value)}: not a known id.`);
  return null;
}

/** Inclusive UTC days, YYYY-MM-DD; a reversed range is dropped as a whole. */
export function dayRangeParams(params: SearchParamsRecord, notes: string[]): { from: string | null; to: string | null } {
  const day = (name: "from" | "to") => {
    const value = singleParam(params[name], name, notes);
    if (value === null) return null;
    if (isoDay.safeParse(value).success) return value;
    notes.push(`Ignored the “${name}” date ${shownValue(value)}: use a real date as YYYY-MM-DD.`);
    return null;
  };
  const from = day("from");
  const to = day("to");
  if (from && to && from > to) {
    notes.push(`Ignored the dates: “from” (${from}) is after “to” (${to}).`);
    return { from: null, to: null };
  }
  return { from, to };
}

export function capNotes(notes: string[]): string[] {
  return notes.length > MAX_NOTES ? [...notes.slice(0, MAX_NOTES), `…and ${notes.length - MAX_NOTES} more.`] : notes;
}

/** Midnight UTC of `day`, moved by `plusDays`: `to` is inclusive, so its bound is the next midnight. */
export const utcMidnight = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000).toISOString();

/** URLSearchParams → the record shape pages receive, keeping repeated keys. */
export function searchParamsRecord(params: URLSearchParams): SearchParamsRecord {
  const record: SearchParamsRecord = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

/** A GET form sends its empty fields too (`?actor=&from=…`); such a URL is worth tidying. */
export function hasEmptyParams(params: SearchParamsRecord): boolean {
  return Object.values(params).some((value) => (Array.isArray(value) ? value.some((v) => v.trim() === "") : value?.trim() === ""));
}
