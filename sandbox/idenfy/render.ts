import type { JsonObject } from "../json";
import { emptyData } from "./document";
import { fileUrls } from "./media";
import type { IdenfyRecord, IdenfyState } from "./types";

/** The verdict fields as both the status endpoint and the callbacks name them. */
function verdictFields(record: IdenfyRecord): JsonObject {
  const v = record.verdicts;
  return {
    fraudTags: v?.fraudTags ?? [],
    mismatchTags: v?.mismatchTags ?? [],
    autoDocument: v?.autoDocument ?? null,
    autoFace: v?.autoFace ?? null,
    manualDocument: v?.manualDocument ?? null,
    manualFace: v?.manualFace ?? null,
  };
}

/**
 * Beyond what iDenfy documents for each response: the token's expected values (top level, under
 * their token names) and `created`/`updated`. Verdict needs both; where iDenfy really returns
 * them is UNCONFIRMED, and the adapter's `expectedDataKey` option follows wherever it is.
 */
function recordExtras(record: IdenfyRecord): JsonObject {
  return {
    externalRef: record.externalRef,
    created: record.created.toISOString(),
    updated: record.updated.toISOString(),
    ...record.expected,
  };
}

/** POST /api/v2/status */
export function statusResponse(record: IdenfyRecord): JsonObject {
  return {
    ...verdictFields(record),
    scanRef: record.scanRef,
    clientId: record.clientId,
    status: record.status,
    ...recordExtras(record),
    riskAssessment: record.riskAssessment,
    AML: record.aml,
  };
}

/** A row of GET /kyc/identifications/ */
export function listRow(record: IdenfyRecord): JsonObject {
  return {
    scanRef: record.scanRef,
    status: record.status,
    suspected: record.status === "SUSPECTED",
    clientId: record.clientId,
    ...recordExtras(record),
  };
}

/** POST /api/v2/data: every field, null where nothing was read (or it was deleted). */
export function dataResponse(record: IdenfyRecord): JsonObject {
  return record.data ?? emptyData();
}

/** IdentificationWebhook, the body of every IDENTIFICATION_* callback. */
export function webhookPayload(state: IdenfyState, record: IdenfyRecord, final: boolean): JsonObject {
  const v = verdictFields(record);
  return {
    final,
    platform: record.platform,
    status: { overall: record.status, ...v, additionalSteps: null },
    data: dataResponse(record),
    fileUrls: fileUrls(state, state.publicBaseUrl, record),
    additionalStepPdfUrls: {},
    AML: record.aml,
    amlCheck: null,
    LID: null,
    CRIMINAL_CHECK: null,
    scanRef: record.scanRef,
    externalRef: record.externalRef,
    clientId: record.clientId,
    companyId: state.companyId,
    beneficiaryId: state.companyId,
    startTime: record.startTime,
    finishTime: record.finishTime,
    clientIp: record.verdicts ? record.clientIp : null,
    clientIpCountry: record.verdicts ? record.clientIpCountry : null,
    clientLocation: null,
    gdcMatch: null,
    manualAddress: null,
    manualAddressMatch: false,
    registryCenterCheck: null,
    addressVerification: null,
    questionnaireAnswers: null,
    riskAssessment: record.riskAssessment,
    additionalSteps: null,
  };
}
