import "server-only";
import { getDatabaseHandle } from "./db";
import { EnvError, getEnv } from "./env";
import { getLiveHub } from "./live/process-hub";
import { startOutboundWorker, stopOutboundWorker } from "./outbound/worker";
import { startReconciler, stopReconciler } from "./review/reconcile-schedule";
import { trackHttpRequests } from "./server/http-requests";
import { installShutdown } from "./server/shutdown";
import { startSyncSchedule, stopSyncSchedule } from "./sync/schedule";
import { closeAbandonedRuns } from "./sync/sync-provider";

/** Runs once when the server process starts (instrumentation.ts). */
export async function startServer(): Promise<void> {
  let driver: "pglite" | "postgres";
  let db: Awaited<ReturnType<typeof getDatabaseHandle>>["db"];
  let env: ReturnType<typeof getEnv>;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\n\nVerdict cannot start. See the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  // First, before any request is served: the client address of every request comes from here.
  trackHttpRequests(env.TRUSTED_PROXIES);
  try {
    ({ driver, db } = await getDatabaseHandle());
    await closeAbandonedRuns(db, driver === "pglite" ? 0 : 30 * 60_000);
    console.log(`[verdict] database ready (${driver})`);
  } catch (error) {
    console.error(`\n[verdict] cannot open the database: ${(error as Error).message}\n`);
    process.exit(1);
  }
  startSyncSchedule();
  startReconciler(driver);
  startOutboundWorker();
  installShutdown({
    graceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    stopSchedules: async () => {
      await Promise.all([stopSyncSchedule(), stopReconciler(), stopOutboundWorker()]);
    },
    close: async () => {
      await (await getLiveHub()).close();
      await (await getDatabaseHandle()).close();
    },
  });
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    console.log("[verdict] NEXT_MANUAL_SIG_HANDLE is not set: Next's own signal handler runs as well and exits with 128+signal (see README, Stopping)");
  }
}
