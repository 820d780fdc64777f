import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import { createIdenfyAdapter } from "@/lib/providers/idenfy";
import type { IdenfyAdapterOptions } from "@/lib/providers/idenfy";
import { IDENFY_STATUSES as ADAPTER_STATUSES, mapIdenfyStatus } from "@/lib/providers/idenfy/status";
import type { NormalizedSession, ProviderAdapter } from "@/lib/providers/types";
import { createIdenfyProvider, IDENFY_STATUSES } from "@/sandbox/idenfy";
import type { IdenfyRecord, IdenfySandboxProvider } from "@/sandbox/idenfy";
import { createRouter } from "@/sandbox/router";

/** A string field as the test reads it; anything else is no text. */
const text = (value: unknown): string => (typeof value === "string" ? value : "");

const KEY = "idenfy_key_3b7f9a21c4";
const SECRET = "idenfy_secret_8c2e4d60f1";
const NOW = new Date("2026-06-15T12:00:00Z");

let provider: IdenfySandboxProvider;
let server: http.Server;
let baseUrl = "";
let idenfy: ProviderAdapter;
/** Every request the sandbox saw, as "METHOD /path". */
let hits: string[] = [];

const adapter = (options: Partial<IdenfyAdapterOptions> = {}) =>
  createIdenfyAdapter({ apiKey: KEY, apiSecret: SECRET, baseUrl, timeoutMs: 5000, retries: 0, ...options });

beforeAll(async () => {
  provider = createIdenfyProvider({ apiKey: KEY, apiSecret: SECRET, seed: 7, now: NOW });
  const counted = { prefix: provider.mount.prefix, handle: provider.mount.handle };
  counted.handle = (request) => {
    hits.push(`${request.method} ${request.path}`);
    return provider.mount.handle(request);
  };
  server = http.createServer(createRouter([counted]));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/idenfy`;
  idenfy = adapter({ pageSize: 7 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
});

const records = () => provider.state.records;
const bytes = (value: unknown) => Buffer.from(String(value), "utf8").toString("hex");
const apiHits = () => hits.filter((hit) => !hit.includes("/media/"));

function recordWhere(predicate: (record: IdenfyRecord) => boolean, what: string): IdenfyRecord {
  const found = records().find(predicate);
  if (!found) throw new Error(`sandbox generated no identification with ${what}`);
  return found;
}

async function listAll(client: ProviderAdapter = idenfy): Promise<NormalizedSession[]> {
  const all: NormalizedSession[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await client.listSessions(cursor);
    all.push(...result.sessions);
    cursor = result.nextCursor;
    if (cursor === null) return all;
  }
  throw new Error("paging did not terminate");
}

describe("iDenfy sandbox data", () => {
  it("has every iDenfy status, a review queue and verifications waiting for iDenfy's reviewers", () => {
    expect(new Set(records().map((r) => r.status))).toEqual(new Set(IDENFY_STATUSES));
    expect(IDENFY_STATUSES.every((status) => (ADAPTER_STATUSES as readonly string[]).includes(status))).toBe(true);
    expect(records().filter((r) => r.status === "SUSPECTED").length).toBeGreaterThanOrEqual(8);
    expect(records().some((r) => r.status === "REVIEWING" && r.verdicts?.autoFace === "AUTO_UNVERIFIABLE")).toBe(true);
    expect(records()).toHaveLength(40);
  });
});

describe("iDenfy adapter: reading", () => {
  it("pages through every identification exactly once, newest first", async () => {
    const sessions = await listAll();
    const ids = sessions.map((s) => s.providerSessionId);
    expect(ids).toEqual(provider.sessionIds());
    expect(new Set(ids).size).toBe(records().length);
    expect(apiHits().filter((hit) => hit === "GET /kyc/identifications/")).toHaveLength(Math.ceil(records().length / 7));
    for (const session of sessions) {
      expect(session).toMatchObject({ provider: "idenfy", detailed: false, status: mapIdenfyStatus(session.rawStatus) });
      expect(session.providerCreatedAt).toBeInstanceOf(Date);
      expect(session.providerUpdatedAt?.getTime()).toBeGreaterThanOrEqual(session.providerCreatedAt?.getTime() ?? 0);
    }
  });

  it("combines status, data and files into one session and keeps mismatches visible", async () => {
    const record = recordWhere((r) => r.scenario === "SUSPECTED:dob_mismatch", "a date-of-birth mismatch");
    const session = await idenfy.getSession(record.scanRef);
    expect(apiHits().sort()).toEqual(["POST /api/v2/data", "POST /api/v2/files", "POST /api/v2/status"]);
    expect(session).toMatchObject({ status: "marked_for_review", rawStatus: "SUSPECTED", detailed: true });
    expect(session.applicant.reference).toBe(record.clientId);

    const [document] = session.documents;
    expect(document).toMatchObject({ providerDocumentId: "document", kind: "idv", documentType: record.data?.docType });
    expect(document?.fields.dateOfBirth).toBe(record.data?.docDob);
    expect(session.applicant.dateOfBirth).toBe(record.expected.dateOfBirth);
    expect(session.applicant.dateOfBirth).not.toBe(document?.fields.dateOfBirth);
    expect(Object.values(document?.mediaKeys ?? {})).toEqual(record.files);
    expect(document?.mediaKeys).toMatchObject({ front: "FRONT", face: "FACE" });
    expect(JSON.stringify(session)).not.toMatch(/https?:\/\//);

    const byKind = Object.fromEntries(session.checks.map((check) => [check.kind, check]));
    expect(byKind.data_match).toMatchObject({ result: "review", codes: ["DATE_OF_BIRTH"] });
    expect(byKind.face_match).toMatchObject({ result: "passed", codes: ["FACE_MATCH"] });
    expect(byKind.document).toMatchObject({ result: "passed", codes: ["DOC_VALIDATED"] });
    expect(byKind.fraud).toMatchObject({ result: "passed", codes: [] });
    expect(byKind.risk_assessment?.score).toBeTypeOf("number");
    expect(session.riskSummary).toMatchObject({ suspected: true, redacted: false, mismatchTags: ["DATE_OF_BIRTH"] });
    expect(session.providerUpdatedAt?.toISOString()).toBe(record.updated.toISOString());
  });

  it("reports fraud tags and AML hits with iDenfy's own codes", async () => {
    const record = recordWhere((r) => r.scenario.startsWith("SUSPECTED:aml_hit"), "an AML hit");
    const session = await idenfy.getSession(record.scanRef);
    const byKind = Object.fromEntries(session.checks.map((check) => [check.kind, check]));
    expect(byKind.fraud).toMatchObject({ result: "review", codes: ["AML_SUSPECTION"] });
    expect(byKind.aml?.result).toBe("review");
    expect(byKind.aml?.codes.some((code) => code === "PEPS" || code === "SANCTION")).toBe(true);
    expect(session.riskSummary).toMatchObject({ amlSuspected: true, fraudTags: ["AML_SUSPECTION"] });
  });

  it("declines an expired document with DOC_EXPIRED", async () => {
    const record = recordWhere((r) => r.scenario === "DENIED:document_expired", "an expired document");
    const session = await idenfy.getSession(record.scanRef);
    expect(session.status).toBe("declined");
    expect(session.checks.find((c) => c.kind === "document")).toMatchObject({ result: "failed", codes: ["DOC_EXPIRED"] });
    expect(String(session.documents[0]?.fields.expiryDate) < "2026-06-15").toBe(true);
  });

  it("keeps AUTO_UNVERIFIABLE under iDenfy's manual review pending", async () => {
    const record = recordWhere((r) => r.status === "REVIEWING" && r.verdicts?.autoFace === "AUTO_UNVERIFIABLE", "AUTO_UNVERIFIABLE");
    const session = await idenfy.getSession(record.scanRef);
    expect(session).toMatchObject({ status: "pending", rawStatus: "REVIEWING" });
    expect(session.checks.find((c) => c.kind === "face_match")).toMatchObject({ result: "review", codes: ["AUTO_UNVERIFIABLE"] });
  });

  it("reads an unused token from the status endpoint alone", async () => {
    const record = recordWhere((r) => r.status === "ACTIVE" && !r.awaitingResubmission, "an unused token");
    const session = await idenfy.getSession(record.scanRef);
    expect(apiHits()).toEqual(["POST /api/v2/status"]);
    expect(session).toMatchObject({ status: "created", rawStatus: "ACTIVE", documents: [], checks: [] });
  });

  it("flags redacted verifications and keeps the decision they had", async () => {
    const deleted = recordWhere((r) => r.scenario === "DELETED:clean", "a deleted approval");
    const session = await idenfy.getSession(deleted.scanRef);
    expect(session).toMatchObject({ rawStatus: "DELETED", status: "approved", documents: [] });
    expect(session.riskSummary.redacted).toBe(true);
    expect(session.applicant).toEqual({ reference: deleted.clientId });
    const archived = recordWhere((r) => r.status === "ARCHIVED", "an archived verification");
    expect((await idenfy.getSession(archived.scanRef)).status).toBe("marked_for_review");
    const unused = recordWhere((r) => r.status === "EXPIRED-DELETED", "a deleted unused token");
    expect((await idenfy.getSession(unused.scanRef)).status).toBe("expired");
  });

  it.each([
    ["Cyrillic", /\p{Script=Cyrillic}/u],
    ["Han", /\p{Script=Han}/u],
    ["Arabic", /\p{Script=Arabic}/u],
  ])("keeps %s names from the document's original script byte for byte", async (_script, pattern) => {
    const record = recordWhere((r) => pattern.test(text(r.data?.orgFirstName)), `a ${String(pattern)} name`);
    const session = await idenfy.getSession(record.scanRef);
    const original = session.documents.find((d) => d.providerDocumentId === "document_original_script");
    expect(original?.kind).toBe("other");
    expect(bytes(original?.fields.firstName)).toBe(bytes(record.data?.orgFirstName));
    expect(bytes(original?.fields.lastName)).toBe(bytes(record.data?.orgLastName));
    expect(bytes(session.documents[0]?.fields.firstName)).toBe(bytes(record.data?.docFirstName));
  });

  it("keeps decomposed Latin, transliteration clashes and non-ASCII references byte for byte", async () => {
    const latin = recordWhere((r) => /\p{M}/u.test(text(r.data?.docFirstName ?? r.data?.docLastName)), "a decomposed name");
    const fields = (await idenfy.getSession(latin.scanRef)).documents[0]?.fields;
    expect(bytes(fields?.firstName)).toBe(bytes(latin.data?.docFirstName));
    expect(bytes(fields?.lastName)).toBe(bytes(latin.data?.docLastName));

    const clash = recordWhere((r) => r.scenario.startsWith("SUSPECTED:transliterated_name"), "a transliterated name");
    const session = await idenfy.getSession(clash.scanRef);
    expect(bytes(session.applicant.firstName)).toBe(bytes(clash.expected.firstName));
    expect(session.applicant.firstName).not.toBe(session.documents[0]?.fields.firstName);
    expect(session.checks.find((c) => c.kind === "data_match")?.codes).toEqual(["NAME", "SURNAME"]);

    const client = recordWhere((r) => /\p{Script=Cyrillic}/u.test(r.clientId), "a Cyrillic clientId");
    expect(bytes((await idenfy.getSession(client.scanRef)).applicant.reference)).toBe(bytes(client.clientId));
  });

  it("downloads media through a fresh files link on every call", async () => {
    const record = recordWhere((r) => r.status === "APPROVED" && r.files.includes("BACK"), "an approved ID card");
    const first = await idenfy.fetchMedia(record.scanRef, "front");
    const second = await idenfy.fetchMedia(record.scanRef, "FACE");
    expect(first.contentType).toBe("image/png");
    expect(Buffer.from(first.body.subarray(0, 4)).toString("hex")).toBe("89504e47");
    expect(second.body.byteLength).toBeGreaterThan(0);
    expect(hits.filter((hit) => hit === "POST /api/v2/files")).toHaveLength(2);
    expect(hits.filter((hit) => hit.includes("/media/"))).toHaveLength(2);
    await expect(idenfy.fetchMedia(record.scanRef, "selfie_video")).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("iDenfy adapter: errors and capabilities", () => {
  it("rejects wrong or missing credentials as auth without echoing them", async () => {
    const wrong = adapter({ apiSecret: "not-the-right-secret-123" });
    const error = await wrong.listSessions(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("auth");
    expect((error as ProviderError).options.providerMessage).toBe("Invalid API key or API secret.");
    expect(JSON.stringify([(error as ProviderError).message, (error as ProviderError).options])).not.toContain("not-the-right");
    hits = [];
    await expect(adapter({ apiKey: "", apiSecret: "" }).getSession("x")).rejects.toMatchObject({ kind: "auth" });
    expect(hits).toEqual([]);
  });

  it("reports an unknown scanRef as not_found", async () => {
    await expect(idenfy.getSession("00000000-0000-11ee-8000-000000000000")).rejects.toMatchObject({
      name: "ProviderError",
      kind: "not_found",
    });
  });

  it("states what iDenfy offers and refuses the rest before any request", async () => {
    const { offered, allowedByKey } = idenfy.capabilities();
    expect(offered).toEqual({
      list: true,
      get: true,
      approve: false,
      decline: false,
      resubmit: true,
      expire: false,
      redact: true,
      media: true,
    });
    expect(allowedByKey).toEqual(offered);
    const scanRef = records()[0]?.scanRef ?? "x";
    const request = { reasonCode: "ok", comment: "Looks fine.", idempotencyKey: "k1" };
    for (const action of ["approve", "decline"] as const) {
      const error = await idenfy.decide(scanRef, { ...request, action }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: "unsupported" });
      expect((error as Error).message).toMatch(/leaves the decision to the customer, so Verdict records it/);
    }
    await expect(idenfy.expire(scanRef)).rejects.toMatchObject({ kind: "unsupported" });
    expect(hits).toEqual([]);
  });

  it("refuses calls outside the key's allowed actions before any request", async () => {
    const readOnly = adapter({ allowedActions: ["list", "get", "media"] });
    expect(readOnly.capabilities().allowedByKey).toMatchObject({ list: true, get: true, media: true, resubmit: false, redact: false });
    const scanRef = records()[0]?.scanRef ?? "x";
    await expect(readOnly.redact(scanRef)).rejects.toMatchObject({ kind: "auth" });
    const request = { action: "resubmit", reasonCode: "blurry", comment: "", idempotencyKey: "k2" } as const;
    await expect(readOnly.decide(scanRef, request)).rejects.toMatchObject({ kind: "auth" });
    expect(hits).toEqual([]);
  });
});

describe("iDenfy adapter: actions change the sandbox", () => {
  it("requests a resubmission and surfaces iDenfy's refusal of a second one", async () => {
    const record = recordWhere((r) => r.scenario === "SUSPECTED:document_number_mismatch", "a document number mismatch");
    const comment = "Пожалуйста, загрузите паспорт.";
    const request = { action: "resubmit", reasonCode: "wrong_document", comment, idempotencyKey: "r1" } as const;
    const result = await idenfy.decide(record.scanRef, request);
    expect(provider.statusOf(record.scanRef)).toBe("ACTIVE");
    expect(record.awaitingResubmission).toBe(true);
    expect(result.providerResponse).toMatchObject({ scanRef: record.scanRef, sessionUrlIssued: true, lifetime: 86_400 });
    expect(JSON.stringify(result)).not.toMatch(/authToken|tokenString|https?:/);
    expect((await idenfy.getSession(record.scanRef)).status).toBe("created");

    hits = [];
    const error = await idenfy.decide(record.scanRef, request).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rejected" });
    expect((error as Error).message).toContain("Identification is not finished yet.");
    expect(hits).toEqual([`POST /kyc/identifications/${record.scanRef}/request-information/`]);
  });

  it("surfaces 'Token has not expired yet.' and deletes once the token is gone", async () => {
    const live = recordWhere((r) => r.status === "ACTIVE", "an unused token");
    const refusal = await idenfy.redact(live.scanRef).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ProviderError);
    expect(refusal).toMatchObject({ kind: "rejected", options: { status: 400, providerMessage: "Token has not expired yet." } });
    expect((refusal as Error).message).toContain("Token has not expired yet.");
    expect(JSON.stringify([(refusal as Error).message, (refusal as ProviderError).options])).not.toContain(SECRET);
    expect(provider.statusOf(live.scanRef)).toBe("ACTIVE");

    const done = recordWhere((r) => r.status === "DENIED" && r.tokenExpiresAt < NOW, "a denied verification with an expired token");
    const result = await idenfy.redact(done.scanRef);
    expect(result.providerResponse).toEqual({ scanRef: done.scanRef, deleted: true });
    expect(provider.statusOf(done.scanRef)).toBe("DELETED");
    const session = await idenfy.getSession(done.scanRef);
    expect(session).toMatchObject({ rawStatus: "DELETED", status: "declined", documents: [] });
    expect(session.riskSummary.redacted).toBe(true);
    await expect(idenfy.fetchMedia(done.scanRef, "front")).rejects.toMatchObject({ kind: "not_found" });
    await expect(idenfy.redact(done.scanRef)).rejects.toMatchObject({ kind: "rejected" });
  });

  it("shows a change made by iDenfy (setStatus) on the next read", async () => {
    const record = recordWhere((r) => r.status === "REVIEWING", "a verification under review");
    const deliveries = provider.setStatus(record.scanRef, "DENIED");
    expect(deliveries).toHaveLength(1);
    const session = await idenfy.getSession(record.scanRef);
    expect(session).toMatchObject({ rawStatus: "DENIED", status: "declined" });
    expect(session.checks.find((c) => c.kind === "face_match")?.details.decidedBy).toBe("manual");
    expect(provider.setStatus(record.scanRef, "NOT_A_STATUS")).toBeNull();
    expect(provider.setStatus("unknown", "APPROVED")).toBeNull();
  });
});
