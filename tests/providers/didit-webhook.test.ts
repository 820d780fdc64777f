import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDiditWebhookHandler } from "@/lib/providers/didit";
import { WebhookPayloadError } from "@/lib/providers/types";
import { createDiditProvider, statusOf } from "@/sandbox/didit";

const SECRET = "wsk_Dk3v0S9xq2Lr8mZt1YbC4nHa7JfQe6UuPgTiVwXyZ0A";
const handler = createDiditWebhookHandler(SECRET);
const NOW = new Date("2026-06-15T12:00:00Z");
const NOW_S = Math.floor(NOW.getTime() / 1000);

/** Signed here with node:crypto, independently of the adapter and of the sandbox. */
const hmacHex = (secret: string, bytes: Buffer) => createHmac("sha256", secret).update(bytes).digest("hex");

const envelope = (overrides: Record<string, unknown> = {}) => ({
  event_id: "5f0c6a0e-6a3e-4a39-9f52-0d3b1c7e9a11",
  webhook_type: "status.updated",
  timestamp: NOW_S,
  created_at: NOW_S - 2,
  session_id: "11111111-2222-4333-8444-555555555555",
  status: "In Progress",
  vendor_data: "клиент-7",
  ...overrides,
});

function signed(body: object | string, options: { secret?: string; timestamp?: number } = {}) {
  const bytes = Buffer.from(typeof body === "string" ? body : JSON.stringify(body), "utf8");
  const headers = new Headers({
    "content-type": "application/json",
    "x-signature": hmacHex(options.secret ?? SECRET, bytes),
    "x-timestamp": String(options.timestamp ?? NOW_S),
  });
  return { bytes, headers };
}

const without = (headers: Headers, name: string) => {
  const copy = new Headers(headers);
  copy.delete(name);
  return copy;
};

describe("Didit webhook verification", () => {
  it("accepts an independently signed body, and the boundary of the 300 s window both ways", async () => {
    const { bytes, headers } = signed(envelope());
    expect(await handler.verify(bytes, headers, NOW)).toEqual({ ok: true });
    expect(await handler.verify(bytes, headers, new Date(NOW.getTime() + 300_000))).toEqual({ ok: true });
    expect(await handler.verify(bytes, headers, new Date(NOW.getTime() - 300_000))).toEqual({ ok: true });
  });

  it.each([
    ["a wrong secret", () => signed(envelope(), { secret: "not-the-secret" })],
    ["a stale timestamp (301 s old)", () => signed(envelope(), { timestamp: NOW_S - 301 })],
    ["a future timestamp (301 s ahead)", () => signed(envelope(), { timestamp: NOW_S + 301 })],
  ])("rejects %s", async (_case, make) => {
    const { bytes, headers } = make();
    expect((await handler.verify(bytes, headers, NOW)).ok).toBe(false);
  });

  it("rejects a tampered body, even by one byte", async () => {
    const { bytes, headers } = signed(envelope({ status: "Declined" }));
    const tampered = Buffer.from(bytes.toString("utf8").replace("Declined", "Approved"), "utf8");
    expect((await handler.verify(tampered, headers, NOW)).ok).toBe(false);
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 2) ^ 1, flipped.length - 2);
    expect((await handler.verify(flipped, headers, NOW)).ok).toBe(false);
  });

  it("rejects missing or malformed signature and timestamp headers", async () => {
    const { bytes, headers } = signed(envelope());
    expect(await handler.verify(bytes, without(headers, "x-signature"), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/X-Signature/) });
    expect(await handler.verify(bytes, without(headers, "x-timestamp"), NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/X-Timestamp/) });
    const shortSig = new Headers(headers);
    shortSig.set("x-signature", String(headers.get("x-signature")).slice(0, 63));
    expect((await handler.verify(bytes, shortSig, NOW)).ok).toBe(false);
    const isoTime = new Headers(headers);
    isoTime.set("x-timestamp", NOW.toISOString());
    expect((await handler.verify(bytes, isoTime, NOW)).ok).toBe(false);
  });

  it("accepts X-Signature-V2 over the canonical JSON when a proxy re-serialised the body", async () => {
    const body = envelope({ vendor_data: "李雷", decision: null, score: 1.5, nested: { b: 2, a: [3, 1] } });
    const canonical =
      '{"created_at":' +
      (NOW_S - 2) +
      ',"decision":null,"event_id":"5f0c6a0e-6a3e-4a39-9f52-0d3b1c7e9a11","nested":{"a":[3,1],"b":2},' +
      '"score":1.5,"session_id":"11111111-2222-4333-8444-555555555555","status":"In Progress","timestamp":' +
      NOW_S +
      ',"vendor_data":"李雷","webhook_type":"status.updated"}';
    const pretty = Buffer.from(JSON.stringify(body, null, 2), "utf8");
    const headers = new Headers({ "x-signature-v2": hmacHex(SECRET, Buffer.from(canonical, "utf8")), "x-timestamp": String(NOW_S) });
    expect(await handler.verify(pretty, headers, NOW)).toEqual({ ok: true });
    const changed = Buffer.from(JSON.stringify({ ...body, status: "Approved" }), "utf8");
    expect((await handler.verify(changed, headers, NOW)).ok).toBe(false);
  });
});

describe("Didit webhook parsing", () => {
  it("reads a status-only event as incomplete, with times from the envelope", () => {
    const { bytes, headers } = signed(envelope());
    const parsed = handler.parse(bytes, headers);
    expect(parsed).toMatchObject({
      dedupeKey: "5f0c6a0e-6a3e-4a39-9f52-0d3b1c7e9a11",
      providerSessionId: "11111111-2222-4333-8444-555555555555",
      eventType: "status.updated",
      occurredAt: new Date((NOW_S - 2) * 1000),
      complete: false,
      settlesStatus: true,
    });
    expect(parsed.session).toMatchObject({ status: "started", rawStatus: "In Progress", detailed: false, applicant: { reference: "клиент-7" } });
    expect(parsed.session.providerUpdatedAt).toEqual(new Date((NOW_S - 2) * 1000));
  });

  it("gives a redelivery the same dedupe key, even when re-signed with a fresh timestamp", () => {
    const first = signed(envelope());
    const resent = signed(envelope({ timestamp: NOW_S + 240 }), { timestamp: NOW_S + 240 });
    expect(handler.parse(first.bytes, first.headers).dedupeKey).toBe(handler.parse(first.bytes, first.headers).dedupeKey);
    expect(handler.parse(resent.bytes, resent.headers).dedupeKey).toBe(handler.parse(first.bytes, first.headers).dedupeKey);
  });

  it.each([
    ["malformed JSON", '{"event_id": "x", "status": '],
    ["a JSON array", "[1, 2, 3]"],
    ["JSON without session_id", JSON.stringify({ event_id: "x", webhook_type: "status.updated", status: "Approved" })],
    ["a decision of the wrong shape", JSON.stringify(envelope({ status: "Approved", decision: { id_verifications: "nope" } }))],
  ])("throws WebhookPayloadError on %s", (_case, body) => {
    const { bytes, headers } = signed(body);
    expect(() => handler.parse(bytes, headers)).toThrow(WebhookPayloadError);
  });

  it("throws WebhookPayloadError on bytes that are not UTF-8", () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(() => handler.parse(bytes, new Headers())).toThrow(WebhookPayloadError);
  });
});

describe("Didit sandbox lifecycle and its webhooks", () => {
  const make = () => createDiditProvider({ apiKey: "k", webhookSecret: SECRET, seed: 5, count: 40, now: NOW });

  it("signs deliveries exactly as Didit does, over compact sorted JSON", () => {
    const provider = make();
    const record = provider.state.sessions.find((r) => statusOf(r) === "In Review");
    if (!record) throw new Error("no In Review session");
    const [delivery] = provider.setStatus(record.sessionId, "Approved") ?? [];
    if (!delivery) throw new Error("no delivery");
    const timestamp = delivery.headers["x-timestamp"];
    expect(delivery.headers["x-signature"]).toBe(hmacHex(SECRET, delivery.body));
    expect(delivery.headers["x-signature-simple"]).toBe(
      createHmac("sha256", SECRET).update(`${timestamp}:${record.sessionId}:Approved:status.updated`).digest("hex"),
    );
    expect(delivery.headers).toMatchObject({ "content-type": "application/json", "user-agent": "DiditWebhook/2.0 +https://didit.me" });
    const text = delivery.body.toString("utf8");
    expect(text).not.toMatch(/": |, "/);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual([...keys].sort());
    expect(JSON.parse(text)).toMatchObject({ webhook_type: "status.updated", status: "Approved", session_id: record.sessionId });
    expect((JSON.parse(text) as { decision: { reviews: unknown[] } }).decision.reviews.length).toBeGreaterThan(0);
  });

  it("verifies and parses every delivery the sandbox produces across the lifecycle", async () => {
    const provider = make();
    const created = provider.createSession();
    expect(provider.statusOf(created.sessionId)).toBe("Not Started");
    expect(provider.sessionIds()[0]).toBe(created.sessionId);
    const deliveries = [...created.deliveries];
    deliveries.push(...(provider.setStatus(created.sessionId, "In Progress") ?? []));
    deliveries.push(...(provider.setStatus(created.sessionId, "In Review") ?? []));
    deliveries.push(...(provider.setStatus(created.sessionId, "Declined") ?? []));
    expect(deliveries).toHaveLength(4);
    const seen = new Set<string>();
    for (const delivery of deliveries) {
      const headers = new Headers(delivery.headers);
      expect(await handler.verify(delivery.body, headers, new Date())).toEqual({ ok: true });
      const parsed = handler.parse(delivery.body, headers);
      seen.add(parsed.dedupeKey);
      expect(parsed.providerSessionId).toBe(created.sessionId);
    }
    expect(seen.size).toBe(4);
    const parsed = deliveries.map((d) => handler.parse(d.body, new Headers(d.headers)));
    expect(parsed.map((p) => [p.session.rawStatus, p.complete])).toEqual([
      ["Not Started", false],
      ["In Progress", false],
      ["In Review", true],
      ["Declined", true],
    ]);
    // Reaching In Review filled in the applicant's results, with a reason for the review.
    const inReview = parsed[2]?.session;
    expect(inReview?.documents).toHaveLength(1);
    expect(inReview?.checks.some((check) => check.result === "review")).toBe(true);
    // The console reviewer's decline is on the trail.
    expect(parsed[3]?.session.events.at(-1)?.detail).toMatchObject({ new_status: "Declined" });
  });

  it("moves only sessions waiting on the applicant; In Review waits for a reviewer", () => {
    const provider = make();
    const inReview = provider.state.sessions.filter((r) => statusOf(r) === "In Review").map((r) => r.sessionId);
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const transitions = new Set<string>();
    for (let step = 0; step < 200; step++) {
      const before = new Map(provider.sessionIds().map((id) => [id, provider.statusOf(id)]));
      const deliveries = provider.advanceRandom(random);
      if (deliveries.length === 0) break;
      for (const delivery of deliveries) {
        const body = JSON.parse(delivery.body.toString("utf8")) as { session_id: string; status: string };
        transitions.add(`${before.get(body.session_id)} → ${body.status}`);
      }
    }
    for (const id of inReview) expect(provider.statusOf(id)).toBe("In Review");
    const allowed = new Set([
      "Not Started → In Progress",
      "Not Started → Expired",
      "In Progress → Abandoned",
      "In Progress → Approved",
      "In Progress → Declined",
      "In Progress → In Review",
      "Resubmitted → Approved",
      "Resubmitted → Declined",
      "Resubmitted → In Review",
    ]);
    for (const transition of transitions) expect(allowed).toContain(transition);
    expect(transitions.size).toBeGreaterThan(2);
    expect(provider.advanceRandom(random)).toEqual([]);
  });

  it("refuses unknown sessions and statuses, and does nothing for the current status", () => {
    const provider = make();
    const id = provider.sessionIds()[0] ?? "";
    expect(provider.setStatus("nope", "Approved")).toBeNull();
    expect(provider.setStatus(id, "approved")).toBeNull();
    expect(provider.setStatus(id, provider.statusOf(id) ?? "")).toEqual([]);
  });
});
