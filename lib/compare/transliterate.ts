import anyAscii from "any-ascii";
import { ABJADS, inDifferentScripts, scriptsOf } from "@/lib/compare/scripts";

/**
 * Tolerant comparison of one word across scripts through any-ascii. Transliteration is lossy
 * and has many conventions (Юлія: Yuliia, Yuliya, Julija), so equality of two readings is too
 * strict and any agreement found here only ever means "probably the same name": the row says
 * "same name, other script", never "match".
 */

/** The Latin reading of a value, for reviewers who cannot read its script (فاطمة → ftmh). */
export function latinReading(value: string): string {
  return anyAscii(value.normalize("NFC"));
}

/** Letters a transliteration table gets wrong for names, fixed before any-ascii sees them. */
function prepared(word: string): string {
  return (
    word
      .normalize("NFC")
      .toLowerCase()
      // Ta marbuta ends many Arabic female names (فاطمة): Latin spells it -a, -ah or not at all.
      .replace(/ة/gu, "")
      // Greek ου is one vowel, u (Παπαδοπούλου → Papadopoulou; any-ascii writes "oy").
      .replace(/ο[υύ]/gu, "u")
      // ё is yo (Алёна → Alyona; any-ascii writes e); Serbo-Croatian đ is dj, as Cyrillic ђ.
      .replace(/ё/gu, "yo")
      .replace(/đ/gu, "dj")
  );
}

function key(word: string): string {
  return anyAscii(prepared(word))
    .toLowerCase()
    .replace(/[^a-z]/gu, "");
}

const collapse = (text: string) => text.replace(/(.)\1+/gu, "$1");

/**
 * Consonants only: what an abjad writes. w, y (and Hebrew's v) double as long vowels there, so
 * they go too; q and c fold into k; a final h (ه, ة, or Latin -ah) is left out on both sides,
 * unless it belongs to a digraph (Aisha's sh, ش).
 */
function skeleton(text: string): string {
  return collapse(text.replace(/[qc]/gu, "k").replace(/[aeiouywv]/gu, "")).replace(/(?<![sktdgzk])h$/u, "");
}

/** Common Latin spelling variants of the same sound, folded together (Yuliia / Yuliya, Aleksei / Alexei). */
function folded(text: string): string {
  return collapse(
    text
      .replace(/ph/gu, "f")
      .replace(/kh/gu, "h")
      .replace(/ks/gu, "x")
      .replace(/ck/gu, "k")
      .replace(/ou/gu, "u")
      .replace(/w/gu, "v")
      .replace(/j/gu, "y")
      .replace(/y/gu, "i"),
  );
}

function substitutions(a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

// One letter in five-to-seven (法蒂玛 reads FaDiMa for Fatima), two from eight. Only substitutions:
// an added or dropped letter is often a different name (Petrov / Petrova, Ivan / Ivana).
const allowedSubstitutions = (length: number) => (length >= 8 ? 2 : length >= 5 ? 1 : 0);

export function involvesAbjad(a: string, b: string): boolean {
  return [...scriptsOf(a), ...scriptsOf(b)].some((script) => ABJADS.has(script));
}

/** Whether two spellings, typically Latin and another script, plausibly write the same name. */
export function sameAcrossScripts(a: string, b: string, abjad: boolean): boolean {
  const [left, right] = [key(a), key(b)];
  if (!left || !right) return false;
  if (abjad) {
    const [l, r] = [skeleton(left), skeleton(right)];
    // A one-consonant skeleton (Ali, Ola, Eli) says too little to call two names the same.
    return l.length >= 2 && l === r;
  }
  const [l, r] = [folded(left), folded(right)];
  return l.length === r.length && substitutions(l, r) <= allowedSubstitutions(l.length);
}

export type Readings = { applicantReading?: string; documentReading?: string };

/** Latin readings of the non-Latin side(s) of a pair in different scripts; none otherwise. */
export function readingsOf(applicant: string, document: string): Readings {
  if (!inDifferentScripts(applicant, document)) return {};
  const nonLatin = (value: string) => [...scriptsOf(value)].some((script) => script !== "Latin");
  return {
    ...(nonLatin(applicant) ? { applicantReading: latinReading(applicant) } : {}),
    ...(nonLatin(document) ? { documentReading: latinReading(document) } : {}),
  };
}
