import { daysBetween, parseCalendarDate, utcDay } from "@/lib/compare/dates";
import { present } from "@/lib/compare/text";
import type { CanonicalFields } from "@/lib/providers/types";

export type DocumentWarningCode = "document_expired" | "document_expires_soon" | "holder_under_18";

export type DocumentWarning = { code: DocumentWarningCode; message: string };

export const EXPIRY_WARNING_DAYS = 30;

/** Each warning without the dates and age it quotes, for viewers who see personal data masked. */
export const WARNING_SUMMARIES: Record<DocumentWarningCode, string> = {
  document_expired: "The document has expired.",
  document_expires_soon: `The document expires within ${EXPIRY_WARNING_DAYS} days.`,
  holder_under_18: "The holder is under 18 according to the date of birth.",
};
const ADULT_AGE = 18;

/** Full years from birth to `day`. A 29 February birthday turns over on 1 March in common years. */
function ageOn(birth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birth.slice(0, 4));
  return day.slice(5) < birth.slice(5) ? years - 1 : years;
}

function expiryWarning(expiryDate: string, today: string): DocumentWarning | null {
  const daysLeft = daysBetween(today, expiryDate);
  if (daysLeft < 0) return { code: "document_expired", message: `The document expired on ${expiryDate}.` };
  if (daysLeft > EXPIRY_WARNING_DAYS) return null;
  const when = daysLeft === 0 ? "today" : `in ${daysLeft} day${daysLeft === 1 ? "" : "s"}`;
  return { code: "document_expires_soon", message: `The document expires ${when} (${expiryDate}).` };
}

/**
 * Warnings a reviewer should see for one document, judged on the UTC calendar day of `today`
 * so the result does not depend on the server's time zone. Unreadable dates raise nothing
 * here; the comparison rows show them.
 */
export function documentWarnings(document: CanonicalFields, today: Date): DocumentWarning[] {
  const day = utcDay(today);
  const warnings: DocumentWarning[] = [];
  const expiryText = present(document.expiryDate);
  const expiry = expiryText ? parseCalendarDate(expiryText, "any", today) : null;
  const expiryNotice = expiry ? expiryWarning(expiry.iso, day) : null;
  if (expiryNotice) warnings.push(expiryNotice);

  const birthText = present(document.dateOfBirth);
  const birth = birthText ? parseCalendarDate(birthText, "past", today) : null;
  if (birth && birth.iso <= day) {
    const age = ageOn(birth.iso, day);
    if (age < ADULT_AGE) {
      warnings.push({ code: "holder_under_18", message: `The holder is ${age} according to the date of birth.` });
    }
  }
  return warnings;
}
