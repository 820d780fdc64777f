import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, sessionEvents, verificationSessions, webhookReceipts } from "@/db/schema";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createDiditAdapter } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { ProviderAdapter } from "@/lib/providers/types";
import { ingestWebhook } from "@/lib/webhooks/ingest";
import type { WebhookDelivery } from "@/sandbox/provider";
import { createTestDatabase } from "../helpers/db";
import { startTestSandbox, type RunningSandbox } from "../helpers/sandbox";

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

  const ingest = (delivery: WebhookDelivery, body: Uint8Array = delivery.body) => ingestWebhook(handle.db, adapter, body, asHeaders(delivery));
  const stored = async (providerSessionId: string) =>
    (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, providerSessionId)))[0];
  const receipts = async () => (await handle.db.select({ n: count() }).from(webhookReceipts))[0]!.n;

  it("applies a signed event once, however often it is delivered", async () => {
    const { sessionId, deliveries } = sandbox.didit!.createSession();
    const [created] = deliveries;
    const review = sandbox.didit!.setStatus(sessionId, "In Progress")!.concat(sandbox.didit!.setStatus(sessionId, "In Review")!);
    for (const delivery of [created!, ...review]) expect(await ingest(delivery)).toMatchObject({ httpStatus: 200, outcome: "applied" });
    expect(await stored(sessionId)).toMatchObject({ status: "marked_for_review", rawStatus: "In Review" });

    const redelivered = await ingest(review.at(-1)!);
    expect(redelivered).toMatchObject({ httpStatus: 200, outcome: "duplicate" });
    const events = await handle.db.select().from(sessionEvents).where(eq(sessionEvents.type, "provider_webhook"));
    expect(events).toHaveLength(1 + review.length);
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
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
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

  const ingest = (delivery: WebhookDelivery) => ingestWebhook(handle.db, adapter, delivery.body, asHeaders(delivery));
  const row = async (scanRef: string) => (await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, scanRef)))[0];

  it("records both callbacks and lets only the final one settle the status", async () => {
    const { sessionId } = sandbox.idenfy!.createSession();
    const [automatic] = sandbox.idenfy!.setStatus(sessionId, "REVIEWING")!;
    const [manual] = sandbox.idenfy!.setStatus(sessionId, "APPROVED")!;
    expect(JSON.parse(automatic!.body.toString()).final).toBe(false);
    expect(JSON.parse(manual!.body.toString()).final).toBe(true);

    expect(await ingest(automatic!)).toMatchObject({ httpStatus: 200 });
    expect((await row(sessionId))?.status).not.toBe("approved");
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
