import { agrees, crossScriptFit } from "@/lib/compare/cross-script";
import { ACCENTS_NOTE } from "@/lib/compare/fields";
import type { NameParts } from "@/lib/compare/name-fields";
import { uncovered } from "@/lib/compare/name-fields";
import type { NameMatchMode } from "@/lib/compare/name-mode";
import { foreignScript, inDifferentScripts, scriptName } from "@/lib/compare/scripts";
import { present, stripAccents, words } from "@/lib/compare/text";
import { readingsOf } from "@/lib/compare/transliterate";
import type { FieldComparison } from "@/lib/compare/types";

type NameField = { label: string; value: string };
type FieldFit = "complete" | "partial" | "none";
type Tokenize = (value: string) => string[];

/**
 * The applicant's name fields in the sense of the modes: first and last name; a full name
 * counts as one field only when neither was given (integrators often set just a full name).
 */
function applicantNameFields(applicant: NameParts): NameField[] {
  const split = [
    { label: "first name", value: present(applicant.firstName) },
    { label: "last name", value: present(applicant.lastName) },
  ].filter((field): field is NameField => field.value !== null);
  if (split.length > 0) return split;
  const full = present(applicant.fullName);
  return full ? [{ label: "full name", value: full }] : [];
}

function joined(tokenize: Tokenize, ...values: (string | null)[]): string | null {
  if (values.some((value) => value === null)) return null;
  return values.map((value) => tokenize(value ?? "").join("")).join("");
}

/**
 * Whether the whole name equals the document's, in either order and ignoring spaces: covers a
 * family-name-first full name against first + last, and scripts written without spaces (李小明).
 */
function wholeNameMatches(applicant: NameParts, document: NameParts, tokenize: Tokenize): boolean {
  const [first, last, full] = [present(applicant.firstName), present(applicant.lastName), present(applicant.fullName)];
  const mine = first && last ? [joined(tokenize, first, last), joined(tokenize, last, first)] : [joined(tokenize, full)];
  const [docFirst, docLast] = [present(document.firstName), present(document.lastName)];
  const theirs = [joined(tokenize, present(document.fullName)), joined(tokenize, docFirst, docLast), joined(tokenize, docLast, docFirst)];
  return mine.some((candidate) => candidate !== null && candidate !== "" && theirs.includes(candidate));
}

function fieldFits(applicant: NameParts, document: NameParts, tokenize: Tokenize): FieldFit[] {
  const fields = applicantNameFields(applicant);
  if (wholeNameMatches(applicant, document, tokenize)) return fields.map(() => "complete");
  const documentWords = [document.firstName, document.lastName, document.fullName].flatMap((value) => (present(value) ? tokenize(value ?? "") : []));
  return fields.map(({ value }) => {
    const mine = tokenize(value);
    const missing = uncovered(mine, [...new Set(documentWords)]);
    if (mine.length > 0 && missing.length === 0) return "complete";
    if (missing.length < mine.length) return "partial";
    return missing.some((word) => insideUnspacedWord(word, documentWords)) ? "partial" : "none";
  });
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * In scripts written without spaces a full name is one word (李小明), so a family name can only be
 * found at its start or end. Where the name splits is unknowable (复姓 such as 欧阳 are two
 * characters), so such a find counts as partial: enough for ANY_NAME, never a whole field.
 */
function insideUnspacedWord(word: string, documentWords: string[]): boolean {
  if (!UNSPACED_SCRIPT.test(word)) return false;
  return documentWords.some((other) => other.length > word.length && (other.startsWith(word) || other.endsWith(word)));
}

/**
 * ANY_NAME: at least one name matches, even a single word of it (one of several given names).
 * ONE_NAME: iDenfy says "exactly one name field must match". Read literally, a session whose
 * first AND last name both match would fail, which cannot be meant (more agreement never
 * weakens an identity), so we read it as "at least one whole field (first or last) matches".
 * That keeps it distinct from ANY_NAME, which is satisfied by a partial field.
 * ALL_NAMES: every provided name field matches completely.
 */
function passes(mode: NameMatchMode, fits: FieldFit[]): boolean {
  if (fits.length === 0) return false;
  if (mode === "ANY_NAME") return fits.some((fit) => fit !== "none");
  if (mode === "ONE_NAME") return fits.some((fit) => fit === "complete");
  return fits.every((fit) => fit === "complete");
}

const FIT_WORDS: Record<FieldFit, string> = { complete: "matches", partial: "partly matches", none: "does not match" };

function displayName(parts: NameParts): string | null {
  const full = present(parts.fullName);
  if (full) return full;
  const split = [present(parts.firstName), present(parts.lastName)].filter((value) => value !== null);
  return split.length > 0 ? split.join(" ") : null;
}

/** Across scripts a field agrees when its transliteration agrees with any of the document's names. */
function crossScriptFits(document: NameParts, fields: NameField[]): FieldFit[] {
  const [first, last] = [present(document.firstName), present(document.lastName)];
  const candidates = [present(document.fullName), first && last ? `${first} ${last}` : null, first, last].filter((value) => value !== null);
  const whole = fields.map((field) => field.value).join(" ");
  if (candidates.some((candidate) => agrees(crossScriptFit(whole, candidate)))) return fields.map(() => "complete");
  return fields.map(({ value }) => {
    const fits = candidates.map((candidate) => crossScriptFit(value, candidate));
    if (fits.some(agrees)) return "complete";
    return fits.includes("partial") ? "partial" : "none";
  });
}

const CROSS_FIT_WORDS: Record<FieldFit, string> = { complete: "agrees", partial: "partly agrees", none: "does not clearly agree" };

function crossScriptRuleRow(base: Omit<FieldComparison, "result">, applicant: NameParts, document: NameParts, mode: NameMatchMode): FieldComparison {
  const fields = applicantNameFields(applicant);
  const fits = crossScriptFits(document, fields);
  const detail = fields.map((field, index) => `${field.label} ${CROSS_FIT_WORDS[fits[index] ?? "none"]}`).join("; ");
  const script = scriptName(foreignScript(base.applicantValue ?? "", base.documentValue ?? ""));
  const note = `${detail[0]?.toUpperCase()}${detail.slice(1)}, by transliteration from ${script}.`;
  const readings = readingsOf(base.applicantValue ?? "", base.documentValue ?? "");
  return { ...base, result: passes(mode, fits) ? "other_script" : "other_script_check", note, ...readings };
}

/** The summary row that applies the configured name-matching mode; null when neither side has a name. */
export function nameRuleRow(applicant: NameParts, document: NameParts, mode: NameMatchMode): FieldComparison | null {
  const label = `Name (${mode} rule)`;
  const fields = applicantNameFields(applicant);
  const applicantValue = fields.length > 0 ? fields.map((field) => field.value).join(" ") : null;
  const documentValue = displayName(document);
  if (!applicantValue && !documentValue) return null;
  const base = { field: "name" as const, label, applicantValue, documentValue };
  if (!applicantValue || !documentValue) return { ...base, result: "missing" };
  if (inDifferentScripts(applicantValue, documentValue)) return crossScriptRuleRow(base, applicant, document, mode);

  const fits = fieldFits(applicant, document, words);
  const detail = fields.map((field, index) => `${field.label} ${FIT_WORDS[fits[index] ?? "none"]}`).join("; ");
  const note = `${detail[0]?.toUpperCase()}${detail.slice(1)}.`;
  if (passes(mode, fits)) return { ...base, result: "match", note };
  const withoutAccents = fieldFits(applicant, document, (value) => words(value).map(stripAccents));
  const accents = passes(mode, withoutAccents) ? ` ${ACCENTS_NOTE}` : "";
  return { ...base, result: "mismatch", note: `${note}${accents}` };
}
