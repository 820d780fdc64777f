/**
 * Signed Didit webhooks, made by the sandbox's own Didit (status.updated with the full decision,
 * signed with the server's webhook secret), posted concurrently: each is verified, deduplicated,
 * applied and audited. The bare route beside it is GET /api/health (opens nothing, reads nothing).
 */
import { createDiditState } from "@/sandbox/didit";
import { moveTo } from "@/sandbox/didit/lifecycle";
import { statusOf } from "@/sandbox/didit/types";
import { load, type LoadResult } from "./http-load";

export type WebhookBench = { events: LoadResult; bare: LoadResult; bodyBytes: number };

/** One event per new session; Didit attaches the decision to In Review and Approved, so no refresh call follows. */
function signedEvents(secret: string, count: number, seed: number) {
  const state = createDiditState({ apiKey: "bench", webhookSecret: secret, seed, count, now: new Date() });
  return state.sessions.flatMap((record) => moveTo(state, record, statusOf(record) === "In Review" ? "Approved" : "In Review"));
}

export async function benchWebhooks(opts: {
  baseUrl: string;
  secret: string;
  count: number;
  connections: number;
  duration: number;
  seed: number;
  cpuMs: () => number;
}): Promise<WebhookBench> {
  const url = `${opts.baseUrl}/api/webhooks/didit`;
  // A few unrecorded first (route compiled, connections open), and a check that they apply.
  for (const event of signedEvents(opts.secret, 5, opts.seed + 1)) {
    const response = await fetch(url, { method: "POST", headers: event.headers, body: new Uint8Array(event.body) });
    const answer = (await response.json()) as { outcome?: string };
    if (response.status !== 200 || answer.outcome !== "applied") throw new Error(`webhook warm-up answered ${response.status} ${JSON.stringify(answer)}`);
  }
  const deliveries = signedEvents(opts.secret, opts.count, opts.seed);
  const bodyBytes = Math.round(deliveries.reduce((sum, d) => sum + d.body.length, 0) / deliveries.length);
  const requests = deliveries.map((d) => ({ method: "POST" as const, body: d.body, headers: d.headers }));
  const events = await load({
    baseUrl: opts.baseUrl,
    label: "signed Didit webhooks",
    path: "/api/webhooks/didit",
    connections: opts.connections,
    requests,
    cpuMs: opts.cpuMs,
  });
  const bare = await load({
    baseUrl: opts.baseUrl,
    label: "GET /api/health",
    path: "/api/health",
    connections: opts.connections,
    duration: opts.duration,
    cpuMs: opts.cpuMs,
  });
  return { events, bare, bodyBytes };
}
