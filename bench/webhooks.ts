/**
 * Signed Didit webhooks, made by the sandbox's own Didit (status.updated with the full decision,
 * signed with the server's webhook secret), posted concurrently. Intake is the answers per second;
 * apply is the events per second from the first one sent until the last one is applied, whether
 * the request applies it (the queue is empty at once) or a job drains `outcome = 'queued'`
 * receipts later. The bare route beside it is GET /api/health (opens nothing, reads nothing).
 */
import { performance } from "node:perf_hooks";
import { createDiditState } from "@/sandbox/didit";
import { moveTo } from "@/sandbox/didit/lifecycle";
import { statusOf } from "@/sandbox/didit/types";
import { load, type LoadResult } from "./http-load";

/** What the bench can see of the queue while the server runs: PostgreSQL only (PGlite is the server's alone). */
export type QueueProbe = { queued: () => Promise<number> };

export type WebhookBench = {
  intake: LoadResult;
  bare: LoadResult;
  bodyBytes: number;
  /** Bench clock (ms since the epoch) when the first measured webhook was sent. */
  startedAt: number;
  providerSessionIds: string[];
  /** Receipts still queued when the last answer arrived (null: the bench cannot look, PGlite). */
  queuedAtIntakeEnd: number | null;
  /** How the end of the apply was seen: the queue empty (probe) or the server's CPU gone quiet (no probe). */
  drainedBy: "queue empty" | "server idle" | "timed out";
};

const DRAIN_TIMEOUT_MS = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One event per new session; Didit attaches the decision to In Review and Approved, so no refresh call follows. */
function signedEvents(secret: string, count: number, seed: number) {
  const state = createDiditState({ apiKey: "bench", webhookSecret: secret, seed, count, now: new Date() });
  const deliveries = state.sessions.flatMap((record) => moveTo(state, record, statusOf(record) === "In Review" ? "Approved" : "In Review"));
  return { deliveries, ids: state.sessions.map((record) => record.sessionId) };
}

/** Until the queue is empty, or (no probe) the server spent under 5 % of a core for a second. */
async function drain(probe: QueueProbe | null, cpuMs: () => number): Promise<WebhookBench["drainedBy"]> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  let quietSince = performance.now();
  let lastCpu = cpuMs();
  while (performance.now() < deadline) {
    if (probe && (await probe.queued()) === 0) return "queue empty";
    await sleep(probe ? 50 : 250);
    if (probe) continue;
    const cpu = cpuMs();
    if (cpu - lastCpu > 12) quietSince = performance.now();
    lastCpu = cpu;
    if (performance.now() - quietSince >= 1000) return "server idle";
  }
  return "timed out";
}

export async function benchWebhooks(opts: {
  baseUrl: string;
  secret: string;
  count: number;
  connections: number;
  duration: number;
  seed: number;
  cpuMs: () => number;
  probe: QueueProbe | null;
}): Promise<WebhookBench> {
  const url = `${opts.baseUrl}/api/webhooks/didit`;
  // A few unrecorded first (route compiled, connections open, the apply path run once).
  for (const event of signedEvents(opts.secret, 5, opts.seed + 1).deliveries) {
    const response = await fetch(url, { method: "POST", headers: event.headers, body: new Uint8Array(event.body) });
    const answer = await response.text();
    if (response.status !== 200) throw new Error(`webhook warm-up answered ${response.status} ${answer}`);
  }
  await drain(opts.probe, opts.cpuMs);
  const { deliveries, ids } = signedEvents(opts.secret, opts.count, opts.seed);
  const bodyBytes = Math.round(deliveries.reduce((sum, d) => sum + d.body.length, 0) / deliveries.length);
  const requests = deliveries.map((d) => ({ method: "POST" as const, body: d.body, headers: d.headers }));
  const startedAt = Date.now();
  const intake = await load({
    baseUrl: opts.baseUrl,
    label: "signed Didit webhooks",
    path: "/api/webhooks/didit",
    connections: opts.connections,
    requests,
    cpuMs: opts.cpuMs,
  });
  const queuedAtIntakeEnd = opts.probe ? await opts.probe.queued() : null;
  const drainedBy = await drain(opts.probe, opts.cpuMs);
  // After the drain, so the apply job does not compete with the baseline.
  const bare = await load({
    baseUrl: opts.baseUrl,
    label: "GET /api/health",
    path: "/api/health",
    connections: opts.connections,
    duration: opts.duration,
    cpuMs: opts.cpuMs,
  });
  return { intake, bare, bodyBytes, startedAt, providerSessionIds: ids, queuedAtIntakeEnd, drainedBy };
}
