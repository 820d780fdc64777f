import type { IdenfyOutcome, Issue, Verdicts } from "./types";

/** Issues that fail a check outright: iDenfy DENIES. */
export const FAILING_ISSUES: readonly Issue[] = ["document_expired", "face_mismatch", "doc_fake"];
/** Issues that only raise a tag: iDenfy says SUSPECTED and leaves the decision to the customer. */
export const TAG_ISSUES: readonly Issue[] = [
  "dob_mismatch",
  "transliterated_name",
  "document_number_mismatch",
  "under_age",
  "duplicate_face",
  "aml_hit",
  "virtual_camera",
  "doc_mobile_photo",
];
/** What a fresh capture can fix; data mismatches against the token stay. */
export const RETAKE_FIXES: readonly Issue[] = ["document_expired", "face_mismatch", "doc_fake", "doc_mobile_photo", "auto_unverifiable"];

const FRAUD_TAGS: Partial<Record<Issue, string>> = {
  duplicate_face: "DUPLICATE_FACE",
  aml_hit: "AML_SUSPECTION",
  virtual_camera: "VIRTUAL_CAMERA",
  doc_mobile_photo: "DOC_MOBILE_PHOTO",
};
const MISMATCH_TAGS: Partial<Record<Issue, readonly string[]>> = {
  dob_mismatch: ["DATE_OF_BIRTH"],
  transliterated_name: ["NAME", "SURNAME"],
  document_number_mismatch: ["DOCUMENT_NUMBER"],
  under_age: ["UNDER_AGE"],
};

export const has = (issues: readonly Issue[], ...wanted: Issue[]) => wanted.some((issue) => issues.includes(issue));

/** What iDenfy's engine concludes on its own. AUTO_UNVERIFIABLE alone needs a human: approved by default. */
export function outcomeFor(issues: readonly Issue[]): IdenfyOutcome {
  if (issues.some((issue) => FAILING_ISSUES.includes(issue))) return "DENIED";
  if (issues.some((issue) => TAG_ISSUES.includes(issue))) return "SUSPECTED";
  return "APPROVED";
}

/** Mismatches against what the integrator sent at token creation: fixed once the token exists. */
export const TOKEN_FACTS: readonly Issue[] = ["dob_mismatch", "transliterated_name", "document_number_mismatch", "under_age"];
/** Tags a capture can raise at any time, without touching the token's values. */
const CAPTURE_TAGS: readonly Issue[] = ["duplicate_face", "aml_hit", "virtual_camera", "doc_mobile_photo"];

/**
 * Issues that make `target` the honest result when it is forced (control API): SUSPECTED never
 * comes without a tag, DENIED needs a failed check. APPROVED keeps the token facts: only a
 * reviewer approves despite them (the caller adds the manual verdicts).
 */
export function issuesForOutcome(target: IdenfyOutcome, issues: readonly Issue[], pick: <T>(items: readonly T[]) => T): Issue[] {
  if (outcomeFor(issues) === target) return [...issues];
  if (target === "APPROVED") return issues.filter((issue) => TOKEN_FACTS.includes(issue));
  if (target === "DENIED") return [...issues, pick(FAILING_ISSUES)];
  const tags = issues.filter((issue) => TAG_ISSUES.includes(issue));
  return tags.length > 0 ? tags : [pick(CAPTURE_TAGS)];
}

export function autoVerdicts(issues: readonly Issue[]): Verdicts {
  const unverifiable = has(issues, "auto_unverifiable");
  return {
    autoFace: has(issues, "face_mismatch") ? "FACE_MISMATCH" : unverifiable ? "AUTO_UNVERIFIABLE" : "FACE_MATCH",
    manualFace: null,
    autoDocument: has(issues, "document_expired") ? "DOC_EXPIRED" : has(issues, "doc_fake") ? "DOC_FAKE" : unverifiable ? "AUTO_UNVERIFIABLE" : "DOC_VALIDATED",
    manualDocument: null,
    fraudTags: issues.flatMap((issue) => FRAUD_TAGS[issue] ?? []),
    mismatchTags: issues.flatMap((issue) => MISMATCH_TAGS[issue] ?? []),
  };
}

/** iDenfy's reviewer confirms or corrects the AI. Tags stay: they are facts, not verdicts. */
export function manualVerdicts(auto: Verdicts, outcome: IdenfyOutcome): Verdicts {
  if (outcome !== "DENIED") return { ...auto, manualFace: "FACE_MATCH", manualDocument: "DOC_VALIDATED" };
  const face = auto.autoFace === "AUTO_UNVERIFIABLE" ? "FACE_MATCH" : auto.autoFace;
  const document = auto.autoDocument === "AUTO_UNVERIFIABLE" ? "DOC_TOO_BLURRY" : auto.autoDocument;
  const clean = face === "FACE_MATCH" && document === "DOC_VALIDATED";
  return { ...auto, manualFace: clean ? "FACE_MISMATCH" : face, manualDocument: document };
}
