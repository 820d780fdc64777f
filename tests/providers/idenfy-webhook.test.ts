import { createHmac } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { WebhookHandler, WebhookHeaders } from "@/lib/providers/types";
import { WebhookPayloadError } from "@/lib/providers/types";
import { createPrng } from "@/sandbox/generate/prng";
import { createIdenfyProvider } from "@/sandbox/idenfy";
import type { IdenfyRecord, IdenfySandboxProvider } from "@/sandbox/idenfy";
import type { WebhookDelivery } from "@/sandbox/provider";

const KEY = "idenfy_key_3b7f9a21c4";
const API_SECRET = "idenfy_secret_8c2e4d60f1";
const SIGNING_KEY = "whsec_idenfy_5f0c9e2b7a41";
const NOW = new Date("2026-06-15T12:00:00Z");
const LATER = new Date("2031-01-01T00:00:00Z");

let provider: IdenfySandboxProvider;
let webhook: WebhookHandler;

const headersOf = (values: Record<string, string>): WebhookHeaders => {
  const lower = Object.fromEntries(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower[name.toLowerCase()] ?? null };
};
const sign = (secret: string, body: Uint8Array) => createHmac("sha256", secret).update(body).digest("hex");

function recordWhere(predicate: (record: IdenfyRecord) => boolean, what: string): IdenfyRecord {
  const found = provider.state.records.find(predicate);
  if (!found) throw new Error(`sandbox generated no identification with ${what}`);
  return found;
}

async function verified(delivery: WebhookDelivery) {
  expect(await webhook.verify(delivery.body, headersOf(delivery.headers), NOW)).toEqual({ ok: true });
  return webhook.parse(delivery.body, headersOf(delivery.headers));
}

beforeEach(() => {
  provider = createIdenfyProvider({ apiKey: KEY, apiSecret: API_SECRET, webhookSecret: SIGNING_KEY, seed: 11, now: NOW });
  const baseUrl = "http://127.0.0.1:1/idenfy";
  const adapter = createIdenfyAdapter({ apiKey: KEY, apiSecret: API_SECRET, baseUrl, webhookSecret: SIGNING_KEY });
  if (!adapter.webhook) throw new Error("webhook handler missing");
  webhook = adapter.webhook;
});

describe("iDenfy webhooks from the sandbox", () => {
  it("records both callbacks of a manual review, and only the final one settles", async () => {
    const record = recordWhere((r) => r.status === "ACTIVE" && r.issues.includes("dob_mismatch"), "an unused token with a DOB clash");
    const deliveries = provider.setStatus(record.scanRef, "APPROVED") ?? [];
    expect(deliveries.map((d) => d.headers["idenfy-event-type"])).toEqual(["IDENTIFICATION_AUTO_FINISHED", "IDENTIFICATION_MANUAL_FINISHED"]);
    const [auto, manual] = [await verified(deliveries[0]!), await verified(deliveries[1]!)];
    expect(auto).toMatchObject({ providerSessionId: record.scanRef, settlesStatus: false, complete: false });
    expect(auto.session).toMatchObject({ status: "pending", rawStatus: "REVIEWING" });
    expect(manual).toMatchObject({ eventType: "IDENTIFICATION_MANUAL_FINISHED", settlesStatus: true, complete: false });
    expect(manual.session).toMatchObject({ status: "approved", rawStatus: "APPROVED", detailed: true });
    expect(auto.dedupeKey).not.toBe(manual.dedupeKey);
    expect(manual.dedupeKey.startsWith(`${record.scanRef}:IDENTIFICATION_MANUAL_FINISHED:true:`)).toBe(true);
    expect(manual.session.checks.find((c) => c.kind === "data_match")?.codes).toEqual(["DATE_OF_BIRTH"]);
    expect(manual.occurredAt?.getTime()).toBeGreaterThan(auto.occurredAt?.getTime() ?? Infinity);
    expect(manual.session.documents[0]?.mediaKeys.front).toBe("FRONT");
    expect(JSON.stringify(manual.session)).not.toMatch(/https?:\/\//);
  });

  it("settles a SUSPECTED result for the review queue and keeps the tags", async () => {
    const record = recordWhere((r) => r.status === "REVIEWING" && r.issues.includes("dob_mismatch"), "a review with a DOB clash");
    const [delivery] = provider.setStatus(record.scanRef, "SUSPECTED") ?? [];
    const parsed = await verified(delivery!);
    expect(parsed.session).toMatchObject({ status: "marked_for_review", rawStatus: "SUSPECTED" });
    expect(parsed.session.riskSummary).toMatchObject({ suspected: true, mismatchTags: ["DATE_OF_BIRTH"] });
  });

  it("maps expiry, cancellation and resubmission", async () => {
    const unused = recordWhere((r) => r.status === "ACTIVE" && !r.awaitingResubmission, "an unused token");
    const [expired] = provider.setStatus(unused.scanRef, "EXPIRED") ?? [];
    expect(await verified(expired!)).toMatchObject({
      eventType: "IDENTIFICATION_EXPIRED",
      settlesStatus: true,
      session: { status: "expired" },
    });

    const cancelled = { ...expired!, headers: { ...expired!.headers } };
    cancelled.headers["idenfy-event-type"] = "IDENTIFICATION_CANCELLED";
    expect(await verified(cancelled)).toMatchObject({ settlesStatus: true, session: { status: "failed", rawStatus: "EXPIRED" } });

    const waiting = recordWhere((r) => r.awaitingResubmission, "a resubmission request");
    const random = createPrng(3).next;
    let resubmitted: WebhookDelivery | undefined;
    for (let step = 0; step < 500 && !resubmitted; step++) {
      resubmitted = provider.advanceRandom(random).find((d) => d.headers["idenfy-event-type"] === "IDENTIFICATION_RESUBMITTED");
    }
    expect(resubmitted).toBeDefined();
    expect(provider.statusOf(waiting.scanRef)).not.toBe("ACTIVE");
    expect(await verified(resubmitted!)).toMatchObject({
      settlesStatus: false,
      session: { status: "pending", rawStatus: "REVIEWING" },
    });
  });

  it("advances verifications the way iDenfy would, every callback signed", async () => {
    const random = createPrng(5).next;
    const seen = new Set<string>();
    for (let step = 0; step < 60; step++) {
      for (const delivery of provider.advanceRandom(random)) {
        const parsed = await verified(delivery);
        seen.add(parsed.eventType);
        expect(provider.statusOf(parsed.providerSessionId)).toBeTruthy();
      }
    }
    expect(seen.has("IDENTIFICATION_AUTO_FINISHED")).toBe(true);
    expect(seen.has("IDENTIFICATION_MANUAL_FINISHED")).toBe(true);
    const created = provider.createSession();
    expect(created.deliveries).toEqual([]);
    expect(provider.statusOf(created.sessionId)).toBe("ACTIVE");
  });
});

describe("iDenfy webhook signatures computed independently", () => {
  const payload = {
    final: true,
    platform: "MOBILE",
    status: {
      overall: "SUSPECTED",
      fraudTags: ["DUPLICATE_FACE"],
      mismatchTags: ["NAME"],
      autoFace: "FACE_MATCH",
      manualFace: null,
      autoDocument: "DOC_VALIDATED",
      manualDocument: null,
    },
    data: {
      docFirstName: "IVAN",
      docLastName: "PETROV",
      orgFirstName: "Иван",
      orgLastName: "Петров",
      fullName: "王小明",
      address: "شارع التحرير، القاهرة",
      docDob: "1990-02-03",
    },
    fileUrls: { FRONT: "https://s3.eu-west-1.amazonaws.com/idenfy/front.png?X-Amz-Signature=abc" },
    scanRef: "328c6766-934e-11ed-bb9b-025ad99a18e7",
    clientId: "клиент-7",
    startTime: 1_781_000_000,
    finishTime: 1_781_000_120,
  };
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const headers = (signature: string | null, event = "IDENTIFICATION_AUTO_FINISHED") =>
    headersOf({ "Idenfy-Event-Type": event, ...(signature === null ? {} : { "Idenfy-Signature": signature }) });

  it("verifies and parses a body signed with node:crypto, names byte for byte", async () => {
    expect(await webhook.verify(body, headers(sign(SIGNING_KEY, body)), NOW)).toEqual({ ok: true });
    expect(await webhook.verify(body, headers(sign(SIGNING_KEY, body).toUpperCase()), NOW)).toEqual({ ok: true });
    const parsed = webhook.parse(body, headers(sign(SIGNING_KEY, body)));
    const original = parsed.session.documents.find((d) => d.kind === "other")?.fields;
    expect(Buffer.from(String(original?.firstName)).equals(Buffer.from("Иван"))).toBe(true);
    expect(parsed.session.documents[0]?.fields.fullName).toBe("王小明");
    expect(parsed.session.documents[0]?.fields.address).toBe("شارع التحرير، القاهرة");
    expect(parsed.session.applicant.reference).toBe("клиент-7");
    expect(parsed).toMatchObject({ settlesStatus: true, occurredAt: new Date(1_781_000_120_000) });
    expect(parsed.session.checks.find((c) => c.kind === "fraud")?.codes).toEqual(["DUPLICATE_FACE"]);
  });

  it("rejects a wrong secret, the API secret, a tampered body and a missing or malformed signature", async () => {
    const tampered = Buffer.from(body.toString("utf8").replace("SUSPECTED", "APPROVED"), "utf8");
    const cases: [Uint8Array, WebhookHeaders][] = [
      [body, headers(sign("whsec_wrong_secret_000", body))],
      [body, headers(sign(API_SECRET, body))],
      [tampered, headers(sign(SIGNING_KEY, body))],
      [body, headers(null)],
      [body, headers("")],
      [body, headers(`sha256=${sign(SIGNING_KEY, body)}`)],
      [body, headers(sign(SIGNING_KEY, body).slice(0, 63))],
    ];
    for (const [raw, given] of cases) {
      const result = await webhook.verify(raw, given, NOW);
      expect(result.ok).toBe(false);
    }
  });

  it("has no replay window to check: iDenfy sends no timestamp", async () => {
    expect(await webhook.verify(body, headers(sign(SIGNING_KEY, body)), LATER)).toEqual({ ok: true });
  });

  it("falls back to the API secret when that is what signs", async () => {
    const legacy = createIdenfyAdapter({ apiKey: KEY, apiSecret: API_SECRET, webhookSecret: API_SECRET }).webhook;
    expect(await legacy?.verify(body, headers(sign(API_SECRET, body)), NOW)).toEqual({ ok: true });
    expect(createIdenfyAdapter({ apiKey: KEY, apiSecret: API_SECRET }).webhook).toBeUndefined();
  });

  it("throws WebhookPayloadError for malformed JSON, invalid UTF-8 or a foreign shape", () => {
    const bad = [
      Buffer.from('{"scanRef": ', "utf8"),
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      Buffer.from(JSON.stringify({ event_id: "x", status: "Approved" }), "utf8"),
      Buffer.from(JSON.stringify({ scanRef: "abc", status: "APPROVED" }), "utf8"),
      Buffer.from("[]", "utf8"),
    ];
    for (const raw of bad) expect(() => webhook.parse(raw, headers(sign(SIGNING_KEY, raw)))).toThrow(WebhookPayloadError);
  });

  it("gives a redelivery the same dedupe key and a different event another", () => {
    const first = webhook.parse(body, headers(sign(SIGNING_KEY, body)));
    const again = webhook.parse(Buffer.from(body), headers(sign(SIGNING_KEY, body)));
    const manual = webhook.parse(body, headers(sign(SIGNING_KEY, body), "IDENTIFICATION_MANUAL_FINISHED"));
    expect(again.dedupeKey).toBe(first.dedupeKey);
    expect(first.dedupeKey).toBe("328c6766-934e-11ed-bb9b-025ad99a18e7:IDENTIFICATION_AUTO_FINISHED:true:1781000120");
    expect(manual.dedupeKey).not.toBe(first.dedupeKey);
  });

  it("reads document-expiration monitoring without moving the status", () => {
    const event = {
      scanRef: payload.scanRef,
      clientId: "c-1",
      expirationThreshold: "DOCUMENT_EXPIRES_WITHIN_7_DAYS",
      documentExpiration: "2026-06-22",
    };
    const raw = Buffer.from(JSON.stringify(event), "utf8");
    const parsed = webhook.parse(raw, headers(sign(SIGNING_KEY, raw), "DOCUMENT_EXPIRATION"));
    expect(parsed).toMatchObject({ eventType: "DOCUMENT_EXPIRATION", settlesStatus: false, complete: false });
    expect(parsed.session.riskSummary).toMatchObject({ documentExpiration: "2026-06-22" });
  });
});
