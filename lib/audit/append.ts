import "server-only";
import type { Database, Transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { wakeJob } from "@/lib/jobs/wake";
import type { AuditAction } from "./actions";

export type AuditActor = { id: string | null; label: string };

export const SYSTEM_ACTOR: AuditActor = { id: null, label: "system" };

export type AuditEntry = {
  actor: AuditActor;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  /** Never personal data: audit rows outlive redaction. Ids, codes and counts only. */
  details?: Record<string, unknown>;
};

/** The job that chains committed rows (lib/audit/seal.ts, run by the job runner). */
export const AUDIT_SEAL_JOB = "audit.seal";

/**
 * Inserts one unsealed row inside the caller's transaction, so the audit row commits or rolls
 * back with the change it describes. No lock and no read of the chain: concurrent writers never
 * wait for each other. `seq` comes from a sequence (a rolled-back transaction leaves a gap);
 * the sealer gives the row its chain position and hash after it commits.
 */
export async function appendAudit(tx: Transaction, entry: AuditEntry): Promise<{ seq: number }> {
  const [row] = await tx
    .insert(auditEvents)
    .values({
      at: new Date(),
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      details: entry.details ?? {},
    })
    .returning({ seq: auditEvents.seq });
  return { seq: row!.seq };
}

/**
 * For events that change nothing else (sign-in failures, reads of personal data). Committed
 * here, so the sealer can be woken at once; it also finds the row at its next run without.
 */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<{ seq: number }> {
  const appended = await db.transaction((tx) => appendAudit(tx, entry));
  wakeJob(AUDIT_SEAL_JOB);
  return appended;
}
