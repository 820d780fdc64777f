import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createBelticAdapter } from "@/lib/providers/beltic";
import type { WebhookHandler } from "@/lib/providers/types";
import { WebhookPayloadError } from "@/lib/providers/types";
import { createBelticProvider } from "@/sandbox/beltic";
import type { BelticSandboxOptions } from "@/sandbox/beltic";
import type { WebhookDelivery } from "@/sandbox/provider";

const SECRET = "whsec_beltic_7Jq2mN4p";
const NOW = new Date("2026-06-15T12:00:00Z");

function handler(options: { secret?: string; token?: string; encoding?: "hex" | "base64" } = {}): WebhookHandler {
  const adapter = createBelticAdapter({
    apiKey: "sk_staging_unused",
    webhookSecret: options.secret ?? SECRET,
    webhookToken: options.token,
    signatureEncoding: options.encoding,
  });
  if (!adapter.webhook) throw new Error("webhook handler missing");
  return adapter.webhook;
}

function sandbox(options: Partial<BelticSandboxOptions> = {}) {
  return createBelticProvider({ apiKey: "sk_staging_sandbox", webhookSecret: SECRET, seed: 3, now: NOW, ...options });
}

const headersOf = (values: Record<string, string>) => new Headers(values);
const sign = (body: Buffer, secret = SECRET, encoding: "hex" | "base64" = "hex") => createHmac("sha256", secret).update(body).digest(encoding);
const bytes = (value: unknown) => Buffer.from(String(value), "utf8").toString("hex");
const json = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");

/** A session event written by hand, as Beltic would send it (names in several scripts). */
function handMadeEvent(eventId = "7b0c2d41-4c1e-4b5e-9a50-0f3f3b1d2e11"): Buffer {
  const event = {
    data: {
      type: "event",
      id: eventId,
      attributes: {
        name: "session.marked_for_review",
        created_at: "2026-06-15T11:58:00.000Z",
        payload: {
          data: {
            type: "session",
            id: "5d7e8f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
            attributes: {
              status: "marked_for_review",
              person: { name: { first: "Zoe\u0308", middle: "Алёна", last: "欧阳" }, birth_date: "1990-02-03" },
              contact: { email: "zoe@example.org", phone: null },
              created_at: "2026-06-15T11:00:00.000Z",
              updated_at: "2026-06-15T11:58:00.000Z",
            },
            relationships: { documents: { data: [] }, verifications: { data: [] } },
          },
          included: [],
        },
      },
    },
  };
  return Buffer.from(JSON.stringify(event), "utf8");
}

describe("Beltic webhook verification", () => {
  it("accepts a signature computed independently over the raw bytes (hex, optional sha256= prefix)", async () => {
    const body = handMadeEvent();
    await expect(handler().verify(body, headersOf({ "x-webhook-signature": sign(body) }), NOW)).resolves.toEqual({ ok: true });
    const prefixed = headersOf({ "x-webhook-signature": `sha256=${sign(body).toUpperCase()}` });
    await expect(handler().verify(body, prefixed, NOW)).resolves.toEqual({ ok: true });
  });

  it("accepts base64 signatures when configured so, and only then", async () => {
    const body = handMadeEvent();
    const headers = headersOf({ "x-webhook-signature": sign(body, SECRET, "base64") });
    await expect(handler({ encoding: "base64" }).verify(body, headers, NOW)).resolves.toEqual({ ok: true });
    await expect(handler().verify(body, headers, NOW)).resolves.toMatchObject({ ok: false });
  });

  it.each([
    ["a wrong secret", (body: Buffer) => ({ body, headers: { "x-webhook-signature": sign(body, "whsec_someone_else") } })],
    [
      "a tampered body",
      (body: Buffer) => ({
        body: Buffer.from(body.toString().replace("1990-02-03", "1990-02-04")),
        headers: { "x-webhook-signature": sign(body) },
      }),
    ],
    ["a missing signature", (body: Buffer) => ({ body, headers: {} as Record<string, string> })],
    ["a truncated signature", (body: Buffer) => ({ body, headers: { "x-webhook-signature": sign(body).slice(0, 40) } })],
    ["garbage in the header", (body: Buffer) => ({ body, headers: { "x-webhook-signature": "not-a-signature" } })],
  ])("rejects %s", async (_what, make) => {
    const { body, headers } = make(handMadeEvent());
    const result = await handler().verify(body, headersOf(headers), NOW);
    expect(result.ok).toBe(false);
  });

  it("requires the configured X-Webhook-Token", async () => {
    const body = handMadeEvent();
    const signed = { "x-webhook-signature": sign(body) };
    const withToken = handler({ token: "tok_shared_123" });
    await expect(withToken.verify(body, headersOf({ ...signed, "x-webhook-token": "tok_shared_123" }), NOW)).resolves.toEqual({ ok: true });
    const wrongToken = headersOf({ ...signed, "x-webhook-token": "tok_shared_12" });
    await expect(withToken.verify(body, wrongToken, NOW)).resolves.toMatchObject({ ok: false });
    await expect(withToken.verify(body, headersOf(signed), NOW)).resolves.toMatchObject({ ok: false });
  });

  it("has no timestamp to go stale (none is documented): an old delivery verifies and is caught by its dedupe key", async () => {
    const body = handMadeEvent();
    const headers = headersOf({ "x-webhook-signature": sign(body) });
    await expect(handler().verify(body, headers, new Date("2030-01-01T00:00:00Z"))).resolves.toEqual({ ok: true });
    expect(handler().parse(body, headers).dedupeKey).toBe(handler().parse(Buffer.from(body), headers).dedupeKey);
  });
});

describe("Beltic webhook parsing", () => {
  it("parses a hand-made session event, names byte for byte", () => {
    const parsed = handler().parse(handMadeEvent(), headersOf({}));
    expect(parsed).toMatchObject({
      dedupeKey: "7b0c2d41-4c1e-4b5e-9a50-0f3f3b1d2e11",
      providerSessionId: "5d7e8f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f",
      eventType: "session.marked_for_review",
      complete: true,
      settlesStatus: true,
    });
    expect(parsed.occurredAt?.toISOString()).toBe("2026-06-15T11:58:00.000Z");
    expect(parsed.session).toMatchObject({ status: "marked_for_review", rawStatus: "marked_for_review", detailed: true });
    expect(bytes(parsed.session.applicant.firstName)).toBe(bytes("Zoe\u0308 Алёна"));
    expect(bytes(parsed.session.applicant.lastName)).toBe(bytes("欧阳"));
  });

  it.each([
    ["malformed JSON", Buffer.from('{"data": {"type": "event", ')],
    ["invalid UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ["JSON that is not a Beltic event", Buffer.from(JSON.stringify({ event_id: "x", status: "Approved" }))],
    ["an event without a session", json({ data: { type: "event", id: "e1", attributes: { name: "session.approved" } } })],
    ["a document webhook naming no session", json({ data: { type: "document/idv", id: "d1", attributes: { status: "processed" } } })],
  ])("throws WebhookPayloadError on %s", (_what, body) => {
    expect(() => handler().parse(body, headersOf({}))).toThrow(WebhookPayloadError);
  });

  it("records a documented document-status webhook without moving the status; dedupe is document id + status", () => {
    const body = Buffer.from(
      JSON.stringify({
        data: {
          type: "document/idv",
          id: "doc-1",
          attributes: { status: "processed", processed_at: "2026-06-15T11:00:00Z" },
          relationships: { session: { data: { type: "session", id: "ses-1" } } },
        },
      }),
    );
    const parsed = handler().parse(body, headersOf({}));
    expect(parsed).toMatchObject({
      dedupeKey: "doc-1:processed",
      providerSessionId: "ses-1",
      eventType: "document/idv.processed",
      complete: false,
      settlesStatus: false,
    });
  });
});

describe("Beltic sandbox deliveries", () => {
  const verifyAll = async (deliveries: WebhookDelivery[], webhook = handler()) => {
    for (const delivery of deliveries) {
      await expect(webhook.verify(delivery.body, headersOf(delivery.headers), NOW)).resolves.toEqual({ ok: true });
    }
    return deliveries.map((delivery) => webhook.parse(delivery.body, headersOf(delivery.headers)));
  };

  it("walks a new session to approved with one signed event per step", async () => {
    const provider = sandbox();
    const created = provider.createSession();
    expect(provider.sessionIds()[0]).toBe(created.sessionId);
    const deliveries = [...created.deliveries, ...(provider.setStatus(created.sessionId, "approved") ?? [])];
    const parsed = await verifyAll(deliveries);
    expect(parsed.map((event) => event.eventType)).toEqual(["session.created", "session.started", "session.pending", "session.completed", "session.approved"]);
    for (const event of parsed) {
      expect(event).toMatchObject({ providerSessionId: created.sessionId, complete: true, settlesStatus: true });
    }
    const last = parsed.at(-1);
    expect(last?.session).toMatchObject({ status: "approved", detailed: true });
    expect(last?.session.documents.find((doc) => doc.kind === "idv")?.fields.firstName).toBeTruthy();
    const times = parsed.map((event) => event.session.providerUpdatedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(parsed.map((event) => event.dedupeKey)).size).toBe(parsed.length);
  });

  it("a redelivery of the same bytes keeps its dedupe key", async () => {
    const provider = sandbox();
    const id = provider.sessionIds().find((sessionId) => provider.statusOf(sessionId) === "marked_for_review") ?? "";
    const [delivery] = provider.setStatus(id, "declined") ?? [];
    if (!delivery) throw new Error("no delivery");
    const first = handler().parse(delivery.body, headersOf(delivery.headers));
    const again = handler().parse(Buffer.from(delivery.body), headersOf({ ...delivery.headers }));
    expect(again.dedupeKey).toBe(first.dedupeKey);
  });

  it("signs with the configured encoding and token", async () => {
    const provider = sandbox({ signatureEncoding: "base64", webhookToken: "tok_sandbox" });
    const { deliveries } = provider.createSession();
    expect(deliveries[0]?.headers["x-webhook-token"]).toBe("tok_sandbox");
    await verifyAll(deliveries, handler({ encoding: "base64", token: "tok_sandbox" }));
    const [delivery] = deliveries;
    if (!delivery) throw new Error("no delivery");
    const otherToken = handler({ encoding: "base64", token: "tok_other" });
    await expect(otherToken.verify(delivery.body, headersOf(delivery.headers), NOW)).resolves.toMatchObject({ ok: false });
  });

  it("moves unfinished sessions along with advanceRandom, and ignores unknown sessions or statuses", async () => {
    const provider = sandbox();
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const deliveries = Array.from({ length: 12 }, () => provider.advanceRandom(random)).flat();
    expect(deliveries.length).toBe(12);
    await verifyAll(deliveries);
    expect(provider.setStatus("no-such-session", "approved")).toBeNull();
    expect(provider.setStatus(provider.sessionIds()[0] ?? "", "Approved")).toBeNull();
    const id = provider.sessionIds()[0] ?? "";
    expect(provider.setStatus(id, provider.statusOf(id) ?? "")).toEqual([]);
  });
});
