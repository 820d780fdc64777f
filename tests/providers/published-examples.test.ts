import { createHash, createHmac, generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createBynnAdapter } from "@/lib/providers/bynn";
import { createDiditWebhookHandler } from "@/lib/providers/didit";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { NormalizedCheck, ParsedWebhook, WebhookHandler } from "@/lib/providers/types";
import { createDiditProvider } from "@/sandbox/didit";

/*
 * Contract tests from the providers' own published webhook examples (fixtures/README.md names
 * each source). Every body goes through the real adapter's verify + parse, signed here with a
 * test secret exactly as the provider documents signing.
 */

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name));
const byKind = (checks: NormalizedCheck[], kind: string) => checks.filter((check) => check.kind === kind);

describe("Didit v1 webhooks (docs.didit.me/identity-verification/webhooks)", () => {
  const SECRET = "didit-published-example-secret";
  const handler = createDiditWebhookHandler(SECRET);
  const NOW = new Date("2026-06-15T12:00:00Z");
  const signed = (body: Buffer, at = NOW) => {
    const headers = new Headers({
      "content-type": "application/json",
      "x-signature": createHmac("sha256", SECRET).update(body).digest("hex"),
      "x-timestamp": String(Math.floor(at.getTime() / 1000)),
    });
    return { body, headers };
  };

  it("accepts the example with a decision: status, document, checks, warnings and the person land", async () => {
    const { body, headers } = signed(fixture("didit/v1-webhook-declined-with-decision.json"));
    expect(await handler.verify(body, headers, NOW)).toEqual({ ok: true });
    const parsed = handler.parse(body, headers);
    expect(parsed).toMatchObject({
      providerSessionId: "11111111-2222-3333-4444-555555555555",
      eventType: "status.updated",
      occurredAt: new Date(1627680000 * 1000),
      complete: true,
      settlesStatus: true,
    });
    const { session } = parsed;
    expect(session).toMatchObject({ status: "declined", rawStatus: "Declined", detailed: true });
    expect(session.applicant).toMatchObject({ reference: "11111111-1111-1111-1111-111111111111" });
    expect(session.documents).toHaveLength(1);
    expect(session.documents[0]).toMatchObject({
      kind: "idv",
      documentType: "Passport",
      fields: {
        firstName: "Sergey",
        lastName: "Kozlov",
        fullName: "Sergey Kozlov",
        dateOfBirth: "1990-01-01",
        documentNumber: "BK123456",
        personalNumber: "999999999",
        issuingCountry: "ESP",
        nationality: "ESP",
        issueDate: "2019-03-24",
        expiryDate: "2026-03-24",
        sex: "M",
      },
      extraFields: { placeOfBirth: "Madrid, Spain", maritalStatus: "SINGLE" },
      mediaKeys: { portrait: "portrait_image", front: "front_image", fullFront: "full_front_image" },
    });
    expect(byKind(session.checks, "document")[0]).toMatchObject({ result: "passed" });
    expect(byKind(session.checks, "liveness")[0]).toMatchObject({ result: "passed", score: 87.99 });
    expect(byKind(session.checks, "face_match")[0]).toMatchObject({ result: "passed", score: 97.99 });
    expect(byKind(session.checks, "aml")[0]).toMatchObject({ result: "review", score: 70.35, codes: ["POSSIBLE_MATCH_FOUND"] });
    expect(byKind(session.checks, "ip_analysis")[0]).toMatchObject({ result: "passed" });
    expect(session.riskSummary).toMatchObject({ warnings: ["POSSIBLE_MATCH_FOUND"], livenessScore: 87.99, faceMatchScore: 97.99 });
    expect(session.events).toEqual([
      {
        at: new Date("2024-07-18T13:29:00.366811Z"),
        type: "provider_review",
        detail: { user: "compliance@example.com", new_status: "Declined", comment: "Possible match found in AML screening" },
      },
    ]);
  });

  it("accepts the example without a decision as a status-only event", async () => {
    const { body, headers } = signed(fixture("didit/v1-webhook-kyc-expired.json"));
    expect(await handler.verify(body, headers, NOW)).toEqual({ ok: true });
    const parsed = handler.parse(body, headers);
    expect(parsed).toMatchObject({ complete: false, settlesStatus: true, eventType: "status.updated" });
    expect(parsed.session).toMatchObject({ status: "expired", rawStatus: "Kyc Expired", detailed: false });
  });

  it("dedupes v1 events (no event_id) on session, status and event time, not on the signing time", () => {
    const key = (name: string, at: Date) => {
      const { body, headers } = signed(fixture(name), at);
      return handler.parse(body, headers).dedupeKey;
    };
    const first = key("didit/v1-webhook-declined-with-decision.json", NOW);
    expect(key("didit/v1-webhook-declined-with-decision.json", new Date(NOW.getTime() + 120_000))).toBe(first);
    expect(key("didit/v1-webhook-kyc-expired.json", NOW)).not.toBe(first);
    expect(first).toContain("11111111-2222-3333-4444-555555555555");
  });
});

describe("Bynn decision webhook (docs.bynn.com/docs/webhook-examples)", () => {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const adapter = createBynnAdapter({
    apiKey: "private_sandbox_published",
    webhookPublicKey: keys.publicKey.export({ type: "spki", format: "pem" }).toString(),
  });
  const handler = adapter.webhook as WebhookHandler;
  const NOW = new Date("2025-06-12T14:00:00Z");
  const b64url = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");

  /** The detached RS256 JWT exactly as Bynn documents it, built with node:crypto only. */
  function signed(body: Buffer) {
    const iat = Math.floor(NOW.getTime() / 1000);
    const claims = {
      iss: "bynn.com",
      sub: "3825badc-349c-40c6-b369-ce2b9b186a60",
      jti: "whk_published_example",
      iat,
      exp: iat + 86_400,
      v: "2",
      sha256: createHash("sha256").update(body).digest("hex"),
    };
    const input = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url(claims)}`;
    const jwt = `${input}.${sign("RSA-SHA256", Buffer.from(input), keys.privateKey).toString("base64url")}`;
    const headers = new Headers({ "x-bynn-signature": jwt, "idempotency-key": "whk_published_example", "x-webhook-token": "whk_published_example" });
    return { body, headers };
  }

  let parsed: ParsedWebhook;
  it("verifies and parses the example; the document the webhook carries lands", async () => {
    const { body, headers } = signed(fixture("bynn/decision-approved.json"));
    expect(await handler.verify(body, headers, NOW)).toEqual({ ok: true });
    parsed = handler.parse(body, headers);
    expect(parsed).toMatchObject({ dedupeKey: "whk_published_example", eventType: "decision.approved", settlesStatus: true });
    // The example names no session: the dossier, Bynn's case for this applicant, keys it.
    expect(parsed.providerSessionId).toBe("dossier_7my2UZBDBUqLaAwJbeyxTcUc");
    expect(parsed.session).toMatchObject({ status: "approved", detailed: true });
    expect(parsed.session.documents).toEqual([
      {
        providerDocumentId: "id_doc_hU5G6v9L7FHwU84hcPLp1H6x",
        kind: "idv",
        documentType: "passport",
        fields: {
          firstName: "MYRIAM",
          lastName: "KESO",
          fullName: "KESO MYRIAM",
          dateOfBirth: "1999-04-07",
          documentNumber: "19KL54522",
          documentType: "passport",
          address: "999 ALL BELVEDERE^13127 VITROLLES^FRANCE",
        },
        mediaKeys: {},
      },
    ]);
  });

  it("keeps the entity's personal info as the applicant side, apart from the document's data", () => {
    expect(parsed.session.applicant).toMatchObject({
      fullName: "AMRANI MYRIAM",
      firstName: "MYRIAM",
      lastName: "AMRANI",
      dateOfBirth: "1999-04-07",
      nationality: "FR",
    });
    expect(parsed.session.documents[0]?.fields.lastName).toBe("KESO");
  });

  it("keeps the decision's verdict and risk tags as a check", () => {
    expect(byKind(parsed.session.checks, "decision")).toEqual([expect.objectContaining({ result: "passed", codes: ["document.security_checks"] })]);
    expect(parsed.session.riskSummary).toMatchObject({ riskTags: ["document.security_checks"], decisionStatus: "accepted", dossierStatus: "approved" });
  });
});

describe("iDenfy legacy callback (idenfy/Documentation ResultCallback.md)", () => {
  const SECRET = "idenfy-published-example-secret";
  const adapter = createIdenfyAdapter({ apiKey: "k", apiSecret: SECRET, baseUrl: "http://127.0.0.1:9", webhookSecret: SECRET });
  const handler = adapter.webhook as WebhookHandler;
  const signed = (body: Buffer) => ({ body, headers: new Headers({ "idenfy-signature": createHmac("sha256", SECRET).update(body).digest("hex") }) });

  it("settles the status of a callback without `final`, and keeps what it carries", async () => {
    const { body, headers } = signed(fixture("idenfy/legacy-callback-approved.json"));
    expect(await handler.verify(body, headers, new Date())).toEqual({ ok: true });
    const parsed = handler.parse(body, headers);
    expect(parsed).toMatchObject({ providerSessionId: "scan-ref", eventType: "IDENTIFICATION", settlesStatus: true, occurredAt: new Date(1554727002 * 1000) });
    expect(parsed.session).toMatchObject({ status: "approved", rawStatus: "APPROVED", applicant: { reference: "123" } });
    expect(parsed.session.documents[0]).toMatchObject({
      kind: "idv",
      documentType: "ID_CARD",
      fields: { firstName: "FIRST-NAME-EXAMPLE", lastName: "LAST-NAME-EXAMPLE", documentNumber: "XXXXXXXXX", issuingCountry: "LT", nationality: "LT" },
    });
    expect(Object.keys(parsed.session.documents[0]?.mediaKeys ?? {}).sort()).toEqual(["back", "face", "front"]);
    expect(byKind(parsed.session.checks, "face_match")[0]).toMatchObject({ result: "passed", codes: ["FACE_MATCH"] });
    expect(byKind(parsed.session.checks, "document")[0]).toMatchObject({ result: "passed", codes: ["DOC_VALIDATED"] });
    expect(byKind(parsed.session.checks, "aml")[0]).toMatchObject({ result: "passed", details: expect.objectContaining({ services: ["PilotApiAmlV2"] }) });
    expect(byKind(parsed.session.checks, "lid")[0]).toMatchObject({ result: "passed" });
  });

  it("reads legacy suspicionReasons as the fraud tags they are", () => {
    const json = JSON.parse(fixture("idenfy/legacy-callback-approved.json").toString("utf8"));
    json.status.overall = "SUSPECTED";
    json.status.suspicionReasons = ["DOC_MOBILE_PHOTO"];
    const { body, headers } = signed(Buffer.from(JSON.stringify(json)));
    const parsed = handler.parse(body, headers);
    expect(parsed.session).toMatchObject({ status: "marked_for_review" });
    expect(byKind(parsed.session.checks, "fraud")[0]).toMatchObject({ result: "review", codes: ["DOC_MOBILE_PHOTO"] });
  });
});

describe("the sandbox's Didit v1 webhooks have the published shape", () => {
  const SECRET = "didit-v1-sandbox-secret";
  const handler = createDiditWebhookHandler(SECRET);
  const published = JSON.parse(fixture("didit/v1-webhook-declined-with-decision.json").toString("utf8")) as Record<string, unknown>;

  it("sends published-shape envelopes that the real handler verifies and parses into documents and checks", async () => {
    const provider = createDiditProvider({ apiKey: "k", webhookSecret: SECRET, seed: 3, count: 5, now: new Date(), webhookVersion: "v1" });
    const created = provider.createSession();
    const deliveries = [
      ...created.deliveries,
      ...(provider.setStatus(created.sessionId, "In Progress") ?? []),
      ...(provider.setStatus(created.sessionId, "In Review") ?? []),
      ...(provider.setStatus(created.sessionId, "Declined") ?? []),
    ];
    expect(deliveries).toHaveLength(4);
    for (const delivery of deliveries) {
      const body = JSON.parse(delivery.body.toString("utf8")) as Record<string, unknown>;
      // Nothing the published v1 envelope lacks (no event_id, no webhook_type).
      expect(Object.keys(body).filter((key) => !(key in published))).toEqual([]);
      const headers = new Headers(delivery.headers);
      expect(await handler.verify(delivery.body, headers, new Date())).toEqual({ ok: true });
    }
    const declined = deliveries.at(-1)!;
    const decision = (JSON.parse(declined.body.toString("utf8")) as { decision: Record<string, unknown> }).decision;
    expect(typeof decision.features).toBe("string");
    expect(decision.kyc).toBeTypeOf("object");
    expect(decision.kyc).not.toHaveProperty("warnings");
    expect(Array.isArray(decision.warnings)).toBe(true);
    const parsed = handler.parse(declined.body, new Headers(declined.headers));
    expect(parsed).toMatchObject({ eventType: "status.updated", complete: true, settlesStatus: true });
    expect(parsed.session).toMatchObject({ status: "declined", rawStatus: "Declined" });
    expect(parsed.session.documents).toHaveLength(1);
    expect(parsed.session.checks.map((check) => check.kind)).toEqual(expect.arrayContaining(["document", "liveness", "face_match", "aml"]));
    expect(new Set(deliveries.map((d) => handler.parse(d.body, new Headers(d.headers)).dedupeKey)).size).toBe(4);
  });
});
