import "server-only";
import { compact, partialSession } from "../kit/normalize";
import type { ApplicantData, CanonicalFields, CommonStatus, ExtraFields, NormalizedCheck, NormalizedDocument, NormalizedSession } from "../types";
import { mediaKeysOf } from "./media";
import { IdenfyExpected } from "./schemas";
import type { IdenfyData, IdenfyFiles, IdenfyListRow, IdenfyScreeningService, IdenfyStatusResponse, IdenfyVerification } from "./schemas";
import { isRedactedStatus, mapIdenfyRiskLevel, mapIdenfyStatus, mapIdenfyVerdict } from "./status";

export type NormalizeOptions = {
  /** Where the token's expected values sit in a status response or list row; null = top level. */
  expectedDataKey: string | null;
  /** Whether iDenfy's manual review is on: then AUTO_UNVERIFIABLE without a manual verdict is still pending. */
  manualReview: boolean;
};

export function normalizeRow(row: IdenfyListRow, options: NormalizeOptions): NormalizedSession {
  return partialSession({
    provider: "idenfy",
    providerSessionId: row.scanRef,
    status: mapIdenfyStatus(row.status),
    rawStatus: row.status,
    applicant: applicantOf(row, row.clientId, options),
    riskSummary: { suspected: row.suspected ?? row.status === "SUSPECTED", redacted: isRedactedStatus(row.status) },
    providerCreatedAt: toDate(row.created),
    providerUpdatedAt: toDate(row.updated),
  });
}

/** /api/v2/status + /api/v2/data + /api/v2/files combined into one session. */
export function normalizeVerification(
  status: IdenfyStatusResponse,
  data: IdenfyData | null,
  files: IdenfyFiles | null,
  options: NormalizeOptions,
): NormalizedSession {
  const verification: IdenfyVerification = { ...status, rawStatus: status.status, final: status.final ?? null, data };
  return {
    provider: "idenfy",
    providerSessionId: status.scanRef,
    status: commonStatusOf(verification, options),
    rawStatus: status.status,
    applicant: applicantOf(status, status.clientId, options),
    documents: documentsOf(data, files),
    checks: checksOf(verification),
    events: [],
    riskSummary: riskSummaryOf(verification),
    providerCreatedAt: toDate(status.created),
    providerUpdatedAt: toDate(status.updated),
    detailed: true,
  };
}

export function commonStatusOf(v: IdenfyVerification, options: Pick<NormalizeOptions, "manualReview">): CommonStatus {
  const unverifiable = v.autoFace === "AUTO_UNVERIFIABLE" || v.autoDocument === "AUTO_UNVERIFIABLE";
  const reviewed = Boolean(v.manualFace || v.manualDocument);
  return mapIdenfyStatus(v.rawStatus, {
    final: v.final,
    awaitingManualReview: options.manualReview && v.final !== true && unverifiable && !reviewed,
    previous: isRedactedStatus(v.rawStatus) ? outcomeOf(v) : null,
  });
}

/**
 * Deletion wipes personal data but (UNCONFIRMED, assumed) not the verdicts, so the decision a
 * deleted verification had is read back from them; nothing to read means the token was never used.
 */
function outcomeOf(v: IdenfyVerification): CommonStatus {
  const face = v.manualFace || v.autoFace;
  const document = v.manualDocument || v.autoDocument;
  if (!face && !document) return "expired";
  if (face === "FACE_MATCH" && document === "DOC_VALIDATED") {
    return (v.fraudTags?.length ?? 0) + (v.mismatchTags?.length ?? 0) > 0 ? "marked_for_review" : "approved";
  }
  return "declined";
}

/** What the integrator set at token creation: the reference the document is compared against. */
export function applicantOf(body: Record<string, unknown>, clientId: string | null | undefined, options: Pick<NormalizeOptions, "expectedDataKey">): ApplicantData {
  const source = options.expectedDataKey === null ? body : body[options.expectedDataKey];
  const parsed = IdenfyExpected.safeParse(source ?? {});
  const expected: Partial<IdenfyExpected> = parsed.success ? parsed.data : {};
  return compact({
    firstName: expected.firstName,
    lastName: expected.lastName,
    dateOfBirth: expected.dateOfBirth,
    documentNumber: expected.documentNumber,
    personalNumber: expected.personalNumber,
    nationality: expected.nationality,
    sex: expected.sex,
    expiryDate: expected.dateOfExpiry,
    issueDate: expected.dateOfIssue,
    address: expected.address,
    reference: clientId,
  });
}

/** Unix seconds (webhooks) or ISO strings; anything unparsable is "unknown", not an error. */
export function toDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const date = typeof value === "number" || /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function documentFields(data: IdenfyData): CanonicalFields {
  return compact({
    firstName: data.docFirstName,
    lastName: data.docLastName,
    fullName: data.fullName,
    dateOfBirth: data.docDob,
    documentNumber: data.docNumber,
    documentType: data.docType,
    issuingCountry: data.docIssuingCountry,
    nationality: data.docNationality,
    issueDate: data.docDateOfIssue,
    expiryDate: data.docExpiry,
    address: data.address,
    sex: data.docSex,
    personalNumber: data.docPersonalCode,
  });
}

/** What the callback reads off the document beyond the compared fields (IdentificationDataWebhook). */
function extraFieldsOf(data: IdenfyData): ExtraFields {
  const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
  return compact({
    placeOfBirth: text(data.birthPlace),
    issuingAuthority: text(data.authority),
    patronymic: text(data.docPatronymic),
    birthName: text(data.docBirthName),
    mothersMaidenName: text(data.mothersMaidenName),
    temporaryAddress: text(data.docTemporaryAddress),
    licenceCategories: text(data.driverLicenseCategory),
  });
}

/** `org*` carry the values as printed in the document's own script (doc* are often transliterated). */
function originalScriptFields(data: IdenfyData): CanonicalFields | null {
  const fields = compact({
    firstName: data.orgFirstName ?? undefined,
    lastName: data.orgLastName ?? undefined,
    nationality: data.orgNationality ?? undefined,
    address: data.orgAddress ?? undefined,
  });
  return Object.keys(fields).length > 0 ? fields : null;
}

/**
 * One identity document per verification. When iDenfy also read the original script, it is a
 * second document of kind "other", so reviewers can compare both readings side by side.
 */
export function documentsOf(data: IdenfyData | null, files: IdenfyFiles | null): NormalizedDocument[] {
  const mediaKeys = mediaKeysOf(files);
  if (!data && Object.keys(mediaKeys).length === 0) return [];
  const documentType = data?.docType ?? null;
  const documents: NormalizedDocument[] = [
    {
      providerDocumentId: "document",
      kind: "idv",
      documentType,
      fields: data ? documentFields(data) : {},
      extraFields: data ? extraFieldsOf(data) : {},
      mediaKeys,
    },
  ];
  const original = data ? originalScriptFields(data) : null;
  if (original) {
    documents.push({ providerDocumentId: "document_original_script", kind: "other", documentType, fields: original, mediaKeys: {} });
  }
  return documents;
}

const unique = (values: (string | null | undefined)[]): string[] => [...new Set(values.filter((v): v is string => Boolean(v)))];

function verdictCheck(id: string, kind: string, auto: string | null | undefined, manual: string | null | undefined) {
  const decided = manual || auto;
  return {
    providerCheckId: id,
    kind,
    result: mapIdenfyVerdict(decided),
    score: null,
    codes: unique([auto, manual]),
    details: { auto: auto ?? null, manual: manual || null, decidedBy: manual ? "manual" : "auto" },
  } satisfies NormalizedCheck;
}

function tagCheck(id: string, kind: string, tags: string[], details: Record<string, unknown> = {}): NormalizedCheck {
  return { providerCheckId: id, kind, result: tags.length > 0 ? "review" : "passed", score: null, codes: tags, details };
}

/** Only what ran: an ACTIVE or EXPIRED token has no verdicts, and so no checks. */
export function checksOf(v: IdenfyVerification): NormalizedCheck[] {
  const checks: NormalizedCheck[] = [];
  const ran = Boolean(v.autoFace || v.manualFace || v.autoDocument || v.manualDocument);
  if (v.autoFace || v.manualFace) checks.push(verdictCheck("face", "face_match", v.autoFace, v.manualFace));
  if (v.autoDocument || v.manualDocument) {
    const check = verdictCheck("document", "document", v.autoDocument, v.manualDocument);
    checks.push({ ...check, details: { ...check.details, manuallyDataChanged: v.data?.manuallyDataChanged ?? null } });
  }
  if (ran || (v.fraudTags?.length ?? 0) > 0) {
    checks.push(
      tagCheck("fraud_tags", "fraud", unique(v.fraudTags ?? []), {
        duplicateFaces: v.data?.duplicateFaces ?? [],
        duplicateDocFaces: v.data?.duplicateDocFaces ?? [],
      }),
    );
  }
  if (ran || (v.mismatchTags?.length ?? 0) > 0) checks.push(tagCheck("mismatch_tags", "data_match", unique(v.mismatchTags ?? [])));
  const risk = v.riskAssessment;
  if (risk) {
    checks.push({
      providerCheckId: "risk_assessment",
      kind: "risk_assessment",
      result: mapIdenfyRiskLevel(risk.riskLevel),
      score: risk.riskScore ?? null,
      codes: unique([risk.riskLevel]),
      details: {},
    });
  }
  const aml = amlCheckOf(v);
  if (aml) checks.push(aml);
  const lid = screeningCheck("lid", "lid", v.LID);
  if (lid) checks.push(lid);
  return checks;
}

/** v3 `amlCheck` wins over the legacy `AML` list when both are present. */
function amlCheckOf(v: IdenfyVerification): NormalizedCheck | null {
  if (v.amlCheck) {
    const hits = v.amlCheck.amlCheck ?? [];
    const overall = v.amlCheck.overallStatus ?? null;
    const flagged = hits.length > 0 || /SUSPECT|HIT|MATCH/i.test(overall ?? "");
    return {
      providerCheckId: "aml",
      kind: "aml",
      result: flagged ? "review" : "passed",
      score: maxScore(hits.map((hit) => hit.score)),
      codes: unique(hits.flatMap((hit) => hit.datasets ?? [])),
      details: { overallStatus: overall, hits: hits.length },
    };
  }
  return screeningCheck("aml", "aml", v.AML);
}

/** Legacy screening services (AML, LID): suspected when any service says so. */
function screeningCheck(id: string, kind: string, services: IdenfyScreeningService[] | null | undefined): NormalizedCheck | null {
  if (!services || services.length === 0) return null;
  const entries = services.flatMap((service) => service.data ?? []);
  const suspected = services.some((service) => service.status?.serviceSuspected === true || service.status?.overallStatus === "SUSPECTED");
  return {
    providerCheckId: id,
    kind,
    result: suspected ? "review" : "passed",
    score: maxScore(entries.map((entry) => entry.score)),
    codes: unique(entries.map((entry) => entry.suspicion)),
    details: { services: unique(services.map((service) => service.serviceName)), hits: entries.length },
  };
}

function maxScore(scores: (number | null | undefined)[]): number | null {
  const present = scores.filter((s): s is number => typeof s === "number");
  return present.length > 0 ? Math.max(...present) : null;
}

export function riskSummaryOf(v: IdenfyVerification): Record<string, unknown> {
  const aml = amlCheckOf(v);
  return {
    suspected: v.rawStatus === "SUSPECTED",
    redacted: isRedactedStatus(v.rawStatus),
    final: v.final,
    fraudTags: unique(v.fraudTags ?? []),
    mismatchTags: unique(v.mismatchTags ?? []),
    autoFace: v.autoFace ?? null,
    manualFace: v.manualFace || null,
    autoDocument: v.autoDocument ?? null,
    manualDocument: v.manualDocument || null,
    riskScore: v.riskAssessment?.riskScore ?? null,
    riskLevel: v.riskAssessment?.riskLevel ?? null,
    amlSuspected: aml ? aml.result === "review" : null,
    clientIpProxyRiskLevel: v.data?.clientIpProxyRiskLevel ?? null,
  };
}
