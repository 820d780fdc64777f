/** Which writing system a value is in. Pure; used to decide when two values need transliterating. */

// Scripts names are written in; anything else counts as "Other". Order does not matter.
const SCRIPTS = [
  "Latin",
  "Cyrillic",
  "Greek",
  "Armenian",
  "Georgian",
  "Arabic",
  "Hebrew",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Khmer",
  "Myanmar",
  "Ethiopic",
  "Hangul",
  "Hiragana",
  "Katakana",
  "Han",
  "Mongolian",
  "Tibetan",
] as const;
export type Script = (typeof SCRIPTS)[number] | "Other";

const MATCHERS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script=${script}}`, "u")] as const);

/**
 * Abjads write consonants and long vowels only (فاطمة is f-ā-ṭ-m-a): a Latin spelling of the same
 * name has vowels they never write, so they are compared by consonant skeleton instead.
 */
export const ABJADS = new Set<Script>(["Arabic", "Hebrew", "Syriac"]);

/** Scripts written without spaces between names (李小明): a name's parts cannot be told apart. */
export const UNSPACED = new Set<Script>(["Han", "Hiragana", "Katakana", "Thai", "Lao", "Khmer", "Myanmar", "Tibetan"]);

function scriptOfLetter(letter: string): Script {
  return MATCHERS.find(([, matcher]) => matcher.test(letter))?.[0] ?? "Other";
}

/** The scripts of a value's letters; digits, spaces and punctuation belong to none. */
export function scriptsOf(value: string): Set<Script> {
  const scripts = new Set<Script>();
  for (const letter of value.normalize("NFC").match(/\p{L}/gu) ?? []) scripts.add(scriptOfLetter(letter));
  return scripts;
}

/**
 * Two values are in different scripts when both have letters and no script in common: "Fatima"
 * and "فاطمة", not "Fatima" and "FATIMA 2" nor a document that mixes both.
 */
export function inDifferentScripts(a: string, b: string): boolean {
  const [left, right] = [scriptsOf(a), scriptsOf(b)];
  if (left.size === 0 || right.size === 0) return false;
  return [...left].every((script) => !right.has(script));
}

/** The script a reviewer should be told about: the non-Latin one of the pair, else the document's. */
export function foreignScript(applicant: string, document: string): Script {
  const documentScripts = [...scriptsOf(document)];
  const applicantScripts = [...scriptsOf(applicant)];
  return documentScripts.find((script) => script !== "Latin") ?? applicantScripts.find((script) => script !== "Latin") ?? documentScripts[0] ?? "Other";
}

/** "Chinese" reads better than "Han" in a note; other script names are already their common names. */
export function scriptName(script: Script): string {
  if (script === "Han") return "Chinese characters";
  if (script === "Hiragana" || script === "Katakana") return "Japanese kana";
  if (script === "Other") return "another script";
  return script;
}
