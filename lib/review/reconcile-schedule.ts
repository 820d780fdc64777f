import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { reconcileDecisions } from "./reconcile";

const holder = globalThis as unknown as { __verdictReconciler?: NodeJS.Timeout; __verdictReconcileRun?: Promise<void> };

/**
 * Settles decisions a stopped process left half-way: at start-up, then every
 * RECONCILE_INTERVAL_SECONDS (60). With the embedded database only this process can have been
 * sending, so everything open is stale at start; on PostgreSQL another instance may be
 * mid-call, so only decisions idle for RECONCILE_STALE_SECONDS (120) count.
 */
export function startReconciler(driver: "pglite" | "postgres"): void {
  if (holder.__verdictReconciler) return;
  const { RECONCILE_INTERVAL_SECONDS, RECONCILE_STALE_SECONDS } = getEnv();
  const staleMs = RECONCILE_STALE_SECONDS * 1000;
  const run = (olderThanMs: number) => {
    holder.__verdictReconcileRun = (async () => {
      try {
        const summary = await reconcileDecisions({ db: await getDb() }, { olderThanMs });
        if (summary.confirmed + summary.failed > 0) console.log(`[reconcile] ${summary.confirmed} confirmed, ${summary.failed} failed, ${summary.pending} waiting`);
      } catch (error) {
        console.error("[reconcile] failed:", error);
      }
    })();
  };
  run(driver === "pglite" ? 0 : staleMs);
  holder.__verdictReconciler = setInterval(() => run(staleMs), RECONCILE_INTERVAL_SECONDS * 1000);
  holder.__verdictReconciler.unref();
}

/** On shutdown (lib/server/shutdown.ts): no further runs; resolves once the run in progress ends. */
export async function stopReconciler(): Promise<void> {
  clearInterval(holder.__verdictReconciler);
  await holder.__verdictReconcileRun;
}
