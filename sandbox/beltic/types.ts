import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";
import type { WebhookDelivery } from "../provider";

/** Beltic's session statuses, verbatim (sessions guide). */
export const BELTIC_STATUSES = ["created", "started", "pending", "completed", "failed", "marked_for_review", "approved", "declined", "expired"] as const;
export type BelticStatus = (typeof BELTIC_STATUSES)[number];

export const BELTIC_SCOPES = ["sessions:read", "sessions:write", "sessions:decide"] as const;

/** How far the applicant got: nothing yet, document being captured, submitted, processed. */
export type Stage = "none" | "started" | "submitted" | "processed";

export type Issue =
  | "dob_mismatch"
  | "transliterated_name"
  | "document_number_mismatch"
  | "document_expired"
  | "low_face_match"
  | "low_liveness"
  | "tampering"
  | "mrz_mismatch"
  | "bot_behavior"
  | "address_mismatch";

export type IdDocumentType = "passport" | "id_card" | "drivers_license" | "residence_permit";

export type DocumentFacts = {
  type: IdDocumentType;
  number: string;
  issueDate: string;
  expiryDate: string;
  hasBack: boolean;
  addressProof: { type: "utility_bill" | "bank_statement"; issueDate: string; address: string } | null;
};

export type FileKind = "front" | "back" | "portrait" | "address";

export type ResourceIds = {
  idvDocument: string;
  addressDocument: string;
  idvVerification: string;
  addressVerification: string;
  files: Record<FileKind, string>;
};

export type TimestampField =
  "created_at" | "updated_at" | "started_at" | "expires_at" | "completed_at" | "failed_at" | "marked_for_review_at" | "decisioned_at" | "expired_at" | "redacted_at";

export type BelticSessionRecord = {
  id: string;
  accountId: string;
  status: BelticStatus;
  stage: Stage;
  issues: Issue[];
  /** What the generator set up (e.g. "marked_for_review:dob_mismatch"), for tests and debugging. */
  scenario: string;
  person: Person;
  /** The integrator typed the applicant's data in; otherwise auto_update_session copies the document's. */
  manualEntry: boolean;
  document: DocumentFacts;
  ids: ResourceIds;
  behavior: JsonObject;
  /** Selfie scores (0–1) the checks report, fixed per session. */
  scores: { faceMatch: number; liveness: number };
  timestamps: Partial<Record<TimestampField, string>>;
  decision: { action: "approve" | "decline"; reason: string | null; comment: string | null } | null;
};

export type BelticSandboxOptions = {
  /** The key clients must send as X-Api-Key. */
  apiKey: string;
  /** The scopes that key has; calls outside them answer 403. Default: all of BELTIC_SCOPES. */
  scopes?: readonly string[];
  /** Signs webhooks (X-Webhook-Signature, HMAC-SHA256 of the body). */
  webhookSecret: string;
  /** Sent as X-Webhook-Token when set. */
  webhookToken?: string;
  signatureEncoding?: "hex" | "base64";
  seed?: number;
  sessionCount?: number;
  /** Anchor for generated dates; defaults to the current time. */
  now?: Date;
  /** Where links in webhooks point until a request shows the address clients use. */
  publicBaseUrl?: string;
  /** Receives the webhooks that API calls (approve, decline, expire, redact) cause. */
  onDelivery?: (delivery: WebhookDelivery) => void;
};

export type BelticState = {
  apiKey: string;
  scopes: readonly string[];
  mediaSecret: string;
  webhookSecret: string;
  webhookToken: string | null;
  signatureEncoding: "hex" | "base64";
  /** Newest first. */
  sessions: BelticSessionRecord[];
  /** Draws ids and new sessions after generation (same seed → same sequence). */
  prng: Prng;
  publicBaseUrl: string;
  onDelivery: (delivery: WebhookDelivery) => void;
  /** Idempotency-Key → the answer already given, so a retried decision is not a second one. */
  idempotent: Map<string, JsonObject>;
  /** Last timestamp handed out, so updated_at only ever moves forward. */
  clock: number;
};
