import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { AuditAction } from "@/lib/audit/actions";

/**
 * Append-only, hash-chained evidence. A row is inserted unsealed (chain_seq, prev_hash, hash
 * NULL) inside the business transaction, with `seq` from a sequence (its id; gaps are rolled-back
 * transactions). The sealer (lib/audit/seal.ts) later gives committed rows consecutive chain
 * positions and hash = sha256(prev_hash ‖ canonical(row)) — the rule is in lib/audit/hash.ts.
 * Triggers (migrations 0001, 0010) refuse every UPDATE but that one seal, every DELETE and
 * TRUNCATE, and inserts that arrive sealed. `details` must never hold personal data: it
 * outlives redaction.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" })
      .primaryKey()
      .default(sql`nextval('audit_events_seq_seq')`),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid(),
    actorLabel: text().notNull(),
    action: text().$type<AuditAction>().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Position in the chain, set by the sealer; NULL until then. */
    chainSeq: bigint({ mode: "number" }),
    prevHash: text(),
    hash: text(),
  },
  // The auditor's filters: by target (evidence page), action, actor and date, newest first.
  (t) => [
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.seq),
    // The audit log's target filter, which names an id without its type (migration 0009).
    index("audit_events_target_id_idx").on(t.targetId, t.seq),
    index("audit_events_action_idx").on(t.action, t.seq),
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_at_idx").on(t.at),
    unique("audit_events_chain_seq_unique").on(t.chainSeq),
    // The walk starts at position 1: a row sealed at 0 or below would be outside it.
    check("audit_events_chain_seq_positive", sql`${t.chainSeq} IS NULL OR ${t.chainSeq} > 0`),
    check("audit_events_sealed_together", sql`(${t.chainSeq} IS NULL) = (${t.hash} IS NULL) AND (${t.hash} IS NULL) = (${t.prevHash} IS NULL)`),
    index("audit_events_unsealed_idx")
      .on(t.seq)
      .where(sql`${t.hash} IS NULL`),
  ],
);
