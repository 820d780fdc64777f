import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, index } from "drizzle-orm/pg-core";

export const webhookReceipts = pgTable(
  "webhook_receipts",
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    dedupeKey: text().notNull(),
    providerSessionId: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    outcome: text().notNull(),
    // Kept for replay and evidence; redaction blanks it together with the session.
    body: jsonb().$type<unknown>(),
  },
  (t) => [uniqueIndex("webhook_receipts_provider_key_uq").on(t.provider, t.dedupeKey)],
);

/** One row per pull from a provider's list API: progress and last result for admins. */
export const providerSyncRuns = pgTable(
  "provider_sync_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    provider: text().notNull(),
    trigger: text().notNull(),
    state: text().notNull(),
    fetched: integer().notNull().default(0),
    upserted: integer().notNull().default(0),
    error: text(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("provider_sync_runs_provider_started_idx").on(t.provider, t.startedAt.desc())],
);

/**
 * Verdict's own signed webhook (Standard Webhooks): one row per event to announce, retried
 * with backoff until the customer's endpoint accepts it. Admins see every attempt's outcome.
 */
export const outboundDeliveries = pgTable(
  "outbound_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    // `webhook-id`: the same for every retry, so the receiver can dedupe.
    eventId: text().notNull().unique(),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    state: text().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastStatus: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("outbound_deliveries_due_idx").on(t.state, t.nextAttemptAt)],
);
