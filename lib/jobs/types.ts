import type { Database } from "@/db/client";
import type { JobRequester } from "@/db/schema";

/** What a run returns: a small summary for the admin page, and whether work is left (run again at once). */
export type JobOutcome = { summary: Record<string, unknown>; more?: boolean };

export type JobRunContext = {
  db: Database;
  /** Who asked for this run ("Run now", "sync now"); null when the schedule started it. */
  requestedBy: JobRequester | null;
  /** The first run of this job in this process, started by the start-up schedule. */
  atStartup: boolean;
};

/**
 * One named job. The runner (runner.ts) stores its schedule in the `jobs` table, so every
 * instance agrees on when it is due and only one runs it at a time.
 */
export type JobDefinition = {
  name: string;
  /** Null: on demand only (queued by "Run now" or by the code, e.g. the admin's "sync now"). */
  everyMs: number | null;
  /** Due as soon as the instance starts, not one period later. */
  runOnStart: boolean;
  /** Failed runs are retried after backoffMs, doubling up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** On-demand jobs stop retrying (state failed) after this many failed runs; null: never. Periodic jobs always retry. */
  maxAttempts: number | null;
  run: (ctx: JobRunContext) => Promise<JobOutcome>;
};

/**
 * A failure worded for the admin page. Any other error is logged and shown as a generic
 * sentence, because a raw SQL or provider message may carry personal data.
 */
export class JobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobFailure";
  }
}
