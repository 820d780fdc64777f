import "server-only";
import type { NormalizedCheck } from "../types";
import { isVerification } from "./schemas";
import type { BelticBehavior, BelticCheck, BelticIncluded, BelticVerification } from "./schemas";
import { mapBelticCheckResult, mapBelticThreatLevel } from "./status";

export const BEHAVIOR_CHECK_ID = "behavior_analysis";

/** Every check of every included verification, plus the session's behaviour analysis as one check. */
export function checksOf(included: BelticIncluded, behavior: BelticBehavior | null | undefined): NormalizedCheck[] {
  const seen = new Set<string>();
  const checks = included.filter(isVerification).flatMap((verification) =>
    (verification.attributes.checks ?? []).map((check) => {
      let id = `${verification.id}:${check.name}`;
      for (let n = 2; seen.has(id); n++) id = `${verification.id}:${check.name}#${n}`;
      seen.add(id);
      return toCheck(id, verification, check);
    }),
  );
  return behavior ? [...checks, behaviorCheck(behavior)] : checks;
}

function toCheck(providerCheckId: string, verification: BelticVerification, check: BelticCheck): NormalizedCheck {
  const result = mapBelticCheckResult(check.status, check.requirement);
  const reasons = [...new Set(check.reasons ?? [])];
  const score = check.metadata?.score;
  return {
    providerCheckId,
    kind: kindOf(check.name, verification.type),
    result,
    score: typeof score === "number" && Number.isFinite(score) ? score : null,
    // A flagged check without reasons still needs a code a reviewer can filter on: its own name.
    codes: reasons.length > 0 || result === "passed" || result === "not_run" ? reasons : [check.name],
    details: {
      name: check.name,
      rawStatus: check.status ?? null,
      requirement: check.requirement ?? null,
      verificationId: verification.id,
      verificationType: verification.type,
      verificationStatus: verification.attributes.status ?? null,
      metadata: check.metadata ?? null,
    },
  };
}

/** UNCONFIRMED: Beltic's check-name catalogue is not published; names are grouped by what they mention. */
function kindOf(name: string, verificationType: string): string {
  if (/face_?match|face_comparison/.test(name)) return "face_match";
  if (/liveness/.test(name)) return "liveness";
  if (/aml|watchlist|sanction|pep/.test(name)) return "aml";
  if (verificationType === "verification/address") return "address";
  return "document";
}

/** The behaviour signals that fired, by Beltic's own field names. */
function fraudSignals(behavior: BelticBehavior): string[] {
  const signals: string[] = [];
  if (behavior.devtools_open) signals.push("devtools_open");
  if (behavior.debugger_attached) signals.push("debugger_attached");
  if ((behavior.request_spoof_attempts ?? 0) > 0) signals.push("request_spoof_attempts");
  if ((behavior.user_agent_spoof_attempts ?? 0) > 0) signals.push("user_agent_spoof_attempts");
  return signals;
}

function behaviorCheck(behavior: BelticBehavior): NormalizedCheck {
  return {
    providerCheckId: BEHAVIOR_CHECK_ID,
    kind: "behavior",
    result: mapBelticThreatLevel(behavior.threat_level),
    score: behavior.bot_score ?? null,
    codes: fraudSignals(behavior),
    details: { ...behavior },
  };
}

export function riskSummaryOf(checks: NormalizedCheck[], behavior: BelticBehavior | null | undefined): Record<string, unknown> {
  const flagged = checks.filter((check) => check.result === "failed" || check.result === "review");
  const firstScore = (kind: string) => checks.find((check) => check.kind === kind)?.score ?? null;
  return {
    threatLevel: behavior?.threat_level ?? null,
    botScore: behavior?.bot_score ?? null,
    fraudSignals: behavior ? fraudSignals(behavior) : [],
    flags: [...new Set(flagged.filter((c) => c.kind !== "behavior").flatMap((check) => check.codes))],
    faceMatchScore: firstScore("face_match"),
    livenessScore: firstScore("liveness"),
  };
}
