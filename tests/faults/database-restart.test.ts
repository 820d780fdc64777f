/**
 * Issue 6, fault 4: PostgreSQL goes down and comes back while reviewers load pages, webhooks
 * arrive and a browser listens for live updates. The server must answer with clear errors while
 * the database is away, then serve again without being restarted, lose no webhook (the provider
 * delivers again until it gets a 2xx), and resume live updates (the LISTEN connection
 * reconnects and tells open pages to reload what they may have missed).
 *
 * PostgreSQL only: PGlite runs inside the server process, so there is no server to restart.
 * Restarting the cluster briefly disturbs anything else using it; this test does it once.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { verificationSessions, webhookReceipts } from "@/db/schema";
import type { ProviderAdapter } from "@/lib/providers/types";
import { createSandbox, type Sandbox } from "@/sandbox/app";
import type { SandboxProviderId, WebhookDelivery } from "@/sandbox/provider";
import { generateSandboxCredentials } from "@/scripts/sandbox-credentials";
import { listenLive, signIn } from "./support/browser";
import {
  closeSandbox,
  createApp,
  DRIVER,
  freshDatabase,
  listenSandbox,
  providerAdapters,
  REVIEWER,
  seed,
  sleep,
  waitFor,
  type App,
  type FaultDatabase,
} from "./support/stack";

const NAME = "db-restart";
const APP_PORT = 3402;
const SANDBOX_PORT = 4412;
const SKIP_REASON = "PostgreSQL only: with PGlite the database lives inside the server process, so there is no database server to restart (set DATABASE_URL)";

function pgCluster(): { version: string; cluster: string } {
  const version = process.env.FAULTS_PG_VERSION ?? fs.readdirSync("/etc/postgresql").sort().at(-1)!;
  return { version, cluster: process.env.FAULTS_PG_CLUSTER ?? "main" };
}
function pgctl(action: "stop" | "start") {
  const { version, cluster } = pgCluster();
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, cluster, action], { stdio: "inherit", timeout: 120_000 });
}

type Request = { at: number; phase: Phase; ok: boolean; status: number | null; body: string };
type Phase = "before" | "down" | "after";

describe(`PostgreSQL restarted under load (${DRIVER})`, () => {
  const credentials = generateSandboxCredentials();
  let db: FaultDatabase;
  let handle: DatabaseHandle;
  let sandbox: Sandbox;
  let app: App;
  let adapters: Record<string, ProviderAdapter>;
  let databaseStopped = false;

  beforeAll(async () => {
    if (DRIVER === "pglite") return;
    db = await freshDatabase(NAME);
    await seed(db);
    sandbox = createSandbox({
      seed: 4242,
      sessionCount: 2,
      publicBaseUrl: `http://127.0.0.1:${SANDBOX_PORT}`,
      didit: { apiKey: credentials.didit.apiKey, webhookSecret: credentials.didit.webhookSecret },
      beltic: { apiKey: credentials.beltic.apiKey, webhookSecret: credentials.beltic.webhookSecret },
      bynn: { apiKey: credentials.bynn.apiKey, webhookPrivateKey: credentials.bynn.webhookPrivateKey },
    });
    const sandboxUrl = await listenSandbox(sandbox, SANDBOX_PORT);
    adapters = providerAdapters(credentials, sandboxUrl);
    app = createApp({ name: NAME, port: APP_PORT, sandboxUrl, credentials, db });
    await app.start();
  });

  afterAll(async () => {
    if (databaseStopped) pgctl("start");
    await handle?.close();
    await app?.kill("SIGTERM");
    await closeSandbox(sandbox);
    await db?.drop();
  });

  it("answers with clear errors while it is down, then recovers without a restart and loses no webhook", async (ctx) => {
    ctx.skip(DRIVER === "pglite", SKIP_REASON);
    const pid = app.child!.process.pid;
    const cookie = await signIn(app.url, REVIEWER.email, REVIEWER.password);
    const live = listenLive(app.url, cookie);
    await waitFor("the live stream to open", () => live.frames.some((f) => f.event === "ready"));

    let phase: Phase = "before";
    let running = true;
    const pages: Request[] = [];
    const webhookFirstTries: Request[] = [];
    const acknowledged: WebhookDelivery[] = [];

    const pageLoop = (async () => {
      for (let i = 0; running; i++) {
        const at = Date.now();
        const current = phase;
        try {
          const response = await fetch(`${app.url}${i % 2 ? "/queue" : "/sessions"}`, {
            headers: { cookie },
            redirect: "manual",
            signal: AbortSignal.timeout(30_000),
          });
          const body = await response.text();
          pages.push({ at, phase: current, ok: response.status === 200, status: response.status, body: body.slice(0, 300) });
        } catch (error) {
          pages.push({ at, phase: current, ok: false, status: null, body: String(error) });
        }
        await sleep(200);
      }
    })();

    /** A provider's delivery: again and again until Verdict answers 2xx. */
    const deliver = async (delivery: WebhookDelivery) => {
      for (let attempt = 1; attempt <= 120; attempt++) {
        const at = Date.now();
        const current = phase;
        let status: number | null = null;
        let body = "";
        try {
          const response = await fetch(`${app.url}/api/webhooks/${delivery.provider}`, {
            method: "POST",
            headers: delivery.headers,
            body: new Uint8Array(delivery.body),
            signal: AbortSignal.timeout(30_000),
          });
          status = response.status;
          body = await response.text();
        } catch (error) {
          body = String(error);
        }
        if (attempt === 1) webhookFirstTries.push({ at, phase: current, ok: status === 200, status, body });
        if (status === 200) return void acknowledged.push(delivery);
        await sleep(Math.min(500 * attempt, 3000));
      }
      throw new Error(`${delivery.provider} ${delivery.description}: never acknowledged`);
    };
    const providers: SandboxProviderId[] = ["didit", "beltic", "bynn"];
    const touched = new Map<string, { provider: SandboxProviderId; id: string }>();
    const deliveries: Array<Promise<void>> = [];
    const webhookLoop = (async () => {
      for (let i = 0; running; i++) {
        const provider = providers[i % providers.length]!;
        const real = sandbox.providers.get(provider)!;
        const mine = [...touched.values()].filter((s) => s.provider === provider);
        const batch = mine.length < 2 || i % 3 === 0 ? real.createSession().deliveries : real.advanceRandom(() => (i * 0.37) % 1);
        for (const delivery of batch) {
          const { providerSessionId } = adapters[provider]!.webhook!.parse(delivery.body, new Headers(delivery.headers));
          touched.set(`${provider}:${providerSessionId}`, { provider, id: providerSessionId });
        }
        // In order per batch, as a provider sends them; batches overlap.
        deliveries.push(
          (async () => {
            for (const d of batch) await deliver(d);
          })(),
        );
        await sleep(400);
      }
    })();

    await sleep(5000);
    expect(
      pages.filter((p) => !p.ok),
      "pages before the restart",
    ).toEqual([]);
    expect(
      webhookFirstTries.filter((w) => !w.ok),
      "webhooks before the restart",
    ).toEqual([]);

    phase = "down";
    databaseStopped = true;
    pgctl("stop");
    const downAt = Date.now();
    try {
      // Long enough to see both kinds of request fail, short enough not to starve other users of the cluster.
      await waitFor(
        "a page and a webhook to fail while PostgreSQL is down",
        () => pages.some((p) => p.phase === "down" && !p.ok) && webhookFirstTries.some((w) => w.phase === "down" && !w.ok),
        30_000,
        100,
      );
    } finally {
      pgctl("start");
      databaseStopped = false;
    }
    phase = "after";
    const upAt = Date.now();
    await waitFor("a page to load again", () => pages.some((p) => p.phase === "after" && p.at > upAt && p.ok), 90_000);
    await waitFor("a webhook to be taken again", () => webhookFirstTries.some((w) => w.phase === "after" && w.at > upAt && w.ok), 90_000);
    const recoveredAt = Date.now();
    await sleep(5000);

    // Live updates: the listener came back and told open pages to reload what they missed...
    await waitFor("a resync on the live stream after the restart", () => live.frames.some((f) => f.event === "resync" && f.at > downAt), 60_000);
    // ...and a change made now reaches the page again.
    const fresh = sandbox.providers.get("didit")!.createSession();
    for (const delivery of fresh.deliveries) await deliver(delivery);
    touched.set(`didit:${fresh.sessionId}`, { provider: "didit", id: fresh.sessionId });
    handle = await db.open();
    const opened = handle;
    // Acknowledged once stored; the webhooks.apply job applies it a moment later, the database back.
    const freshRow = await waitFor("the new session to be applied after the restart", async () => {
      const [row] = await opened.db
        .select({ id: verificationSessions.id })
        .from(verificationSessions)
        .where(and(eq(verificationSessions.provider, "didit"), eq(verificationSessions.providerSessionId, fresh.sessionId)));
      return row;
    });
    await waitFor("the live stream to name the new session", () => live.frames.some((f) => f.event === "sessions" && f.data.includes(freshRow.id)), 60_000);

    running = false;
    await Promise.all([pageLoop, webhookLoop]);
    await Promise.all(deliveries);
    await live.close();

    console.log(
      `database restart: ${pages.length} page loads (${pages.filter((p) => !p.ok).length} failed), ` +
        `${webhookFirstTries.length} webhooks (${webhookFirstTries.filter((w) => !w.ok).length} refused first time), ` +
        `down ${((upAt - downAt) / 1000).toFixed(1)} s, serving again ${((recoveredAt - upAt) / 1000).toFixed(1)} s after the start, ` +
        `${live.connections()} live connection(s)`,
    );

    // Still the same server process: nobody restarted it.
    expect(app.child!.process.pid).toBe(pid);
    expect(app.child!.process.exitCode).toBeNull();
    expect(app.output()).not.toMatch(/uncaughtException/);

    // While the database was away: answers, not hangs or dropped connections, and the webhook route says what went wrong.
    const downPages = pages.filter((p) => !p.ok);
    expect(downPages.length).toBeGreaterThan(0);
    for (const page of downPages) expect(page.status, page.body).toBe(500);
    const refused = webhookFirstTries.filter((w) => !w.ok);
    expect(refused.length).toBeGreaterThan(0);
    for (const webhook of refused)
      expect({ status: webhook.status, body: webhook.body }).toEqual({ status: 500, body: JSON.stringify({ error: "Could not store the event" }) });
    // After it came back: every page loads.
    expect(pages.filter((p) => p.at > recoveredAt && !p.ok)).toEqual([]);

    // No webhook lost: every event is stored once, applied, and every session is where the provider has it.
    await waitFor("the webhooks.apply job to empty the queue", async () => {
      const queued = await handle.db.select({ id: webhookReceipts.id }).from(webhookReceipts).where(eq(webhookReceipts.outcome, "queued")).limit(1);
      return queued.length === 0;
    });
    const expectedKeys = new Set(acknowledged.map((d) => `${d.provider}|${adapters[d.provider]!.webhook!.parse(d.body, new Headers(d.headers)).dedupeKey}`));
    const receipts = await handle.db.select().from(webhookReceipts);
    expect(new Set(receipts.map((r) => `${r.provider}|${r.dedupeKey}`))).toEqual(expectedKeys);
    const rows = await handle.db.select().from(verificationSessions);
    const mismatches: string[] = [];
    for (const { provider, id } of touched.values()) {
      const truth = await adapters[provider]!.getSession(id);
      const row = rows.find((r) => r.provider === provider && r.providerSessionId === id);
      if (!row || row.status !== truth.status) mismatches.push(`${provider} ${id}: provider ${truth.status}, Verdict ${row?.status ?? "missing"}`);
    }
    expect(mismatches).toEqual([]);
  });
});
