import "server-only";
import { getDb } from "@/lib/db";
import { outboundTarget, readOutboundConfig } from "./config";
import { deliverDueOutbound } from "./deliver";

type WorkerState = { timer: NodeJS.Timeout; running: boolean };

// Kept on globalThis: one worker per server process, even across dev-mode reloads.
const holder = globalThis as unknown as { __verdictOutbound?: WorkerState };

async function tick(state: WorkerState) {
  const config = readOutboundConfig();
  if (state.running || !config) return;
  state.running = true;
  try {
    const summary = await deliverDueOutbound(await getDb(), { url: config.url, secret: config.secret, now: new Date() });
    if (summary.attempted > 0) {
      console.log(`[outbound] ${summary.attempted} sent: ${summary.delivered} delivered, ${summary.retrying} to retry, ${summary.failed} failed`);
    }
  } catch (error) {
    console.error("[outbound] delivery pass failed:", error);
  } finally {
    state.running = false;
  }
}

/**
 * Polls for due deliveries every OUTBOUND_POLL_SECONDS. Without OUTBOUND_WEBHOOK_URL (or its
 * secret) it does not start: events still queue up (pending) and go out once a URL is configured.
 * Returns whether the worker is running.
 */
export function startOutboundWorker(): boolean {
  const config = readOutboundConfig();
  if (!config) {
    const target = outboundTarget();
    const missing = target.enabled ? "configuration" : target.missing;
    console.log(`[outbound] ${missing} is not set: decisions are queued but not announced`);
    return false;
  }
  if (holder.__verdictOutbound) return true;
  const state: WorkerState = { running: false, timer: setInterval(() => void tick(state), config.pollSeconds * 1000) };
  state.timer.unref();
  holder.__verdictOutbound = state;
  void tick(state);
  console.log(`[outbound] announcing decisions to ${new URL(config.url).host} every ${config.pollSeconds} s`);
  return true;
}

/** On shutdown (lib/server/shutdown.ts): no further passes; resolves once the pass in progress ends. */
export async function stopOutboundWorker(): Promise<void> {
  const state = holder.__verdictOutbound;
  if (!state) return;
  clearInterval(state.timer);
  while (state.running) await new Promise((resolve) => setTimeout(resolve, 100));
}
