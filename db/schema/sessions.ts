import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { SessionEventType } from "@/lib/sessions/event-types";
import type { CommonStatus } from "@/lib/sessions/status";
import { users } from "./auth";

export const verificationSessions = pgTable(
  "verification_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    providerSessionId: text().notNull(),
    status: text().$type<CommonStatus>().notNull(),
    rawStatus: text().notNull(),
    // Denormalised from `applicant` so that list search and sort use plain indexes.
    applicantName: text(),
    applicantEmail: text(),
    applicant: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    riskSummary: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    assigneeId: uuid().references(() => users.id),
    claimExpiresAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    providerCreatedAt: timestamp({ withTimezone: true }),
    providerUpdatedAt: timestamp({ withTimezone: true }),
    lastSyncedAt: timestamp({ withTimezone: true }),
    redactedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("verification_sessions_provider_session_uq").on(t.provider, t.providerSessionId),
    index("verification_sessions_status_created_idx").on(t.status, t.providerCreatedAt.desc(), t.id),
    index("verification_sessions_created_idx").on(t.providerCreatedAt.desc(), t.id),
    index("verification_sessions_provider_created_idx").on(t.provider, t.providerCreatedAt.desc(), t.id),
    index("verification_sessions_assignee_idx").on(t.assigneeId),
    // The review queue (lib/review/queue.ts): oldest first, and its count, without visiting the
    // other 98 % of the table. Partial, so it stays as small as the queue itself.
    index("verification_sessions_queue_idx")
      .on(t.providerCreatedAt, t.id)
      .where(sql`${t.status} = 'marked_for_review' and ${t.redactedAt} is null`),
    // Substring search in any script (pg_trgm, migration 0002).
    index("verification_sessions_name_trgm_idx").using("gin", sql`lower(${t.applicantName}) gin_trgm_ops`),
    index("verification_sessions_email_trgm_idx").using("gin", sql`lower(${t.applicantEmail}) gin_trgm_ops`),
  ],
);

/**
 * Sessions per provider and status, kept by triggers on verification_sessions (migration 0009)
 * in the same transaction as each change: the Sessions list reads these few hundred rows
 * instead of counting the table. Each writing transaction has rows of its own (`slot` = its xid),
 * so writers never share or wait on a row; the counts.fold job folds them into slot 0. A count
 * is the sum of its slots. Written only by the triggers and that job.
 */
export const sessionStatusCounts = pgTable(
  "session_status_counts",
  {
    provider: text().notNull(),
    status: text().$type<CommonStatus>().notNull(),
    slot: bigint({ mode: "number" }).notNull(),
    n: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.provider, t.status, t.slot] })],
);

export const sessionDocuments = pgTable(
  "session_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => verificationSessions.id, { onDelete: "cascade" }),
    // Stable per provider session (e.g. Didit node_id), so a re-sync updates instead of duplicating.
    providerDocumentId: text().notNull(),
    kind: text().notNull(),
    documentType: text(),
    fields: jsonb().$type<Record<string, string | null>>().notNull().default({}),
    mediaKeys: jsonb().$type<Record<string, string>>().notNull().default({}),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("session_documents_session_doc_uq").on(t.sessionId, t.providerDocumentId)],
);

export const sessionChecks = pgTable(
  "session_checks",
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => verificationSessions.id, { onDelete: "cascade" }),
    providerCheckId: text().notNull(),
    kind: text().notNull(),
    result: text().notNull(),
    score: real(),
    codes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("session_checks_session_check_uq").on(t.sessionId, t.providerCheckId),
    // The queue's risk-signal filter: codes of checks that did not pass (lib/review/queue-where.ts).
    index("session_checks_signal_codes_idx")
      .using("gin", t.codes)
      .where(sql`${t.result} <> 'passed'`),
  ],
);

export const sessionEvents = pgTable(
  "session_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    sessionId: uuid()
      .notNull()
      .references(() => verificationSessions.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull(),
    type: text().$type<SessionEventType>().notNull(),
    actorId: uuid().references(() => users.id),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("session_events_session_at_idx").on(t.sessionId, t.at)],
);
