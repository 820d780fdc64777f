import { foreignScript, scriptName } from "@/lib/compare/scripts";
import { words } from "@/lib/compare/text";
import { involvesAbjad, sameAcrossScripts } from "@/lib/compare/transliterate";
import type { Verdict } from "@/lib/compare/types";

/**
 * Names in two different scripts (Fatima / فاطمة). Byte-equal words can never agree across
 * scripts, which used to make every name row of such a document a mismatch. Transliteration
 * cannot prove a match either, so the outcome is one of two states of its own:
 * `other_script` (the readings agree: same name, other script) or `other_script_check`
 * (they do not clearly agree: check by eye). Never a plain match, never a plain mismatch.
 */
export type CrossFit = "equal" | "reordered" | "contained" | "partial" | "none";

function joinedBothWays(list: string[]): string[] {
  return [list.join(""), [...list].reverse().join("")];
}

export function crossScriptFit(applicant: string, document: string): CrossFit {
  const [a, d] = [words(applicant), words(document)];
  if (a.length === 0 || d.length === 0) return "none";
  const abjad = involvesAbjad(applicant, document);
  const left = [...d];
  const found = a.filter((word) => {
    const at = left.findIndex((other) => sameAcrossScripts(word, other, abjad));
    if (at === -1) return false;
    left.splice(at, 1);
    return true;
  }).length;
  if (found === a.length) return left.length > 0 ? "contained" : "equal";
  // Spaces are not comparable across scripts: 李小明 is one word, "Li Xiaoming" two; عبد الله two, "Abdullah" one.
  const [forward, backward] = joinedBothWays(a);
  const whole = d.join("");
  if (sameAcrossScripts(forward!, whole, abjad)) return "equal";
  if (sameAcrossScripts(backward!, whole, abjad)) return "reordered";
  return found > 0 ? "partial" : "none";
}

export const agrees = (fit: CrossFit) => fit === "equal" || fit === "reordered" || fit === "contained";

const SAME_NOTES: Record<"equal" | "reordered" | "contained", string> = {
  equal: "",
  reordered: " Same names in a different order.",
  contained: " The document lists additional names.",
};

/** The note says which script, never the values: notes reach viewers who see values masked. */
export function crossScriptNames(applicant: string, document: string): Verdict {
  const script = scriptName(foreignScript(applicant, document));
  const fit = crossScriptFit(applicant, document);
  if (agrees(fit)) {
    return { result: "other_script", note: `Same name, written in ${script} (compared by transliteration).${SAME_NOTES[fit]}` };
  }
  const partly = fit === "partial" ? "only some of the names agree" : "the transliteration does not clearly agree";
  return { result: "other_script_check", note: `Written in ${script}; ${partly}, so check by eye.` };
}

/** For values no typed rule understands (a sex or document type in another script). */
export function crossScriptText(applicant: string, document: string): Verdict {
  const script = scriptName(foreignScript(applicant, document));
  return { result: "other_script_check", note: `Written in ${script}; check by eye.` };
}
