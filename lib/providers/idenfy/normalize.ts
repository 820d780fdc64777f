import "server-only";
import type { ApplicantData, CommonStatus, NormalizedSession } from "../types";
import { checksOf, riskSummaryOf } from "./checks";
import type { IdenfyVerification } from "./checks";
import { compact, documentsOf } from "./documents";
import { IdenfyExpected } from "./schemas";
import type { IdenfyData, IdenfyFiles, IdenfyListRow, IdenfyStatusResponse } from "./schemas";
import { isRedactedStatus, mapIdenfyStatus } from "./status";

export type NormalizeOptions = {
  /** Where the token's expected values sit in a status response or list row; null = top level. */
  expectedDataKey: string | null;
  /** Whether iDenfy's manual review is on: then AUTO_UNVERIFIABLE without a manual verdict is still pending. */
  manualReview: boolean;
};

export function normalizeRow(row: IdenfyListRow, options: NormalizeOptions): NormalizedSession {
  return {
    provider: "idenfy",
    providerSessionId: row.scanRef,
    status: mapIdenfyStatus(row.status),
    rawStatus: row.status,
    applicant: applicantOf(row, row.clientId, options),
    documents: [],
    checks: [],
    events: [],
    riskSummary: { suspected: row.suspected ?? row.status === "SUSPECTED", redacted: isRedactedStatus(row.status) },
    providerCreatedAt: toDate(row.created),
    providerUpdatedAt: toDate(row.updated),
    detailed: false,
  };
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
export function applicantOf(
  body: Record<string, unknown>,
  clientId: string | null | undefined,
  options: Pick<NormalizeOptions, "expectedDataKey">,
): ApplicantData {
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
