import { createHash, generateKeyPairSync, sign } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createBynnAdapter } from "@/lib/providers/bynn";
import type { ProviderAdapter, WebhookHandler, WebhookHeaders } from "@/lib/providers/types";
import { WebhookPayloadError } from "@/lib/providers/types";
import { createBynnProvider } from "@/sandbox/bynn";
import type { BynnSandboxProvider } from "@/sandbox/bynn";

const NOW = new Date("2026-06-15T12:00:00Z");
const DAY_SECONDS = 86_400;

// Our own key pair: signatures below are made with node:crypto only, not with the sandbox or jose.
const ours = generateKeyPairSync("rsa", { modulusLength: 2048 });
const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 });
const ourPublicPem = ours.publicKey.export({ type: "spki", format: "pem" }).toString();

let provider: BynnSandboxProvider;
let fromSandbox: WebhookHandler;
let independent: WebhookHandler;

beforeAll(() => {
  provider = createBynnProvider({ apiKey: "private_sandbox_webhooks", seed: 11, now: NOW, clock: () => NOW });
  fromSandbox = handlerOf(createBynnAdapter({ apiKey: "private_sandbox_webhooks", webhookPublicKey: provider.publicKeyPem }));
  independent = handlerOf(createBynnAdapter({ apiKey: "private_sandbox_webhooks", webhookPublicKey: ourPublicPem }));
});

function handlerOf(adapter: ProviderAdapter): WebhookHandler {
  if (!adapter.webhook) throw new Error("webhook handler missing");
  return adapter.webhook;
}

function headersOf(record: Record<string, string>): WebhookHeaders {
  const lower = Object.fromEntries(Object.entries(record).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower[name.toLowerCase()] ?? null };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

/** A detached RS256 JWT exactly as Bynn documents it, built by hand. */
function signJwt(claims: Record<string, unknown>, key: KeyObject = ours.privateKey, header: object = { alg: "RS256", typ: "JWT" }): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  return `${input}.${sign("RSA-SHA256", Buffer.from(input), key).toString("base64url")}`;
}

type Signed = { body: Buffer; headers: Record<string, string> };

function bynnDelivery(options: { body?: Buffer; iat?: number; claims?: Record<string, unknown>; key?: KeyObject } = {}): Signed {
  const body =
    options.body ??
    Buffer.from(
      JSON.stringify({
        event_id: "evt_7f3a",
        created_at: "2026-06-15T11:58:00Z",
        event_type: "decision.challenge",
        resource: {
          id: "decision_abc",
          session_id: "sess_123",
          status: "challenge",
          risk_tags: ["person.name_mismatch", "document.security_checks"],
          entity: { personal_info: { full_name: "Алёна Кузнецова", nationality_country_id: "UKR" } },
          dossier: { id: "dossier_1", token: "tok", status: "needs_attention" },
          identity_document: {
            id: "identity_document_1",
            status: "needs_attention",
            person: { first_name: "Алёна", last_name: "Кузнецова", full_name: "Алёна Кузнецова", date_of_birth: "1990-02-01" },
            document: { type: "id_card", number: "AB1234567", address: "вул. Хрещатик, 22, Київ", mrz_data: { document_number: "AB1234567" } },
            media: [{ type: "front" }, { type: "back" }],
          },
        },
        organization: { id: "org_1", name: "Acme" },
        jwt: "legacy",
      }),
      "utf8",
    );
  const iat = options.iat ?? Math.floor(NOW.getTime() / 1000) - 60;
  const claims = {
    iss: "bynn.com",
    sub: "evt_7f3a",
    jti: "whk_1",
    iat,
    exp: iat + DAY_SECONDS,
    v: "2",
    sha256: createHash("sha256").update(body).digest("hex"),
    ...options.claims,
  };
  return { body, headers: { "X-Bynn-Signature": signJwt(claims, options.key), "Idempotency-Key": "whk_1", "X-Webhook-Token": "whk_1" } };
}

const verify = (handler: WebhookHandler, { body, headers }: Signed, now = NOW) => handler.verify(body, headersOf(headers), now);

describe("Bynn webhooks from the sandbox", () => {
  it("verify and parse every delivery of a session's whole flow", async () => {
    const { sessionId, deliveries: created } = provider.createSession();
    const flow = [...created, ...(provider.setStatus(sessionId, "decision.challenge") ?? [])];
    expect(flow.length).toBeGreaterThan(8);
    for (const delivery of flow) {
      const headers = headersOf(delivery.headers);
      expect(await fromSandbox.verify(delivery.body, headers, NOW)).toEqual({ ok: true });
      const parsed = fromSandbox.parse(delivery.body, headers);
      expect(parsed.providerSessionId).toBe(sessionId);
      expect(parsed.dedupeKey).toBe(delivery.headers["idempotency-key"]);
      expect(parsed.complete).toBe(false);
      expect(parsed.session.providerUpdatedAt).toEqual(parsed.occurredAt);
    }
    const last = flow.find((d) => d.description.startsWith("decision.challenge"));
    const parsed = fromSandbox.parse(last?.body ?? Buffer.alloc(0), headersOf(last?.headers ?? {}));
    expect(parsed).toMatchObject({ eventType: "decision.challenge", settlesStatus: true });
    expect(parsed.session).toMatchObject({ status: "marked_for_review", rawStatus: "decision.challenge" });
    const record = provider.state.sessions.find((r) => r.sessionId === sessionId);
    expect(parsed.session.documents[0]?.fields.firstName).toBe(record?.person.firstName);
  });

  it("verify and parse the deliveries of a cancellation", async () => {
    const record = provider.state.sessions.find((r) => r.status === "session.consent.accept");
    const deliveries = provider.setStatus(record?.sessionId ?? "", "session.canceled") ?? [];
    const parsed = await Promise.all(
      deliveries.map(async (d) => {
        expect(await fromSandbox.verify(d.body, headersOf(d.headers), NOW)).toEqual({ ok: true });
        return fromSandbox.parse(d.body, headersOf(d.headers)).session.status;
      }),
    );
    expect(parsed).toEqual(["failed", "failed"]);
  });

  it("come from advanceRandom too, which never moves a challenged session (it waits for a reviewer)", async () => {
    const challenged = provider.state.sessions.filter((r) => r.status === "decision.challenge").map((r) => r.sessionId);
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let step = 0; step < 25; step++) {
      for (const delivery of provider.advanceRandom(random)) {
        expect(await fromSandbox.verify(delivery.body, headersOf(delivery.headers), NOW)).toEqual({ ok: true });
        expect(fromSandbox.parse(delivery.body, headersOf(delivery.headers)).providerSessionId).toBeTruthy();
      }
    }
    for (const id of challenged) expect(provider.statusOf(id)).toBe("decision.challenge");
  });

  it("are refused when checked against another key", async () => {
    const [delivery] = provider.createSession().deliveries;
    expect((await independent.verify(delivery?.body ?? Buffer.alloc(0), headersOf(delivery?.headers ?? {}), NOW)).ok).toBe(false);
  });
});

describe("Bynn webhook signatures made independently with node:crypto", () => {
  it("verify and parse into documents, checks and risk tags", async () => {
    const delivery = bynnDelivery();
    expect(await verify(independent, delivery)).toEqual({ ok: true });
    const parsed = independent.parse(delivery.body, headersOf(delivery.headers));
    expect(parsed).toMatchObject({ dedupeKey: "whk_1", providerSessionId: "sess_123", eventType: "decision.challenge", complete: false, settlesStatus: true });
    expect(parsed.occurredAt?.toISOString()).toBe("2026-06-15T11:58:00.000Z");
    // What the decision carries is kept (detailed), merged into the session (complete: false).
    expect(parsed.session).toMatchObject({ status: "marked_for_review", rawStatus: "decision.challenge", detailed: true });
    const decision = parsed.session.checks.find((c) => c.kind === "decision");
    expect(decision).toMatchObject({ result: "review", codes: ["person.name_mismatch", "document.security_checks"] });
    const [doc] = parsed.session.documents;
    expect(doc).toMatchObject({ providerDocumentId: "identity_document_1", kind: "idv", mediaKeys: { front: "front", back: "back" } });
    expect(Buffer.from(String(doc?.fields.fullName)).toString("hex")).toBe(Buffer.from("Алёна Кузнецова").toString("hex"));
    expect(doc?.fields).toMatchObject({ documentNumber: "AB1234567", address: "вул. Хрещатик, 22, Київ" });
    // The entity's personal info is the applicant side; it is not copied into the document's data.
    expect(doc?.fields.nationality).toBeUndefined();
    expect(parsed.session.applicant).toMatchObject({ fullName: "Алёна Кузнецова", nationality: "UKR" });
  });

  it("reject a token signed with another key", async () => {
    expect(await verify(independent, bynnDelivery({ key: stranger.privateKey }))).toEqual({
      ok: false,
      reason: "signature does not verify with the Bynn public key",
    });
  });

  it("reject a tampered body (sha256 mismatch)", async () => {
    const delivery = bynnDelivery();
    const tampered = Buffer.from(delivery.body.toString("utf8").replace("needs_attention", "approved"), "utf8");
    expect(await verify(independent, { ...delivery, body: tampered })).toEqual({ ok: false, reason: "body digest does not match" });
  });

  it("reject an expired token", async () => {
    const iat = Math.floor(NOW.getTime() / 1000) - 2 * DAY_SECONDS;
    expect(await verify(independent, bynnDelivery({ iat }))).toEqual({ ok: false, reason: "signature token has expired" });
  });

  it("reject a wrong issuer, a wrong subject, a jti that is not the Idempotency-Key, and alg none", async () => {
    expect(await verify(independent, bynnDelivery({ claims: { iss: "evil.example" } }))).toEqual({ ok: false, reason: 'signature claim "iss" is not valid' });
    expect(await verify(independent, bynnDelivery({ claims: { sub: "evt_other" } }))).toEqual({ ok: false, reason: "sub does not match event_id" });
    expect(await verify(independent, bynnDelivery({ claims: { jti: "whk_other" } }))).toEqual({ ok: false, reason: "jti does not match Idempotency-Key" });
    expect(await verify(independent, bynnDelivery({ claims: { sha256: undefined } }))).toEqual({ ok: false, reason: "signature has no sha256 claim" });
    const good = bynnDelivery();
    const [, payload] = good.headers["X-Bynn-Signature"]?.split(".") ?? [];
    const unsigned = `${b64url({ alg: "none", typ: "JWT" })}.${payload}.`;
    expect(await verify(independent, { ...good, headers: { ...good.headers, "X-Bynn-Signature": unsigned } })).toMatchObject({ ok: false });
  });

  it("reject a missing signature header", async () => {
    const { body } = bynnDelivery();
    expect(await verify(independent, { body, headers: { "Idempotency-Key": "whk_1" } })).toEqual({
      ok: false,
      reason: "missing X-Bynn-Signature header",
    });
  });

  it("throw WebhookPayloadError on malformed JSON or a body that is not Bynn's", async () => {
    const malformed = bynnDelivery({ body: Buffer.from('{"event_id": "evt_7f3a", "event_type": ', "utf8") });
    expect(await verify(independent, malformed)).toEqual({ ok: true });
    expect(() => independent.parse(malformed.body, headersOf(malformed.headers))).toThrow(WebhookPayloadError);
    const noResource = Buffer.from(JSON.stringify({ event_id: "evt_7f3a", event_type: "session.created" }));
    expect(() => independent.parse(noResource, headersOf({}))).toThrow(WebhookPayloadError);
    const noSession = Buffer.from(JSON.stringify({ event_id: "e", event_type: "document.analyzed", resource: { id: "document_1" } }));
    expect(() => independent.parse(noSession, headersOf({}))).toThrow(WebhookPayloadError);
  });

  it("give a redelivery (re-signed later) the same dedupe key; event_id only without the header", async () => {
    const first = bynnDelivery();
    const retry = bynnDelivery({ iat: Math.floor(NOW.getTime() / 1000) + 3600 });
    expect(retry.headers["X-Bynn-Signature"]).not.toBe(first.headers["X-Bynn-Signature"]);
    const later = new Date(NOW.getTime() + 2 * 3600_000);
    expect(await verify(independent, retry, later)).toEqual({ ok: true });
    const key = (signed: Signed) => independent.parse(signed.body, headersOf(signed.headers)).dedupeKey;
    expect(key(retry)).toBe(key(first));
    expect(independent.parse(first.body, headersOf({})).dedupeKey).toBe("evt_7f3a");
  });

  it("keep informational events from moving the status", () => {
    const body = Buffer.from(
      JSON.stringify({
        event_id: "e2",
        created_at: "2026-06-15T10:00:00Z",
        event_type: "session.liveness.accepted",
        resource: { id: "sess_9", status: "in_progress" },
      }),
    );
    const parsed = independent.parse(body, headersOf({ "Idempotency-Key": "whk_9" }));
    expect(parsed).toMatchObject({ providerSessionId: "sess_9", settlesStatus: false });
    expect(parsed.session.checks[0]).toMatchObject({ kind: "liveness", result: "passed" });
  });

  it("are off without a public key, and a bad key fails at start-up", () => {
    expect(createBynnAdapter({ apiKey: "private_x" }).webhook).toBeUndefined();
    expect(() => createBynnAdapter({ apiKey: "private_x", webhookPublicKey: "not a key" })).toThrow(/not a valid RSA public key/);
    const pkcs1 = ours.publicKey.export({ type: "pkcs1", format: "pem" }).toString();
    expect(createBynnAdapter({ apiKey: "private_x", webhookPublicKey: pkcs1 }).webhook).toBeDefined();
  });
});
