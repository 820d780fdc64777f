/**
 * Helpers every provider's normalize.ts uses to build the contract's shapes. Pure, no secrets.
 */
import type { NormalizedSession } from "../types";

/** Drops absent keys but keeps explicit nulls (a provider's "not on this document" / "restricted"). */
export function compact<T extends Record<string, unknown>>(record: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** An ISO 8601 time; anything unparsable is "unknown", not an error. */
export function isoDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Provider ids are meant to be unique per session, but the DB keys on them, so never trust that blindly. */
export function uniqueIds() {
  const seen = new Map<string, number>();
  return (id: string | null | undefined, fallback: string): string => {
    const base = id || fallback;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  };
}

type SessionHead = Pick<NormalizedSession, "provider" | "providerSessionId" | "status" | "rawStatus">;

/**
 * A session known only in part (a list row, a status-only event, a gone record): what is not
 * given is empty and `detailed` is false, so Verdict keeps the documents and checks it holds.
 */
export function partialSession(head: SessionHead & Partial<NormalizedSession>): NormalizedSession {
  return {
    applicant: {},
    documents: [],
    checks: [],
    events: [],
    riskSummary: {},
    providerCreatedAt: null,
    providerUpdatedAt: null,
    detailed: false,
    ...head,
  };
}
