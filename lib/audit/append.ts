import "server-only";
import { desc, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditAction } from "./actions";
import { auditHash, GENESIS_HASH } from "./hash";

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

// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_CHAIN_LOCK = 7_321_001;

/**
 * Appends one row to the hash chain inside the caller's transaction, so the audit row
 * commits or rolls back with the change it describes. The advisory lock serialises
 * writers across connections and app instances, keeping `seq` gap-free.
 */
export async function appendAudit(tx: Transaction, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actorId: entry.actor.id,
    actorLabel: entry.actor.label,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = auditHash(prevHash, row);
  await tx.insert(auditEvents).values({ ...row, prevHash, hash });
  return { seq: row.seq, hash };
}

/** For events that change nothing else (sign-in failures, reads of personal data). */
export function recordAudit(db: Database, entry: AuditEntry) {
  return db.transaction((tx) => appendAudit(tx, entry));
}
