import "server-only";
import { asc, desc, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { auditEvents } from "@/db/schema";
import { auditHash, GENESIS_HASH } from "./hash";

// Any constant works; only the sealer takes it (writers never do), on every instance alike.
const AUDIT_SEAL_LOCK = 7_321_002;
const DEFAULT_LIMIT = 500;

export type SealResult = { sealed: number; remaining: boolean };

/**
 * Chains committed, unsealed audit rows: one transaction under the sealer's advisory lock (two
 * instances' sealers take turns; writers never wait), reading the last sealed position and
 * up to `limit` unsealed rows in `seq` order. Only committed rows are visible, so a row whose
 * transaction commits late is simply sealed by a later run: chain order is seal order. Each
 * row gets the next position and its hash (lib/audit/hash.ts), all in one UPDATE, which the
 * append-only trigger allows once per row. `remaining` asks the caller to run again.
 */
export async function sealAuditChain(db: Database, { limit = DEFAULT_LIMIT }: { limit?: number } = {}): Promise<SealResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_SEAL_LOCK})`);
    const rows = await tx
      .select()
      .from(auditEvents)
      .where(isNull(auditEvents.hash))
      .orderBy(asc(auditEvents.seq))
      .limit(limit + 1);
    const batch = rows.slice(0, limit);
    if (batch.length === 0) return { sealed: 0, remaining: false };
    const [last] = await tx
      .select({ chainSeq: auditEvents.chainSeq, hash: auditEvents.hash })
      .from(auditEvents)
      .where(isNotNull(auditEvents.chainSeq))
      .orderBy(desc(auditEvents.chainSeq))
      .limit(1);

    let chainSeq = last?.chainSeq ?? 0;
    let prevHash = last?.hash ?? GENESIS_HASH;
    const seals = batch.map((row) => {
      chainSeq += 1;
      const hash = auditHash(prevHash, { ...row, chainSeq });
      const seal = { seq: row.seq, chain_seq: chainSeq, prev_hash: prevHash, hash };
      prevHash = hash;
      return seal;
    });
    const updated = rowsOf<{ seq: number }>(
      await tx.execute(sql`
        update audit_events as a set chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
        from jsonb_to_recordset(${JSON.stringify(seals)}::jsonb) as v(seq bigint, chain_seq bigint, prev_hash text, hash text)
        where a.seq = v.seq and a.hash is null
        returning a.seq`),
    );
    // Under the lock nothing else seals, so a shortfall means the chain would skip a position.
    if (updated.length !== seals.length) throw new Error(`audit seal: ${updated.length} of ${seals.length} rows updated; nothing sealed`);
    return { sealed: seals.length, remaining: rows.length > limit };
  });
}

/** Seals until nothing committed is left (tests, shutdown, CLIs). */
export async function sealAllAudit(db: Database, options: { limit?: number } = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const { sealed, remaining } = await sealAuditChain(db, options);
    total += sealed;
    if (!remaining) return total;
  }
}
