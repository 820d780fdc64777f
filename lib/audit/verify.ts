import "server-only";
import { and, asc, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { auditHash, GENESIS_HASH } from "./hash";

export type ChainProblem = "missing" | "prev_hash" | "content" | "unsealed" | "outside";

export type ChainReport =
  /** `unsealed`: committed rows the sealer has not chained yet, all younger than the grace. */
  | { ok: true; checked: number; unsealed: number }
  /** `brokenSeq` is the row's id; `chainSeq` its chain position (null for a row never sealed). */
  | { ok: false; checked: number; unsealed: number; problem: ChainProblem; brokenSeq: number; chainSeq: number | null; reason: string };

export type VerifyOptions = {
  now?: Date;
  /** An unsealed row older than this means the sealer is not running: a failure, not a count. */
  graceMs?: number;
};

export const UNSEALED_GRACE_MS = 60_000;
const BATCH = 1000;

type Unsealed = { count: number; staleSeq: number | null };

async function unsealedRows(db: Database, cutoff: Date): Promise<Unsealed> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      staleSeq: sql<string | null>`min(${auditEvents.seq}) filter (where ${auditEvents.at} < ${cutoff.toISOString()}::timestamptz)`,
    })
    .from(auditEvents)
    .where(isNull(auditEvents.hash));
  return { count: row?.count ?? 0, staleSeq: row?.staleSeq == null ? null : Number(row.staleSeq) };
}

/**
 * A sealed row at position 0 or below, which the walk from position 1 never reaches (the database
 * refuses one: only a bypassed check puts it there). Positions past the walk's end are rows sealed
 * since, and gaps are found by the walk itself.
 */
async function sealedBeforeFirstPosition(db: Database): Promise<number | null> {
  const [row] = await db
    .select({ seq: auditEvents.seq })
    .from(auditEvents)
    .where(and(isNotNull(auditEvents.hash), lt(auditEvents.chainSeq, 1)))
    .limit(1);
  return row?.seq ?? null;
}

/**
 * Walks the sealed chain by position and names the first row that does not fit: a missing
 * position, a prev_hash that is not the hash before it, or content that does not match its
 * hash. Then counts rows not sealed yet; one older than the grace fails the check, named.
 */
export async function verifyAuditChain(db: Database, { now = new Date(), graceMs = UNSEALED_GRACE_MS }: VerifyOptions = {}): Promise<ChainReport> {
  // Counted first: a row sealed while the walk runs is then in the walk, not missed by both.
  const unsealed = await unsealedRows(db, new Date(now.getTime() - graceMs));
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.chainSeq, expected - 1))
      .orderBy(asc(auditEvents.chainSeq))
      .limit(BATCH);
    for (const row of rows) {
      const broken = (problem: ChainProblem, reason: string, chainSeq = row.chainSeq): ChainReport => ({
        ok: false,
        checked,
        unsealed: unsealed.count,
        problem,
        brokenSeq: row.seq,
        chainSeq,
        reason,
      });
      if (row.chainSeq !== expected) return broken("missing", `chain position ${expected} is missing before this row`, expected);
      if (row.prevHash !== prevHash) return broken("prev_hash", "previous hash does not match the row before it");
      const stored = row.hash;
      if (!stored || auditHash(prevHash, { ...row, chainSeq: expected }) !== stored) return broken("content", "row content does not match its hash");
      prevHash = stored;
      expected += 1;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  const outside = await sealedBeforeFirstPosition(db);
  if (outside !== null) {
    const reason = "a sealed row lies outside the chain's positions (the database's checks were bypassed)";
    return { ok: false, checked, unsealed: unsealed.count, problem: "outside", brokenSeq: outside, chainSeq: null, reason };
  }
  if (unsealed.staleSeq === null) return { ok: true, checked, unsealed: unsealed.count };
  return {
    ok: false,
    checked,
    unsealed: unsealed.count,
    problem: "unsealed",
    brokenSeq: unsealed.staleSeq,
    chainSeq: null,
    reason: `not sealed after ${Math.round(graceMs / 1000)} s (${unsealed.count} row${unsealed.count === 1 ? "" : "s"} unsealed): is the sealer running?`,
  };
}
