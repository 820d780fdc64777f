import { isValid, parse } from "date-fns";
import { collapseWhitespace } from "@/lib/compare/text";

export type CalendarDate = {
  /** YYYY-MM-DD. */
  iso: string;
  /** A slash date whose day and month could be either way round (03/04/1990). */
  ambiguous: boolean;
};

/** How a two-digit MRZ year is placed: birth and issue dates lie in the past; expiry dates near today. */
export type DateKind = "past" | "any";

const REFERENCE = new Date(2000, 0, 1);

function strict(text: string, format: string): string | null {
  const parsed = parse(text, format, REFERENCE);
  if (!isValid(parsed)) return null;
  // date-fns builds a local-time date; reading local parts back gives the calendar date as written.
  const year = String(parsed.getFullYear()).padStart(4, "0");
  const month = String(parsed.getMonth() + 1).padStart(2, "0");
  const day = String(parsed.getDate()).padStart(2, "0");
  return `${year}-${month}-${day}`;
}

function certain(iso: string | null): CalendarDate | null {
  return iso ? { iso, ambiguous: false } : null;
}

function slashDate(text: string): CalendarDate | null {
  // KYC data is mostly day-first, so 03/04/1990 is 3 April; month-first is used only when
  // day-first is impossible (03/25/1990). Both readings valid and different = ambiguous.
  const dayFirst = strict(text, "d/M/yyyy");
  const monthFirst = strict(text, "M/d/yyyy");
  if (dayFirst) return { iso: dayFirst, ambiguous: monthFirst !== null && monthFirst !== dayFirst };
  return certain(monthFirst);
}

function mrzDate(text: string, kind: DateKind, today: Date): CalendarDate | null {
  const todayYear = today.getUTCFullYear();
  const yy = Number(text.slice(0, 2));
  let year = Math.floor(todayYear / 100) * 100 + yy;
  if (kind === "past") {
    const candidate = strict(`${year}${text.slice(2)}`, "yyyyMMdd");
    if (candidate === null || candidate > utcDay(today)) year -= 100;
  } else if (year > todayYear + 49) {
    year -= 100;
  } else if (year < todayYear - 50) {
    year += 100;
  }
  return certain(strict(`${year}${text.slice(2)}`, "yyyyMMdd"));
}

/**
 * Reads the common date spellings: 1990-03-12, ISO date-times, 19900312, 900312 (MRZ),
 * 12.03.1990, 12/03/1990, 12-03-1990, 1990/03/12, 12 Mar 1990, March 12, 1990.
 * Returns null for anything else, which the caller then compares as text.
 */
export function parseCalendarDate(value: string, kind: DateKind, today: Date): CalendarDate | null {
  const text = collapseWhitespace(value.normalize("NFKC"));
  // An ISO date-time keeps the calendar date as written: converting the offset to UTC could
  // move a date of birth by a day.
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/u.exec(text);
  if (dateTime?.[1]) return certain(strict(dateTime[1], "yyyy-MM-dd"));
  if (/^\d{4}-\d{2}-\d{2}$/u.test(text)) return certain(strict(text, "yyyy-MM-dd"));
  if (/^\d{8}$/u.test(text)) return certain(strict(text, "yyyyMMdd"));
  if (/^\d{6}$/u.test(text)) return mrzDate(text, kind, today);
  if (/^\d{1,2}\.\d{1,2}\.\d{4}$/u.test(text)) return certain(strict(text, "d.M.yyyy"));
  if (/^\d{1,2}\/\d{1,2}\/\d{4}$/u.test(text)) return slashDate(text);
  if (/^\d{1,2}-\d{1,2}-\d{4}$/u.test(text)) return certain(strict(text, "d-M-yyyy"));
  if (/^\d{4}\/\d{1,2}\/\d{1,2}$/u.test(text)) return certain(strict(text, "yyyy/M/d"));
  return namedMonthDate(text);
}

function namedMonthDate(text: string): CalendarDate | null {
  // "12 Mar 1990", "12-MAR-1990", "12 March 1990", "March 12, 1990", "Mar. 12 1990".
  // date-fns' MMMM accepts full and abbreviated English month names in any case.
  const plain = text
    .replace(/[.,]/gu, " ")
    .replace(/-/gu, " ")
    .replace(/\bsept\b/giu, "sep");
  const spaced = collapseWhitespace(plain);
  if (/^\d{1,2} \p{L}+ \d{4}$/u.test(spaced)) return certain(strict(spaced, "d MMMM yyyy"));
  if (/^\p{L}+ \d{1,2} \d{4}$/u.test(spaced)) return certain(strict(spaced, "MMMM d yyyy"));
  return null;
}

/** Whole days from `from` to `to`, both YYYY-MM-DD. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The UTC calendar day of an instant, so results do not depend on the server's time zone. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
