import type { KeyObject } from "node:crypto";
import type { Person } from "../generate/people";
import type { Prng } from "../generate/prng";
import type { JsonObject } from "../json";
import type { WebhookDelivery } from "../provider";

/**
 * Bynn has no session status enum; its sessions move through webhook events. The sandbox's
 * statuses are the events that leave a session resting somewhere (providers.md §4.6, §5).
 */
export const BYNN_MAIN_PATH = [
  "session.created",
  "session.consent.accept",
  "session.id_document_front.received",
  "session.liveness.started",
  "identity_document.in_bynn_review_queue",
  "identity_document.analyzed",
  "session.completed",
] as const;
export const BYNN_DECISIONS = ["decision.challenge", "decision.approved", "decision.rejected"] as const;
/** Bynn's reviewers settle a challenged case in the Bynn console. */
export const BYNN_REVIEWER_OUTCOMES = ["dossier.approved", "dossier.rejected"] as const;
export const BYNN_TERMINALS = ["session.canceled", "session.consent.reject", "session.expired"] as const;

export const BYNN_STATUSES = [...BYNN_MAIN_PATH, ...BYNN_DECISIONS, ...BYNN_REVIEWER_OUTCOMES, ...BYNN_TERMINALS] as const;
export type BynnStatus = (typeof BYNN_STATUSES)[number];
export type BynnMainStatus = (typeof BYNN_MAIN_PATH)[number];

export type BynnIssue =
  | "dob_mismatch"
  | "transliterated_name"
  | "document_number_mismatch"
  | "document_expired"
  | "security_checks"
  | "mrz_mismatch"
  | "liveness_failed"
  | "aml_match"
  | "vpn";

export type BynnDocumentType = "passport" | "id_card" | "driving_license" | "residence_permit";

export type BynnSessionRecord = {
  sessionId: string;
  kycLevel: string;
  uniqueId: string | null;
  status: BynnStatus;
  /** Furthest step of the main path reached; what a canceled or expired session still holds. */
  reached: BynnMainStatus;
  issues: BynnIssue[];
  /** What the generator set up (e.g. "decision.challenge:dob_mismatch"), for tests and debugging. */
  scenario: string;
  /** The truth, as printed on the document (names in their own script). */
  person: Person;
  /** What the integrator sent when creating the session; may differ from the document. */
  applicant: JsonObject;
  document: {
    type: BynnDocumentType;
    number: string;
    issuingCountry: string;
    issueDate: string;
    expiryDate: string;
    mrzNumber: string;
  };
  withProofOfAddress: boolean;
  ids: { dossier: string; dossierToken: string; decision: string; identityDocument: string; entity: string; poa: string };
  createdAt: Date;
  updatedAt: Date;
  /** When the decision engine decided; null before. */
  decidedAt: Date | null;
};

export type BynnState = {
  apiKey: string;
  publicApiKey: string;
  mediaSecret: string;
  signingKey: KeyObject;
  organization: { id: string; name: string };
  /** Where links in webhooks (verification_url) point. */
  publicBaseUrl: string;
  sessions: BynnSessionRecord[];
  kycLevels: { basic: string; withAddress: string };
  /** Draws data for sessions created at run time (seeded, so a demo replays the same way). */
  prng: Prng;
  nextIndex: number;
  clock: () => Date;
  emit: (deliveries: WebhookDelivery[]) => void;
};
