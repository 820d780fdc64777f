import "server-only";
import { z } from "zod";

/*
 * iDenfy response and webhook shapes (KYC OpenAPI + documentation.idenfy.com/kyc/data-retrieval).
 * Objects are loose and nearly every attribute nullish ("some data fields may be null"); only what
 * we key on (scanRef, status) is required, so a schema failure means the contract really changed.
 */

const text = z.string().nullish();
const number = z.number().nullish();
const codes = z.array(z.string()).nullish();
/** OCR values are strings, but a number must not fail the whole verification. Kept as sent otherwise. */
const value = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? v : String(v)));
/** Unix seconds in webhooks (startTime/finishTime); ISO strings elsewhere. */
export const timestamp = z.union([z.number(), z.string()]).nullish();

export const IdenfyError = z.looseObject({ identifier: text, message: text, severity: text });

/** What the integrator sent at token creation (POST /api/v2/token), under the token's field names. */
export const IdenfyExpected = z.looseObject({
  firstName: value,
  lastName: value,
  dateOfBirth: value,
  documentNumber: value,
  personalNumber: value,
  nationality: value,
  sex: value,
  dateOfExpiry: value,
  dateOfIssue: value,
  address: value,
});
export type IdenfyExpected = z.infer<typeof IdenfyExpected>;

export const IdenfyRiskAssessment = z.looseObject({ riskScore: number, riskLevel: text });

const amlHit = z.looseObject({ name: text, match: text, score: number, datasets: codes });
/** v3 `amlCheck`. */
export const IdenfyAmlCheck = z.looseObject({ id: text, overallStatus: text, amlCheck: z.array(amlHit).nullish() });

const legacyAmlEntry = z.looseObject({ suspicion: text, listName: text, score: number, name: text, surname: text });
/** One screening service's answer (AML, LID), as the legacy blocks carry it. */
export const IdenfyScreeningService = z.looseObject({
  serviceName: text,
  status: z.looseObject({ overallStatus: text, serviceSuspected: z.boolean().nullish() }).nullish(),
  data: z.array(legacyAmlEntry).nullish(),
});
export type IdenfyScreeningService = z.infer<typeof IdenfyScreeningService>;
/** Legacy (v2) `AML` / `LID`: one block per screening service. */
export const IdenfyAmlLegacy = z.array(IdenfyScreeningService);

const verdicts = {
  autoFace: text,
  manualFace: text,
  autoDocument: text,
  manualDocument: text,
  fraudTags: codes,
  mismatchTags: codes,
};

/**
 * POST /api/v2/status. Documented: flat `status` string plus the verdicts. Everything after
 * `clientId` is UNCONFIRMED on this endpoint (the sandbox serves it): the token's expected values
 * top-level under their token names, `created`/`updated` ISO times, and the `riskAssessment` /
 * `amlCheck` / `AML` blocks documented on the webhook. A webhook-style `status {overall, …}` is
 * accepted too and flattened, so either form works.
 */
export const IdenfyStatusResponse = z.preprocess(
  flattenStatus,
  z.looseObject({
    scanRef: z.string().min(1),
    status: z.string(),
    final: z.boolean().nullish(),
    clientId: text,
    externalRef: text,
    created: timestamp,
    updated: timestamp,
    ...verdicts,
    riskAssessment: IdenfyRiskAssessment.nullish(),
    amlCheck: IdenfyAmlCheck.nullish(),
    AML: IdenfyAmlLegacy.nullish(),
  }),
);
export type IdenfyStatusResponse = z.infer<typeof IdenfyStatusResponse>;

function flattenStatus(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  const record = body as Record<string, unknown>;
  const status = record.status;
  if (typeof status !== "object" || status === null || Array.isArray(status)) return body;
  const { overall, ...rest } = status as Record<string, unknown>;
  return { ...rest, ...record, status: overall };
}

/** POST /api/v2/data and the webhook's `data` (IdentificationDataWebhook). */
export const IdenfyData = z.looseObject({
  docFirstName: value,
  docLastName: value,
  docNumber: value,
  docPersonalCode: value,
  docExpiry: value,
  docDob: value,
  docDateOfIssue: value,
  docType: value,
  docSex: value,
  docNationality: value,
  docIssuingCountry: value,
  birthPlace: value,
  authority: value,
  address: value,
  fullName: value,
  selectedCountry: value,
  manuallyDataChanged: z.boolean().nullish(),
  orgFirstName: value,
  orgLastName: value,
  orgNationality: value,
  orgBirthPlace: value,
  orgAuthority: value,
  orgAddress: value,
  ageEstimate: text,
  clientIpProxyRiskLevel: text,
  duplicateFaces: codes,
  duplicateDocFaces: codes,
});
export type IdenfyData = z.infer<typeof IdenfyData>;

/** POST /api/v2/files and the webhook's `fileUrls`: file name (FRONT, BACK, FACE, …) → expiring URL. */
export const IdenfyFiles = z.record(z.string(), z.unknown());
export type IdenfyFiles = z.infer<typeof IdenfyFiles>;

const listRow = z.looseObject({
  scanRef: z.string().min(1),
  status: z.string(),
  suspected: z.boolean().nullish(),
  // UNCONFIRMED beyond scanRef/status/suspected, see IdenfyStatusResponse.
  clientId: text,
  externalRef: text,
  created: timestamp,
  updated: timestamp,
});

/** GET /kyc/identifications/ (DRF page-number pagination). */
export const IdenfyIdentificationList = z.looseObject({
  count: z.number(),
  next: text,
  previous: text,
  results: z.array(listRow),
});
export type IdenfyIdentificationList = z.infer<typeof IdenfyIdentificationList>;
export type IdenfyListRow = z.infer<typeof listRow>;

/** POST /kyc/identifications/{scanRef}/request-information/ */
export const IdenfyRequestInformation = z.looseObject({ sessionUrl: z.string(), tokenString: z.string() });

/**
 * IdentificationWebhook: every IDENTIFICATION_* callback. Older accounts' callbacks
 * (idenfy/Documentation ResultCallback.md) have no `final`, list `suspicionReasons` where newer
 * ones have `fraudTags`, and carry one lower-case `aml` / `lid` service object each.
 */
export const IdenfyIdentificationWebhook = z.looseObject({
  final: z.boolean().nullish(),
  platform: text,
  status: z.looseObject({ overall: z.string(), ...verdicts, suspicionReasons: codes }),
  data: IdenfyData.nullish(),
  fileUrls: IdenfyFiles.nullish(),
  AML: IdenfyAmlLegacy.nullish(),
  LID: IdenfyAmlLegacy.nullish(),
  aml: IdenfyScreeningService.nullish(),
  lid: IdenfyScreeningService.nullish(),
  amlCheck: IdenfyAmlCheck.nullish(),
  riskAssessment: IdenfyRiskAssessment.nullish(),
  scanRef: z.string().min(1),
  externalRef: text,
  clientId: text,
  startTime: timestamp,
  finishTime: timestamp,
  clientIp: text,
  clientIpCountry: text,
});
export type IdenfyIdentificationWebhook = z.infer<typeof IdenfyIdentificationWebhook>;

/** DOCUMENT_EXPIRATION: ongoing monitoring of an approved verification's document. */
export const IdenfyDocumentExpirationWebhook = z.looseObject({
  scanRef: z.string().min(1),
  clientId: text,
  expirationThreshold: z.string(),
  documentExpiration: text,
});
export type IdenfyDocumentExpirationWebhook = z.infer<typeof IdenfyDocumentExpirationWebhook>;

/** The verdict part shared by the status endpoint and the webhook, in one flat shape. */
export type IdenfyVerification = Pick<
  IdenfyStatusResponse,
  "autoFace" | "manualFace" | "autoDocument" | "manualDocument" | "fraudTags" | "mismatchTags" | "riskAssessment" | "amlCheck" | "AML"
> & {
  rawStatus: string;
  final: boolean | null;
  data: IdenfyData | null;
  /** Lost-and-invalid-documents screening (legacy `LID` / `lid`), where the callback carries it. */
  LID?: IdenfyScreeningService[] | null;
};
