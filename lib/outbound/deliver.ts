import "server-only";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outboundDeliveries } from "@/db/schema";
import { attemptDelivery, type AttemptResult } from "./attempt";
import { MAX_ATTEMPTS, retryDelayMs } from "./backoff";
import { createSigner } from "./signing";

export type DeliverOptions = {
  url: string;
  /** `whsec_…` (Standard Webhooks). */
  secret: string;
  /** The time of this pass: what is due, and where backoff counts from. */
  now: Date;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  batchSize?: number;
  random?: () => number;
};

export type DeliverSummary = { attempted: number; delivered: number; retrying: number; failed: number };

type Claimed = typeof outboundDeliveries.$inferSelect;

/**
 * Claims due rows in one statement and leases them by moving `nextAttemptAt` past the time a
 * pass can take. FOR UPDATE SKIP LOCKED keeps two app instances from claiming the same row; the
 * lease (not a transaction held open) keeps it claimed while the HTTP call runs, because on
 * PGlite's single connection an open transaction would stall every other query of the app.
 * A crash mid-pass only delays the rows until the lease ends; the retry keeps its `webhook-id`.
 */
async function claimDue(db: Database, now: Date, batchSize: number, leaseMs: number): Promise<Claimed[]> {
  const due = db
    .select({ id: outboundDeliveries.id })
    .from(outboundDeliveries)
    .where(and(eq(outboundDeliveries.state, "pending"), lte(outboundDeliveries.nextAttemptAt, now)))
    .orderBy(asc(outboundDeliveries.nextAttemptAt), asc(outboundDeliveries.createdAt))
    .limit(batchSize)
    .for("update", { skipLocked: true });
  return db
    .update(outboundDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(inArray(outboundDeliveries.id, due))
    .returning();
}

async function recordOutcome(db: Database, row: Claimed, result: AttemptResult, at: Date, random: () => number) {
  const attempts = row.attempts + 1;
  const common = { attempts: sql`${outboundDeliveries.attempts} + 1`, lastStatus: result.status };
  if (result.ok) {
    await db
      .update(outboundDeliveries)
      .set({ ...common, state: "delivered", lastError: null, deliveredAt: at })
      .where(eq(outboundDeliveries.id, row.id));
    return "delivered" as const;
  }
  const failed = attempts >= MAX_ATTEMPTS;
  await db
    .update(outboundDeliveries)
    .set({
      ...common,
      state: failed ? "failed" : "pending",
      lastError: result.error,
      nextAttemptAt: failed ? at : new Date(at.getTime() + retryDelayMs(attempts, random)),
    })
    .where(eq(outboundDeliveries.id, row.id));
  return failed ? ("failed" as const) : ("retrying" as const);
}

/** Refused before anything is claimed, so a configuration mistake never burns attempts. */
function assertTarget(url: string) {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !["http:", "https:"].includes(parsed.protocol) || parsed.username || parsed.password) {
    throw new Error("OUTBOUND_WEBHOOK_URL must be an http(s) URL without user name or password");
  }
}

/**
 * One pass of the outbound worker: sends every due pending delivery (up to `batchSize`, in
 * parallel, each with its own timeout), marks 2xx as delivered, and schedules the rest with
 * exponential backoff until MAX_ATTEMPTS, after which they are `failed`.
 */
export async function deliverDueOutbound(db: Database, options: DeliverOptions): Promise<DeliverSummary> {
  const { url, secret, now, fetchImpl = fetch, timeoutMs = 10_000, batchSize = 10, random = Math.random } = options;
  assertTarget(url);
  const sign = createSigner(secret);
  const claimed = await claimDue(db, now, batchSize, timeoutMs + 60_000);
  const startedAt = Date.now();
  // Each attempt is stamped with its own time: the pass's `now` plus what has elapsed since.
  const clock = () => new Date(now.getTime() + (Date.now() - startedAt));
  const outcomes = await Promise.all(
    claimed.map(async (row) => {
      const result = await attemptDelivery({ url, secret, sign, eventId: row.eventId, body: JSON.stringify(row.payload), timestamp: clock(), timeoutMs, fetchImpl });
      return recordOutcome(db, row, result, clock(), random);
    }),
  );
  const count = (outcome: string) => outcomes.filter((o) => o === outcome).length;
  return { attempted: claimed.length, delivered: count("delivered"), retrying: count("retrying"), failed: count("failed") };
}
