import type { CodeCatalogue } from "../catalogue";

/**
 * UNCONFIRMED catalogue: Beltic publishes the check shape `{name, status, reasons[], requirement,
 * metadata}` but not its check names or reason codes; these are the ones our sandbox uses
 * (sandbox/beltic/checks.ts), plus the session's behaviour signals (documented field names).
 * Pure data: tests/providers/codes-catalogue.test.ts fails when the sandbox emits a code missing here.
 */
const CHECKS: Record<string, string> = {
  id_image_quality: "ID image quality",
  id_expiration: "ID expiration",
  id_tamper_detection: "ID tamper detection",
  id_mrz_consistency: "ID MRZ consistency",
  id_name_match: "ID name match",
  id_birth_date_match: "ID birth date match",
  id_number_match: "ID number match",
  selfie_liveness: "Selfie liveness",
  selfie_face_match: "Selfie face match",
  address_document_age: "Address document age",
  address_name_match: "Address name match",
  address_match: "Address match",
  behavior_analysis: "Behaviour analysis",
};

const REASONS: Record<string, string> = {
  blurry: "The document image is blurry.",
  glare: "Glare hides part of the document.",
  document_expired: "The document has expired.",
  font_anomaly: "The document's fonts look altered.",
  photo_substitution: "The document photo looks replaced.",
  mrz_document_number_mismatch: "The document number in the machine-readable zone differs from the printed one.",
  name_mismatch: "The name differs from the one entered on the session.",
  birth_date_mismatch: "The date of birth differs from the one entered on the session.",
  identity_number_mismatch: "The identity number differs from the one entered on the session.",
  low_liveness_score: "Liveness check not convincing: possibly a photo, screen or mask.",
  low_similarity: "The selfie and the document photo look too different.",
  document_too_old: "The proof of address is too old.",
  address_mismatch: "The address differs from the one entered on the session.",
  // Behaviour analysis signals
  devtools_open: "Browser developer tools were open.",
  debugger_attached: "A debugger was attached.",
  request_spoof_attempts: "Requests were tampered with.",
  user_agent_spoof_attempts: "The browser identity was faked.",
  bot_score: "Bot-like behaviour.",
};

/** A flagged check without reasons carries its own name as its code (lib/providers/beltic/normalize.ts). */
const FLAGGED_WITHOUT_REASON = Object.fromEntries(Object.entries(CHECKS).map(([name, label]) => [name, `${label}: flagged by Beltic without a reason.`]));

export const BELTIC_CODES: CodeCatalogue = {
  codes: { ...FLAGGED_WITHOUT_REASON, ...REASONS },
  checks: { ...CHECKS, behavior: "Behaviour analysis" },
};
