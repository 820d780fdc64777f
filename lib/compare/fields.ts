import { countryCode } from "@/lib/compare/countries";
import { crossScriptText } from "@/lib/compare/cross-script";
import { type DateKind, parseCalendarDate } from "@/lib/compare/dates";
import { identifierKey, stripAccents, textKey, words } from "@/lib/compare/text";
import type { Verdict } from "@/lib/compare/types";
import { inDifferentScripts } from "@/lib/compare/scripts";
import { documentTypeKey, sexCode } from "@/lib/compare/values";

export const ACCENTS_NOTE = "Differs only in accents.";

/** Folded, whitespace-collapsed equality; the fallback for values no typed rule understands. */
export function compareText(applicant: string, document: string, note?: string): Verdict {
  // Text in two scripts never agrees byte for byte; that says nothing about whether it means the same.
  if (inDifferentScripts(applicant, document)) return crossScriptText(applicant, document);
  const [a, d] = [textKey(applicant), textKey(document)];
  if (a === d) return { result: "match", note };
  if (stripAccents(a) === stripAccents(d)) return { result: "mismatch", note: note ? `${note} ${ACCENTS_NOTE}` : ACCENTS_NOTE };
  return { result: "mismatch", note };
}

export function compareIdentifiers(applicant: string, document: string): Verdict {
  const match = identifierKey(applicant) === identifierKey(document);
  return { result: match ? "match" : "mismatch" };
}

function swapDayAndMonth(iso: string): string {
  const [year, month, day] = iso.split("-");
  return `${year}-${day}-${month}`;
}

export function compareDates(applicant: string, document: string, kind: DateKind, today: Date): Verdict {
  const a = parseCalendarDate(applicant, kind, today);
  const d = parseCalendarDate(document, kind, today);
  if (!a || !d) return compareText(applicant, document, "Not readable as a date on both sides; compared as text.");
  if (a.iso === d.iso) return { result: "match" };
  // The note never quotes the date (notes reach viewers who see values masked); the reading does.
  if (a.ambiguous || d.ambiguous) {
    const reading = a.ambiguous ? { applicantReading: a.iso } : { documentReading: d.iso };
    const other = a.ambiguous ? d.iso : a.iso;
    const monthFirst = swapDayAndMonth(a.ambiguous ? a.iso : d.iso) === other;
    const note = monthFirst ? "An ambiguous date was read day-first; read month-first, it would match." : "An ambiguous date was read day-first.";
    return { result: "mismatch", note, ...reading };
  }
  if (swapDayAndMonth(a.iso) === d.iso) return { result: "mismatch", note: "Day and month are swapped." };
  return { result: "mismatch" };
}

export function compareCountries(applicant: string, document: string): Verdict {
  const [a, d] = [countryCode(applicant), countryCode(document)];
  if (a && d) return { result: a === d ? "match" : "mismatch" };
  return compareText(applicant, document, "Country not recognised; compared as text.");
}

export function compareSex(applicant: string, document: string): Verdict {
  const [a, d] = [sexCode(applicant), sexCode(document)];
  if (a && d) return { result: a === d ? "match" : "mismatch" };
  return compareText(applicant, document, "Value not recognised; compared as text.");
}

export function compareDocumentTypes(applicant: string, document: string): Verdict {
  const [a, d] = [documentTypeKey(applicant), documentTypeKey(document)];
  if (a !== d && inDifferentScripts(applicant, document)) return crossScriptText(applicant, document);
  return { result: a === d ? "match" : "mismatch" };
}

function sameWords(a: string[], d: string[]): boolean {
  return a.length === d.length && [...a].sort().join(" ") === [...d].sort().join(" ");
}

/**
 * Free-text addresses are written in too many ways (Str. / Straße, postcode first or last) for
 * a reliable mismatch: equal wording matches, anything else is left to the reviewer's eye.
 */
export function compareAddresses(applicant: string, document: string): Verdict {
  const [a, d] = [words(applicant), words(document)];
  if (a.join(" ") === d.join(" ")) return { result: "match" };
  if (sameWords(a, d)) return { result: "match", note: "Same words in a different order." };
  return { result: "not_compared", note: "Free-text addresses differ in wording; compare them by eye." };
}
