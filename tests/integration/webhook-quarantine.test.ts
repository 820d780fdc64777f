import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database, DatabaseHandle } from "@/db/client";
import { auditEvents, verificationSessions, webhookReceipts } from "@/db/schema";
import type { Viewer } from "@/lib/auth/load-viewer";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { createBynnAdapter } from "@/lib/providers/bynn";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { ProviderAdapter } from "@/lib/providers/types";
import { wipePersonalData } from "@/lib/sessions/wipe-personal-data";
import { ingestWebhook } from "@/lib/webhooks/ingest";
import { listQuarantinedWebhooks } from "@/lib/webhooks/quarantine-list";
import type { SandboxProviderId, WebhookDelivery } from "@/sandbox/provider";
import { generateSandboxCredentials } from "@/scripts/sandbox-credentials";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";
import { drainWebhooks, ingestAndApply } from "../helpers/webhooks";
import { SIGNATURE_HEADERS, signed } from "../helpers/signed-webhooks";
import { viewerWithRole } from "../helpers/viewer";

// The replay goes through the real server action: only who is asking, the database and the
// provider registry are this test's own; `after` (the follow-up read) is outside a request here.
const state = vi.hoisted(() => ({ viewer: null as Viewer | null, db: null as Database | null, adapters: new Map<string, unknown>() }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => state.viewer }));
vi.mock("@/lib/db", () => ({ getDb: async () => state.db }));
vi.mock("@/lib/providers/registry", () => ({
  getProviderAdapter: (id: string) => state.adapters.get(id),
  getConfiguredProviders: () => [...state.adapters.values()],
}));
vi.mock("next/server", () => ({ after: vi.fn() }));
const { replayQuarantinedWebhookAction } = await import("@/app/(app)/admin/actions");

const credentials = generateSandboxCredentials();
const PROVIDERS: SandboxProviderId[] = ["didit", "beltic", "idenfy", "bynn"];

/**
 * A parser failure an update of the provider would cause: a field renamed (Didit `session_id`,
 * iDenfy `scanRef`, Bynn `event_type`) or a new event type (Beltic). "Fixing the parser" makes it
 * read the new name; the stored bytes stay as they were.
 */
const BREAKS: Record<SandboxProviderId, { from: string; to: string; error: RegExp }> = {
  didit: { from: '"session_id"', to: '"session_ref"', error: /not a Didit session event/ },
  beltic: { from: '"type":"event"', to: '"type":"event.v2"', error: /not a Beltic event/ },
  idenfy: { from: '"scanRef"', to: '"scan_ref"', error: /not an iDenfy identification callback/ },
  bynn: { from: '"event_type"', to: '"kind"', error: /not a Bynn webhook envelope/ },
};

type Fixable = { adapter: ProviderAdapter; fix: (fixed?: boolean) => void };

/** The real adapter, whose parser learns the provider's new field name when fixed. */
function fixable(real: ProviderAdapter, provider: SandboxProviderId): Fixable {
  const webhook = real.webhook!;
  let fixed = false;
  const { from, to } = BREAKS[provider];
  const parse: typeof webhook.parse = (raw, headers) => webhook.parse(fixed ? Buffer.from(Buffer.from(raw).toString("utf8").replaceAll(to, from)) : raw, headers);
  return { adapter: { ...real, webhook: { verify: webhook.verify, parse } }, fix: (on = true) => (fixed = on) };
}

describe("webhook quarantine: authentic bodies Verdict cannot read are kept and replayed", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  const fixables = new Map<SandboxProviderId, Fixable>();
  const admin = viewerWithRole("admin");

  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([
      createTestDatabase(),
      startTestSandbox({
        sessionCount: 5,
        didit: { apiKey: credentials.didit.apiKey, webhookSecret: credentials.didit.webhookSecret },
        beltic: { apiKey: credentials.beltic.apiKey, webhookSecret: credentials.beltic.webhookSecret },
        idenfy: { apiKey: credentials.idenfy.apiKey, apiSecret: credentials.idenfy.apiSecret, webhookSecret: credentials.idenfy.webhookSecret },
        bynn: { apiKey: credentials.bynn.apiKey, webhookPrivateKey: credentials.bynn.webhookPrivateKey },
      }),
    ]);
    const base = (p: string) => `${sandbox.url}/${p}`;
    const real: Record<SandboxProviderId, ProviderAdapter> = {
      didit: createDiditAdapter({ ...credentials.didit, baseUrl: base("didit"), retries: 0 }),
      beltic: createBelticAdapter({ ...credentials.beltic, baseUrl: base("beltic") }),
      idenfy: createIdenfyAdapter({ ...credentials.idenfy, baseUrl: base("idenfy"), retries: 0 }),
      bynn: createBynnAdapter({ apiKey: credentials.bynn.apiKey, webhookPublicKey: credentials.bynn.webhookPublicKey, baseUrl: base("bynn") }),
    };
    for (const provider of PROVIDERS) fixables.set(provider, fixable(real[provider], provider));
    state.db = handle.db;
    for (const [id, f] of fixables) state.adapters.set(id, f.adapter);
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const adapterOf = (provider: SandboxProviderId) => fixables.get(provider)!.adapter;
  const ingest = (provider: SandboxProviderId, body: Buffer, headers: Headers) => ingestAndApply(handle.db, adapterOf(provider), body, headers);
  const receiptsOf = async (provider: string) => handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.provider, provider));
  const row = async (id: string) => (await handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.id, id)))[0]!;
  const session = async (provider: string, providerSessionId: string) =>
    (
      await handle.db
        .select()
        .from(verificationSessions)
        .where(and(eq(verificationSessions.provider, provider), eq(verificationSessions.providerSessionId, providerSessionId)))
    )[0];
  const replayAs = (viewer: Viewer, id: string) => {
    state.viewer = viewer;
    return replayQuarantinedWebhookAction({ id });
  };

  /** A real event of a new session at the provider, with its field renamed: still authentic once re-signed. */
  function brokenEvent(provider: SandboxProviderId): { sessionId: string; delivery: WebhookDelivery; body: Buffer } {
    const created = sandbox[provider]!.createSession();
    const { sessionId } = created;
    // iDenfy calls back only once a verification finishes.
    const deliveries = created.deliveries.length > 0 ? created.deliveries : sandbox[provider]!.setStatus(sessionId, "SUSPECTED")!;
    const delivery = deliveries[0]!;
    const text = delivery.body.toString("utf8");
    expect(text).toContain(BREAKS[provider].from);
    return { sessionId, delivery, body: Buffer.from(text.replaceAll(BREAKS[provider].from, BREAKS[provider].to)) };
  }

  const replayed = new Map<SandboxProviderId, { quarantineId: string; sessionId: string; size: number }>();
  const retried = new Map<SandboxProviderId, { quarantineId: string; sessionId: string; body: Buffer; headers: Record<string, string> }>();

  for (const provider of PROVIDERS) {
    it(`${provider}: a validly signed body its parser cannot read is quarantined (503), counted on redelivery, never on a bad signature`, async () => {
      const before = (await receiptsOf(provider)).length;
      const { sessionId, delivery, body } = brokenEvent(provider);
      const first = await ingest(provider, body, signed(credentials, provider, body, delivery.headers));
      expect(first).toMatchObject({ httpStatus: 503, outcome: "quarantined", attempts: 1 });
      if (first.httpStatus !== 503) return;

      const kept = await row(first.quarantineId);
      expect(kept.outcome).toBe("quarantined");
      expect(Buffer.compare(Buffer.from(kept.rawBody!), body)).toBe(0);
      expect(kept.error).toMatch(BREAKS[provider].error);
      // The signature stays, as evidence that the body was signed; it reveals no secret.
      expect(Object.keys(kept.headers!)).toEqual(expect.arrayContaining(["content-type", SIGNATURE_HEADERS[provider]]));
      expect(kept.headers?.["x-webhook-token"]).toBeUndefined(); // Beltic's shared secret; Bynn sends the key under this name too
      expect(await session(provider, sessionId)).toBeUndefined();

      // The provider retries (Bynn re-signs every attempt): same bytes, same row, one more attempt.
      const again = await ingest(provider, body, signed(credentials, provider, body, delivery.headers));
      expect(again).toMatchObject({ httpStatus: 503, quarantineId: first.quarantineId, attempts: 2 });
      expect((await row(first.quarantineId)).attempts).toBe(2);

      // Someone without the secret: refused, stored nowhere.
      const forged = Buffer.concat([body, Buffer.from(" ")]);
      const bad = await ingest(provider, forged, signed(credentials, provider, body, delivery.headers));
      expect(bad).toMatchObject({ httpStatus: 401 });
      expect((await receiptsOf(provider)).length).toBe(before + 1);
      replayed.set(provider, { quarantineId: first.quarantineId, sessionId, size: body.byteLength });

      // A second broken event, for the provider's own retry after the fix.
      const other = brokenEvent(provider);
      const second = await ingest(provider, other.body, signed(credentials, provider, other.body, other.delivery.headers));
      expect(second).toMatchObject({ httpStatus: 503 });
      if (second.httpStatus === 503)
        retried.set(provider, { quarantineId: second.quarantineId, sessionId: other.sessionId, body: other.body, headers: other.delivery.headers });
    });
  }

  it("keeps bodies that are not even UTF-8 or JSON byte for byte", async () => {
    const notUtf8 = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]);
    const idenfy = await ingest("idenfy", notUtf8, signed(credentials, "idenfy", notUtf8, { "content-type": "application/json" }));
    expect(idenfy).toMatchObject({ httpStatus: 503 });
    const notJson = Buffer.from("event=approved&session=1");
    const didit = await ingest("didit", notJson, signed(credentials, "didit", notJson, { "content-type": "application/x-www-form-urlencoded" }));
    expect(didit).toMatchObject({ httpStatus: 503 });
    if (idenfy.httpStatus !== 503 || didit.httpStatus !== 503) return;
    expect(Buffer.compare(Buffer.from((await row(idenfy.quarantineId)).rawBody!), notUtf8)).toBe(0);
    expect((await row(idenfy.quarantineId)).error).toMatch(/not valid UTF-8/);
    expect((await row(didit.quarantineId)).error).toMatch(/not valid UTF-8 JSON/);
  });

  it("shows admins each quarantined body without its contents, and nobody else", async () => {
    const overview = await listQuarantinedWebhooks(handle.db, admin);
    expect(Object.keys(overview).sort()).toEqual([...PROVIDERS].sort());
    const didit = overview.didit!.rows.find((r) => r.id === replayed.get("didit")!.quarantineId)!;
    expect(didit).toMatchObject({ attempts: 2, error: expect.stringMatching(/Didit/), sessionKnown: false });
    expect(didit.size).toBe(replayed.get("didit")!.size);
    expect(didit.shape).toMatch(/^JSON object: .*event_id/);
    expect(JSON.stringify(overview)).not.toContain(replayed.get("didit")!.sessionId);
    expect(overview.idenfy!.rows.some((r) => r.shape === "not UTF-8 text")).toBe(true);
    await expect(listQuarantinedWebhooks(handle.db, viewerWithRole("lead"))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a replay by a user without providers:manage and changes nothing", async () => {
    const { quarantineId, sessionId } = replayed.get("didit")!;
    // Fixed first, so that a replay getting past the gate would land the session.
    fixables.get("didit")!.fix();
    const auditBefore = (await handle.db.select({ n: count() }).from(auditEvents))[0]!.n;
    for (const role of ["lead", "reviewer", "auditor"] as const) {
      expect(await replayAs(viewerWithRole(role), quarantineId)).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect((await row(quarantineId)).outcome).toBe("quarantined");
    expect(await session("didit", sessionId)).toBeUndefined();
    expect((await handle.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(auditBefore);
  });

  for (const provider of PROVIDERS) {
    it(`${provider}: before the fix a replay reports it still fails; after it the session lands, the row is marked and audited`, async () => {
      const { quarantineId, sessionId } = replayed.get(provider)!;
      if (provider !== "didit") {
        const still = await replayAs(admin, quarantineId);
        expect(still).toMatchObject({ ok: true, data: { result: "still_failing", message: expect.stringMatching(BREAKS[provider].error) } });
        expect((await row(quarantineId)).outcome).toBe("quarantined");
        fixables.get(provider)!.fix();
      }

      const result = await replayAs(admin, quarantineId);
      expect(result).toMatchObject({ ok: true, data: { result: "applied" } });
      const landed = await session(provider, sessionId);
      expect(landed).toBeDefined();
      const marked = await row(quarantineId);
      expect(marked).toMatchObject({ outcome: "replayed", rawBody: null, providerSessionId: sessionId });
      expect(marked.resolvedAt).toBeInstanceOf(Date);
      const [audit] = await handle.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "webhook.replay"), eq(auditEvents.targetId, landed!.id)));
      expect(audit).toMatchObject({
        actorId: admin.id,
        actorLabel: admin.email,
        targetType: "session",
        details: { provider, receiptId: quarantineId, result: "applied" },
      });

      // A second click finds nothing left to do.
      expect(await replayAs(admin, quarantineId)).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "It was replayed already." } });
    });

    it(`${provider}: after the fix the provider's own retry lands by itself and settles the quarantined copy`, async () => {
      const { quarantineId, sessionId, body, headers } = retried.get(provider)!;
      const retry = await ingest(provider, body, signed(credentials, provider, body, headers));
      expect(retry).toMatchObject({ httpStatus: 200, providerSessionId: sessionId });
      expect(await session(provider, sessionId)).toBeDefined();
      expect(await row(quarantineId)).toMatchObject({ outcome: "superseded", rawBody: null });
      expect(await replayAs(admin, quarantineId)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    });
  }

  it("a replay of an event the provider's differently stamped retry applied since reports 'already applied'", async () => {
    const didit = fixables.get("didit")!;
    didit.fix(false);
    const { delivery, body } = brokenEvent("didit");
    const quarantined = await ingest("didit", body, signed(credentials, "didit", body, delivery.headers));
    expect(quarantined).toMatchObject({ httpStatus: 503 });
    if (quarantined.httpStatus !== 503) return;
    // After the fix Didit resends the event; its body carries the time of this attempt, so
    // these are new bytes: the quarantined copy cannot be matched by its digest.
    didit.fix();
    const resent = Buffer.from(body.toString("utf8").replace(/"timestamp":\d+/, `"timestamp":${Math.floor(Date.now() / 1000) + 5}`));
    expect(Buffer.compare(resent, body)).not.toBe(0);
    expect(await ingest("didit", resent, signed(credentials, "didit", resent, delivery.headers))).toMatchObject({ httpStatus: 200, outcome: "applied" });
    expect((await row(quarantined.quarantineId)).outcome).toBe("quarantined");
    expect(await replayAs(admin, quarantined.quarantineId)).toMatchObject({ ok: true, data: { result: "already_applied" } });
    expect(await row(quarantined.quarantineId)).toMatchObject({ outcome: "superseded", rawBody: null });
  });

  it("quarantines a queued event that parses but cannot be applied on its row, and redaction of its session blanks it", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    expect(await ingest("didit", deliveries[0]!.body, new Headers(deliveries[0]!.headers))).toMatchObject({ httpStatus: 200, outcome: "applied" });
    // JSON may carry \u0000, which PostgreSQL's jsonb refuses: the apply fails for what the body says.
    const [next] = sandbox.didit!.setStatus(sessionId, "In Progress")!;
    const poisoned = Buffer.from(next!.body.toString("utf8").replace('"status":', '"note":"a\\u0000b","status":'));
    // Accepted (the provider is done with it); the apply pass keeps it in the quarantine.
    const result = await ingest("didit", poisoned, signed(credentials, "didit", poisoned, next!.headers));
    expect(result).toMatchObject({ httpStatus: 200, outcome: "quarantined" });
    if (result.httpStatus !== 200 || !result.receiptId) return;
    const kept = await row(result.receiptId);
    expect(kept).toMatchObject({ providerSessionId: sessionId, error: expect.stringMatching(/SQLSTATE 22P05/) });
    expect(Buffer.compare(Buffer.from(kept.rawBody!), poisoned)).toBe(0);
    expect((await session("didit", sessionId))!.rawStatus).not.toBe("In Progress");
    const overview = await listQuarantinedWebhooks(handle.db, admin);
    expect(overview.didit!.rows.find((r) => r.id === result.receiptId)).toMatchObject({ sessionKnown: true, error: expect.stringMatching(/22P05/) });
    expect(await replayAs(admin, result.receiptId)).toMatchObject({ ok: true, data: { result: "still_failing" } });

    // A body that did not parse has no known session: found by the session id in its bytes.
    const broken = Buffer.from(`session=${sessionId}&status=In%20Progress`);
    const notJson = await ingest("didit", broken, signed(credentials, "didit", broken, { "content-type": "application/x-www-form-urlencoded" }));
    expect(notJson).toMatchObject({ httpStatus: 503 });
    if (notJson.httpStatus !== 503) return;

    const stored = (await session("didit", sessionId))!;
    await handle.db.transaction((tx) => wipePersonalData(tx, { id: stored.id, provider: "didit", providerSessionId: sessionId }));
    for (const id of [result.receiptId, notJson.quarantineId]) {
      expect(await row(id)).toMatchObject({ outcome: "redacted", rawBody: null, headers: null });
    }
    expect(await replayAs(admin, notJson.quarantineId)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
    expect(await replayAs(admin, result.receiptId)).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
  });

  it("a queued body the parser of the apply pass cannot read is quarantined on its row and replayed in place once fixed", async () => {
    const didit = fixables.get("didit")!;
    didit.fix();
    // Read by the parser at intake; the parser then changes (a deploy between intake and apply).
    const { sessionId, delivery, body } = brokenEvent("didit");
    const queued = await ingestWebhook(handle.db, didit.adapter, body, signed(credentials, "didit", body, delivery.headers));
    expect(queued).toMatchObject({ httpStatus: 200, outcome: "queued" });
    if (queued.httpStatus !== 200 || !queued.receiptId) return;
    didit.fix(false);
    expect(await drainWebhooks(handle.db, [didit.adapter])).toMatchObject({ applied: 0, failed: 1 });
    expect(await row(queued.receiptId)).toMatchObject({ outcome: "quarantined", error: expect.stringMatching(BREAKS.didit.error) });
    expect(await session("didit", sessionId)).toBeUndefined();

    didit.fix();
    expect(await replayAs(admin, queued.receiptId)).toMatchObject({ ok: true, data: { result: "applied" } });
    expect(await session("didit", sessionId)).toBeDefined();
    const marked = await row(queued.receiptId);
    expect(marked).toMatchObject({ outcome: "applied", rawBody: null, headers: null, error: null });
    expect(marked.resolvedAt).toBeInstanceOf(Date);
    expect(await replayAs(admin, queued.receiptId)).toMatchObject({ ok: false, error: { code: "CONFLICT", message: "It was replayed already." } });
    // The provider's redelivery of the same event is acknowledged and changes nothing.
    expect(await ingest("didit", body, signed(credentials, "didit", body, delivery.headers))).toMatchObject({ httpStatus: 200, outcome: "duplicate" });
  });

  it("keeps the audit chain intact and the audit rows free of body contents", async () => {
    const audited = await handle.db.select().from(auditEvents);
    expect(audited.some((a) => a.action === "webhook.quarantine")).toBe(true);
    expect(JSON.stringify(audited.map((a) => a.details))).not.toMatch(/@example\.|not a Didit|session_ref/);
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});
