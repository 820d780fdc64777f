import { count, eq } from "drizzle-orm";
import { webhookReceipts } from "@/db/schema";
import { DRIVER, sleep, withDb, type App, type FaultDatabase } from "./stack";

/**
 * Stops the server once its webhooks.apply job has applied every queued webhook. PGlite belongs
 * to one process, so with it the queue is looked at between runs: stop, look, start again if
 * anything is left. The server is stopped (SIGTERM) when this returns.
 */
export async function stopWhenWebhooksApplied(app: App, db: FaultDatabase, rounds = 60): Promise<void> {
  const queued = () =>
    withDb(db, async ({ db: database }) => (await database.select({ n: count() }).from(webhookReceipts).where(eq(webhookReceipts.outcome, "queued")))[0]!.n);
  for (let round = 0; ; round++) {
    if (DRIVER === "pglite") await app.kill("SIGTERM");
    const left = await queued();
    if (left === 0) break;
    if (round >= rounds) throw new Error(`${left} webhooks are still queued`);
    if (DRIVER === "pglite") await app.start();
    await sleep(2000);
  }
  await app.kill("SIGTERM");
}
