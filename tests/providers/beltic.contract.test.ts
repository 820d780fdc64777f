import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBelticAdapter } from "@/lib/providers/beltic";
import { BELTIC_STATUS_MAP, isBelticStatus } from "@/lib/providers/beltic/status";
import { ProviderError } from "@/lib/providers/errors";
import type { NormalizedSession, ProviderAdapter } from "@/lib/providers/types";
import { BELTIC_STATUSES, createBelticProvider } from "@/sandbox/beltic";
import type { BelticSandboxProvider, BelticSessionRecord } from "@/sandbox/beltic";
import { createRouter } from "@/sandbox/router";

const KEY = "sk_staging_beltic_sandbox_4f2a9c";
const NOW = new Date("2026-06-15T12:00:00Z");

let provider: BelticSandboxProvider;
let server: http.Server;
let baseUrl = "";
let beltic: ProviderAdapter;

beforeAll(async () => {
  provider = createBelticProvider({ apiKey: KEY, webhookSecret: "whsec_test", seed: 7, now: NOW });
  server = http.createServer(createRouter([provider.mount]));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beltic`;
  // A small page size so paging really takes several pages.
  beltic = createBelticAdapter({ apiKey: KEY, baseUrl, timeoutMs: 5000, pageSize: 7 });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const records = () => provider.state.sessions;
const bytes = (value: unknown) => Buffer.from(String(value), "utf8").toString("hex");

function recordWhere(predicate: (record: BelticSessionRecord) => boolean, what: string): BelticSessionRecord {
  const found = records().find(predicate);
  if (!found) throw new Error(`sandbox generated no session with ${what}`);
  return found;
}

async function listAll(): Promise<NormalizedSession[]> {
  const all: NormalizedSession[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await beltic.listSessions(cursor);
    all.push(...result.sessions);
    cursor = result.nextCursor;
    if (cursor === null) return all;
  }
  throw new Error("paging did not terminate");
}

describe("Beltic adapter reading the sandbox", () => {
  it("generates every Beltic status and a review queue", () => {
    expect(records().length).toBe(40);
    expect([...new Set(records().map((record) => record.status))].sort()).toEqual([...BELTIC_STATUSES].sort());
    expect(records().filter((record) => record.status === "marked_for_review").length).toBeGreaterThanOrEqual(8);
  });

  it("pages through every session exactly once, newest first", async () => {
    const sessions = await listAll();
    const ids = sessions.map((session) => session.providerSessionId);
    expect(ids.length).toBe(records().length);
    expect(new Set(ids)).toEqual(new Set(records().map((record) => record.id)));
    const created = sessions.map((session) => session.providerCreatedAt?.getTime() ?? 0);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    for (const session of sessions) {
      expect(session.detailed).toBe(false);
      expect(isBelticStatus(session.rawStatus)).toBe(true);
      if (isBelticStatus(session.rawStatus)) expect(session.status).toBe(BELTIC_STATUS_MAP[session.rawStatus]);
      expect(session.providerUpdatedAt).toBeInstanceOf(Date);
    }
  });

  it("normalises documents, checks and scores of a flagged session", async () => {
    const record = recordWhere((r) => r.scenario === "marked_for_review:low_face_match", "a low face match in review");
    const session = await beltic.getSession(record.id);
    expect(session).toMatchObject({ provider: "beltic", status: "marked_for_review", rawStatus: "marked_for_review", detailed: true });
    const idv = session.documents.find((doc) => doc.kind === "idv");
    expect(idv).toMatchObject({ providerDocumentId: record.ids.idvDocument, documentType: record.document.type });
    expect(idv?.mediaKeys).toMatchObject({ front: `${record.ids.idvDocument}:front_side`, portrait: `${record.ids.idvDocument}:portrait` });
    expect(JSON.stringify(session)).not.toMatch(/https?:\/\//);

    const faceMatch = session.checks.find((check) => check.kind === "face_match");
    expect(faceMatch).toMatchObject({ result: "failed", codes: ["low_similarity"] });
    expect(faceMatch?.score).toBeLessThan(0.6);
    expect(session.checks.find((check) => check.kind === "liveness")?.result).toBe("passed");
    expect(session.checks.find((check) => check.kind === "behavior")).toMatchObject({ result: "passed", codes: [] });
    expect(session.riskSummary).toMatchObject({ threatLevel: "low", faceMatchScore: faceMatch?.score });
    expect(session.riskSummary.flags).toEqual(["low_similarity"]);
  });

  it("turns behaviour analysis into a failed check with Beltic's fraud signals", async () => {
    const record = recordWhere((r) => r.scenario === "marked_for_review:bot_behavior", "bot behaviour");
    const session = await beltic.getSession(record.id);
    const behavior = session.checks.find((check) => check.kind === "behavior");
    expect(behavior?.result).toBe("failed");
    expect(behavior?.codes).toEqual(expect.arrayContaining(["devtools_open", "request_spoof_attempts"]));
    expect(behavior?.score).toBeGreaterThanOrEqual(85);
    expect(session.riskSummary).toMatchObject({ threatLevel: "high" });
  });

  it.each([
    ["date of birth", "dob_mismatch", "dateOfBirth", "birth_date_mismatch"],
    ["name (transliterated)", "transliterated_name", "firstName", "name_mismatch"],
    ["document number", "document_number_mismatch", "documentNumber", "identity_number_mismatch"],
  ] as const)("shows a %s mismatch between entered and document data", async (_what, issue, field, code) => {
    const record = recordWhere((r) => r.status === "marked_for_review" && r.issues.includes(issue), issue);
    const session = await beltic.getSession(record.id);
    const fields = session.documents.find((doc) => doc.kind === "idv")?.fields;
    expect(session.applicant[field]).toBeTruthy();
    expect(fields?.[field]).toBeTruthy();
    expect(session.applicant[field]).not.toBe(fields?.[field]);
    const flagged = session.checks.find((check) => check.codes.includes(code));
    expect(flagged?.result).toBe("review");
  });

  it("flags an expired document", async () => {
    const record = recordWhere((r) => r.scenario === "declined:document_expired", "an expired document");
    const session = await beltic.getSession(record.id);
    expect(session.status).toBe("declined");
    expect(String(session.documents[0]?.fields.expiryDate) < "2026-06-15").toBe(true);
    expect(session.checks.find((check) => check.codes.includes("document_expired"))?.result).toBe("failed");
  });

  it("reads a proof of address and its mismatch", async () => {
    const record = recordWhere((r) => r.scenario === "marked_for_review:address_mismatch", "an address mismatch");
    const session = await beltic.getSession(record.id);
    const proof = session.documents.find((doc) => doc.kind === "address");
    expect(proof?.fields.address).toBe(record.document.addressProof?.address);
    expect(proof?.fields.address).not.toBe(session.applicant.address);
    expect(session.checks.find((check) => check.kind === "address" && check.codes.includes("address_mismatch"))?.result).toBe("review");
  });

  it("builds the timeline from Beltic's lifecycle timestamps", async () => {
    const record = recordWhere((r) => r.status === "approved", "an approval");
    const session = await beltic.getSession(record.id);
    expect(session.events.map((event) => event.detail.step)).toEqual(["created", "started", "completed", "decisioned"]);
    expect(session.events.at(-1)?.detail.status).toBe("approved");
    expect(session.providerUpdatedAt?.toISOString()).toBe(record.timestamps.updated_at);
  });

  it.each([
    ["Cyrillic", /\p{Script=Cyrillic}/u],
    ["Han", /\p{Script=Han}/u],
    ["Arabic", /\p{Script=Arabic}/u],
    ["decomposed Latin", /\p{M}/u],
  ])("keeps %s names byte for byte", async (_script, pattern) => {
    const record = recordWhere(
      (r) => r.stage === "processed" && r.status !== "failed" && !r.manualEntry && pattern.test(r.person.fullName),
      `a processed ${String(pattern)} name`,
    );
    const session = await beltic.getSession(record.id);
    const fields = session.documents.find((doc) => doc.kind === "idv")?.fields;
    expect(bytes(fields?.firstName)).toBe(bytes(record.person.firstName));
    expect(bytes(fields?.lastName)).toBe(bytes(record.person.lastName));
    expect(bytes(fields?.fullName)).toBe(bytes(record.person.fullName));
    // auto_update_session copied the document's name onto the session.
    expect(bytes(session.applicant.firstName)).toBe(bytes(record.person.firstName));
    expect(bytes(session.applicant.lastName)).toBe(bytes(record.person.lastName));
    const row = (await listAll()).find((s) => s.providerSessionId === record.id);
    expect(bytes(row?.applicant.lastName)).toBe(bytes(record.person.lastName));
  });

  it("downloads document images through fresh presigned links", async () => {
    const record = recordWhere((r) => r.status === "marked_for_review", "a session in review");
    const session = await beltic.getSession(record.id);
    const key = session.documents[0]?.mediaKeys.front ?? "";
    const media = await beltic.fetchMedia(record.id, key);
    expect(media.contentType).toBe("image/png");
    expect(Buffer.from(media.body).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    await expect(beltic.fetchMedia(record.id, `${record.ids.idvDocument}:selfie`)).rejects.toMatchObject({ kind: "not_found" });
    await expect(beltic.fetchMedia(record.id, "no-such-document:front_side")).rejects.toMatchObject({ kind: "not_found" });
  });

  it("refuses a tampered or expired file link", async () => {
    const fileId = recordWhere((r) => r.stage === "processed", "a processed session").ids.files.front;
    const future = Math.floor(Date.now() / 1000) + 600;
    const tampered = await fetch(`${baseUrl}/files/${fileId}?expires=${future}&signature=${"0".repeat(64)}`);
    expect(tampered.status).toBe(403);
  });

  it("rejects a wrong or missing key as auth without echoing it", async () => {
    const wrong = createBelticAdapter({ apiKey: "sk_staging_not_the_right_key", baseUrl });
    const error = await wrong.listSessions(null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", options: { status: 401, providerMessage: "Invalid API key." } });
    expect(JSON.stringify([(error as ProviderError).message, (error as ProviderError).options])).not.toContain("not_the_right_key");
    const none = createBelticAdapter({ apiKey: "", baseUrl });
    await expect(none.getSession(records()[0]?.id ?? "x")).rejects.toMatchObject({ kind: "auth" });
  });

  it("reports an unknown session as not_found", async () => {
    await expect(beltic.getSession("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({
      name: "ProviderError",
      kind: "not_found",
      options: { providerMessage: "Session not found." },
    });
  });
});
