import "server-only";
import { z } from "zod";

/*
 * Didit v3 response shapes. Objects are loose (Didit adds fields often) and nearly every attribute is
 * nullish: workflows can restrict attributes, which Didit then returns as null. Only what we key on
 * (ids, status) is required, so a schema failure means the contract really changed.
 */

const text = z.string().nullish();
const number = z.number().nullish();
/** Scores have been seen both as numbers and as numeric strings across Didit API generations. */
const score = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => {
    if (typeof value !== "string") return value ?? null;
    const parsed = Number(value);
    return value.trim() !== "" && Number.isFinite(parsed) ? parsed : null;
  });
/** OCR values are strings, but a number must not fail the whole session. Kept as sent otherwise. */
const ocrValue = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? value : String(value)));

export const DiditWarning = z.looseObject({
  feature: text,
  risk: text,
  log_type: text,
  short_description: text,
  long_description: text,
  node_id: text,
  additional_data: z.unknown().optional(),
});
export type DiditWarning = z.infer<typeof DiditWarning>;

const featureBase = {
  node_id: text,
  status: text,
  warnings: z.array(DiditWarning).nullish(),
};

/** Any feature block we do not read in detail; kept for its warnings. */
export const DiditFeatureItem = z.looseObject(featureBase);
export type DiditFeatureItem = z.infer<typeof DiditFeatureItem>;

export const DIDIT_IDV_IMAGE_FIELDS = {
  portrait: "portrait_image",
  front: "front_image",
  back: "back_image",
  fullFront: "full_front_image",
  fullBack: "full_back_image",
} as const;

export const DiditIdVerification = z.looseObject({
  ...featureBase,
  document_type: ocrValue,
  document_subtype: ocrValue,
  document_number: ocrValue,
  personal_number: ocrValue,
  date_of_birth: ocrValue,
  expiration_date: ocrValue,
  date_of_issue: ocrValue,
  issuing_state: ocrValue,
  issuing_state_name: ocrValue,
  first_name: ocrValue,
  last_name: ocrValue,
  full_name: ocrValue,
  gender: ocrValue,
  nationality: ocrValue,
  address: ocrValue,
  formatted_address: ocrValue,
  portrait_image: text,
  front_image: text,
  back_image: text,
  full_front_image: text,
  full_back_image: text,
});
export type DiditIdVerification = z.infer<typeof DiditIdVerification>;

export const DiditLiveness = z.looseObject({
  ...featureBase,
  method: text,
  score,
  age_estimation: score,
  matches: z.array(z.unknown()).nullish(),
});

export const DiditFaceMatch = z.looseObject({ ...featureBase, score });

export const DiditAmlScreening = z.looseObject({
  ...featureBase,
  score,
  total_hits: number,
  entity_type: text,
});

export const DiditReview = z.looseObject({
  user: text,
  new_status: text,
  comment: text,
  created_at: text,
});

const featureList = <T extends z.ZodType>(item: T) => z.array(item).nullish();

export const DiditDecision = z.looseObject({
  session_id: z.string(),
  session_number: number,
  session_kind: text,
  status: z.string(),
  vendor_data: text,
  expected_details: z
    .looseObject({
      first_name: ocrValue,
      last_name: ocrValue,
      full_name: ocrValue,
      date_of_birth: ocrValue,
      gender: ocrValue,
      nationality: ocrValue,
      country: ocrValue,
      id_country: ocrValue,
      address: ocrValue,
      identification_number: ocrValue,
    })
    .nullish(),
  contact_details: z.looseObject({ email: text, phone: text }).nullish(),
  id_verifications: featureList(DiditIdVerification),
  liveness_checks: featureList(DiditLiveness),
  face_matches: featureList(DiditFaceMatch),
  aml_screenings: featureList(DiditAmlScreening),
  nfc_verifications: featureList(DiditFeatureItem),
  poa_verifications: featureList(DiditFeatureItem),
  phone_verifications: featureList(DiditFeatureItem),
  email_verifications: featureList(DiditFeatureItem),
  ip_analyses: featureList(DiditFeatureItem),
  database_validations: featureList(DiditFeatureItem),
  /** v1 only: warnings whose feature names no block we read (see webhook.ts). */
  warnings: z.array(DiditWarning).nullish(),
  reviews: z.array(DiditReview).nullish(),
  created_at: text,
  expires_at: text,
});
export type DiditDecision = z.infer<typeof DiditDecision>;

export const DiditSessionRow = z.looseObject({
  session_id: z.string(),
  session_number: number,
  status: z.string(),
  full_name: text,
  vendor_data: text,
  created_at: text,
  email_address: z.looseObject({ email: text }).nullish(),
  phone_number: z.looseObject({ number: text }).nullish(),
});
export type DiditSessionRow = z.infer<typeof DiditSessionRow>;

export const DiditSessionList = z.looseObject({
  count: z.number(),
  next: z.string().nullish(),
  previous: z.string().nullish(),
  results: z.array(DiditSessionRow),
});
export type DiditSessionList = z.infer<typeof DiditSessionList>;

/** PATCH …/update-status/ answers `{session_id}` (v1 docs also mention more fields; none are relied on). */
export const DiditUpdateStatusResponse = z.looseObject({ session_id: text });

/** DELETE …/delete/ answers 204 with no body. */
export const DiditEmptyResponse = z.unknown();

/** POST {authBaseUrl}/auth/v2/token/ (v1 client credentials). */
export const DiditTokenResponse = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive().nullish(),
  exp: z.number().nullish(),
});
export type DiditTokenResponse = z.infer<typeof DiditTokenResponse>;

const epochSeconds = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => {
    const seconds = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    return typeof seconds === "number" && Number.isFinite(seconds) ? new Date(seconds * 1000) : null;
  });

/**
 * Every webhook version. Didit's published v1 payloads (docs.didit.me/identity-verification/webhooks)
 * carry neither `event_id` nor `webhook_type`; without them a stable key is derived (see webhook.ts).
 */
export const DiditWebhookEnvelope = z.looseObject({
  event_id: z.string().min(1).nullish(),
  webhook_type: z.string().min(1).nullish(),
  timestamp: epochSeconds,
  created_at: epochSeconds,
  session_id: z.string().min(1),
  status: z.string(),
  vendor_data: text,
  decision: z.looseObject({}).nullish(),
});
export type DiditWebhookEnvelope = z.infer<typeof DiditWebhookEnvelope>;

/*
 * v1 decisions (GET /v1/session/{id}/decision/, and the `decision` of v1 webhooks) carry singular
 * blocks — `kyc`, `face`, `aml`, `location` — and one top-level `warnings` list where v3 has arrays
 * of nodes; webhook.ts reshapes them into the v3 form so one normaliser serves both.
 */
const v1Warning = z.looseObject({ feature: z.string().nullish(), risk: z.string().nullish() });
export type DiditV1Warning = z.infer<typeof v1Warning>;
const v1Block = z.looseObject({ warnings: z.array(v1Warning).nullish() });
export type DiditV1Block = z.infer<typeof v1Block>;

export const DiditV1Decision = z.looseObject({
  session_id: z.string(),
  status: z.string(),
  kyc: v1Block.nullish(),
  face: v1Block.nullish(),
  aml: v1Block.nullish(),
  location: v1Block.nullish(),
  warnings: z.array(v1Warning).nullish(),
});
export type DiditV1Decision = z.infer<typeof DiditV1Decision>;
