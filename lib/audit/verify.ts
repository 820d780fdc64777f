import "server-only";
import { asc, gt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { auditHash, GENESIS_HASH } from "./hash";

export type ChainReport = { ok: true; checked: number } | { ok: false; checked: number; brokenSeq: number; reason: string };

const BATCH = 1000;

/** Walks the whole chain in order and names the first row that does not fit. */
export async function verifyAuditChain(db: Database): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const broken = (reason: string): ChainReport => ({ ok: false, checked, brokenSeq: row.seq, reason });
      if (row.seq !== expectedSeq) return { ok: false, checked, brokenSeq: expectedSeq, reason: "row missing" };
      if (row.prevHash !== prevHash) return broken("previous hash does not match the row before it");
      if (auditHash(prevHash, row) !== row.hash) return broken("row content does not match its hash");
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}
