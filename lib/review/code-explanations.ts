/**
 * Providers' risk and result codes in plain words, for reviewers. Unknown codes are shown as
 * they are: a new code from a provider must never hide a signal.
 */
const EXPLANATIONS: Record<string, string> = {
  // Didit warnings
  LOW_FACE_MATCH_SIMILARITY: "The selfie and the document photo look too different.",
  LOW_LIVENESS_SCORE: "Liveness check not convincing: possibly a photo, screen or mask.",
  DATA_INCONSISTENT: "Data read from the document disagrees with data given elsewhere.",
  POSSIBLE_FRAUD: "The provider suspects fraud.",
  DOCUMENT_EXPIRED: "The document has expired.",
  QR_NOT_DETECTED: "The document's QR code could not be read.",
  POSSIBLE_DUPLICATED_USER: "This face or document was seen in another session.",
  // iDenfy fraud tags
  FACE_IN_BLACKLIST: "The face is on the blocklist.",
  DOC_FACE_IN_BLACKLIST: "The document photo is on the blocklist.",
  DATA_BLACKLISTED: "Personal data is on the blocklist.",
  DUPLICATE_FACE: "The same face appears in another verification.",
  DUPLICATE_DOC_FACE: "The same document photo appears in another verification.",
  DUPLICATE_PERSONAL_DATA: "The same personal data appears in another verification.",
  VIRTUAL_CAMERA: "A virtual camera was used.",
  PORTRAIT_SUBSTITUTION: "The document portrait looks replaced.",
  DOC_MOBILE_PHOTO: "The document was photographed from a screen.",
  DEV_TOOLS_OPENED: "Browser developer tools were open during capture.",
  DOC_PRINT_SPOOFED: "The document looks like a printout.",
  FAKE_PHOTO: "The photo looks fake.",
  AML_SUSPECTION: "Possible anti-money-laundering match.",
  SANCTIONS_SUSPECTION: "Possible sanctions-list match.",
  CRIMINAL_SUSPECTED: "Possible criminal-record match.",
  AUTO_UNVERIFIABLE: "The automatic check could not decide (e.g. poor image quality).",
  // iDenfy mismatch tags
  NAME: "First name differs from the expected value.",
  SURNAME: "Last name differs from the expected value.",
  FULL_NAME: "Full name differs from the expected value.",
  DOCUMENT_NUMBER: "Document number differs from the expected value.",
  PERSONAL_CODE: "Personal code differs from the expected value.",
  DATE_OF_BIRTH: "Date of birth differs from the expected value.",
  EXPIRY_DATE: "Expiry date differs from the expected value.",
  UNDER_AGE: "The applicant is under the age limit.",
  // iDenfy verdicts
  FACE_MATCH: "Face matches the document.",
  FACE_MISMATCH: "Face does not match the document.",
  DOC_VALIDATED: "Document validated.",
  DOC_INFO_MISMATCH: "Document data does not match the expected data.",
  DOC_EXPIRED: "The document has expired.",
  DOC_FAKE: "The document looks fake.",
  MRZ_INVALID: "The machine-readable zone is invalid.",
  // iDenfy risk assessment levels
  VERY_LOW: "The provider rates the overall risk very low.",
  LOW: "The provider rates the overall risk low.",
  MEDIUM: "The provider rates the overall risk medium.",
  HIGH: "The provider rates the overall risk high.",
  VERY_HIGH: "The provider rates the overall risk very high.",
  // Bynn risk tags
  "document.security_checks": "The document failed security-feature checks.",
  "document.expired": "The document has expired.",
  "aml.match": "Possible AML / sanctions match.",
  "network.vpn": "The applicant connected through a VPN or proxy.",
  // Beltic behaviour analysis
  devtools_open: "Browser developer tools were open.",
  request_spoof_attempts: "Requests were tampered with.",
  user_agent_spoof_attempts: "The browser identity was faked.",
  debugger_attached: "A debugger was attached.",
  bot_score: "Bot-like behaviour.",
};

export function explainCode(code: string): string {
  return EXPLANATIONS[code] ?? EXPLANATIONS[code.toUpperCase()] ?? "Provider code without a known description.";
}
