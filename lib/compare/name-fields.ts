import { crossScriptNames } from "@/lib/compare/cross-script";
import { ACCENTS_NOTE, compareText } from "@/lib/compare/fields";
import { inDifferentScripts } from "@/lib/compare/scripts";
import { stripAccents, words } from "@/lib/compare/text";
import type { Verdict } from "@/lib/compare/types";

export type NameParts = { firstName: string | null; lastName: string | null; fullName: string | null };

type Fit = "equal" | "reordered" | "spacing" | "contained" | "partial" | "none";

/** Applicant words not found in the document's words, counting repeats. */
export function uncovered(needles: string[], haystack: string[]): string[] {
  const left = [...haystack];
  return needles.filter((word) => {
    const at = left.indexOf(word);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

function sorted(list: string[]): string {
  return [...list].sort().join(" ");
}

/**
 * How the applicant's words sit in the document's. The applicant's name is the claim and the
 * document the evidence: every applicant word must be on the document, while extra document
 * words (a second given name the applicant left out) do not break the match.
 */
function fit(applicant: string[], document: string[]): Fit {
  if (applicant.join(" ") === document.join(" ")) return "equal";
  if (sorted(applicant) === sorted(document)) return "reordered";
  // Scripts written without spaces (李小明 / 李 小明) and hyphen-or-not (Jean-Pierre / Jeanpierre).
  if (applicant.join("") === document.join("")) return "spacing";
  if (uncovered(applicant, document).length === 0) return "contained";
  return applicant.some((word) => document.includes(word)) ? "partial" : "none";
}

const MATCH_NOTES: Record<Fit, string | undefined> = {
  equal: undefined,
  reordered: "Same names in a different order.",
  spacing: "Differs only in spacing or hyphenation.",
  contained: "The document lists additional names.",
  partial: "Only some of the names match.",
  none: undefined,
};

function isMatch(result: Fit): boolean {
  return result !== "partial" && result !== "none";
}

/** Compares one name value with another, word by word. */
export function compareNames(applicant: string, document: string): Verdict {
  if (inDifferentScripts(applicant, document)) return crossScriptNames(applicant, document);
  const [a, d] = [words(applicant), words(document)];
  // Punctuation-only values have no words to compare.
  if (a.length === 0 || d.length === 0) return compareText(applicant, document);
  const exact = fit(a, d);
  if (isMatch(exact)) return { result: "match", note: MATCH_NOTES[exact] };
  if (isMatch(fit(a.map(stripAccents), d.map(stripAccents)))) return { result: "mismatch", note: ACCENTS_NOTE };
  return { result: "mismatch", note: MATCH_NOTES[exact] };
}

/** firstName / lastName rows also say when the value sits in the document's other name field. */
export function compareNameField(field: keyof NameParts, applicant: NameParts, document: NameParts): Verdict {
  const own = compareNames(applicant[field] ?? "", document[field] ?? "");
  if (own.result === "match" || own.result === "other_script" || field === "fullName") return own;
  const other = field === "firstName" ? "lastName" : "firstName";
  const otherValue = document[other];
  const swapped = otherValue ? compareNames(applicant[field] ?? "", otherValue).result : null;
  if (swapped !== "match" && swapped !== "other_script") return own;
  const where = other === "lastName" ? "last name" : "first name";
  if (swapped === "other_script") {
    return { result: "other_script_check", note: `Written in another script; reads like the document's ${where}: first and last names may be swapped.` };
  }
  return { result: "mismatch", note: `Matches the document's ${where}: first and last names may be swapped.` };
}
