import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AuditAction } from "@/lib/audit/actions";

/**
 * Append-only, hash-chained evidence: hash = sha256(prev_hash ‖ canonical(row)).
 * `seq` is assigned by the writer under an advisory lock (not a sequence) so that
 * the chain has no gaps. A trigger (migration 0001) refuses UPDATE and DELETE.
 * `details` must never hold personal data: it outlives redaction.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigint({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid(),
    actorLabel: text().notNull(),
    action: text().$type<AuditAction>().notNull(),
    targetType: text(),
    targetId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  // The auditor's filters: by target (evidence page), action, actor and date, newest first.
  (t) => [
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.seq),
    index("audit_events_action_idx").on(t.action, t.seq),
    index("audit_events_actor_idx").on(t.actorId, t.seq),
    index("audit_events_at_idx").on(t.at),
  ],
);
