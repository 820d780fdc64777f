import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { outboundDeliveries } from "@/db/schema";
import { deliverDueOutbound } from "@/lib/outbound/deliver";
import { enqueueOutboundEvent, type OutboundEvent } from "@/lib/outbound/enqueue";
import { createTestDatabase } from "../helpers/db";

const SECRET = `whsec_${randomBytes(32).toString("base64")}`;

type Received = { id: string; timestamp: string; body: string; contentType: string; signatureValid: boolean };
type Receiver = { url: string; received: Received[]; replies: Array<{ status: number; body?: string; delayMs?: number }>; close: () => Promise<void> };

/** Standard Webhooks, checked here with node:crypto alone: HMAC-SHA256 over "id.timestamp.body" with the decoded secret. */
function signatureMatches(secret: string, id: string, timestamp: string, body: string, header: string): boolean {
  const expected = createHmac("sha256", Buffer.from(secret.slice("whsec_".length), "base64"))
    .update(`${id}.${timestamp}.${body}`)
    .digest();
  return header.split(" ").some((entry) => {
    const [version, value] = entry.split(",");
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A customer endpoint on a free port: verifies every request, answers from `replies` (204 when empty). */
async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  const replies: Receiver["replies"] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const header = (name: string) => String(request.headers[name] ?? "");
      const signatureValid = signatureMatches(SECRET, header("webhook-id"), header("webhook-timestamp"), body, header("webhook-signature"));
      received.push({ id: header("webhook-id"), timestamp: header("webhook-timestamp"), body, contentType: header("content-type"), signatureValid });
      const reply = signatureValid ? (replies.shift() ?? { status: 204 }) : { status: 401 };
      setTimeout(() => response.writeHead(reply.status, { location: "http://127.0.0.1:1/elsewhere" }).end(reply.body ?? ""), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/verdict?token=customer-token-123`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url, received, replies, close };
}

const decision = (overrides: Partial<OutboundEvent["data"]> = {}): OutboundEvent => ({
  type: "decision.recorded",
  data: {
    sessionId: randomUUID(),
    provider: "idenfy",
    providerSessionId: `scan-${randomUUID()}`,
    action: "approve",
    reasonCode: "documents_ok",
    decisionId: randomUUID(),
    decidedBy: randomUUID(),
    status: "approved",
    ...overrides,
  },
});

describe("outbound webhook delivery (Standard Webhooks, to a real HTTP receiver)", () => {
  let handle: DatabaseHandle;
  let receiver: Receiver;
  beforeAll(async () => {
    [handle, receiver] = await Promise.all([createTestDatabase(), startReceiver()]);
  });
  afterAll(async () => {
    await receiver.close();
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.delete(outboundDeliveries);
    receiver.received.length = 0;
    receiver.replies.length = 0;
  });

  const enqueue = (event: OutboundEvent, now?: Date) => handle.db.transaction((tx) => enqueueOutboundEvent(tx, event, now));
  const deliver = (now: Date, extra: { url?: string } = {}) =>
    deliverDueOutbound(handle.db, { url: receiver.url, secret: SECRET, now, random: () => 0.5, ...extra });
  const row = async (eventId: string) => (await handle.db.select().from(outboundDeliveries).where(eq(outboundDeliveries.eventId, eventId)))[0]!;

  it("delivers a signed event with ids and codes only, and marks it delivered on 2xx", async () => {
    const now = new Date();
    const event = decision();
    // A careless caller passing personal data along: none of it may leave Verdict.
    const leaky = { ...event, data: { ...event.data, applicantName: "Ольга Смирнова", comment: "Passport of Ольга looks fine" } };
    const { eventId, enqueued } = await enqueue(leaky, now);
    expect(enqueued).toBe(true);

    expect(await deliver(now)).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    const [request] = receiver.received;
    expect(request).toMatchObject({ id: eventId, signatureValid: true, contentType: "application/json" });
    expect(Number(request!.timestamp) - Math.floor(now.getTime() / 1000)).toBeGreaterThanOrEqual(0);
    expect(Number(request!.timestamp) - Math.floor(now.getTime() / 1000)).toBeLessThan(5);
    expect(JSON.parse(request!.body)).toEqual({ type: "decision.recorded", timestamp: now.toISOString(), data: event.data });
    expect(request!.body).not.toContain("Ольга");
    expect(await row(eventId)).toMatchObject({ state: "delivered", attempts: 1, lastStatus: 204, lastError: null });
    expect((await row(eventId)).deliveredAt).toBeInstanceOf(Date);

    expect(await deliver(new Date(now.getTime() + 3_600_000))).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(1);
  });

  it("the receiver's check fails for a tampered body or another secret", () => {
    const body = '{"type":"decision.recorded"}';
    const timestamp = "1700000000";
    const signature = `v1,${createHmac("sha256", Buffer.from(SECRET.slice(6), "base64"))
      .update(`msg_1.${timestamp}.${body}`)
      .digest("base64")}`;
    expect(signatureMatches(SECRET, "msg_1", timestamp, body, signature)).toBe(true);
    expect(signatureMatches(SECRET, "msg_1", timestamp, body.replace("recorded", "confirmed"), signature)).toBe(false);
    expect(signatureMatches(`whsec_${randomBytes(32).toString("base64")}`, "msg_1", timestamp, body, signature)).toBe(false);
  });

  it("retries a 500 later, with backoff, a fresh timestamp and the same webhook-id", async () => {
    const now = new Date();
    const { eventId } = await enqueue(decision(), now);
    receiver.replies.push({ status: 500, body: `Internal error\n${"x".repeat(5_000)}` });

    expect(await deliver(now)).toMatchObject({ attempted: 1, retrying: 1 });
    const failedOnce = await row(eventId);
    expect(failedOnce).toMatchObject({ state: "pending", attempts: 1, lastStatus: 500 });
    expect(failedOnce.lastError).toMatch(/^HTTP 500: Internal error x+$/);
    expect(failedOnce.lastError!.length).toBeLessThanOrEqual(220);
    const delay = failedOnce.nextAttemptAt.getTime() - now.getTime();
    expect(delay).toBeGreaterThanOrEqual(30_000);
    expect(delay).toBeLessThan(35_000);

    expect(await deliver(new Date(now.getTime() + 10_000))).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(1);

    expect(await deliver(failedOnce.nextAttemptAt)).toMatchObject({ attempted: 1, delivered: 1 });
    const [first, second] = receiver.received;
    expect(second).toMatchObject({ id: eventId, signatureValid: true, body: first!.body });
    expect(Number(second!.timestamp) - Number(first!.timestamp)).toBeGreaterThanOrEqual(30);
    expect(await row(eventId)).toMatchObject({ state: "delivered", attempts: 2, lastStatus: 204, lastError: null });
  });

  it("does not follow a redirect", async () => {
    const now = new Date();
    const { eventId } = await enqueue(decision(), now);
    receiver.replies.push({ status: 302 });
    expect(await deliver(now)).toMatchObject({ retrying: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(await row(eventId)).toMatchObject({ state: "pending", lastStatus: 302, lastError: "HTTP 302" });
  });

  it("keeps the event pending with the network error when the receiver is down, without the URL or secret", async () => {
    const down = await startReceiver();
    await down.close();
    const now = new Date();
    const { eventId } = await enqueue(decision(), now);
    expect(await deliver(now, { url: down.url })).toMatchObject({ attempted: 1, retrying: 1 });
    const stored = await row(eventId);
    expect(stored).toMatchObject({ state: "pending", attempts: 1, lastStatus: null, lastError: "Network error: ECONNREFUSED" });
    expect(stored.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("gives up after 10 failed attempts, doubling the wait each time", async () => {
    let now = new Date();
    const { eventId } = await enqueue(decision(), now);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      receiver.replies.push({ status: 503 });
      expect(await deliver(now)).toMatchObject({ attempted: 1 });
      const stored = await row(eventId);
      expect(stored.attempts).toBe(attempt);
      if (attempt < 10) waits.push(Math.round((stored.nextAttemptAt.getTime() - now.getTime()) / 30_000));
      now = stored.nextAttemptAt;
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256]);
    expect(await row(eventId)).toMatchObject({ state: "failed", attempts: 10, lastStatus: 503 });
    expect(new Set(receiver.received.map((r) => r.id))).toEqual(new Set([eventId]));
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);

    expect(await deliver(new Date(now.getTime() + 86_400_000))).toMatchObject({ attempted: 0 });
    expect(receiver.received).toHaveLength(10);
  });

  it("two workers polling at once never send the same delivery twice", async () => {
    const now = new Date();
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await enqueue(decision(), now)).eventId);
    for (let i = 0; i < 6; i++) receiver.replies.push({ status: 200, delayMs: 150 });
    const passes = await Promise.all([deliver(now), deliver(now)]);
    expect(passes[0].attempted + passes[1].attempted).toBe(6);
    expect(receiver.received.map((r) => r.id).sort()).toEqual(ids.sort());
    const rows = await handle.db.select().from(outboundDeliveries);
    expect(rows.every((r) => r.state === "delivered" && r.attempts === 1)).toBe(true);
  });

  // PGlite has one connection, so only PostgreSQL can hold a row lock while another pass runs.
  it.runIf(Boolean(process.env.DATABASE_URL))("skips rows another instance has locked instead of waiting for them", async () => {
    const now = new Date();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await enqueue(decision(), now)).eventId);
    const lockedIds = ids.slice(0, 2);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let signalLocked = () => {};
    const locked = new Promise<void>((resolve) => (signalLocked = resolve));
    const otherInstance = handle.db.transaction(async (tx) => {
      await tx.select().from(outboundDeliveries).where(inArray(outboundDeliveries.eventId, lockedIds)).for("update");
      signalLocked();
      await released;
    });
    await locked;
    const blocked = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the pass waited for locked rows")), 5_000).unref());
    try {
      expect(await Promise.race([deliver(now), blocked])).toMatchObject({ attempted: 4, delivered: 4 });
    } finally {
      release();
      await otherInstance;
    }
    expect(receiver.received.map((r) => r.id).sort()).toEqual(ids.slice(2).sort());
    expect(await deliver(now)).toMatchObject({ attempted: 2, delivered: 2 });
    expect(receiver.received.map((r) => r.id).sort()).toEqual([...ids].sort());
  });
});
