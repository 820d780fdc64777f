import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";

/** iDenfy's overall statuses (IdentificationStatusEnum + the vocabulary's EXPIRED-DELETED), verbatim. */
export const IDENFY_STATUSES = ["ACTIVE", "REVIEWING", "SUSPECTED", "APPROVED", "DENIED", "EXPIRED", "DELETED", "EXPIRED-DELETED", "ARCHIVED"] as const;
export type IdenfyStatus = (typeof IDENFY_STATUSES)[number];

export function isIdenfyStatus(value: unknown): value is IdenfyStatus {
  return typeof value === "string" && (IDENFY_STATUSES as readonly string[]).includes(value);
}

/** A result status: what a finished verification says (SUSPECTED = "your decision"). */
export type IdenfyOutcome = "APPROVED" | "DENIED" | "SUSPECTED";

export type Issue =
  | "dob_mismatch"
  | "transliterated_name"
  | "document_number_mismatch"
  | "under_age"
  | "duplicate_face"
  | "aml_hit"
  | "virtual_camera"
  | "doc_mobile_photo"
  | "document_expired"
  | "face_mismatch"
  | "doc_fake"
  | "auto_unverifiable";

/** autoFace/manualFace, autoDocument/manualDocument and the tags, as iDenfy reports them. */
export type Verdicts = {
  autoFace: string | null;
  manualFace: string | null;
  autoDocument: string | null;
  manualDocument: string | null;
  fraudTags: string[];
  mismatchTags: string[];
};

export type IdenfyRecord = {
  scanRef: string;
  clientId: string;
  externalRef: string | null;
  status: IdenfyStatus;
  /** `final` of the latest callback; null while nothing was submitted. */
  final: boolean | null;
  /** Token created with reviewSuccessful/reviewFailed: iDenfy's reviewers look after the AI. */
  manualReview: boolean;
  created: Date;
  updated: Date;
  tokenExpiresAt: Date;
  /** Values the integrator sent at token creation (token field names); {} once deleted. */
  expected: JsonObject;
  /** Who the applicant really is, so later steps stay consistent with the document. */
  person: Person;
  issues: Issue[];
  verdicts: Verdicts | null;
  /** IdentificationDataWebhook, or null before submission and after deletion. */
  data: JsonObject | null;
  /** File names iDenfy holds (FRONT, BACK, FACE); served at signed, expiring URLs. */
  files: string[];
  riskAssessment: JsonObject | null;
  /** Legacy `AML` blocks (one per screening service). */
  aml: JsonObject[] | null;
  platform: string;
  clientIp: string;
  clientIpCountry: string;
  startTime: number | null;
  finishTime: number | null;
  /** REVIEWING: what iDenfy's reviewer will decide. */
  pendingOutcome: IdenfyOutcome | null;
  /** request-information was called: the applicant may submit again with the new link. */
  awaitingResubmission: boolean;
  /** What the generator set up (e.g. "SUSPECTED:dob_mismatch"), for tests and debugging. */
  scenario: string;
};

export type IdenfyState = {
  apiKey: string;
  apiSecret: string;
  webhookSecret: string;
  mediaSecret: string;
  companyId: string;
  prng: Prng;
  /** The sandbox's clock: the generator's `now`, moving on in real time. */
  clock: () => Date;
  records: IdenfyRecord[];
  /** The address clients last used, so webhook file URLs work. */
  publicBaseUrl: string;
};

export function findRecord(state: IdenfyState, scanRef: string): IdenfyRecord | null {
  return state.records.find((record) => record.scanRef === scanRef) ?? null;
}

/** `updated` only moves forward, even for changes within one millisecond. */
export function touch(state: IdenfyState, record: IdenfyRecord): Date {
  const now = state.clock();
  record.updated = now > record.updated ? now : new Date(record.updated.getTime() + 1);
  return record.updated;
}
