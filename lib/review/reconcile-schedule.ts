import "server-only";
import { getDb } from "@/lib/db";
import { reconcileDecisions } from "./reconcile";

const EVERY_MS = 60_000;
const holder = globalThis as unknown as { __verdictReconciler?: NodeJS.Timeout };

/**
 * Settles decisions a stopped process left half-way: at start-up, then every minute. With the
 * embedded database only this process can have been sending, so everything open is stale at
 * start; on PostgreSQL another instance may be mid-call, so only decisions idle for 2 min count.
 */
export function startReconciler(driver: "pglite" | "postgres"): void {
  if (holder.__verdictReconciler) return;
  const run = async (olderThanMs: number) => {
    try {
      const summary = await reconcileDecisions(await getDb(), olderThanMs);
      if (summary.confirmed + summary.failed > 0) console.log(`[reconcile] ${summary.confirmed} confirmed, ${summary.failed} failed, ${summary.pending} waiting`);
    } catch (error) {
      console.error("[reconcile] failed:", error);
    }
  };
  void run(driver === "pglite" ? 0 : 120_000);
  holder.__verdictReconciler = setInterval(() => void run(120_000), EVERY_MS);
  holder.__verdictReconciler.unref();
}
