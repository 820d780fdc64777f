/**
 * Issue 11: intake acknowledges a webhook once it is queued, and the webhooks.apply job applies
 * it later. So the server is SIGKILLed in the middle of a storm, with events acknowledged but not
 * yet applied and requests in flight, and started again on the same data. Every acknowledged event
 * must then be applied exactly once, in each session's order (its last event decides its status),
 * none lost, redeliveries deduplicated. Each "provider" delivers a session's events one after the
 * other and retries until it gets a 2xx, as providers do.
 */
import { count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessionEvents, verificationSessions, webhookReceipts } from "@/db/schema";
import type { ProviderAdapter } from "@/lib/providers/types";
import { createSandbox, type Sandbox } from "@/sandbox/app";
import type { SandboxProviderId, WebhookDelivery } from "@/sandbox/provider";
import { generateSandboxCredentials } from "@/scripts/sandbox-credentials";
import { sealAndVerify } from "../helpers/audit";
import { closeSandbox, createApp, DRIVER, freshDatabase, listenSandbox, providerAdapters, seed, sleep, withDb, type App, type FaultDatabase } from "./support/stack";
import { stopWhenWebhooksApplied } from "./support/webhook-queue";

const NAME = "webhook-queue-crash";
const APP_PORT = 3404;
const SANDBOX_PORT = 4414;
const PROVIDERS: SandboxProviderId[] = ["didit", "beltic", "idenfy", "bynn"];
const SESSIONS_PER_PROVIDER = 8;
const FINAL: Record<SandboxProviderId, string> = { didit: "Approved", beltic: "declined", idenfy: "APPROVED", bynn: "dossier.rejected" };
/** Acknowledged deliveries after which the server is killed: mid-storm, whatever the machine's speed. */
const KILL_AFTER = 40;

describe(`SIGKILL with acknowledged webhooks still queued (${DRIVER})`, () => {
  const credentials = generateSandboxCredentials();
  let db: FaultDatabase;
  let sandbox: Sandbox;
  let app: App;
  let adapters: Record<string, ProviderAdapter>;

  beforeAll(async () => {
    db = await freshDatabase(NAME);
    await seed(db);
    sandbox = createSandbox({
      seed: 11,
      sessionCount: 1,
      publicBaseUrl: `http://127.0.0.1:${SANDBOX_PORT}`,
      didit: { apiKey: credentials.didit.apiKey, webhookSecret: credentials.didit.webhookSecret },
      beltic: { apiKey: credentials.beltic.apiKey, webhookSecret: credentials.beltic.webhookSecret },
      idenfy: { apiKey: credentials.idenfy.apiKey, apiSecret: credentials.idenfy.apiSecret, webhookSecret: credentials.idenfy.webhookSecret },
      bynn: { apiKey: credentials.bynn.apiKey, webhookPrivateKey: credentials.bynn.webhookPrivateKey },
    });
    const sandboxUrl = await listenSandbox(sandbox, SANDBOX_PORT);
    adapters = providerAdapters(credentials, sandboxUrl);
    app = createApp({ name: NAME, port: APP_PORT, sandboxUrl, credentials, db });
    await app.start();
  });

  afterAll(async () => {
    await app?.kill("SIGTERM");
    await closeSandbox(sandbox);
    await db?.drop();
  });

  it("applies every acknowledged event exactly once after the restart, each session ending in its last event's status", { timeout: 600_000 }, async () => {
    // Every session's whole life, generated up front: its events in the order the provider sends them.
    const chains: Array<{ provider: SandboxProviderId; sessionId: string; events: WebhookDelivery[] }> = [];
    for (const provider of PROVIDERS) {
      const real = sandbox.providers.get(provider)!;
      for (let i = 0; i < SESSIONS_PER_PROVIDER; i++) {
        const { sessionId, deliveries } = real.createSession();
        chains.push({ provider, sessionId, events: [...deliveries, ...(real.setStatus(sessionId, FINAL[provider]) ?? [])] });
      }
    }
    const keyOf = (d: WebhookDelivery) => `${d.provider}|${adapters[d.provider]!.webhook!.parse(d.body, new Headers(d.headers)).dedupeKey}`;

    const acknowledged: WebhookDelivery[] = [];
    const crash: { restarted: Promise<void> | null } = { restarted: null };
    let lost = 0;
    async function deliver(delivery: WebhookDelivery): Promise<void> {
      for (let attempt = 1; ; attempt++) {
        try {
          const response = await fetch(`${app.url}/api/webhooks/${delivery.provider}`, {
            method: "POST",
            headers: delivery.headers,
            body: new Uint8Array(delivery.body),
            signal: AbortSignal.timeout(30_000),
          });
          await response.body?.cancel();
          if (response.status >= 200 && response.status < 300) {
            acknowledged.push(delivery);
            if (acknowledged.length === KILL_AFTER && !crash.restarted) crash.restarted = crashAndRestart();
            return;
          }
        } catch {
          lost += 1; // the server is down: the provider tries again later
        }
        if (attempt > 200) throw new Error(`gave up delivering ${delivery.provider} ${delivery.description}`);
        await sleep(Math.min(250 * attempt, 2000));
      }
    }
    async function crashAndRestart(): Promise<void> {
      await app.kill("SIGKILL");
      await app.start();
    }

    // Each session's events one after another; sessions all at once.
    await Promise.all(chains.map(async ({ events }) => events.reduce((previous, event) => previous.then(() => deliver(event)), Promise.resolve())));
    await crash.restarted;
    // And then the providers redeliver a fifth of everything: none may count again.
    const again = acknowledged.filter((_, i) => i % 5 === 0);
    for (let i = 0; i < again.length; i += 8) await Promise.all(again.slice(i, i + 8).map(deliver));
    const expectedKeys = new Set(acknowledged.map(keyOf));
    console.log(`webhook queue crash: ${expectedKeys.size} events, ${chains.length} sessions, ${lost} deliveries lost to the crash and retried`);
    expect(crash.restarted).not.toBeNull();

    // The restarted server's apply job drains the queue.
    await stopWhenWebhooksApplied(app, db);

    await withDb(db, async ({ db: database }) => {
      const receipts = await database.select().from(webhookReceipts);
      const keys = receipts.map((r) => `${r.provider}|${r.dedupeKey}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(keys)).toEqual(expectedKeys);
      expect(receipts.filter((r) => !["applied", "stale", "recorded"].includes(r.outcome)).map((r) => `${r.provider} ${r.outcome} ${r.error}`)).toEqual([]);

      // Exactly once: one timeline entry and one audit row per event, whatever the crash and the redeliveries did.
      const [timeline] = await database.select({ n: count() }).from(sessionEvents).where(eq(sessionEvents.type, "provider_webhook"));
      expect(timeline!.n).toBe(receipts.length);
      const audited = await database.select().from(auditEvents).where(eq(auditEvents.action, "webhook.receive"));
      expect(new Set(audited.map((a) => `${String(a.details.provider)}|${String(a.details.dedupeKey)}`))).toEqual(expectedKeys);
      expect(audited).toHaveLength(receipts.length);

      const ids = chains.map((c) => c.sessionId);
      const rows = await database.select().from(verificationSessions).where(inArray(verificationSessions.providerSessionId, ids));
      const wrong: string[] = [];
      for (const { provider, sessionId, events } of chains) {
        const last = adapters[provider]!.webhook!.parse(events.at(-1)!.body, new Headers(events.at(-1)!.headers));
        const truth = await adapters[provider]!.getSession(sessionId);
        const row = rows.find((r) => r.provider === provider && r.providerSessionId === sessionId);
        if (row?.status !== last.session.status || row.rawStatus !== truth.rawStatus) {
          wrong.push(
            `${provider} ${sessionId}: last event ${last.session.status}, provider ${truth.rawStatus}, Verdict ${row ? `${row.status}/${row.rawStatus}` : "missing"}`,
          );
        }
      }
      expect(wrong).toEqual([]);
      expect(await sealAndVerify(database)).toMatchObject({ ok: true, unsealed: 0 });
    });
  });
});
