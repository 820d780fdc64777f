import "server-only";
import type { Database } from "@/db/client";
import { recordAudit, type AuditActor } from "./append";
import type { ChainCheckDTO } from "./chain-types";
import { verifyAuditChain, type ChainReport } from "./verify";

const rows = (n: number) => `${n} row${n === 1 ? "" : "s"}`;

export function describeChainReport(report: ChainReport): string {
  if (report.ok) return `audit chain intact: ${rows(report.checked)}${report.unsealed ? `; ${rows(report.unsealed)} still sealing` : ""}`;
  if (report.problem === "unsealed") return `audit chain NOT SEALED at seq ${report.brokenSeq}: ${report.reason}`;
  const position = report.chainSeq !== null && report.chainSeq !== report.brokenSeq ? ` (chain position ${report.chainSeq})` : "";
  return `audit chain BROKEN at seq ${report.brokenSeq}${position}: ${report.reason}`;
}

/**
 * Walks the chain, then records that it did (`audit.verify`) after the walk, so the new row
 * is not part of what it vouches for. The check is evidence too: who verified, when, and what
 * they were told.
 */
export async function verifyAndRecordChain(db: Database, actor: AuditActor): Promise<ChainCheckDTO> {
  const report = await verifyAuditChain(db);
  const details = report.ok
    ? { ok: true, checked: report.checked, unsealed: report.unsealed }
    : { ok: false, checked: report.checked, unsealed: report.unsealed, problem: report.problem, brokenSeq: report.brokenSeq };
  await recordAudit(db, { actor, action: "audit.verify", details });
  return {
    ok: report.ok,
    checked: report.checked,
    unsealed: report.unsealed,
    brokenSeq: report.ok ? null : report.brokenSeq,
    reason: report.ok ? null : report.reason,
    message: describeChainReport(report),
    checkedAt: new Date().toISOString(),
  };
}
