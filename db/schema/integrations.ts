import { sql } from "drizzle-orm";
import { bigint, customType, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, index } from "drizzle-orm/pg-core";
import type { DeliveryState, OutboundEventType } from "@/lib/outbound/types";

/** drizzle 0.45 has no bytea column; node-postgres reads it as a Buffer, PGlite as a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * One row per authentic webhook event: the durable intake queue and the quarantine. Intake stores
 * an event as `queued` with its raw bytes and headers; the webhooks.apply job applies queued rows
 * in `queue_seq` order and marks them applied | stale | recorded, or `quarantined` (the queue's
 * failed state) when what they carry cannot be applied. A validly signed body that did not even
 * parse is quarantined at intake under the key `sha256:<hex of the raw body>` (no provider key can
 * be read from it); a redelivery of the same bytes counts `attempts` on the same row. Resolved
 * quarantine: replayed | superseded | redacted. `received` is a row inside an applying transaction.
 */
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
    /** Quarantined rows: the exact bytes received (they may not even be UTF-8), until resolved. */
    rawBody: bytea(),
    /** Quarantined rows: the request headers a parser may read (lib/webhooks/quarantine.ts says which are dropped). */
    headers: jsonb().$type<Record<string, string>>(),
    /** Quarantined rows: Verdict's own parser or apply message, for admins; never sent to the provider. */
    error: text(),
    attempts: integer().notNull().default(1),
    lastReceivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    /** Receipt order, which the apply pass follows; NULL on rows stored before the queue existed. */
    queueSeq: bigint({ mode: "number" }).default(sql`nextval('webhook_receipts_queue_seq')`),
    /** Apply passes that rolled back with this receipt in them (lib/webhooks/apply-queue.ts). */
    applyAttempts: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex("webhook_receipts_provider_key_uq").on(t.provider, t.dedupeKey),
    index("webhook_receipts_queued_idx")
      .on(t.queueSeq)
      .where(sql`${t.outcome} = 'queued'`),
    index("webhook_receipts_quarantine_idx")
      .on(t.provider, t.lastReceivedAt)
      .where(sql`${t.outcome} = 'quarantined'`),
  ],
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
    eventType: text().$type<OutboundEventType>().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    state: text().$type<DeliveryState>().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastStatus: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("outbound_deliveries_due_idx").on(t.state, t.nextAttemptAt)],
);
