import "server-only";
import { SYSTEM_ACTOR, type AuditActor } from "@/lib/audit/append";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getConfiguredProviders } from "@/lib/providers/registry";
import type { ProviderAdapter } from "@/lib/providers/types";
import { syncProvider, type SyncSummary, type SyncTrigger } from "./sync-provider";

type ProviderSchedule = { running: boolean; failures: number; timer?: NodeJS.Timeout };

// Kept on globalThis: one schedule per server process, even across dev-mode reloads.
const holder = globalThis as unknown as { __verdictSync?: Map<string, ProviderSchedule>; __verdictSyncStopped?: boolean };
const schedules = (holder.__verdictSync ??= new Map<string, ProviderSchedule>());

const FIRST_RETRY_MS = 15_000;

export function canList(adapter: ProviderAdapter): boolean {
  const { offered, allowedByKey } = adapter.capabilities();
  return offered.list && allowedByKey.list;
}

/** After a failure, retry sooner than the schedule, doubling each time up to the cap. */
function nextDelay(schedule: ProviderSchedule): number | null {
  const env = getEnv();
  if (schedule.failures === 0) return env.SYNC_INTERVAL_SECONDS > 0 ? env.SYNC_INTERVAL_SECONDS * 1000 : null;
  return Math.min(FIRST_RETRY_MS * 2 ** (schedule.failures - 1), env.SYNC_MAX_BACKOFF_SECONDS * 1000);
}

/** Runs one provider's sync unless one is already running; reschedules the next run. */
async function runProvider(adapter: ProviderAdapter, trigger: SyncTrigger, actor: AuditActor): Promise<SyncSummary | null> {
  const schedule = schedules.get(adapter.id) ?? { running: false, failures: 0 };
  schedules.set(adapter.id, schedule);
  if (schedule.running || holder.__verdictSyncStopped) return null;
  schedule.running = true;
  clearTimeout(schedule.timer);
  try {
    const summary = await syncProvider(await getDb(), adapter, trigger, actor);
    schedule.failures = summary.state === "failed" ? schedule.failures + 1 : 0;
    const note = summary.error ? ` (${summary.error})` : "";
    console.log(`[sync] ${summary.provider}: ${summary.state}, ${summary.fetched} read, ${summary.upserted} changed${note}`);
    return summary;
  } catch (error) {
    schedule.failures += 1;
    console.error(`[sync] ${adapter.id} failed:`, error);
    return null;
  } finally {
    schedule.running = false;
    const delay = holder.__verdictSyncStopped ? null : nextDelay(schedule);
    if (delay !== null) {
      schedule.timer = setTimeout(() => void runProvider(adapter, "schedule", SYSTEM_ACTOR), delay);
      schedule.timer.unref();
    }
  }
}

/** Every provider that can list, independently: one that is down does not hold up the others. */
export async function syncAllProviders(trigger: SyncTrigger, actor: AuditActor = SYSTEM_ACTOR) {
  return Promise.all(
    getConfiguredProviders()
      .filter(canList)
      .map((adapter) => runProvider(adapter, trigger, actor)),
  );
}

/** Starts a sync in the background; false when the provider cannot list or is already syncing. */
export function startProviderSync(adapter: ProviderAdapter, actor: AuditActor): boolean {
  if (!canList(adapter) || schedules.get(adapter.id)?.running) return false;
  void runProvider(adapter, "manual", actor);
  return true;
}

export function startSyncSchedule(): void {
  if (getEnv().SYNC_ON_START) void syncAllProviders("startup");
  else for (const adapter of getConfiguredProviders().filter(canList)) void scheduleOnly(adapter);
}

function scheduleOnly(adapter: ProviderAdapter) {
  const schedule: ProviderSchedule = schedules.get(adapter.id) ?? { running: false, failures: 0 };
  schedules.set(adapter.id, schedule);
  const delay = nextDelay(schedule);
  if (delay === null || schedule.timer) return;
  schedule.timer = setTimeout(() => void runProvider(adapter, "schedule", SYSTEM_ACTOR), delay);
  schedule.timer.unref();
}

/** On shutdown (lib/server/shutdown.ts): no further runs; resolves once the runs in progress end. */
export async function stopSyncSchedule(): Promise<void> {
  holder.__verdictSyncStopped = true;
  for (const schedule of schedules.values()) clearTimeout(schedule.timer);
  while ([...schedules.values()].some((schedule) => schedule.running)) await new Promise((resolve) => setTimeout(resolve, 100));
}
