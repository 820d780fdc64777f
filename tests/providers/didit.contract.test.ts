import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiditAdapter } from "@/lib/providers/didit";
import { DIDIT_STATUS_MAP, DIDIT_STATUSES, isDiditStatus } from "@/lib/providers/didit/status";
import { ProviderError } from "@/lib/providers/errors";
import type { NormalizedSession, ProviderAdapter } from "@/lib/providers/types";
import { createDiditProvider, statusOf } from "@/sandbox/didit";
import type { DiditSandboxProvider, DiditSessionRecord } from "@/sandbox/didit";
import { createRouter } from "@/sandbox/router";

const KEY = "didit_sandbox_key_7c1e0f";
const SECRET = "didit-webhook-secret-for-contract-tests";

type RawIdv = { first_name: string; last_name: string; full_name: string };
type RawReview = { comment: string };

let provider: DiditSandboxProvider;
let server: http.Server;
let baseUrl = "";
let didit: ProviderAdapter;
/** Every request the sandbox saw, as "METHOD /path", to prove refusals happen before any HTTP. */
const requests: string[] = [];

beforeAll(async () => {
  provider = createDiditProvider({ apiKey: KEY, webhookSecret: SECRET, seed: 7, count: 40, now: new Date("2026-06-15T12:00:00Z") });
  const router = createRouter([provider.mount]);
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    router(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/didit`;
  didit = createDiditAdapter({ apiKey: KEY, baseUrl, timeoutMs: 5000 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const records = () => provider.state.sessions;
const rawIdv = (record: DiditSessionRecord) => (record.decision.id_verifications as RawIdv[] | null)?.[0] ?? null;
const bytes = (value: unknown) => Buffer.from(String(value), "utf8").toString("hex");

function recordWhere(predicate: (record: DiditSessionRecord) => boolean, what: string): DiditSessionRecord {
  const found = records().find(predicate);
  if (!found) throw new Error(`sandbox generated no session with ${what}`);
  return found;
}

async function listAll(): Promise<NormalizedSession[]> {
  const all: NormalizedSession[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const result = await didit.listSessions(cursor);
    all.push(...result.sessions);
    cursor = result.nextCursor;
    if (cursor === null) return all;
  }
  throw new Error("paging did not terminate");
}

describe("Didit adapter against the sandbox", () => {
  it("generates every Didit status, at least 8 In Review", () => {
    const statuses = new Set(records().map(statusOf));
    expect([...statuses].sort()).toEqual([...DIDIT_STATUSES].sort());
    expect(records().filter((record) => statusOf(record) === "In Review").length).toBeGreaterThanOrEqual(8);
    expect(records().every((record) => record.decision.status === statusOf(record))).toBe(true);
  });

  it("pages through every session exactly once, newest first", async () => {
    const sessions = await listAll();
    const ids = sessions.map((session) => session.providerSessionId);
    expect(ids.length).toBe(records().length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(records().map((record) => record.sessionId)));
    const numbers = ids.map((id) => records().find((record) => record.sessionId === id)?.sessionNumber ?? 0);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    for (const session of sessions) {
      expect(session.detailed).toBe(false);
      expect(isDiditStatus(session.rawStatus)).toBe(true);
      if (isDiditStatus(session.rawStatus)) expect(session.status).toBe(DIDIT_STATUS_MAP[session.rawStatus]);
      expect(session.providerCreatedAt).toBeInstanceOf(Date);
    }
  });

  it("normalises a decision with documents, checks and warnings", async () => {
    const record = recordWhere((r) => r.scenario === "In Review:low_face_match", "a low face match in review");
    const session = await didit.getSession(record.sessionId);
    expect(session).toMatchObject({ provider: "didit", status: "marked_for_review", rawStatus: "In Review", detailed: true });

    expect(session.documents).toHaveLength(1);
    const [document] = session.documents;
    expect(document).toMatchObject({ providerDocumentId: "feature_ocr_1", kind: "idv" });
    expect(document?.mediaKeys).toMatchObject({ portrait: "portrait_image", front: "front_image" });
    expect(JSON.stringify(session)).not.toMatch(/https?:\/\/[^"]*\/media\//);

    const byKind = Object.fromEntries(session.checks.map((check) => [check.kind, check]));
    expect(Object.keys(byKind).sort()).toEqual(["aml", "document", "face_match", "ip_analysis", "liveness"]);
    expect(byKind.ip_analysis).toMatchObject({ providerCheckId: "feature_ip_1", result: "passed" });
    expect(byKind.face_match).toMatchObject({ result: "review", codes: ["LOW_FACE_MATCH_SIMILARITY"] });
    expect(byKind.face_match?.score).toBeLessThan(60);
    expect(byKind.liveness?.result).toBe("passed");
    expect(session.riskSummary).toMatchObject({
      faceMatchScore: byKind.face_match?.score,
      livenessScore: byKind.liveness?.score,
    });
    expect(session.riskSummary.warnings).toContain("LOW_FACE_MATCH_SIMILARITY");
  });

  it("keeps expected details and OCR apart so a date-of-birth mismatch is visible", async () => {
    const record = recordWhere((r) => r.scenario.includes("dob_mismatch"), "a date-of-birth mismatch");
    const session = await didit.getSession(record.sessionId);
    const fields = session.documents[0]?.fields;
    expect(session.applicant.dateOfBirth).toBeTruthy();
    expect(session.applicant.dateOfBirth).not.toBe(fields?.dateOfBirth);
    expect(session.checks.find((check) => check.kind === "document")?.codes).toContain("DATA_INCONSISTENT");
  });

  it("flags an expired document as a failed document check", async () => {
    const record = recordWhere((r) => r.scenario === "Declined:document_expired", "an expired document");
    const session = await didit.getSession(record.sessionId);
    expect(session.status).toBe("declined");
    const check = session.checks.find((c) => c.kind === "document");
    expect(check).toMatchObject({ result: "failed", codes: ["DOCUMENT_EXPIRED"] });
    expect(String(session.documents[0]?.fields.expiryDate) < "2026-06-15").toBe(true);
  });

  it("turns reviews into provider_review events", async () => {
    const record = recordWhere((r) => ((r.decision.reviews as unknown[]) ?? []).length > 0, "a review");
    const session = await didit.getSession(record.sessionId);
    expect(session.events.length).toBeGreaterThan(0);
    expect(session.events[0]).toMatchObject({ type: "provider_review" });
    expect(session.events[0]?.detail).toHaveProperty("new_status");
    expect(session.providerUpdatedAt).toEqual(session.events[0]?.at);
  });

  it.each([
    ["Cyrillic", /\p{Script=Cyrillic}/u],
    ["Han", /\p{Script=Han}/u],
    ["Arabic", /\p{Script=Arabic}/u],
    ["decomposed Latin", /\p{M}/u],
  ])("keeps %s names byte for byte", async (_script, pattern) => {
    const record = recordWhere((r) => pattern.test(rawIdv(r)?.full_name ?? ""), `a ${String(pattern)} name`);
    const raw = rawIdv(record);
    const session = await didit.getSession(record.sessionId);
    const fields = session.documents[0]?.fields;
    expect(bytes(fields?.firstName)).toBe(bytes(raw?.first_name));
    expect(bytes(fields?.lastName)).toBe(bytes(raw?.last_name));
    expect(bytes(fields?.fullName)).toBe(bytes(raw?.full_name));
    const row = (await listAll()).find((s) => s.providerSessionId === record.sessionId);
    expect(bytes(row?.applicant.fullName)).toBe(bytes(raw?.full_name));
  });

  it("keeps non-ASCII references and review comments byte for byte", async () => {
    const withRef = recordWhere((r) => /\p{Script=Cyrillic}/u.test(r.vendorData ?? ""), "a Cyrillic vendor_data");
    expect(bytes((await didit.getSession(withRef.sessionId)).applicant.reference)).toBe(bytes(withRef.vendorData));
    const withComment = recordWhere(
      (r) => ((r.decision.reviews as RawReview[]) ?? []).some((review) => /[^\x20-\x7e]/.test(review.comment)),
      "a non-ASCII review comment",
    );
    const comment = (withComment.decision.reviews as RawReview[])[0]?.comment;
    const session = await didit.getSession(withComment.sessionId);
    expect(bytes(session.events[0]?.detail.comment)).toBe(bytes(comment));
  });

  it("rejects a wrong or missing key as auth without echoing it", async () => {
    const wrong = createDiditAdapter({ apiKey: "not-the-right-key-123", baseUrl });
    const error = await wrong.listSessions(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe("auth");
    expect((error as ProviderError).options.providerMessage).toBe("Invalid API key.");
    expect(JSON.stringify([(error as ProviderError).message, (error as ProviderError).options])).not.toContain("not-the-right-key-123");
    const none = createDiditAdapter({ apiKey: "", baseUrl });
    await expect(none.getSession(records()[0]?.sessionId ?? "x")).rejects.toMatchObject({ kind: "auth" });
  });

  it("reports an unknown session as not_found", async () => {
    await expect(didit.getSession("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      name: "ProviderError",
      kind: "not_found",
    });
  });

  it("states capabilities from the key's privileges", () => {
    const { offered, allowedByKey } = didit.capabilities();
    expect(offered.expire).toBe(false);
    expect(offered.approve && offered.redact && offered.media).toBe(true);
    expect(allowedByKey.approve && allowedByKey.redact).toBe(true);
    const readOnly = createDiditAdapter({ apiKey: KEY, baseUrl, privileges: ["read:sessions"] }).capabilities();
    expect(readOnly.allowedByKey).toMatchObject({ list: true, get: true, media: true, approve: false, redact: false });
  });
});

describe("Didit media and refusals", () => {
  const PNG_SIGNATURE = "89504e470d0a1a0a";

  it("downloads an image through a freshly resolved presigned link, by name or by field", async () => {
    const record = recordWhere((r) => rawIdv(r) !== null && r.stage === "complete", "a completed session");
    for (const key of ["portrait", "front_image"]) {
      const media = await didit.fetchMedia(record.sessionId, key);
      expect(media.contentType).toBe("image/png");
      expect(Buffer.from(media.body).subarray(0, 8).toString("hex")).toBe(PNG_SIGNATURE);
    }
    // Each download re-read the decision first: the link was fresh, and it never left the adapter.
    expect(requests.filter((line) => line.includes(`/v3/session/${record.sessionId}/decision/`)).length).toBeGreaterThanOrEqual(2);
  });

  it("reports a missing or unknown image as not_found; an unknown name costs no request", async () => {
    const before = requests.length;
    await expect(didit.fetchMedia(records()[0]?.sessionId ?? "x", "../../etc/passwd")).rejects.toMatchObject({ kind: "not_found" });
    expect(requests.length).toBe(before);
    const notStarted = recordWhere((r) => statusOf(r) === "Not Started", "a Not Started session");
    await expect(didit.fetchMedia(notStarted.sessionId, "portrait")).rejects.toMatchObject({ kind: "not_found" });
  });

  it("refuses expire as unsupported and out-of-privilege calls as auth, without any HTTP request", async () => {
    const id = records()[0]?.sessionId ?? "x";
    const decision = { action: "approve", reasonCode: "OK", comment: "", idempotencyKey: "k1" } as const;
    const readOnly = createDiditAdapter({ apiKey: KEY, baseUrl, privileges: ["read:sessions"] });
    const writeOnly = createDiditAdapter({ apiKey: KEY, baseUrl, privileges: ["write:sessions"] });
    const before = requests.length;
    await expect(didit.expire(id)).rejects.toMatchObject({ kind: "unsupported" });
    await expect(readOnly.decide(id, decision)).rejects.toMatchObject({ kind: "auth" });
    await expect(readOnly.decide(id, { ...decision, action: "resubmit" })).rejects.toMatchObject({ kind: "auth" });
    await expect(readOnly.redact(id)).rejects.toMatchObject({ kind: "auth" });
    await expect(writeOnly.getSession(id)).rejects.toMatchObject({ kind: "auth" });
    await expect(writeOnly.listSessions(null)).rejects.toMatchObject({ kind: "auth" });
    await expect(writeOnly.fetchMedia(id, "portrait")).rejects.toMatchObject({ kind: "auth" });
    expect(requests.length).toBe(before);
  });

  it("has a webhook handler only when a webhook secret is configured", () => {
    expect(didit.webhook).toBeUndefined();
    expect(createDiditAdapter({ apiKey: KEY, baseUrl, webhookSecret: SECRET }).webhook).toBeDefined();
  });
});
