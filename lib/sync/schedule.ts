import "server-only";
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { queueJobNow } from "@/lib/jobs/store";
import { JobFailure, type JobDefinition } from "@/lib/jobs/types";
import { wakeJob } from "@/lib/jobs/wake";
import { getConfiguredProviders } from "@/lib/providers/registry";
import type { ProviderAdapter } from "@/lib/providers/types";
import { syncProvider } from "./sync-provider";

/** After a failure, retry sooner than the schedule: 15 s, doubling up to SYNC_MAX_BACKOFF_SECONDS. */
const FIRST_RETRY_MS = 15_000;

export const syncJobName = (providerId: string) => `sync.${providerId}`;

export function canList(adapter: ProviderAdapter): boolean {
  const { offered, allowedByKey } = adapter.capabilities();
  return offered.list && allowedByKey.list;
}

/**
 * One job per provider that can list (lib/jobs/registry.ts), so one that is down does not hold
 * up the others: at start-up when SYNC_ON_START, every SYNC_INTERVAL_SECONDS (0: only on
 * demand), on one instance at a time. A failed sync (recorded in provider_sync_runs with the
 * provider's error) fails the job, which then backs off.
 */
export function syncJobs(): JobDefinition[] {
  const env = getEnv();
  return getConfiguredProviders()
    .filter(canList)
    .map((adapter) => ({
      name: syncJobName(adapter.id),
      everyMs: env.SYNC_INTERVAL_SECONDS > 0 ? env.SYNC_INTERVAL_SECONDS * 1000 : null,
      runOnStart: env.SYNC_ON_START,
      backoffMs: FIRST_RETRY_MS,
      maxBackoffMs: env.SYNC_MAX_BACKOFF_SECONDS * 1000,
      maxAttempts: null,
      run: async ({ db, requestedBy, atStartup }) => {
        const trigger = requestedBy ? "manual" : atStartup ? "startup" : "schedule";
        const summary = await syncProvider(db, adapter, trigger, requestedBy ?? SYSTEM_ACTOR);
        const note = summary.error ? ` (${summary.error})` : "";
        console.log(`[sync] ${summary.provider}: ${summary.state}, ${summary.fetched} read, ${summary.upserted} changed${note}`);
        // The error is the provider adapter's own wording (ProviderError), already shown on the admin page.
        if (summary.state === "failed") throw new JobFailure(summary.error ?? "The sync failed.");
        return { summary: { trigger, fetched: summary.fetched, upserted: summary.upserted } };
      },
    }));
}

/**
 * The admin's "sync now": queues the provider's job to run at once, on whichever instance claims
 * it first. False when the provider cannot list or its sync is already running.
 */
export async function startProviderSync(adapter: ProviderAdapter, actor: AuditActor): Promise<boolean> {
  if (!canList(adapter)) return false;
  const name = syncJobName(adapter.id);
  const queued = await queueJobNow(await getDb(), name, actor);
  if (!queued) return false;
  wakeJob(name);
  return true;
}
