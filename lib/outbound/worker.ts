import "server-only";
import type { JobDefinition } from "@/lib/jobs/types";
import { outboundTarget, readOutboundConfig } from "./config";
import { deliverDueOutbound } from "./deliver";

export const OUTBOUND_JOB = "outbound.deliver";

/**
 * The job that sends due deliveries every OUTBOUND_POLL_SECONDS (lib/jobs/registry.ts). Without
 * OUTBOUND_WEBHOOK_URL (or its secret) there is no job: events still queue up (pending) and go
 * out once a URL is configured. A pass that throws is retried with backoff by the runner; each
 * delivery keeps its own attempts and backoff (deliver.ts).
 */
export function outboundJob(): JobDefinition | null {
  const config = readOutboundConfig();
  if (!config) {
    const target = outboundTarget();
    const missing = target.enabled ? "configuration" : target.missing;
    console.log(`[outbound] ${missing} is not set: decisions are queued but not announced`);
    return null;
  }
  console.log(`[outbound] announcing decisions to ${new URL(config.url).host} every ${config.pollSeconds} s`);
  return {
    name: OUTBOUND_JOB,
    everyMs: config.pollSeconds * 1000,
    runOnStart: true,
    backoffMs: config.pollSeconds * 1000,
    maxBackoffMs: 5 * 60_000,
    maxAttempts: null,
    run: async ({ db }) => {
      const summary = await deliverDueOutbound(db, { url: config.url, secret: config.secret, now: new Date() });
      if (summary.attempted > 0) {
        console.log(`[outbound] ${summary.attempted} sent: ${summary.delivered} delivered, ${summary.retrying} to retry, ${summary.failed} failed`);
      }
      return { summary };
    },
  };
}
