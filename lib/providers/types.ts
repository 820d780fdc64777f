/**
 * The one contract every provider adapter implements. Adapters turn each provider's own
 * vocabulary into these shapes; everything above lib/providers speaks only this.
 * Pure types and constants: safe to import anywhere (no secrets here).
 */

export const PROVIDER_IDS = ["didit", "beltic", "idenfy", "bynn"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

import type { CommonStatus } from "@/lib/sessions/status";

export { COMMON_STATUSES, type CommonStatus } from "@/lib/sessions/status";

export const PROVIDER_ACTIONS = ["list", "get", "approve", "decline", "resubmit", "expire", "redact", "media"] as const;
export type ProviderAction = (typeof PROVIDER_ACTIONS)[number];

export type Capabilities = {
  /** What the provider's API offers at all. */
  offered: Record<ProviderAction, boolean>;
  /** What the configured credentials may call (e.g. Didit key privileges, Beltic `sessions:decide`). */
  allowedByKey: Record<ProviderAction, boolean>;
};

/** Extracted document data under our canonical names; values exactly as the provider sent them. */
export const CANONICAL_FIELDS = [
  "firstName",
  "lastName",
  "fullName",
  "dateOfBirth",
  "documentNumber",
  "documentType",
  "issuingCountry",
  "nationality",
  "issueDate",
  "expiryDate",
  "address",
  "sex",
  "personalNumber",
] as const;
export type CanonicalField = (typeof CANONICAL_FIELDS)[number];
export type CanonicalFields = Partial<Record<CanonicalField, string | null>>;

/**
 * Extracted fields with no applicant counterpart (place of birth, issuing authority, …): shown
 * to the reviewer as read, never compared. Stored with the canonical fields; names never overlap.
 */
export const EXTRA_FIELDS = [
  "placeOfBirth",
  "issuingAuthority",
  "issuingPlace",
  "patronymic",
  "birthName",
  "mothersMaidenName",
  "maritalStatus",
  "temporaryAddress",
  "licenceCategories",
] as const;
export type ExtraField = (typeof EXTRA_FIELDS)[number];
export type ExtraFields = Partial<Record<ExtraField, string | null>>;

/** What the applicant entered or the integrator set (compared against the document). */
export type ApplicantData = CanonicalFields & { email?: string | null; phone?: string | null; reference?: string | null };

export type NormalizedDocument = {
  providerDocumentId: string;
  kind: "idv" | "address" | "other";
  documentType: string | null;
  fields: CanonicalFields;
  /** Everything else the provider read off the document; adapters fill what their provider sends. */
  extraFields?: ExtraFields;
  /** Names of images the provider holds (portrait, front, back…); fetched on demand, never stored as URLs. */
  mediaKeys: Record<string, string>;
};

export type CheckResult = "passed" | "failed" | "review" | "not_run";

export type NormalizedCheck = {
  providerCheckId: string;
  kind: string;
  result: CheckResult;
  score: number | null;
  /** The provider's own codes (Didit warnings, iDenfy fraudTags, Bynn risk_tags, …). */
  codes: string[];
  details: Record<string, unknown>;
};

export type NormalizedEvent = { at: Date; type: string; detail: Record<string, unknown> };

export type NormalizedSession = {
  provider: ProviderId;
  providerSessionId: string;
  status: CommonStatus;
  rawStatus: string;
  applicant: ApplicantData;
  documents: NormalizedDocument[];
  checks: NormalizedCheck[];
  events: NormalizedEvent[];
  riskSummary: Record<string, unknown>;
  providerCreatedAt: Date | null;
  providerUpdatedAt: Date | null;
  /** false when only the list row was read (documents/checks not fetched yet). */
  detailed: boolean;
};

export type SessionPage = { sessions: NormalizedSession[]; nextCursor: string | null };

export type DecisionAction = "approve" | "decline" | "resubmit";

export type DecisionRequest = {
  action: DecisionAction;
  reasonCode: string;
  comment: string;
  /** Stable per Verdict decision, so a retried call is recognisable as the same request. */
  idempotencyKey: string;
};

/** What the provider answered, kept as evidence on the decision (never holds credentials). */
export type ProviderCallResult = { providerResponse: Record<string, unknown> };

export type MediaFile = { contentType: string; body: Uint8Array };

/** Lower-cased header names, as Request.headers gives them. */
export type WebhookHeaders = { get: (name: string) => string | null };

export type WebhookVerification = { ok: true } | { ok: false; reason: string };

export type ParsedWebhook = {
  /** The provider's own dedupe key (Didit event_id, Bynn Idempotency-Key, …). */
  dedupeKey: string;
  providerSessionId: string;
  eventType: string;
  occurredAt: Date | null;
  /**
   * The session as the payload describes it. When `complete` is false only the fields the
   * event carries are set and Verdict merges them into what it holds (or re-fetches).
   */
  session: NormalizedSession;
  complete: boolean;
  /** false for events that must not move the status (e.g. iDenfy callbacks with final: false). */
  settlesStatus: boolean;
  /** The body as parsed here, kept on the receipt: intake never parses the bytes again. */
  body: unknown;
};

/** What a provider's parser builds from one event; the kit's caller adds the parsed body. */
export type ParsedEvent = Omit<ParsedWebhook, "body">;

export type WebhookHandler = {
  /** Checks the signature (and timestamp window) over the raw bytes, in constant time. */
  verify: (rawBody: Uint8Array, headers: WebhookHeaders, now: Date) => Promise<WebhookVerification>;
  /** Throws WebhookPayloadError on a body that is not the provider's shape. */
  parse: (rawBody: Uint8Array, headers: WebhookHeaders) => ParsedWebhook;
};

const WEBHOOK_PAYLOAD_ERROR = Symbol.for("verdict.WebhookPayloadError");

/** Recognised across Next's separate server bundles (see lib/providers/errors.ts). */
export class WebhookPayloadError extends Error {
  readonly [WEBHOOK_PAYLOAD_ERROR] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && WEBHOOK_PAYLOAD_ERROR in value;
  }

  constructor(message: string) {
    super(message);
    this.name = "WebhookPayloadError";
  }
}

/** Where the sandbox or a dashboard shows what the applicant is doing right now (Bynn preflight). */
export type ProgressStep = { screen: string; detail: Record<string, unknown> };

/**
 * One provider behind one contract. Calls a provider does not offer, or the configured key
 * may not make, throw ProviderError("unsupported" | "auth") before any request is sent.
 */
export type ProviderAdapter = {
  id: ProviderId;
  displayName: string;
  capabilities: () => Capabilities;
  listSessions: (cursor: string | null) => Promise<SessionPage>;
  getSession: (providerSessionId: string) => Promise<NormalizedSession>;
  decide: (providerSessionId: string, request: DecisionRequest) => Promise<ProviderCallResult>;
  expire: (providerSessionId: string) => Promise<ProviderCallResult>;
  redact: (providerSessionId: string) => Promise<ProviderCallResult>;
  fetchMedia: (providerSessionId: string, mediaKey: string) => Promise<MediaFile>;
  /** Optional extra read: the applicant's current step (Bynn preflight). */
  getProgress?: (providerSessionId: string) => Promise<ProgressStep>;
  /** Absent when no webhook secret / public key is configured: the route then answers 404. */
  webhook?: WebhookHandler;
};
