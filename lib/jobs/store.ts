import "server-only";
import { and, asc, eq, inArray, isNotNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { jobs, type JobRequester } from "@/db/schema";
import type { NextRun } from "./backoff";
import type { JobDefinition } from "./types";

/**
 * The `jobs` table's statements. Every time is the database's now(), so instances with
 * drifting clocks still agree on what is due and whose lease has run out.
 */

export type JobRow = typeof jobs.$inferSelect;

const after = (ms: number): SQL => sql`now() + (${ms}::bigint * interval '1 millisecond')`;

/** Inserts each job's row, or brings its policy up to date; a job due at start-up becomes due now unless another instance is running it. */
export async function registerJobs(db: Database, definitions: JobDefinition[]): Promise<void> {
  for (const job of definitions) {
    const firstRun = job.runOnStart ? sql`now()` : job.everyMs === null ? sql`null` : after(job.everyMs);
    const leased = sql`(${jobs.state} = 'running' and ${jobs.lockedUntil} >= now())`;
    await db
      .insert(jobs)
      .values({
        name: job.name,
        state: job.runOnStart ? "queued" : "idle",
        runAt: firstRun,
        everyMs: job.everyMs,
        maxAttempts: job.maxAttempts,
        backoffMs: job.backoffMs,
        maxBackoffMs: job.maxBackoffMs,
      })
      .onConflictDoUpdate({
        target: jobs.name,
        set: {
          everyMs: job.everyMs,
          maxAttempts: job.maxAttempts,
          backoffMs: job.backoffMs,
          maxBackoffMs: job.maxBackoffMs,
          state: job.runOnStart ? sql`case when ${leased} then ${jobs.state} else 'queued' end` : sql`${jobs.state}`,
          runAt: job.runOnStart
            ? sql`case when ${leased} then ${jobs.runAt} else now() end`
            : job.everyMs === null
              ? sql`case when ${jobs.state} = 'idle' then null else ${jobs.runAt} end`
              : sql`coalesce(${jobs.runAt}, ${after(job.everyMs)})`,
        },
      });
  }
}

export type ClaimOptions = {
  /** The jobs this instance can run and is not running now. */
  names: string[];
  instanceId: string;
  leaseMs: number;
  /** Jobs woken in this process (wake.ts): run ahead of their schedule unless they are backing off. */
  woken?: string[];
};

/**
 * Claims the most overdue job this instance can run, or none. SKIP LOCKED makes two instances
 * polling at the same moment take different rows; the lease (not an open transaction, which
 * would stall PGlite's single connection) keeps the row theirs while the job runs.
 */
export async function claimDueJob(db: Database, { names, instanceId, leaseMs, woken = [] }: ClaimOptions): Promise<JobRow | null> {
  if (names.length === 0) return null;
  const dueNow = lte(jobs.runAt, sql`now()`);
  // `names` leaves out what this instance is running, so a row still leased to it is a run whose
  // finish was never recorded (the database went away): take it back without waiting for the lease.
  const ownOrphan = eq(jobs.lockedBy, instanceId);
  const wokenEarly = woken.length > 0 ? and(inArray(jobs.name, woken), eq(jobs.attempts, 0)) : undefined;
  const candidate = db
    .select({ name: jobs.name })
    .from(jobs)
    .where(and(inArray(jobs.name, names), isNotNull(jobs.runAt), or(ne(jobs.state, "running"), lt(jobs.lockedUntil, sql`now()`), ownOrphan), or(dueNow, wokenEarly)))
    .orderBy(asc(jobs.runAt))
    .limit(1)
    .for("update", { skipLocked: true });
  const [row] = await db
    .update(jobs)
    .set({ state: "running", lockedBy: instanceId, lockedUntil: after(leaseMs), lastStartedAt: sql`now()` })
    .where(inArray(jobs.name, candidate))
    .returning();
  return row ?? null;
}

/** The heartbeat of a long run; false when the lease was lost (taken over after it ran out). */
export async function renewLease(db: Database, name: string, instanceId: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(jobs)
    .set({ lockedUntil: after(leaseMs) })
    .where(and(eq(jobs.name, name), eq(jobs.lockedBy, instanceId), eq(jobs.state, "running")))
    .returning({ name: jobs.name });
  return renewed.length > 0;
}

export type Finish = { next: NextRun; lastError: string | null; lastResult: Record<string, unknown> | null };

/** Records a run's end and schedules the next; a no-op (false) if another instance took the job over meanwhile. */
export async function finishJob(db: Database, name: string, instanceId: string, { next, lastError, lastResult }: Finish): Promise<boolean> {
  const finished = await db
    .update(jobs)
    .set({
      state: next.state,
      attempts: next.attempts,
      runAt: next.runAfterMs === null ? null : after(next.runAfterMs),
      lockedBy: null,
      lockedUntil: null,
      requestedBy: null,
      lastFinishedAt: sql`now()`,
      lastError,
      lastResult,
    })
    .where(and(eq(jobs.name, name), eq(jobs.lockedBy, instanceId), eq(jobs.state, "running")))
    .returning({ name: jobs.name });
  return finished.length > 0;
}

/**
 * Makes a job due now with a fresh set of attempts ("Run now", "Retry", "sync now"). Refused
 * (null) while an instance holds a live lease on it: one run at a time.
 */
export async function queueJobNow(db: Database | Transaction, name: string, requestedBy: JobRequester | null): Promise<JobRow | null> {
  const [row] = await db
    .update(jobs)
    .set({ state: "queued", runAt: sql`now()`, attempts: 0, requestedBy })
    .where(and(eq(jobs.name, name), or(ne(jobs.state, "running"), lt(jobs.lockedUntil, sql`now()`))))
    .returning();
  return row ?? null;
}
