import "server-only";
import { z } from "zod";

/*
 * Bynn response and webhook shapes. Bynn documents the webhook envelope, the decision resource
 * (decision.approved example) and the preflight answer; the session record itself is
 * UNCONFIRMED (providers.md §4.3), so these schemas are loose and nearly everything is optional.
 * Only what we key on (ids, event type) is required: a failure then means the contract changed.
 */

const text = z.string().nullish();
/** Values as sent; a number where a string was expected must not fail the whole session. */
const value = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? v : String(v)));
const tags = z.array(z.string()).nullish();

export const BynnPerson = z.looseObject({
  full_name: value,
  /** The document's own "surname and given names" line (decision.approved example). */
  surname_and_given_names: value,
  first_name: value,
  last_name: value,
  date_of_birth: value,
  nationality: value,
  sex: value,
});
export type BynnPerson = z.infer<typeof BynnPerson>;

/**
 * `address`: Bynn's decision.approved example has `{full: "…"}`; a plain string is taken as is, and
 * any other object (street, city…) is kept whole as JSON text rather than dropped.
 */
const address = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((v) => {
    if (v === null || v === undefined || typeof v === "string") return v;
    return typeof v.full === "string" ? v.full : JSON.stringify(v);
  });

export const BynnDocumentData = z.looseObject({
  type: value,
  number: value,
  issuing_country: value,
  issue_date: value,
  expiry_date: value,
  personal_number: value,
  address,
  mrz_data: z.unknown().optional(),
});

export const BynnMediaItem = z.looseObject({ type: z.string(), url: text, expires_at: text });

export const BynnIdentityDocument = z.looseObject({
  id: text,
  session_id: text,
  status: text,
  person: BynnPerson.nullish(),
  document: BynnDocumentData.nullish(),
  risk_tags: tags,
  analysis_risk_score: z.number().nullish(),
  media: z.array(BynnMediaItem).nullish(),
  created_at: text,
  updated_at: text,
});
export type BynnIdentityDocument = z.infer<typeof BynnIdentityDocument>;

export const BynnDossierRef = z.looseObject({ id: text, token: text, status: text, reference: text });

export const BynnDecisionRef = z.looseObject({ id: text, status: text, risk_tags: tags, created_at: text });
export type BynnDecisionRef = z.infer<typeof BynnDecisionRef>;

export const BynnApplicant = z.looseObject({
  first_name: value,
  last_name: value,
  full_name: value,
  date_of_birth: value,
  email_address: value,
  email: value,
  phone_number: value,
  country_code: value,
  nationality: value,
  document_number: value,
});
export type BynnApplicant = z.infer<typeof BynnApplicant>;

const statusBlock = z.looseObject({ id: text, status: text, risk_tags: tags });

/** GET /v1/sessions/{session_id}. UNCONFIRMED field names, see the file comment. */
export const BynnSession = z.looseObject({
  session_id: z.string(),
  status: text,
  kyc_level: text,
  unique_id: text,
  applicant: BynnApplicant.nullish(),
  dossier: BynnDossierRef.nullish(),
  decision: BynnDecisionRef.nullish(),
  identity_document: BynnIdentityDocument.nullish(),
  liveness: statusBlock.nullish(),
  aml_screening: statusBlock.extend({ hits: z.number().nullish() }).nullish(),
  proof_of_address: statusBlock.extend({ address }).nullish(),
  created_at: text,
  updated_at: text,
});
export type BynnSession = z.infer<typeof BynnSession>;

/** GET /v1/sessions/{session_id}/preflight — documented: screen.show, requirement, entity_id_state. */
export const BynnPreflight = z.looseObject({
  screen: z.looseObject({ show: z.string() }),
  requirement: z.looseObject({ requirement_type: text, status: text, flow_order: z.number().nullish() }).nullish(),
  entity_id_state: text,
  entity_id_document_type: text,
});

/** GET /v1/identity_document/{id}: the record with freshly signed media URLs. UNCONFIRMED. */
export const BynnIdentityDocumentMedia = BynnIdentityDocument.extend({
  id: z.string(),
  media: z.array(BynnMediaItem.extend({ url: z.string() })),
});

/** DELETE /v1/sessions/{id} may answer with the canceled session or with no body at all. */
export const BynnCancelResponse = z.looseObject({}).nullable();

export const BynnWebhookEnvelope = z.looseObject({
  event_id: z.string().min(1),
  created_at: text,
  event_type: z.string().min(1),
  resource: z.record(z.string(), z.unknown()),
  organization: z.looseObject({ id: text, name: text }).nullish(),
  jwt: text,
});
export type BynnWebhookEnvelope = z.infer<typeof BynnWebhookEnvelope>;

/** The decision resource (documented by the decision.approved example) plus `session_id` (UNCONFIRMED). */
export const BynnDecisionResource = z.looseObject({
  id: text,
  session_id: text,
  status: text,
  reference: text,
  risk_tags: tags,
  verification_url: text,
  entity: z.looseObject({ id: text, reference: text, personal_info: BynnPerson.extend({ nationality_country_id: value }).nullish() }).nullish(),
  dossier: BynnDossierRef.nullish(),
  identity_document: BynnIdentityDocument.nullish(),
  created_at: text,
});
export type BynnDecisionResource = z.infer<typeof BynnDecisionResource>;

/** Session, dossier and other resources: only the parts we read. */
export const BynnGenericResource = z.looseObject({
  id: text,
  session_id: text,
  status: text,
  unique_id: text,
  applicant: BynnApplicant.nullish(),
  session: z.looseObject({ id: text, session_id: text }).nullish(),
  dossier: z.looseObject({ id: text }).nullish(),
  created_at: text,
  updated_at: text,
});
export type BynnGenericResource = z.infer<typeof BynnGenericResource>;
