import "server-only";
import type { NormalizedCheck } from "../types";
import type { IdenfyData, IdenfyScreeningService, IdenfyStatusResponse } from "./schemas";
import { isRedactedStatus, mapIdenfyRiskLevel, mapIdenfyVerdict } from "./status";

/** The verdict part shared by the status endpoint and the webhook, in one flat shape. */
export type IdenfyVerification = Pick<
  IdenfyStatusResponse,
  | "autoFace"
  | "manualFace"
  | "autoDocument"
  | "manualDocument"
  | "fraudTags"
  | "mismatchTags"
  | "riskAssessment"
  | "amlCheck"
  | "AML"
> & {
  rawStatus: string;
  final: boolean | null;
  data: IdenfyData | null;
  /** Lost-and-invalid-documents screening (legacy `LID` / `lid`), where the callback carries it. */
  LID?: IdenfyScreeningService[] | null;
};

const unique = (values: (string | null | undefined)[]): string[] => [
  ...new Set(values.filter((v): v is string => Boolean(v))),
];

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
  const suspected = services.some(
    (service) => service.status?.serviceSuspected === true || service.status?.overallStatus === "SUSPECTED",
  );
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
