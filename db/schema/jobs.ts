import { sql } from "drizzle-orm";
import { bigint, check, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The job states the admin page shows (lib/jobs/types.ts words them). */
export const JOB_STATES = ["idle", "queued", "running", "failed"] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Who asked for the next run ("Run now", "sync now"); null for the schedule. No personal data beyond the actor label the audit log already holds. */
export type JobRequester = { id: string | null; label: string };

/**
 * One row per named background job (lib/jobs/registry.ts): its schedule, the lease of the
 * instance running it, and what its last run did. Migration 0011_jobs.sql.
 */
export const jobs = pgTable(
  "jobs",
  {
    name: text().primaryKey(),
    state: text().$type<JobState>().notNull().default("idle"),
    // Next due time; null: not scheduled (an on-demand job nobody asked for, or one out of attempts).
    runAt: timestamp({ withTimezone: true }),
    // Null: on demand only.
    everyMs: bigint({ mode: "number" }),
    attempts: integer().notNull().default(0),
    // Null: retry without limit (periodic jobs always do).
    maxAttempts: integer(),
    backoffMs: bigint({ mode: "number" }).notNull(),
    maxBackoffMs: bigint({ mode: "number" }).notNull(),
    lockedBy: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    requestedBy: jsonb().$type<JobRequester>(),
    lastStartedAt: timestamp({ withTimezone: true }),
    lastFinishedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastResult: jsonb().$type<Record<string, unknown>>(),
  },
  // No index beyond the key: a dozen rows, and an indexed run_at would make its frequent updates non-HOT.
  (t) => [check("jobs_state_check", sql`${t.state} IN ('idle', 'queued', 'running', 'failed')`)],
);
