import "server-only";
import { sealAllAudit } from "./audit/seal";
import { getDatabaseHandle } from "./db";
import { EnvError, getEnv } from "./env";
import { startJobRunner, stopJobRunner } from "./jobs/process";
import { getLiveHub } from "./live/process-hub";
import { trackHttpRequests } from "./server/http-requests";
import { installShutdown } from "./server/shutdown";
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
  // Listening from the start, so that the first pages' render positions can be replayed. Not
  // fatal: the event stream answers 503 and browsers retry until listening works.
  void getLiveHub()
    .then((hub) => hub.position())
    .catch((error: unknown) => console.error("[live] cannot listen for changes yet:", (error as Error).message));
  try {
    // Start-up sync, reconcile, outbound, audit sealing, webhook application: lib/jobs/registry.ts.
    await startJobRunner(db, driver);
  } catch (error) {
    console.error(`\n[verdict] cannot start the background jobs: ${(error as Error).message}\n`);
    process.exit(1);
  }
  installShutdown({
    graceMs: env.SHUTDOWN_GRACE_SECONDS * 1000,
    stopSchedules: stopJobRunner,
    close: async () => {
      await (await getLiveHub()).close();
      // What the requests drained after the job runner stopped appended: sealed before the database
      // closes, so a stopped server leaves nothing for the next start (or audit:verify) to find open.
      await sealAllAudit(db).catch((error: unknown) => console.error("[audit] sealing at shutdown failed; the next start seals it:", (error as Error).name));
      await (await getDatabaseHandle()).close();
    },
  });
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    console.log("[verdict] NEXT_MANUAL_SIG_HANDLE is not set: Next's own signal handler runs as well and exits with 128+signal (see README, Stopping)");
  }
}
