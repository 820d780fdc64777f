import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, outboundDeliveries, verificationSessions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { retryDelayMs } from "@/lib/outbound/backoff";
import { deliverDueOutbound } from "@/lib/outbound/deliver";
import { enqueueOutboundEvent, type OutboundEvent } from "@/lib/outbound/enqueue";
import { retryOutboundDelivery } from "@/lib/outbound/retry";
import { outboundSecretSchema } from "@/lib/outbound/secret";
import { sealAndVerify } from "../helpers/audit";
import { createTestDatabase } from "../helpers/db";

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;
const ADMIN = { id: randomUUID(), label: "admin@example.test" };

const decision = (overrides: Partial<OutboundEvent["data"]> = {}): OutboundEvent => ({
  type: "decision.confirmed",
  data: {
    sessionId: randomUUID(),
    provider: "beltic",
    providerSessionId: `ses_${randomUUID()}`,
    action: "decline",
    reasonCode: "document_forged",
    decisionId: randomUUID(),
    decidedBy: ADMIN.id,
    status: "declined",
    ...overrides,
  },
});

describe("outbound events: enqueueing, retrying, backoff", () => {
  let handle: DatabaseHandle;
  // The endpoint's answers, through fetchImpl: the signed HTTP path itself is covered in outbound.test.ts.
  const replies: number[] = [];
  const sent: string[] = [];
  const fetchImpl: typeof fetch = async (_url, init) => {
    sent.push(new Headers(init?.headers).get("webhook-id") ?? "");
    return new Response(null, { status: replies.shift() ?? 204 });
  };
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => {
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.delete(outboundDeliveries);
    replies.length = 0;
    sent.length = 0;
  });

  const enqueue = (event: OutboundEvent, now?: Date) => handle.db.transaction((tx) => enqueueOutboundEvent(tx, event, now));
  const deliver = (now: Date, secret = SECRET, url = "https://hooks.example.test/verdict") =>
    deliverDueOutbound(handle.db, { url, secret, now, fetchImpl, random: () => 0.5 });
  const row = async (eventId: string) => (await handle.db.select().from(outboundDeliveries).where(eq(outboundDeliveries.eventId, eventId)))[0]!;

  it("announces the same event once however often it is enqueued", async () => {
    const event = decision({ action: "decline", reasonCode: "document_forged", status: "declined" });
    const first = await enqueue(event);
    const second = await enqueue(event);
    expect(second).toEqual({ eventId: first.eventId, enqueued: false });
    const other = await enqueue({ ...event, type: "decision.recorded" });
    expect(other.eventId).not.toBe(first.eventId);
    expect(await handle.db.select().from(outboundDeliveries)).toHaveLength(2);
  });

  it("leaves nothing behind when the deciding transaction rolls back", async () => {
    const providerSessionId = `scan-${randomUUID()}`;
    let enqueuedInside = false;
    await expect(
      handle.db.transaction(async (tx) => {
        const [session] = await tx
          .insert(verificationSessions)
          .values({ provider: "bynn", providerSessionId, status: "expired", rawStatus: "cancelled" })
          .returning({ id: verificationSessions.id });
        const data = decision({ sessionId: session!.id, provider: "bynn", providerSessionId, action: "expire", decisionId: null, status: "expired" }).data;
        ({ enqueued: enqueuedInside } = await enqueueOutboundEvent(tx, { type: "session.expired", data }));
        tx.rollback();
      }),
    ).rejects.toThrow(/Rollback/);
    expect(enqueuedInside).toBe(true);
    expect(await handle.db.select().from(outboundDeliveries)).toHaveLength(0);
    expect(await handle.db.select().from(verificationSessions).where(eq(verificationSessions.providerSessionId, providerSessionId))).toHaveLength(0);
  });

  it("refuses a decision event without its decision id", async () => {
    await expect(enqueue(decision({ decisionId: null }))).rejects.toThrow(/decision id/);
    const expired = await enqueue({ ...decision({ decisionId: null, action: "expire", status: "expired" }), type: "session.expired" });
    expect(expired.enqueued).toBe(true);
  });

  it("caps the wait at 6 hours and spreads retries with jitter", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(6 * 3_600_000);
    expect(retryDelayMs(3, () => 0)).toBe(96_000);
    expect(retryDelayMs(3, () => 1)).toBe(144_000);
  });

  it("'Retry now' makes a failed delivery due at once, audited, and the next pass sends it", async () => {
    const { eventId } = await enqueue(decision());
    const { id } = await row(eventId);
    await handle.db.update(outboundDeliveries).set({ state: "failed", attempts: 10, lastStatus: 503, lastError: "HTTP 503" }).where(eq(outboundDeliveries.id, id));
    const now = new Date(Date.now() + 60_000);

    expect(await retryOutboundDelivery(handle.db, { id, actor: ADMIN, now })).toEqual({ id, state: "pending" });
    expect(await row(eventId)).toMatchObject({ state: "pending", attempts: 10, nextAttemptAt: now });
    const [audit] = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(audit).toMatchObject({
      action: "outbound.retry",
      actorId: ADMIN.id,
      targetType: "outbound_delivery",
      details: { eventId, eventType: "decision.confirmed", previousState: "failed", attempts: 10 },
    });
    expect(await sealAndVerify(handle.db)).toMatchObject({ ok: true, unsealed: 0 });

    expect(await deliver(now)).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await row(eventId)).toMatchObject({ state: "delivered", attempts: 11 });

    const refused = retryOutboundDelivery(handle.db, { id, actor: ADMIN });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(retryOutboundDelivery(handle.db, { id: randomUUID(), actor: ADMIN })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, id))).toHaveLength(1);
  });

  it("'Retry now' on a waiting delivery brings its next attempt forward", async () => {
    const start = new Date();
    const { eventId } = await enqueue(decision(), start);
    replies.push(500);
    await deliver(start);
    const { id, nextAttemptAt } = await row(eventId);
    const soon = new Date(start.getTime() + 1_000);
    expect(nextAttemptAt.getTime()).toBeGreaterThan(soon.getTime());
    await retryOutboundDelivery(handle.db, { id, actor: ADMIN, now: soon });
    expect(await deliver(soon)).toMatchObject({ attempted: 1, delivered: 1 });
  });

  it("refuses a malformed secret or target before claiming or sending anything", async () => {
    const now = new Date();
    const { eventId } = await enqueue(decision(), now);
    for (const secret of ["whsec_c2hvcnQ=", "not-a-whsec-secret", `whsec_${"A".repeat(31)}`]) {
      expect(outboundSecretSchema.safeParse(secret).success).toBe(false);
      await expect(deliver(now, secret)).rejects.toThrow(/OUTBOUND_WEBHOOK_SECRET/);
    }
    for (const url of ["https://user:pass@hooks.example.test/", "ftp://hooks.example.test/", "not a url"]) {
      await expect(deliver(now, SECRET, url)).rejects.toThrow(/OUTBOUND_WEBHOOK_URL/);
    }
    expect(sent).toHaveLength(0);
    expect(await row(eventId)).toMatchObject({ state: "pending", attempts: 0, nextAttemptAt: now });
    expect(outboundSecretSchema.safeParse(SECRET).success).toBe(true);
  });
});
