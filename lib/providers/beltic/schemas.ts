import "server-only";
import { z } from "zod";

/*
 * Beltic Identity API shapes (JSON:API: `data {type, id, attributes, relationships}`, `included[]`).
 * Objects are loose and attributes nullish: only ids, types and the session status are required,
 * so a schema failure means the contract really changed. Field names marked UNCONFIRMED below are
 * our best reading of the docs (providers.md §2) and live only in this file and normalize.ts.
 */

const text = z.string().nullish();
const count = z.number().nullish();
const flag = z.boolean().nullish();
/** Person data is text, but a number (e.g. a numeric id) must not fail the whole session. Kept as sent otherwise. */
const scalar = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? value : String(value)));

const ResourceRef = z.looseObject({ type: z.string(), id: z.string() });
const Relationship = z.looseObject({ data: z.union([ResourceRef, z.array(ResourceRef)]).nullish() });
const Relationships = z.record(z.string(), Relationship).nullish();
export type BelticRelationships = z.infer<typeof Relationships>;

export const BelticAddress = z.looseObject({
  line1: scalar,
  line2: scalar,
  sublocality: scalar,
  locality: scalar,
  administrative_area: scalar,
  postal_code: scalar,
  country_code: scalar,
});
export type BelticAddress = z.infer<typeof BelticAddress>;

export const BelticIdentityNumber = z.looseObject({ number: scalar, issuing_country_code: scalar, class: scalar });
export type BelticIdentityNumber = z.infer<typeof BelticIdentityNumber>;

export const BelticBehavior = z.looseObject({
  completion_time_seconds: count,
  bot_score: count,
  threat_level: text,
  autofill_starts: count,
  autofill_cancels: count,
  shortcut_copies: count,
  shortcut_pastes: count,
  distraction_events: count,
  devtools_open: flag,
  debugger_attached: flag,
  request_spoof_attempts: count,
  user_agent_spoof_attempts: count,
  hesitation_percentage: count,
});
export type BelticBehavior = z.infer<typeof BelticBehavior>;

export const BelticSessionAttributes = z.looseObject({
  status: z.string(),
  entity_type: text,
  creator_type: text,
  person: z
    .looseObject({
      name: z.looseObject({ first: scalar, middle: scalar, last: scalar }).nullish(),
      birth_date: scalar,
    })
    .nullish(),
  // The docs show one object; a list is just as plausible for "identity numbers", so both are read.
  identity_numbers: z.union([z.array(BelticIdentityNumber), BelticIdentityNumber]).nullish(),
  contact: z.looseObject({ email: scalar, phone: scalar }).nullish(),
  address: BelticAddress.nullish(),
  behavior_analysis: BelticBehavior.nullish(),
  created_at: text,
  updated_at: text,
  started_at: text,
  expires_at: text,
  completed_at: text,
  failed_at: text,
  marked_for_review_at: text,
  decisioned_at: text,
  expired_at: text,
  redacted_at: text,
});
export type BelticSessionAttributes = z.infer<typeof BelticSessionAttributes>;

export const BelticSession = z.looseObject({
  type: z.string(),
  id: z.string().min(1),
  attributes: BelticSessionAttributes,
  relationships: Relationships,
});
export type BelticSession = z.infer<typeof BelticSession>;

/** UNCONFIRMED: the download link of an uploaded file (presigned, on files.beltic.com like the upload URL). */
export const BelticFile = z.looseObject({
  id: z.string(),
  filename: text,
  status: text,
  content_type: text,
  download_url: text,
  download_url_expires_at: text,
});
export type BelticFile = z.infer<typeof BelticFile>;

/** front_side/back_side/portrait/signature name a file; read as its id, or as an object carrying one. */
const FileSlot = z.union([z.string(), z.looseObject({ id: z.string() })]).nullish();
/** UNCONFIRMED: OCR output under `extracted_data` (snake_case); mapped to canonical names in normalize.ts. */
const ExtractedData = z.record(z.string(), z.unknown()).nullish();

export const BelticDocument = z.looseObject({
  type: z.string().regex(/^document\//),
  id: z.string().min(1),
  attributes: z.looseObject({
    status: text,
    document_type: text,
    files: z.array(BelticFile).nullish(),
    front_side: FileSlot,
    back_side: FileSlot,
    portrait: FileSlot,
    signature: FileSlot,
    extracted_data: ExtractedData,
    created_at: text,
    submitted_at: text,
    processed_at: text,
  }),
  relationships: Relationships,
});
export type BelticDocument = z.infer<typeof BelticDocument>;

export const BelticCheck = z.looseObject({
  name: z.string(),
  status: text,
  reasons: z.array(z.string()).nullish(),
  requirement: text,
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type BelticCheck = z.infer<typeof BelticCheck>;

export const BelticVerification = z.looseObject({
  type: z.string().regex(/^verification\//),
  id: z.string().min(1),
  attributes: z.looseObject({
    status: text,
    checks: z.array(BelticCheck).nullish(),
    extracted_data: ExtractedData,
    created_at: text,
    submitted_at: text,
    completed_at: text,
  }),
  relationships: Relationships,
});
export type BelticVerification = z.infer<typeof BelticVerification>;

/** Anything else a session may include (account, session device): kept loose, not read. */
const OtherResource = z.looseObject({
  type: z.string().refine((type) => !/^(document|verification)\//.test(type)),
  id: z.string(),
});

export const BelticIncluded = z.array(z.union([BelticDocument, BelticVerification, OtherResource]));
export type BelticIncluded = z.infer<typeof BelticIncluded>;

export const BelticSessionDocument = z.looseObject({ data: BelticSession, included: BelticIncluded.nullish() });
export type BelticSessionDocument = z.infer<typeof BelticSessionDocument>;

export const BelticSessionList = z.looseObject({
  data: z.array(BelticSession),
  meta: z
    .looseObject({
      page: z.looseObject({ size: count, hasNext: flag, hasPrevious: flag, total: count }).nullish(),
    })
    .nullish(),
  links: z.looseObject({ self: text, next: text, prev: text }).nullish(),
});
export type BelticSessionList = z.infer<typeof BelticSessionList>;

export const BelticErrorBody = z.looseObject({
  errors: z.array(z.looseObject({ status: scalar, code: scalar, title: text, detail: text })).min(1),
});

/**
 * UNCONFIRMED: session-level events. Modelled as a JSON:API `event` resource whose payload is the
 * session document as GET returns it; its id is the dedupe key.
 */
export const BelticSessionEvent = z.looseObject({
  data: z.looseObject({
    type: z.literal("event"),
    id: z.string().min(1),
    attributes: z.looseObject({ name: z.string().min(1), created_at: text, payload: BelticSessionDocument }),
  }),
});
export type BelticSessionEvent = z.infer<typeof BelticSessionEvent>;

/** Documented: document status webhooks carry the document resource (statuses pending…failed). */
export const BelticDocumentEvent = z.looseObject({ data: BelticDocument });
export type BelticDocumentEvent = z.infer<typeof BelticDocumentEvent>;

export function isDocument(resource: BelticIncluded[number]): resource is BelticDocument {
  return resource.type.startsWith("document/");
}

export function isVerification(resource: BelticIncluded[number]): resource is BelticVerification {
  return resource.type.startsWith("verification/");
}

/** The ids a to-one or to-many relationship points at. */
export function relatedIds(relationships: BelticRelationships, name: string): string[] {
  const data = relationships?.[name]?.data;
  if (!data) return [];
  return (Array.isArray(data) ? data : [data]).map((ref) => ref.id);
}
