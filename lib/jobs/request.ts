import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jobs } from "@/db/schema";
import { appendAudit, type AuditActor } from "@/lib/audit/append";
import { AppError } from "@/lib/errors";
import { jobLabel } from "./job-types";
import { queueJobNow } from "./store";
import { wakeJob } from "./wake";

/**
 * "Run now" / "Retry" on the admin jobs page: the job is due at once with a fresh set of
 * attempts, and the request is audited in the same transaction. Refused while it runs.
 */
export async function requestJobRun(db: Database, { name, actor }: { name: string; actor: AuditActor }): Promise<{ name: string; state: "queued" }> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ state: jobs.state, attempts: jobs.attempts }).from(jobs).where(eq(jobs.name, name)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "There is no such job.");
    const queued = await queueJobNow(tx, name, actor);
    if (!queued) throw new AppError("CONFLICT", `${jobLabel(name)} is running now; wait for it to finish.`);
    await appendAudit(tx, {
      actor,
      action: "job.run_requested",
      targetType: "job",
      targetId: name,
      details: { previousState: before.state, attempts: before.attempts },
    });
  });
  wakeJob(name);
  return { name, state: "queued" };
}
