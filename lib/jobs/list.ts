import "server-only";
import { asc, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs } from "@/db/schema";
import { formatResult, jobLabel, type JobDTO } from "./job-types";

const iso = (value: Date | null) => value?.toISOString() ?? null;

/** Every job's row as the admin page shows it. Lease expiry is judged by the database clock, like the runners do. */
export async function listJobs(db: Database): Promise<JobDTO[]> {
  const rows = await db
    .select({ job: jobs, leaseExpired: sql<boolean>`coalesce(${jobs.lockedUntil} < now(), false)` })
    .from(jobs)
    .orderBy(asc(jobs.name));
  return rows.map(({ job, leaseExpired }) => ({
    name: job.name,
    label: jobLabel(job.name),
    state: job.state,
    leaseExpired: job.state === "running" && Boolean(leaseExpired),
    everyMs: job.everyMs,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    nextRunAt: job.state === "running" ? null : iso(job.runAt),
    lastStartedAt: iso(job.lastStartedAt),
    lastFinishedAt: iso(job.lastFinishedAt),
    lastError: job.lastError,
    lastResult: formatResult(job.lastResult),
    runningOn: job.state === "running" ? job.lockedBy : null,
  }));
}
