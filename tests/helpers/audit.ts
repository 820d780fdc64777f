import type { Database } from "@/db/client";
import { sealAllAudit } from "@/lib/audit/seal";
import { verifyAuditChain } from "@/lib/audit/verify";

/**
 * Audit rows are chained by the sealer after they commit; in production the job runner runs it.
 * Tests that check the chain right after an action seal first, as the job would.
 */
export function sealAudit(db: Database): Promise<number> {
  return sealAllAudit(db);
}

/** Seals what is committed, then walks the chain: everything written so far must be in it. */
export async function sealAndVerify(db: Database) {
  await sealAudit(db);
  return verifyAuditChain(db);
}
