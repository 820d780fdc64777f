import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted at every level, so the same row always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export type HashedAuditFields = {
  /** The row's id (audit_events.seq). */
  seq: number;
  /** The row's position in the chain, given by the sealer. */
  chainSeq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
};

/**
 * The hash rule:
 *
 *   hash = sha256(prev_hash ‖ canonical({ seq: chain_seq, at, actorId, actorLabel, action,
 *                                          targetType, targetId, details, row?: seq }))
 *
 * `seq` in the hashed object is the chain position; `row` (the row's own id) is present only
 * when it differs from the chain position. Rows chained before sealing existed were written
 * with seq = position and no `row`, so their stored hashes stay valid; a sealed row's id is
 * covered too, so moving content between rows shows. prev_hash is the previous chain
 * position's hash, GENESIS_HASH for position 1.
 */
export function auditHash(prevHash: string, row: HashedAuditFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update(
      canonicalJson({
        seq: row.chainSeq,
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorLabel: row.actorLabel,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: row.details,
        row: row.seq === row.chainSeq ? undefined : row.seq,
      }),
    )
    .digest("hex");
}
