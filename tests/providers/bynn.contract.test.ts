import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBynnAdapter } from "@/lib/providers/bynn";
import { mapBynnStatus } from "@/lib/providers/bynn/status";
import { ProviderError } from "@/lib/providers/errors";
import type { ProviderAdapter } from "@/lib/providers/types";
import { createBynnProvider } from "@/sandbox/bynn";
import type { BynnSandboxProvider, BynnSessionRecord, BynnStatus } from "@/sandbox/bynn";
import type { WebhookDelivery } from "@/sandbox/provider";
import { createRouter } from "@/sandbox/router";

/** A string field as the test reads it; anything else is no text. */
const text = (value: unknown): string => (typeof value === "string" ? value : "");

const KEY = "private_sandbox_5f0c9e2a7b41d3";
const NOW = new Date("2026-06-15T12:00:00Z");

let provider: BynnSandboxProvider;
let server: http.Server;
let baseUrl = "";
let bynn: ProviderAdapter;
let requests: string[] = [];
const emitted: WebhookDelivery[] = [];

beforeAll(async () => {
  provider = createBynnProvider({ apiKey: KEY, seed: 7, now: NOW, onWebhook: (deliveries) => emitted.push(...deliveries) });
  const router = createRouter([provider.mount]);
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    router(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bynn`;
  bynn = createBynnAdapter({ apiKey: KEY, baseUrl, timeoutMs: 5000 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  requests = [];
});

const records = () => provider.state.sessions;
const bytes = (value: unknown) => Buffer.from(String(value), "utf8").toString("hex");

function recordWhere(predicate: (record: BynnSessionRecord) => boolean, what: string): BynnSessionRecord {
  const found = records().find(predicate);
  if (!found) throw new Error(`sandbox generated no session with ${what}`);
  return found;
}
const withStatus = (status: BynnStatus) => recordWhere((r) => r.status === status, status);
const ANALYSED: readonly string[] = [
  "identity_document.analyzed",
  "session.completed",
  "decision.challenge",
  "decision.approved",
  "decision.rejected",
  "dossier.approved",
  "dossier.rejected",
];
/** The document's person data is read once the document has been analysed. */
const analysed = (record: BynnSessionRecord) => ANALYSED.includes(record.status);

async function errorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("Bynn sandbox data", () => {
  it("covers every status, several challenges, mismatches and an expired document", () => {
    expect(new Set(records().map((r) => r.status))).toEqual(new Set(provider.statuses));
    expect(records().length).toBe(40);
    expect(records().filter((r) => r.status === "decision.challenge").length).toBeGreaterThanOrEqual(6);
    for (const issue of ["dob_mismatch", "transliterated_name", "document_number_mismatch", "document_expired", "mrz_mismatch"]) {
      expect(records().some((r) => r.issues.includes(issue as never))).toBe(true);
    }
  });
});

describe("Bynn adapter against the sandbox", () => {
  it("reads every session with the status providers.md §5 gives its latest event", async () => {
    for (const record of records()) {
      const session = await bynn.getSession(record.sessionId);
      expect(session.providerSessionId).toBe(record.sessionId);
      expect({ id: record.sessionId, raw: record.status, status: session.status }).toEqual({
        id: record.sessionId,
        raw: record.status,
        status: mapBynnStatus(record.status),
      });
    }
  });

  it("normalises a challenged session: documents, checks, risk tags, no provider URLs", async () => {
    const record = recordWhere((r) => r.scenario === "decision.challenge:mrz_mismatch", "an MRZ mismatch in review");
    const session = await bynn.getSession(record.sessionId);
    expect(session).toMatchObject({ provider: "bynn", status: "marked_for_review", rawStatus: "dossier:needs_attention", detailed: true });
    const [idv] = session.documents;
    expect(idv).toMatchObject({ providerDocumentId: record.ids.identityDocument, kind: "idv", documentType: record.document.type });
    expect(idv?.fields).toMatchObject({ documentNumber: record.document.number, expiryDate: record.document.expiryDate });
    expect(Object.keys(idv?.mediaKeys ?? {})).toContain("front");
    expect(JSON.stringify(session)).not.toMatch(/https?:\/\//);

    const byKind = Object.fromEntries(session.checks.map((check) => [check.kind, check]));
    expect(byKind.decision).toMatchObject({ result: "review", codes: ["document.mrz_mismatch"] });
    expect(byKind.document).toMatchObject({ result: "review", codes: ["document.mrz_mismatch"] });
    expect(byKind.liveness?.result).toBe("passed");
    expect(byKind.aml?.result).toBe("passed");
    expect(session.riskSummary).toMatchObject({ riskTags: ["document.mrz_mismatch"], decisionStatus: "challenge" });
    expect(session.providerUpdatedAt?.toISOString()).toBe(record.updatedAt.toISOString());
  });

  it("keeps what the applicant entered apart from the document (date of birth, number, transliteration)", async () => {
    const dob = await bynn.getSession(recordWhere((r) => r.issues.includes("dob_mismatch") && r.status === "decision.challenge", "dob").sessionId);
    expect(dob.applicant.dateOfBirth).toBeTruthy();
    expect(dob.applicant.dateOfBirth).not.toBe(dob.documents[0]?.fields.dateOfBirth);
    expect(dob.checks.find((c) => c.kind === "decision")?.codes).toContain("person.date_of_birth_mismatch");

    const numberRecord = recordWhere((r) => r.issues.includes("document_number_mismatch") && r.status === "decision.challenge", "number");
    const number = await bynn.getSession(numberRecord.sessionId);
    expect(number.applicant.documentNumber).toBe(numberRecord.applicant.document_number);
    expect(number.applicant.documentNumber).not.toBe(number.documents[0]?.fields.documentNumber);

    const translit = recordWhere((r) => r.issues.includes("transliterated_name") && r.status === "decision.challenge", "transliteration");
    const named = await bynn.getSession(translit.sessionId);
    expect(named.applicant.firstName).toMatch(/^[\x20-\x7e]+$/);
    expect(named.documents[0]?.fields.firstName).toBe(translit.person.firstName);
    expect(named.documents[0]?.fields.firstName).not.toBe(named.applicant.firstName);
  });

  it("shows an expired document as a failed document check on a declined session", async () => {
    const record = recordWhere((r) => r.scenario === "decision.rejected:document_expired", "an expired document");
    const session = await bynn.getSession(record.sessionId);
    expect(session).toMatchObject({ status: "declined", rawStatus: "dossier:rejected" });
    expect(session.checks.find((c) => c.kind === "document")).toMatchObject({ result: "failed", codes: ["document.expired"] });
    expect(String(session.documents[0]?.fields.expiryDate) < "2026-06-15").toBe(true);
  });

  it.each([
    ["Cyrillic", /\p{Script=Cyrillic}/u],
    ["Han", /\p{Script=Han}/u],
    ["Arabic", /\p{Script=Arabic}/u],
    ["decomposed Latin", /\p{M}/u],
  ])("keeps %s names byte for byte", async (_script, pattern) => {
    const record = recordWhere(
      (r) => pattern.test(r.person.fullName) && pattern.test(text(r.applicant.first_name) + text(r.applicant.last_name)) && analysed(r),
      `an analysed session with a ${String(pattern)} name`,
    );
    const session = await bynn.getSession(record.sessionId);
    const fields = session.documents[0]?.fields;
    expect(bytes(fields?.fullName)).toBe(bytes(record.person.fullName));
    expect(bytes(fields?.firstName)).toBe(bytes(record.person.firstName));
    expect(bytes(fields?.lastName)).toBe(bytes(record.person.lastName));
    expect(bytes(session.applicant.firstName)).toBe(bytes(record.applicant.first_name));
    expect(bytes(session.applicant.lastName)).toBe(bytes(record.applicant.last_name));
  });

  it("keeps a non-ASCII unique_id and address byte for byte", async () => {
    const record = recordWhere((r) => /\p{Script=Cyrillic}/u.test(r.uniqueId ?? "") && r.status.startsWith("decision."), "a Cyrillic unique_id");
    const session = await bynn.getSession(record.sessionId);
    expect(bytes(session.applicant.reference)).toBe(bytes(record.uniqueId));
    const withAddress = recordWhere((r) => r.document.type !== "passport" && r.status === "decision.approved", "an ID with an address");
    expect(bytes((await bynn.getSession(withAddress.sessionId)).documents[0]?.fields.address)).toBe(bytes(withAddress.person.address));
  });

  it("rejects a wrong key as auth without echoing it", async () => {
    const wrong = createBynnAdapter({ apiKey: "private_sandbox_not_the_right_one", baseUrl });
    const error = await errorOf(wrong.getSession(records()[0]?.sessionId ?? "x"));
    expect(error.kind).toBe("auth");
    expect(error.options.providerMessage).toBe("Invalid API key provided.");
    expect(JSON.stringify([error.message, error.options])).not.toContain("not_the_right_one");
  });

  it("refuses a public key on private endpoints: the adapter before sending, the sandbox with 401", async () => {
    const publicAdapter = createBynnAdapter({ apiKey: provider.publicApiKey, baseUrl });
    expect(Object.values(publicAdapter.capabilities().allowedByKey).some(Boolean)).toBe(false);
    expect((await errorOf(publicAdapter.getSession(records()[0]?.sessionId ?? "x"))).kind).toBe("auth");
    expect((await errorOf(createBynnAdapter({ apiKey: "", baseUrl }).expire("x"))).kind).toBe("auth");
    expect(requests).toEqual([]);

    const response = await fetch(`${baseUrl}/v1/sessions/${records()[0]?.sessionId}`, {
      headers: { authorization: `Bearer ${provider.publicApiKey}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { type: "authentication_error", message: "This endpoint requires a private API key; a public key was given." },
    });
  });

  it("reports an unknown session as not_found", async () => {
    expect((await errorOf(bynn.getSession("0123456789abcdef0123456789abcdef"))).kind).toBe("not_found");
  });

  it("refuses unsupported calls before any HTTP request", async () => {
    const { offered, allowedByKey } = bynn.capabilities();
    expect(offered).toEqual({ list: false, get: true, approve: false, decline: false, resubmit: false, expire: true, redact: false, media: true });
    expect(allowedByKey).toEqual(offered);
    const id = withStatus("decision.challenge").sessionId;
    const calls = [
      bynn.listSessions(null),
      bynn.decide(id, { action: "approve", reasonCode: "ok", comment: "", idempotencyKey: "k1" }),
      bynn.decide(id, { action: "decline", reasonCode: "fraud", comment: "", idempotencyKey: "k2" }),
      bynn.decide(id, { action: "resubmit", reasonCode: "blurry", comment: "", idempotencyKey: "k3" }),
      bynn.redact(id),
    ];
    for (const call of calls) {
      const error = await errorOf(call);
      expect(error.kind).toBe("unsupported");
      expect(error.message).toMatch(/Bynn/);
    }
    expect(requests).toEqual([]);
  });

  it("expires (cancels) an in-flow session: one DELETE, webhooks, then reads as failed", async () => {
    const record = withStatus("session.liveness.started");
    const result = await bynn.expire(record.sessionId);
    expect(result.providerResponse).toMatchObject({ canceled: true, status: "canceled" });
    expect(requests.filter((line) => line.startsWith("DELETE"))).toHaveLength(1);
    expect(provider.statusOf(record.sessionId)).toBe("session.canceled");
    expect(emitted.map((d) => d.description)).toEqual([`session.canceled ${record.sessionId}`, `dossier.canceled ${record.sessionId}`]);

    const session = await bynn.getSession(record.sessionId);
    expect(session).toMatchObject({ status: "failed", rawStatus: "session:gone", detailed: false });
    expect((await bynn.getProgress?.(record.sessionId))?.screen).toBe("cancel_screen");

    const again = await errorOf(bynn.expire(record.sessionId));
    expect(again).toMatchObject({ kind: "rejected", options: { status: 410, providerMessage: "This session has been canceled." } });
  });

  it("surfaces Bynn's refusal to cancel a finished session", async () => {
    const record = withStatus("decision.approved");
    const error = await errorOf(bynn.expire(record.sessionId));
    expect(error).toMatchObject({ kind: "rejected", options: { status: 422 } });
    expect(error.options.providerMessage).toBe("This session is already completed and can no longer be canceled.");
    expect(provider.statusOf(record.sessionId)).toBe("decision.approved");
  });

  it("fetches document images through freshly signed URLs", async () => {
    const record = recordWhere((r) => r.status === "decision.challenge" && r.document.type !== "passport", "a two-sided ID");
    const session = await bynn.getSession(record.sessionId);
    expect(session.documents[0]?.mediaKeys).toEqual({ front: "front", back: "back", portrait: "portrait" });
    const media = await bynn.fetchMedia(record.sessionId, "front");
    expect(media.contentType).toBe("image/png");
    expect(Buffer.from(media.body.subarray(0, 8)).toString("hex")).toBe("89504e470d0a1a0a");

    requests = [];
    expect((await errorOf(bynn.fetchMedia(record.sessionId, "../../etc"))).kind).toBe("not_found");
    expect(requests).toEqual([]);
    const passport = recordWhere((r) => r.status === "decision.approved" && r.document.type === "passport", "a passport");
    expect((await errorOf(bynn.fetchMedia(passport.sessionId, "back"))).kind).toBe("not_found");
  });

  it("refuses a media link once its signature is altered", async () => {
    const record = withStatus("decision.rejected");
    const doc = await fetch(`${baseUrl}/v1/identity_document/${record.ids.identityDocument}`, { headers: { authorization: `Bearer ${KEY}` } });
    const { media } = (await doc.json()) as { media: Array<{ url: string }> };
    const url = media[0]?.url ?? "";
    expect((await fetch(url)).status).toBe(200);
    // Flip the first signature character to a different one; replacing it with a fixed "0" left the
    // link unchanged whenever the signature already began with "0".
    const altered = url.replace(/signature=(.)/, (_match, first: string) => `signature=${first === "0" ? "1" : "0"}`);
    expect(altered).not.toBe(url);
    expect((await fetch(altered)).status).toBe(403);
  });

  it("reports the applicant's current screen from preflight", async () => {
    const created = await bynn.getProgress?.(withStatus("session.created").sessionId);
    expect(created).toMatchObject({ screen: "consent_screen", detail: { requirement: { requirement_type: "consent" } } });
    expect((await bynn.getProgress?.(withStatus("session.consent.accept").sessionId))?.screen).toBe("scan_id_document_front_screen");
    expect((await bynn.getProgress?.(withStatus("decision.rejected").sessionId))?.screen).toBe("rejected_screen");
  });

  it("follows sessions the sandbox moves or creates", async () => {
    const { sessionId, deliveries } = provider.createSession();
    expect(deliveries.map((d) => d.description)).toEqual([`session.created ${sessionId}`, `dossier.created ${sessionId}`]);
    expect(await bynn.getSession(sessionId)).toMatchObject({ status: "created", rawStatus: "session:created" });
    const moved = provider.setStatus(sessionId, "decision.challenge") ?? [];
    expect(moved.at(-2)?.description).toBe(`decision.challenge ${sessionId}`);
    expect(await bynn.getSession(sessionId)).toMatchObject({ status: "marked_for_review", rawStatus: "dossier:needs_attention" });
    provider.setStatus(sessionId, "dossier.rejected");
    expect(await bynn.getSession(sessionId)).toMatchObject({ status: "declined", rawStatus: "dossier:rejected" });
    expect(provider.setStatus(sessionId, "not.a.status")).toBeNull();
    expect(provider.setStatus("unknown", "decision.approved")).toBeNull();
  });
});

describe("Bynn sandbox session API", () => {
  const post = (path: string, key: string, body: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("creates a session with the public key, announces it, and lets the integrator update it", async () => {
    emitted.length = 0;
    const level = provider.state.kycLevels.basic;
    const created = await post("/v1/sessions", provider.publicApiKey, { kyc_level: level, unique_id: "user_42", first_name: "Zoë", last_name: "Ørsted" });
    expect(created.status).toBe(200);
    const { session_id: sessionId, url } = (await created.json()) as { session_id: string; url: string };
    expect(url).toContain(sessionId);
    expect(emitted.map((d) => d.description)).toEqual([`session.created ${sessionId}`, `dossier.created ${sessionId}`]);
    const session = await bynn.getSession(sessionId);
    expect(session).toMatchObject({ status: "created", applicant: { firstName: "Zoë", lastName: "Ørsted", reference: "user_42" } });

    expect((await post(`/v1/sessions/${sessionId}`, KEY, { email_address: "zoe@example.org" })).status).toBe(200);
    expect((await bynn.getSession(sessionId)).applicant.email).toBe("zoe@example.org");
    const refused = await post(`/v1/sessions/${sessionId}`, KEY, { kyc_level: provider.state.kycLevels.withAddress });
    expect(refused.status).toBe(422);
  });

  it("answers Bynn's way to a missing or unknown kyc_level", async () => {
    const missing = await post("/v1/sessions", provider.publicApiKey, { first_name: "A" });
    expect(missing.status).toBe(422);
    expect(await missing.json()).toEqual({ error: { type: "invalid_request", message: "kyc_level is required." } });
    expect((await post("/v1/sessions", provider.publicApiKey, { kyc_level: "kyc_level_nope" })).status).toBe(404);
    expect((await post("/v1/sessions", "public_sandbox_wrong", { kyc_level: "x" })).status).toBe(401);
  });
});
