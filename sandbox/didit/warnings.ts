import type { Json, JsonObject } from "../json";

type Catalogue = Record<string, { feature: string; short: string; long: string }>;

/** Risk codes as Didit names them (docs: ID verification warnings; OpenAPI decision example). */
const CATALOGUE: Catalogue = {
  DATA_INCONSISTENT: {
    feature: "ID_VERIFICATION",
    short: "Data inconsistent",
    long: "Data extracted from the document does not match the expected details provided for this session.",
  },
  POSSIBLE_FRAUD: {
    feature: "ID_VERIFICATION",
    short: "Possible fraud detected",
    long: "The document shows signs of tampering or manipulation.",
  },
  DOCUMENT_EXPIRED: {
    feature: "ID_VERIFICATION",
    short: "Document expired",
    long: "The document's expiration date has passed.",
  },
  MRZ_AND_DATA_EXTRACTED_FROM_OCR_NOT_SAME: {
    feature: "ID_VERIFICATION",
    short: "MRZ and OCR data differ",
    long: "The data read from the machine-readable zone differs from the data read from the visual zone.",
  },
  MRZ_NOT_DETECTED: {
    feature: "ID_VERIFICATION",
    short: "MRZ not detected",
    long: "The machine-readable zone could not be found or read on the document.",
  },
  QR_NOT_DETECTED: {
    feature: "ID_VERIFICATION",
    short: "QR not detected",
    long: "The system couldn't find or read the QR code on the document.",
  },
  LOW_LIVENESS_SCORE: {
    feature: "LIVENESS",
    short: "Low liveness score",
    long: "The liveness check resulted in a low score, indicating a possible non-live facial representation.",
  },
  POSSIBLE_DUPLICATED_USER: {
    feature: "LIVENESS",
    short: "Possible duplicated user",
    long: "The face matches a face from another session with a different vendor_data.",
  },
  LOW_FACE_MATCH_SIMILARITY: {
    feature: "FACEMATCH",
    short: "Low face match similarity",
    long: "The facial features of the selfie don't closely match the document portrait.",
  },
  POSSIBLE_MATCH_FOUND: {
    feature: "AML",
    short: "Possible match found in AML screening",
    long: "The AML screening identified potential matches with watchlists or high-risk databases.",
  },
};

export type LogType = "information" | "warning" | "error";

export function warning(risk: string, nodeId: string, logType: LogType, additionalData: Json = null): JsonObject {
  const entry = CATALOGUE[risk];
  return {
    feature: entry?.feature ?? "ID_VERIFICATION",
    risk,
    additional_data: additionalData,
    log_type: logType,
    short_description: entry?.short ?? risk,
    long_description: entry?.long ?? risk,
    node_id: nodeId,
  };
}
