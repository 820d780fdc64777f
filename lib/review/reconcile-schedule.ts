import "server-only";
import { getEnv } from "@/lib/env";
import type { JobDefinition } from "@/lib/jobs/types";
import { reconcileDecisions } from "./reconcile";

export const RECONCILE_JOB = "decisions.reconcile";

/**
 * Settles decisions a stopped process left half-way: at start-up, then every
 * RECONCILE_INTERVAL_SECONDS (60), on one instance at a time (lib/jobs/). With the embedded
 * database only this process can have been sending, so at its start-up run everything open is
 * stale; on PostgreSQL another instance may be mid-call, so only decisions idle for
 * RECONCILE_STALE_SECONDS (120) count — and so on every later run on either database.
 */
export function reconcileJob(driver: "pglite" | "postgres"): JobDefinition {
  const { RECONCILE_INTERVAL_SECONDS, RECONCILE_STALE_SECONDS } = getEnv();
  const staleMs = RECONCILE_STALE_SECONDS * 1000;
  return {
    name: RECONCILE_JOB,
    everyMs: RECONCILE_INTERVAL_SECONDS * 1000,
    runOnStart: true,
    backoffMs: 5_000,
    maxBackoffMs: RECONCILE_INTERVAL_SECONDS * 1000,
    maxAttempts: null,
    run: async ({ db, atStartup }) => {
      const olderThanMs = atStartup && driver === "pglite" ? 0 : staleMs;
      const summary = await reconcileDecisions({ db }, { olderThanMs });
      if (summary.confirmed + summary.failed > 0) console.log(`[reconcile] ${summary.confirmed} confirmed, ${summary.failed} failed, ${summary.pending} waiting`);
      return { summary };
    },
  };
}
