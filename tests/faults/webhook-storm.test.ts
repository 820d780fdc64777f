/**
 * Issue 6, fault 2: FAULT_STORM_SECONDS (60) of webhooks from all four providers into the
 * production server, delivered the way a bad day delivers them: several at once, out of order,
 * repeated, late, and mixed with forgeries (wrong key), corrupted signatures and tampered bodies.
 *
 * The sandbox runs in this process so the test can take each provider's signed webhooks and
 * deliver them itself; Verdict still reads the providers' API from it over HTTP.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sessionEvents, verificationSessions, webhookReceipts } from "@/db/schema";
import type { ProviderAdapter } from "@/lib/providers/types";
import { createSandbox, type Sandbox } from "@/sandbox/app";
import { corruptSignature } from "@/sandbox/faults";
import type { SandboxProviderId, WebhookDelivery } from "@/sandbox/provider";
import { generateSandboxCredentials, type SandboxCredentials } from "@/scripts/sandbox-credentials";
import { sealAndVerify } from "../helpers/audit";
import {
  closeSandbox,
  createApp,
  DRIVER,
  freshDatabase,
  listenSandbox,
  providerAdapters,
  seed,
  sleep,
  waitFor,
  withDb,
  type App,
  type FaultDatabase,
} from "./support/stack";
import { stopWhenWebhooksApplied } from "./support/webhook-queue";

const NAME = "webhook-storm";
const APP_PORT = 3401;
const SANDBOX_PORT = 4411;
const STORM_SECONDS = Number(process.env.FAULT_STORM_SECONDS || 60);
const PROVIDERS: SandboxProviderId[] = ["didit", "beltic", "idenfy", "bynn"];
/** Each provider moves one step per tick, so no session has two events within a (whole) second. */
const TICK_MS = 1100;
/** Where each provider's sessions end, reached the way the provider would get there. */
const FINAL: Record<SandboxProviderId, string[]> = {
  didit: ["Approved", "Declined"],
  beltic: ["approved", "declined"],
  idenfy: ["APPROVED", "DENIED"],
  bynn: ["dossier.approved", "dossier.rejected", "decision.approved", "decision.rejected"],
};

function sandboxConfig(credentials: SandboxCredentials, seed: number) {
  return {
    seed,
    sessionCount: 2,
    publicBaseUrl: `http://127.0.0.1:${SANDBOX_PORT}`,
    didit: { apiKey: credentials.didit.apiKey, webhookSecret: credentials.didit.webhookSecret },
    beltic: { apiKey: credentials.beltic.apiKey, webhookSecret: credentials.beltic.webhookSecret },
    idenfy: { apiKey: credentials.idenfy.apiKey, apiSecret: credentials.idenfy.apiSecret, webhookSecret: credentials.idenfy.webhookSecret },
    bynn: { apiKey: credentials.bynn.apiKey, webhookPrivateKey: credentials.bynn.webhookPrivateKey },
  };
}

/** A small deterministic PRNG (mulberry32), so a failing storm can be replayed with FAULT_STORM_SEED. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = "valid" | "duplicate" | "late" | "bad_signature" | "tampered" | "forged";
type Outgoing = { delivery: WebhookDelivery; kind: Kind };
const BAD: ReadonlySet<Kind> = new Set(["bad_signature", "tampered", "forged"]);

function tamper(delivery: WebhookDelivery): WebhookDelivery {
  const body = JSON.parse(delivery.body.toString("utf8")) as Record<string, unknown>;
  return { ...delivery, body: Buffer.from(JSON.stringify({ ...body, __tampered: true })) };
}

describe(`${STORM_SECONDS} s of webhooks with duplicates, reordering and bad signatures (${DRIVER})`, () => {
  const credentials = generateSandboxCredentials();
  const forgerCredentials = generateSandboxCredentials();
  const seedValue = Number(process.env.FAULT_STORM_SEED || Date.now() % 1_000_000);
  const random = prng(seedValue);
  let db: FaultDatabase;
  let sandbox: Sandbox;
  let forger: Sandbox;
  let app: App;
  let adapters: Record<string, ProviderAdapter>;

  beforeAll(async () => {
    db = await freshDatabase(NAME);
    await seed(db);
    sandbox = createSandbox(sandboxConfig(credentials, 1000 + seedValue));
    // Another "provider" with keys Verdict does not trust: everything it sends is a forgery.
    forger = createSandbox(sandboxConfig(forgerCredentials, 5000 + seedValue));
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

  it("ends every session in the provider's state, applies each event once, and stores none of the bad ones", { timeout: (STORM_SECONDS + 240) * 1000 }, async () => {
    console.log(`webhook storm: ${STORM_SECONDS} s, seed ${seedValue} (FAULT_STORM_SEED to replay)`);
    const queue: Outgoing[] = [];
    const sentValid: WebhookDelivery[] = [];
    const sentAt: number[] = [];
    const bad: Array<{ kind: Kind; provider: string; status: number | null }> = [];
    const forgedSessionIds = new Set<string>();
    const serverErrors: string[] = [];
    let scheduled = 0;
    let generating = true;

    const later = (item: Outgoing, ms: number) => {
      scheduled += 1;
      setTimeout(() => {
        queue.push(item);
        scheduled -= 1;
      }, ms);
    };
    /** What the provider emitted, plus the mess around it (every kind at least once, then by chance). */
    let emitted = 0;
    const emit = (deliveries: WebhookDelivery[]) => {
      for (const delivery of deliveries) {
        const first = emitted++ === 0;
        queue.push({ delivery, kind: "valid" });
        if (first || random() < 0.3) later({ delivery, kind: "duplicate" }, random() * 4000);
        if (first || random() < 0.15) queue.push({ delivery: { ...delivery, headers: corruptSignature(delivery.headers) }, kind: "bad_signature" });
        if (first || random() < 0.1) queue.push({ delivery: tamper(delivery), kind: "tampered" });
      }
    };
    let forged = 0;
    const forge = (provider: SandboxProviderId) => {
      const fake = forger.providers.get(provider)!;
      const deliveries = random() < 0.5 ? fake.createSession().deliveries : fake.advanceRandom(random);
      for (const delivery of deliveries) {
        const parsed = adapters[provider]!.webhook!.parse(delivery.body, new Headers(delivery.headers));
        forgedSessionIds.add(`${provider}:${parsed.providerSessionId}`);
        queue.push({ delivery, kind: "forged" });
        forged += 1;
      }
    };

    async function send({ delivery, kind }: Outgoing): Promise<void> {
      const url = `${app.url}/api/webhooks/${delivery.provider}`;
      for (let attempt = 1; ; attempt++) {
        let status: number | null = null;
        try {
          const response = await fetch(url, { method: "POST", headers: delivery.headers, body: new Uint8Array(delivery.body), signal: AbortSignal.timeout(30_000) });
          status = response.status;
          const text = await response.text();
          if (status >= 500) serverErrors.push(`${delivery.provider} ${delivery.description}: ${status} ${text.slice(0, 200)}`);
        } catch (error) {
          serverErrors.push(`${delivery.provider} ${delivery.description}: ${(error as Error).message}`);
        }
        if (BAD.has(kind)) {
          bad.push({ kind, provider: delivery.provider, status });
          return;
        }
        if (status !== null && status >= 200 && status < 300) {
          if (kind === "valid") {
            sentValid.push(delivery);
            sentAt.push(Date.now());
          }
          return;
        }
        // A provider keeps delivering until it gets a 2xx.
        if (attempt > 20) throw new Error(`gave up delivering ${delivery.provider} ${delivery.description}: last status ${status}`);
        await sleep(250 * attempt);
      }
    }

    // Four senders pick from the head of the queue in random order: concurrency and reordering.
    const senders = Array.from({ length: 4 }, async () => {
      while (generating || queue.length > 0 || scheduled > 0) {
        if (queue.length === 0) {
          await sleep(20);
          continue;
        }
        const [item] = queue.splice(Math.floor(random() * Math.min(queue.length, 8)), 1);
        await send(item!);
      }
    });

    const touched = new Map<string, { provider: SandboxProviderId; id: string }>();
    const track = (provider: SandboxProviderId, deliveries: WebhookDelivery[]) => {
      for (const delivery of deliveries) {
        const { providerSessionId } = adapters[provider]!.webhook!.parse(delivery.body, new Headers(delivery.headers));
        touched.set(`${provider}:${providerSessionId}`, { provider, id: providerSessionId });
      }
      return deliveries;
    };

    const deadline = Date.now() + STORM_SECONDS * 1000;
    await Promise.all(
      PROVIDERS.map(async (provider) => {
        const real = sandbox.providers.get(provider)!;
        while (Date.now() < deadline) {
          const mine = [...touched.values()].filter((s) => s.provider === provider).length;
          const deliveries = mine < 3 || random() < 0.3 ? real.createSession().deliveries : real.advanceRandom(random);
          emit(track(provider, deliveries));
          if (forged === 0 || random() < 0.25) forge(provider);
          await sleep(TICK_MS);
        }
        // Every session the storm touched goes to a final state, as providers' sessions do.
        for (const { id } of [...touched.values()].filter((s) => s.provider === provider)) {
          const targets = FINAL[provider];
          const deliveries = real.setStatus(id, targets[Math.floor(random() * targets.length)]!) ?? [];
          emit(track(provider, deliveries));
          await sleep(50);
        }
      }),
    );
    // Events from the whole storm arrive once more, late and in any order: none may count again.
    // (Within Didit's 300 s signature window, so that a long FAULT_STORM_SECONDS still works.)
    const recent = sentValid.slice(sentValid.findIndex((_, i) => sentAt[i]! > Date.now() - 240_000));
    const late = [...recent].sort(() => random() - 0.5).slice(0, Math.ceil(recent.length * 0.2));
    for (const delivery of late) queue.push({ delivery, kind: "late" });
    generating = false;
    await Promise.all(senders);

    // Verdict re-reads some sessions from the provider after an event (iDenfy, partial payloads): let that finish.
    await waitFor(
      "Verdict to stop reading from the providers",
      () => {
        const last = sandbox.requests.list()[0];
        return !last || Date.now() - Date.parse(last.at) > 5000;
      },
      60_000,
      500,
    );
    console.log(
      `webhook storm: ${sentValid.length} events, ${touched.size} sessions, ${bad.length} bad deliveries, ${late.length} late repeats, ` +
        `${serverErrors.length} 5xx/network errors (retried)`,
    );
    // Acknowledged once queued: the apply job must have applied them all before the look.
    await stopWhenWebhooksApplied(app, db);

    // Every bad delivery was refused with 401; none of the forged sessions exists anywhere.
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.filter((b) => b.status !== 401)).toEqual([]);
    expect(new Set(bad.map((b) => b.kind))).toEqual(new Set(["bad_signature", "tampered", "forged"]));

    const expectedKeys = new Set(sentValid.map((d) => `${d.provider}|${adapters[d.provider]!.webhook!.parse(d.body, new Headers(d.headers)).dedupeKey}`));
    await withDb(db, async ({ db: database }) => {
      const receipts = await database.select().from(webhookReceipts);
      const receiptKeys = receipts.map((r) => `${r.provider}|${r.dedupeKey}`);
      expect(new Set(receiptKeys).size).toBe(receiptKeys.length);
      expect(new Set(receiptKeys)).toEqual(expectedKeys);
      expect(receipts.filter((r) => JSON.stringify(r.body).includes("__tampered"))).toEqual([]);
      expect(receipts.filter((r) => forgedSessionIds.has(`${r.provider}:${r.providerSessionId}`))).toEqual([]);

      // One timeline entry and one audit row per event, whatever the number of deliveries.
      const [timeline] = await database.select({ n: count() }).from(sessionEvents).where(eq(sessionEvents.type, "provider_webhook"));
      expect(timeline!.n).toBe(receipts.length);
      const audited = await database.select().from(auditEvents).where(eq(auditEvents.action, "webhook.receive"));
      expect(audited).toHaveLength(receipts.length);
      expect(new Set(audited.map((a) => `${String(a.details.provider)}|${String(a.details.dedupeKey)}`))).toEqual(expectedKeys);

      const rows = await database.select().from(verificationSessions);
      expect(rows.filter((r) => forgedSessionIds.has(`${r.provider}:${r.providerSessionId}`))).toEqual([]);
      const mismatches: string[] = [];
      for (const { provider, id } of touched.values()) {
        const truth = await adapters[provider]!.getSession(id);
        const row = rows.find((r) => r.provider === provider && r.providerSessionId === id);
        if (!row || row.status !== truth.status || row.rawStatus !== truth.rawStatus) {
          mismatches.push(`${provider} ${id}: provider ${truth.status}/${truth.rawStatus}, Verdict ${row ? `${row.status}/${row.rawStatus}` : "missing"}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(touched.size).toBeGreaterThanOrEqual(PROVIDERS.length);
      expect(await sealAndVerify(database)).toMatchObject({ ok: true, unsealed: 0 });
    });
    // Concurrent and repeated deliveries are routine: none may fail (a provider would retry, but should not have to).
    expect(serverErrors).toEqual([]);
  });
});
