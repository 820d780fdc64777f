import type { CodeCatalogue } from "../catalogue";

/**
 * Didit's warning `risk` codes (docs.didit.me/core-technology/id-verification/warnings-id-verification,
 * docs.didit.me/reference/warnings, the v1 webhook example, and what sandbox/didit emits).
 * Pure data: tests/providers/codes-catalogue.test.ts fails when the sandbox emits a code missing here.
 */
export const DIDIT_CODES: CodeCatalogue = {
  codes: {
    // ID verification: auto-decline conditions
    DOCUMENT_NOT_SUPPORTED_FOR_APPLICATION: "This document type is not accepted for this application.",
    DOCUMENT_EXPIRED: "The document has expired.",
    MINIMUM_AGE_NOT_MET: "The applicant is below the minimum age.",
    AGE_BELOW_MINIMUM: "The age read from the document is below the minimum.",
    AGE_NOT_DETECTED: "No age could be read from the document.",
    PORTRAIT_IMAGE_NOT_DETECTED: "No portrait photo was found on the document.",
    ID_DOCUMENT_IN_BLOCKLIST: "The document is on the blocklist.",
    FRONT_CAMERA_FACE_IN_BLOCKLIST: "The face captured during document capture is on the blocklist.",
    // ID verification: configurable risks
    POSSIBLE_DUPLICATED_USER: "This face or document was seen in another session.",
    QR_NOT_DETECTED: "The document's QR code could not be read.",
    BARCODE_NOT_DETECTED: "The document's barcode could not be read.",
    QR_VALIDATION_FAILED: "The document's QR code did not validate.",
    BARCODE_VALIDATION_FAILED: "The document's barcode did not validate.",
    MRZ_VALIDATION_FAILED: "The machine-readable zone did not validate (check digits).",
    MRZ_NOT_DETECTED: "The machine-readable zone could not be found or read.",
    DATA_INCONSISTENT: "Data read from the document disagrees with data given elsewhere.",
    MRZ_AND_DATA_EXTRACTED_FROM_OCR_NOT_SAME: "The machine-readable zone and the printed data disagree.",
    DOCUMENT_NAME_DIFFERENT_FROM_OTHER_APPROVED_DOCUMENTS: "The name differs from the applicant's other approved documents.",
    DOCUMENT_SIDES_MISMATCH: "The front and back do not belong to the same document.",
    SCREEN_CAPTURE_DETECTED: "The document was photographed from a screen.",
    PRINTED_COPY_DETECTED: "The document is a printed copy.",
    PORTRAIT_MANIPULATION_DETECTED: "The document portrait looks manipulated.",
    PUBLIC_DOCUMENT_IMAGE_DETECTED: "The document image is publicly available (e.g. a sample found online).",
    POSSIBLE_FRAUD: "The provider suspects fraud (signs of tampering).",
    // Liveness and face match
    LOW_LIVENESS_SCORE: "Liveness check not convincing: possibly a photo, screen or mask.",
    LOW_FACE_MATCH_SIMILARITY: "The selfie and the document photo look too different.",
    // AML
    POSSIBLE_MATCH_FOUND: "Possible match on a watchlist or sanctions list in the AML screening.",
  },
  checks: {
    document: "ID verification",
    liveness: "Liveness",
    face_match: "Face match",
    aml: "AML screening",
    ip_analysis: "IP analysis",
  },
};
