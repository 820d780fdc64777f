import { createHmac } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, sessionEvents, verificationSessions, webhookReceipts } from "@/db/schema";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { ProviderAdapter } from "@/lib/providers/types";
import { wipePersonalData } from "@/lib/sessions/wipe-personal-data";
import { applyQueuedWith } from "@/lib/webhooks/apply-queue";
import { MAX_APPLY_ATTEMPTS } from "@/lib/webhooks/apply-queued-event";
import { ingestWebhook } from "@/lib/webhooks/ingest";
import type { WebhookDelivery } from "@/sandbox/provider";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";
import { drainWebhooks, ingestAndApply } from "../helpers/webhooks";

const didit = { apiKey: "webhook-test-didit-key", webhookSecret: "webhook-test-didit-secret" };

const asHeaders = (delivery: WebhookDelivery) => new Headers(delivery.headers);

describe("webhook intake (Didit, signed by the sandbox)", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  let adapter: ProviderAdapter;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 20, didit })]);
    adapter = createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, retries: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const ingest = (delivery: WebhookDelivery, body: Uint8Array = delivery.body) => ingestAndApply(handle.db, adapter, body, asHeaders(delivery));
  const stored = async (providerSessionId: string) =>
    (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, providerSessionId)))[0];
  const receipts = async () => (await handle.db.select({ n: count() }).from(webhookReceipts))[0]!.n;

  it("applies a signed event once, however often it is delivered", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    const review: WebhookDelivery[] = [];
    // Each event is delivered before the provider moves on: the apply pass re-reads the session
    // an event only names, and that read sees the provider's state of the moment.
    for (const delivery of deliveries) expect(await ingest(delivery)).toMatchObject({ httpStatus: 200, outcome: "applied" });
    for (const status of ["In Progress", "In Review"]) {
      for (const delivery of sandbox.didit!.setStatus(sessionId, status)!) {
        review.push(delivery);
        expect(await ingest(delivery)).toMatchObject({ httpStatus: 200, outcome: "applied" });
      }
    }
    expect(await stored(sessionId)).toMatchObject({ status: "marked_for_review", rawStatus: "In Review" });

    const redelivered = await ingest(review.at(-1)!);
    expect(redelivered).toMatchObject({ httpStatus: 200, outcome: "duplicate" });
    const events = await handle.db.select().from(sessionEvents).where(eq(sessionEvents.type, "provider_webhook"));
    expect(events).toHaveLength(deliveries.length + review.length);
  });

  it("never moves a final decision back for an event that arrives late", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    const toReview = sandbox.didit!.setStatus(sessionId, "In Progress")!.concat(sandbox.didit!.setStatus(sessionId, "In Review")!);
    const approved = sandbox.didit!.setStatus(sessionId, "Approved")!;
    for (const delivery of [...deliveries, ...approved]) await ingest(delivery);
    for (const late of toReview) expect((await ingest(late)).httpStatus).toBe(200);
    expect(await stored(sessionId)).toMatchObject({ status: "approved", rawStatus: "Approved" });
  });

  it("refuses a bad signature, a tampered body or malformed JSON and stores nothing", async () => {
    const { sessionId } = sandbox.didit!.createSession();
    const [delivery] = sandbox.didit!.setStatus(sessionId, "In Progress")!;
    const before = await receipts();
    const auditBefore = (await handle.db.select({ n: count() }).from(auditEvents))[0]!.n;

    const wrongSecret = createDiditAdapter({ ...didit, webhookSecret: "not-the-secret", baseUrl: `${sandbox.url}/didit` });
    expect(await ingestWebhook(handle.db, wrongSecret, delivery!.body, asHeaders(delivery!))).toMatchObject({ httpStatus: 401 });
    const tampered = Buffer.from(delivery!.body.toString("utf8").replace("In Progress", "Approved"));
    expect(await ingest(delivery!, tampered)).toMatchObject({ httpStatus: 401 });
    const unsigned = { ...delivery!, headers: { "content-type": "application/json" } };
    expect(await ingest(unsigned)).toMatchObject({ httpStatus: 401 });

    expect(await receipts()).toBe(before);
    expect((await handle.db.select({ n: count() }).from(auditEvents))[0]!.n).toBe(auditBefore);
    expect(await stored(sessionId)).toBeUndefined();
  });

  it("keeps the audit chain intact across webhook writes", async () => {
    const audited = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "webhook.receive"));
    expect(audited.length).toBeGreaterThan(3);
    expect(JSON.stringify(audited.map((a) => a.details))).not.toMatch(/@example\./);
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });
  });
});

describe("webhook queue (Didit): intake stores, the apply pass applies", () => {
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  let adapter: ProviderAdapter;
  /** A key without read:sessions: no follow-up read, so what a session shows is the events alone. */
  let eventsOnly: ProviderAdapter;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 5, didit })]);
    adapter = createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, retries: 0 });
    eventsOnly = createDiditAdapter({ ...didit, baseUrl: `${sandbox.url}/didit`, retries: 0, privileges: ["write:sessions"] });
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  /** Signed as Didit signs (hex HMAC-SHA256 of the raw body), for bytes the sandbox would never send. */
  const resigned = (body: Buffer) =>
    new Headers({ "x-signature": createHmac("sha256", didit.webhookSecret).update(body).digest("hex"), "x-timestamp": String(Math.floor(Date.now() / 1000)) });
  const queue = (delivery: WebhookDelivery, via = eventsOnly) => ingestWebhook(handle.db, via, delivery.body, asHeaders(delivery));
  const stored = async (providerSessionId: string) =>
    (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, providerSessionId)))[0];
  const receiptsOf = (providerSessionId: string) =>
    handle.db.select().from(webhookReceipts).where(eq(webhookReceipts.providerSessionId, providerSessionId)).orderBy(asc(webhookReceipts.queueSeq));

  it("answers before applying, then applies each session's events in the order received, across passes", async () => {
    const a = sandbox.didit!.createSession();
    const b = sandbox.didit!.createSession();
    const steps = (id: string, statuses: string[]) => statuses.flatMap((status) => sandbox.didit!.setStatus(id, status)!);
    // Interleaved, as a storm delivers them; a redelivery in the middle.
    const aEvents = [...a.deliveries, ...steps(a.sessionId, ["In Progress", "In Review"])];
    const bEvents = [...b.deliveries, ...steps(b.sessionId, ["In Progress", "Declined"])];
    const order = aEvents.flatMap((event, i) => [event, bEvents[i]].filter((e): e is WebhookDelivery => Boolean(e)));
    for (const delivery of order) expect(await queue(delivery)).toMatchObject({ httpStatus: 200, outcome: "queued" });
    expect(await queue(aEvents[1]!)).toMatchObject({ httpStatus: 200, outcome: "duplicate" });

    // Acknowledged, not applied: the request wrote the receipt with its bytes and nothing else.
    expect(await stored(a.sessionId)).toBeUndefined();
    const waiting = await receiptsOf(a.sessionId);
    expect(waiting.map((r) => r.outcome)).toEqual(aEvents.map(() => "queued"));
    expect(waiting.every((r) => r.rawBody && r.body === null)).toBe(true);

    // Three events per pass: each session's events span passes and still apply in order. An
    // event applied after a later one of its session would be marked stale instead.
    const drained = await drainWebhooks(handle.db, [eventsOnly], { limit: 3 });
    expect(drained).toEqual({ applied: order.length, failed: 0, remaining: false });
    expect(await stored(a.sessionId)).toMatchObject({ status: "marked_for_review", rawStatus: "In Review" });
    expect(await stored(b.sessionId)).toMatchObject({ status: "declined", rawStatus: "Declined" });
    for (const id of [a.sessionId, b.sessionId]) {
      const receipts = await receiptsOf(id);
      expect(receipts.map((r) => r.outcome)).toEqual(receipts.map(() => "applied"));
      // The applied receipt keeps the parsed body as evidence, no longer the bytes.
      expect(receipts.every((r) => r.body !== null && r.rawBody === null && r.headers === null)).toBe(true);
    }

    // The provider is still the actor of each applied event.
    const session = (await stored(a.sessionId))!;
    const audited = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, session.id));
    expect(audited.filter((row) => row.action === "webhook.receive").map((row) => row.actorLabel)).toEqual(aEvents.map(() => "webhook:didit"));
    expect(await applyQueuedWith(handle.db, () => eventsOnly)).toEqual({ applied: 0, failed: 0, remaining: false });
  });

  it("quarantines an event its session's lane cannot apply and applies the events around it", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    const other = sandbox.didit!.createSession();
    const [progress] = sandbox.didit!.setStatus(sessionId, "In Progress")!;
    const review = sandbox.didit!.setStatus(sessionId, "In Review")!;
    // Authentic and parseable, but PostgreSQL's jsonb refuses \u0000: the apply fails for what it carries.
    const poisoned = Buffer.from(progress!.body.toString("utf8").replace('"status":', '"note":"a\\u0000b","status":'));
    for (const delivery of deliveries) await queue(delivery);
    expect(await ingestWebhook(handle.db, eventsOnly, poisoned, resigned(poisoned))).toMatchObject({ outcome: "queued" });
    for (const delivery of [...review, ...other.deliveries]) await queue(delivery);
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      expect(await drainWebhooks(handle.db, [eventsOnly])).toEqual({
        applied: deliveries.length + review.length + other.deliveries.length,
        failed: 1,
        remaining: false,
      });
    } finally {
      error.mockRestore();
    }
    expect((await receiptsOf(sessionId)).map((r) => r.outcome)).toEqual([...deliveries.map(() => "applied"), "quarantined", ...review.map(() => "applied")]);
    expect(await stored(sessionId)).toMatchObject({ rawStatus: "In Review" });
    expect(await stored(other.sessionId)).toBeDefined();
  });

  it("leaves every event of a pass queued when the pass fails for another reason than the event", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    for (const delivery of deliveries) await queue(delivery);
    const crashing: ProviderAdapter = {
      ...eventsOnly,
      webhook: {
        ...eventsOnly.webhook!,
        parse: () => {
          throw new Error("the parser's own bug");
        },
      },
    };
    // Verdict's words only, not the error's message (a query's would list the applicant's data).
    await expect(applyQueuedWith(handle.db, () => crashing)).rejects.toThrow(/1 of 1 lanes rolled back: .*Verdict's code failed on it/);
    expect((await receiptsOf(sessionId)).map((r) => r.outcome)).toEqual(deliveries.map(() => "queued"));
    expect(await stored(sessionId)).toBeUndefined();
    expect(await drainWebhooks(handle.db, [eventsOnly])).toMatchObject({ applied: deliveries.length, failed: 0 });
    expect(await stored(sessionId)).toBeDefined();
  });

  it("isolates and quarantines an event that breaks its pass every time, so the events behind it apply", async () => {
    const stuck = sandbox.didit!.createSession();
    const behind = sandbox.didit!.createSession();
    for (const delivery of stuck.deliveries) await queue(delivery);
    for (const delivery of behind.deliveries) await queue(delivery);
    const stuckKeys = new Set((await receiptsOf(stuck.sessionId)).map((r) => r.id));
    // A parser bug (not a WebhookPayloadError) on the first session's events only.
    const buggy: ProviderAdapter = {
      ...eventsOnly,
      webhook: {
        ...eventsOnly.webhook!,
        parse: (body, headers) => {
          const parsed = eventsOnly.webhook!.parse(body, headers);
          if (parsed.providerSessionId === stuck.sessionId) throw new Error("the parser's own bug");
          return parsed;
        },
      },
    };
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // Each failing pass counts against the lane's receipts; past MAX_APPLY_ATTEMPTS they are applied one by one.
      for (let pass = 0; pass < MAX_APPLY_ATTEMPTS; pass++) await applyQueuedWith(handle.db, () => buggy).catch(() => undefined);
      await drainWebhooks(handle.db, [buggy]);
    } finally {
      error.mockRestore();
    }
    const stuckRows = await receiptsOf(stuck.sessionId);
    expect(stuckRows.map((r) => r.outcome)).toEqual([...stuckKeys].map(() => "quarantined"));
    expect((await receiptsOf(behind.sessionId)).every((r) => r.outcome === "applied")).toBe(true);
    expect(await stored(behind.sessionId)).toBeDefined();
  });

  it("re-reads a session the event only names after the pass, and keeps the event applied when the read fails", async () => {
    const first = sandbox.didit!.createSession();
    sandbox.didit!.setStatus(first.sessionId, "In Review");
    for (const delivery of first.deliveries) await queue(delivery, adapter);
    await drainWebhooks(handle.db, [adapter]);
    // The event said "Not Started"; the provider's full record, read after the commit, says more.
    expect(await stored(first.sessionId)).toMatchObject({ rawStatus: "In Review" });

    const second = sandbox.didit!.createSession();
    sandbox.didit!.setStatus(second.sessionId, "In Review");
    sandbox.faults.arm("didit", "error_500", 5);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      for (const delivery of second.deliveries) await queue(delivery, adapter);
      expect(await drainWebhooks(handle.db, [adapter])).toMatchObject({ applied: second.deliveries.length, failed: 0 });
      expect(warn.mock.calls.flat().join(" ")).toContain(`could not re-read session ${second.sessionId}`);
    } finally {
      warn.mockRestore();
      sandbox.faults.clear();
    }
    expect(await stored(second.sessionId)).toMatchObject({ rawStatus: "Not Started" });
    expect((await receiptsOf(second.sessionId)).map((r) => r.outcome)).toEqual(second.deliveries.map(() => "applied"));
  });

  it("redaction closes the session's queued events with their bytes; nothing of them is applied", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    await queue(deliveries[0]!);
    await drainWebhooks(handle.db, [eventsOnly]);
    const pending = sandbox.didit!.setStatus(sessionId, "In Progress")!;
    for (const delivery of pending) await queue(delivery);
    const session = (await stored(sessionId))!;
    await handle.db.transaction((tx) => wipePersonalData(tx, { id: session.id, provider: "didit", providerSessionId: sessionId }));
    const receipts = await receiptsOf(sessionId);
    expect(receipts.map((r) => [r.outcome, r.rawBody, r.headers, r.body])).toEqual([
      ["applied", null, null, null],
      ...pending.map(() => ["redacted", null, null, null]),
    ]);
    expect(await drainWebhooks(handle.db, [eventsOnly])).toMatchObject({ applied: 0 });
    expect((await stored(sessionId))!.rawStatus).toBe(session.rawStatus);
  });
});

describe("webhook intake (iDenfy's automatic and manual callbacks)", () => {
  const idenfy = { apiKey: "webhook-test-idenfy-key", apiSecret: "webhook-test-idenfy-secret", webhookSecret: "webhook-test-idenfy-signing" };
  let handle: DatabaseHandle;
  let sandbox: RunningSandbox;
  let adapter: ProviderAdapter;
  beforeAll(async () => {
    [handle, sandbox] = await Promise.all([createTestDatabase(), startTestSandbox({ sessionCount: 20, idenfy })]);
    adapter = createIdenfyAdapter({ ...idenfy, baseUrl: `${sandbox.url}/idenfy`, retries: 0 });
  });
  afterAll(async () => {
    await sandbox.close();
    await handle.close();
  });

  const ingest = (delivery: WebhookDelivery) => ingestAndApply(handle.db, adapter, delivery.body, asHeaders(delivery));
  const row = async (scanRef: string) => (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, scanRef)))[0];

  it("records both callbacks and lets only the final one settle the status", async () => {
    const { sessionId } = sandbox.idenfy!.createSession();
    const [automatic] = sandbox.idenfy!.setStatus(sessionId, "REVIEWING")!;
    expect(JSON.parse(automatic!.body.toString()).final).toBe(false);
    expect(await ingest(automatic!)).toMatchObject({ httpStatus: 200 });
    expect((await row(sessionId))?.status).not.toBe("approved");

    const [manual] = sandbox.idenfy!.setStatus(sessionId, "APPROVED")!;
    expect(JSON.parse(manual!.body.toString()).final).toBe(true);
    expect(await ingest(manual!)).toMatchObject({ httpStatus: 200, outcome: "applied" });
    expect(await row(sessionId)).toMatchObject({ status: "approved", rawStatus: "APPROVED" });

    const timeline = await handle.db
      .select()
      .from(sessionEvents)
      .where(eq(sessionEvents.sessionId, (await row(sessionId))!.id));
    expect(timeline.filter((e) => e.type === "provider_webhook").map((e) => e.detail.eventType)).toEqual([
      "IDENTIFICATION_AUTO_FINISHED",
      "IDENTIFICATION_MANUAL_FINISHED",
    ]);
  });

  it("a late automatic callback after the manual decision changes nothing", async () => {
    const { sessionId } = sandbox.idenfy!.createSession();
    const [automatic] = sandbox.idenfy!.setStatus(sessionId, "REVIEWING")!;
    const [manual] = sandbox.idenfy!.setStatus(sessionId, "DENIED")!;
    await ingest(manual!);
    expect(await ingest(automatic!)).toMatchObject({ httpStatus: 200 });
    expect(await row(sessionId)).toMatchObject({ status: "declined", rawStatus: "DENIED" });
  });
});
