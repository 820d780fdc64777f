import "server-only";
import type { Database } from "@/db/client";
import { getEnv } from "@/lib/env";
import { registeredJobs } from "./registry";
import { createJobRunner, type JobRunner } from "./runner";

// One runner per server process, even across dev-mode reloads.
const holder = globalThis as unknown as { __verdictJobRunner?: JobRunner };

/** At start-up (lib/startup.ts): this instance starts taking its share of the background jobs. */
export async function startJobRunner(db: Database, driver: "pglite" | "postgres"): Promise<void> {
  if (holder.__verdictJobRunner) return;
  const env = getEnv();
  const jobs = registeredJobs(driver);
  const runner = createJobRunner({ db, jobs, pollMs: env.JOB_POLL_MS, leaseMs: env.JOB_LEASE_SECONDS * 1000 });
  holder.__verdictJobRunner = runner;
  await runner.start();
  console.log(`[jobs] ${runner.instanceId} runs ${jobs.map((job) => job.name).join(", ")}`);
}

/** On shutdown (lib/server/shutdown.ts): no further claims; resolves once the runs in progress end. */
export async function stopJobRunner(): Promise<void> {
  await holder.__verdictJobRunner?.stop();
}
