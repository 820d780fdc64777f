import "server-only";
import type { Database } from "@/db/client";
import { recordAudit, type AuditActor } from "./append";
import type { ChainCheckDTO } from "./chain-types";
import { verifyAuditChain, type ChainReport } from "./verify";

export function describeChainReport(report: ChainReport): string {
  if (report.ok) return `audit chain intact: ${report.checked} row${report.checked === 1 ? "" : "s"}`;
  return `audit chain BROKEN at seq ${report.brokenSeq}: ${report.reason}`;
}

/**
 * Walks the chain, then records that it did (`audit.verify`) after the walk, so the new row
 * is not part of what it vouches for. The check is evidence too: who verified, when, and what
 * they were told.
 */
export async function verifyAndRecordChain(db: Database, actor: AuditActor): Promise<ChainCheckDTO> {
  const report = await verifyAuditChain(db);
  const details = report.ok ? { ok: true, checked: report.checked } : { ok: false, checked: report.checked, brokenSeq: report.brokenSeq };
  await recordAudit(db, { actor, action: "audit.verify", details });
  return {
    ok: report.ok,
    checked: report.checked,
    brokenSeq: report.ok ? null : report.brokenSeq,
    reason: report.ok ? null : report.reason,
    message: describeChainReport(report),
    checkedAt: new Date().toISOString(),
  };
}
