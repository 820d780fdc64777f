import type { IncomingMessage, ServerResponse } from "node:http";
import type { Deliverer } from "./deliver";
import { FAULT_MODES, type FaultInjector, type FaultMode } from "./faults";
import { sendJson } from "./http";
import type { SandboxProvider, SandboxProviderId, WebhookDelivery } from "./provider";
import type { RequestLog } from "./request-log";

/**
 * The sandbox's own API for tests and the demo (not part of any provider's contract):
 *   GET    /_control/state                               sessions and statuses per provider
 *   GET    /_control/deliveries                          webhook deliveries, newest first
 *   GET    /_control/requests                            provider API requests received, newest first
 *   POST   /_control/faults {provider, mode, count, method?, pathIncludes?}   arm a fault; DELETE clears them all
 *   POST   /_control/{provider}/sessions                 create a session (and its webhooks)
 *   POST   /_control/{provider}/sessions/{id}/status {status, wait?}   move a session
 *   POST   /_control/tick                                one random step somewhere
 */
export type ControlContext = {
  providers: Map<SandboxProviderId, SandboxProvider>;
  faults: FaultInjector;
  deliverer: Deliverer;
  requests: RequestLog;
  random: () => number;
};

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/** Delivers the webhooks; with `wait` the answer comes after Verdict has answered them. */
async function send(ctx: ControlContext, res: ServerResponse, deliveries: WebhookDelivery[], wait: boolean, extra: object) {
  const done = ctx.deliverer.deliver(deliveries);
  if (wait) await done;
  sendJson(res, 200, { ...extra, webhooks: deliveries.map((d) => d.description) });
}

export async function handleControl(ctx: ControlContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.split("/").filter(Boolean).slice(1).map(decodeURIComponent);
  const method = req.method ?? "GET";
  const body = method === "POST" ? await readJson(req).catch(() => null) : {};
  if (body === null) return sendJson(res, 400, { message: "Body must be JSON." });
  const wait = body.wait === true;

  if (parts[0] === "state" && method === "GET") {
    const state = Object.fromEntries([...ctx.providers.values()].map((p) => [p.id, p.sessionIds().map((id) => ({ id, status: p.statusOf(id) }))]));
    return sendJson(res, 200, state);
  }
  if (parts[0] === "deliveries" && method === "GET") return sendJson(res, 200, ctx.deliverer.log());
  if (parts[0] === "requests" && method === "GET") return sendJson(res, 200, ctx.requests.list());
  if (parts[0] === "faults") {
    if (method === "DELETE") {
      ctx.faults.clear();
      return sendJson(res, 200, { faults: [] });
    }
    const provider = ctx.providers.get(body.provider as SandboxProviderId);
    const mode = body.mode as FaultMode;
    if (!provider || !FAULT_MODES.includes(mode)) return sendJson(res, 400, { message: `provider and mode (${FAULT_MODES.join(", ")}) are required` });
    const retryAfter = typeof body.retryAfterSeconds === "number" ? body.retryAfterSeconds : 1;
    const match = {
      ...(typeof body.method === "string" ? { method: body.method } : {}),
      ...(typeof body.pathIncludes === "string" ? { pathIncludes: body.pathIncludes } : {}),
    };
    ctx.faults.arm(provider.id, mode, typeof body.count === "number" ? body.count : 1, retryAfter, match);
    return sendJson(res, 200, { faults: ctx.faults.list() });
  }
  if (parts[0] === "tick" && method === "POST") {
    const all = [...ctx.providers.values()];
    const provider = all[Math.floor(ctx.random() * all.length)];
    return send(ctx, res, provider ? provider.advanceRandom(ctx.random) : [], wait, {});
  }
  const provider = ctx.providers.get(parts[0] as SandboxProviderId);
  if (!provider || parts[1] !== "sessions" || method !== "POST") return sendJson(res, 404, { message: "Unknown control route." });
  if (parts.length === 2) {
    const { sessionId, deliveries } = provider.createSession();
    return send(ctx, res, deliveries, wait, { sessionId });
  }
  if (parts.length === 4 && parts[3] === "status") {
    const status = String(body.status ?? "");
    if (!provider.statuses.includes(status)) return sendJson(res, 400, { message: `status must be one of: ${provider.statuses.join(", ")}` });
    const deliveries = provider.setStatus(parts[2] ?? "", status);
    if (!deliveries) return sendJson(res, 404, { message: "Unknown session." });
    return send(ctx, res, deliveries, wait, { sessionId: parts[2], status });
  }
  return sendJson(res, 404, { message: "Unknown control route." });
}
