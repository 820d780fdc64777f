import "server-only";
import { getDatabaseHandle } from "./db";
import { EnvError, getEnv } from "./env";
import { startOutboundWorker } from "./outbound/worker";
import { startReconciler } from "./review/reconcile-schedule";
import { startSyncSchedule } from "./sync/schedule";
import { closeAbandonedRuns } from "./sync/sync-provider";

/** Runs once when the server process starts (instrumentation.ts). */
export async function startServer(): Promise<void> {
  let driver: "pglite" | "postgres";
  let db: Awaited<ReturnType<typeof getDatabaseHandle>>["db"];
  try {
    getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\n\nVerdict cannot start. See the configuration table in README.md.\n`);
      process.exit(1);
    }
    throw error;
  }
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
}
