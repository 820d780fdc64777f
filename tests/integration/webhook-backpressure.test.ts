import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { webhookReceipts } from "@/db/schema";
import { createDiditAdapter } from "@/lib/providers/didit";
import type { ProviderAdapter } from "@/lib/providers/types";
import type { WebhookDelivery } from "@/sandbox/provider";
import { createTestDatabase } from "../helpers/db";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";
import { drainWebhooks } from "../helpers/webhooks";

// The real request path (lib/webhooks/receive.ts); only the database and the registry are this test's.
const state = vi.hoisted(() => {
  process.env.WEBHOOK_QUEUE_MAX = "3";
  return { db: null as Database | null, adapter: null as ProviderAdapter | null };
});
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/providers/registry", () => ({
  getProviderAdapter: (id: string) => (id === state.adapter?.id ? state.adapter : undefined),
  getConfiguredProviders: () => [state.adapter],
}));
const { receiveWebhook } = await import("@/lib/webhooks/receive");

const didit = { apiKey: "backpressure-didit-key", webhookSecret: "backpressure-didit-secret" };

describe("webhook intake backpressure (WEBHOOK_QUEUE_MAX = 3)", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 2, didit })]);
    state.db = handle.db;
    // No read:sessions: the drain does not re-read sessions, which this test is not about.
    state.adapter = createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, retries: 0, privileges: ["write:sessions"] });
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const post = (delivery: WebhookDelivery) =>
    receiveWebhook(
      new Request("http://verdict.test/api/webhooks/didit", { method: "POST", body: new Uint8Array(delivery.body), headers: delivery.headers }),
      "didit",
    );
  const receipts = async () => (await handle.db.select({ n: count() }).from(webhookReceipts))[0]!.n;
  const queued = async () => (await handle.db.select({ n: count() }).from(webhookReceipts).where(eq(webhookReceipts.outcome, "queued")))[0]!.n;

  it("refuses with 503 and Retry-After, storing nothing, while the queue is full; accepts again once it drained", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    const events = [...deliveries, ...["In Progress", "In Review", "Approved"].flatMap((status) => sandbox.didit!.setStatus(sessionId, status)!)];
    expect(events.length).toBeGreaterThan(3);
    const [a, b, c, ...later] = events;
    for (const delivery of [a!, b!, c!]) {
      const response = await post(delivery);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, outcome: "queued" });
    }
    expect(await queued()).toBe(3);

    const refused = await post(later[0]!);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await receipts()).toBe(3);

    expect(await drainWebhooks(handle.db, [state.adapter!])).toMatchObject({ applied: 3 });
    // The figure is refreshed in the background: the provider's retries get through once it is.
    let accepted: Response | null = null;
    for (let attempt = 0; attempt < 100 && !accepted; attempt++) {
      const response = await post(later[0]!);
      if (response.status === 200) accepted = response;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(accepted?.status).toBe(200);
    expect(await queued()).toBe(1);
  });
});
