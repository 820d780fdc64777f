import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDiditAdapter } from "@/lib/providers/didit";
import type { DiditAdapterOptions } from "@/lib/providers/didit";
import { ProviderError } from "@/lib/providers/errors";
import { createDiditProvider, statusOf } from "@/sandbox/didit";
import type { DiditSandboxProvider, DiditSessionRecord } from "@/sandbox/didit";
import { createRouter } from "@/sandbox/router";

const KEY = "didit_v3_key_for_v1_tests";
const CLIENT_ID = "client-6f1d2a";
const CLIENT_SECRET = "client-secret-93b7e4c1d0";
const TOKEN_PATH = "POST /didit/auth/v2/token/";

let provider: DiditSandboxProvider;
let server: http.Server;
let baseUrl = "";
const requests: Array<{ line: string; status: number }> = [];

beforeAll(async () => {
  provider = createDiditProvider({
    apiKey: KEY,
    webhookSecret: "unused",
    seed: 21,
    count: 40,
    now: new Date("2026-06-15T12:00:00Z"),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  const router = createRouter([provider.mount]);
  server = http.createServer((req, res) => {
    const entry = { line: `${req.method} ${req.url}`, status: 0 };
    requests.push(entry);
    res.on("finish", () => {
      entry.status = res.statusCode;
    });
    router(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/didit`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.useRealTimers();
});

// The demo points both base URLs at the same /didit mount.
const v1 = (overrides: Partial<Extract<DiditAdapterOptions, { apiVersion: "v1" }>> = {}) =>
  createDiditAdapter({ apiVersion: "v1", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, baseUrl, authBaseUrl: baseUrl, timeoutMs: 5000, ...overrides });
const tokenRequests = () => requests.filter((entry) => entry.line === TOKEN_PATH).length;
const sessionOf = (status: string): DiditSessionRecord => {
  const found = provider.state.sessions.find((record) => statusOf(record) === status && record.stage === "complete");
  if (!found) throw new Error(`no ${status} session`);
  return found;
};
const decision = { reasonCode: "OK", comment: "", idempotencyKey: "v1-test" };

describe("Didit v1 (client credentials + Bearer token)", () => {
  it("states what v1 offers and refuses the rest before any request", async () => {
    const adapter = v1();
    expect(adapter.capabilities().offered).toEqual({
      list: false,
      get: true,
      approve: true,
      decline: true,
      resubmit: false,
      expire: false,
      redact: false,
      media: true,
    });
    expect(adapter.capabilities().allowedByKey).toMatchObject({ list: false, resubmit: false, redact: false, get: true, approve: true });
    const before = requests.length;
    const id = provider.state.sessions[0]?.sessionId ?? "x";
    await expect(adapter.listSessions(null)).rejects.toMatchObject({ kind: "unsupported" });
    await expect(adapter.decide(id, { ...decision, action: "resubmit" })).rejects.toMatchObject({ kind: "unsupported" });
    await expect(adapter.redact(id)).rejects.toMatchObject({ kind: "unsupported" });
    await expect(adapter.expire(id)).rejects.toMatchObject({ kind: "unsupported" });
    expect(requests.length).toBe(before);
  });

  it("fetches one token for many calls, in parallel and in sequence", async () => {
    const adapter = v1();
    const before = tokenRequests();
    const ids = provider.state.sessions.slice(0, 6).map((record) => record.sessionId);
    await Promise.all(ids.map((id) => adapter.getSession(id)));
    for (const id of ids) await adapter.getSession(id);
    expect(tokenRequests()).toBe(before + 1);
  });

  it("normalises the v1 decision like the v3 one", async () => {
    const record = sessionOf("In Review");
    const fromV1 = await v1().getSession(record.sessionId);
    const fromV3 = await createDiditAdapter({ apiKey: KEY, baseUrl }).getSession(record.sessionId);
    expect(fromV1).toMatchObject({ status: fromV3.status, rawStatus: fromV3.rawStatus, applicant: fromV3.applicant });
    expect(fromV1.documents[0]?.fields).toEqual(fromV3.documents[0]?.fields);
    expect(fromV1.documents[0]?.mediaKeys).toEqual(fromV3.documents[0]?.mediaKeys);
    const summary = (checks: typeof fromV3.checks) => checks.map(({ kind, result, score, codes }) => ({ kind, result, score, codes }));
    expect(summary(fromV1.checks)).toEqual(summary(fromV3.checks));
    expect(fromV1.riskSummary).toEqual(fromV3.riskSummary);
    const media = await v1().fetchMedia(record.sessionId, "portrait");
    expect(media.contentType).toBe("image/png");
  });

  it("approves and declines through v1 update-status", async () => {
    const record = sessionOf("In Review");
    const adapter = v1();
    const result = await adapter.decide(record.sessionId, { ...decision, action: "decline", reasonCode: "DOCUMENT_EXPIRED", comment: "Expired." });
    expect(result.providerResponse).toMatchObject({ changed: true, new_status: "Declined" });
    expect(statusOf(record)).toBe("Declined");
    expect((record.decision.reviews as Array<{ comment: string }>).at(-1)?.comment).toBe("[DOCUMENT_EXPIRED] Expired.");
    const replay = await adapter.decide(record.sessionId, { ...decision, action: "decline" });
    expect(replay.providerResponse).toMatchObject({ changed: false });
  });

  it("on a revoked token fetches exactly one new token and repeats the call once", async () => {
    const adapter = v1();
    const id = sessionOf("Approved").sessionId;
    await adapter.getSession(id);
    const tokensBefore = tokenRequests();
    const from = requests.length;
    provider.revokeTokens();
    await expect(adapter.getSession(id)).resolves.toMatchObject({ providerSessionId: id });
    expect(tokenRequests()).toBe(tokensBefore + 1);
    const decisionCalls = requests.slice(from).filter((entry) => entry.line.includes(`/v1/session/${id}/decision/`));
    expect(decisionCalls.map((entry) => entry.status)).toEqual([401, 200]);
    await adapter.getSession(id);
    expect(tokenRequests()).toBe(tokensBefore + 1);
  });

  it("renews a token shortly before it expires, without a failed call", async () => {
    const adapter = v1();
    const id = sessionOf("Approved").sessionId;
    await adapter.getSession(id);
    const tokensBefore = tokenRequests();
    const from = requests.length;
    // Only Date is faked, so sockets and timers keep working; the sandbox shares the clock.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 86_400_000 - 30_000);
    await adapter.getSession(id);
    expect(tokenRequests()).toBe(tokensBefore + 1);
    expect(requests.slice(from).every((entry) => entry.status !== 401)).toBe(true);
  });

  it("reports wrong client credentials as auth, sends no API call and never echoes the secret", async () => {
    const adapter = v1({ clientSecret: "wrong-secret-5a5a5a5a" });
    const from = requests.length;
    const error = await adapter.getSession(sessionOf("Approved").sessionId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", options: { status: 401 } });
    expect(JSON.stringify([(error as ProviderError).message, (error as ProviderError).options])).not.toMatch(/wrong-secret|client-secret/);
    expect(requests.slice(from).map((entry) => entry.line)).toEqual([TOKEN_PATH]);
    await expect(v1({ clientId: "" }).getSession("x")).rejects.toMatchObject({ kind: "auth" });
  });

  it("does not loop when the refreshed token is refused too", async () => {
    const adapter = v1();
    const id = sessionOf("Approved").sessionId;
    await adapter.getSession(id);
    const from = requests.length;
    provider.revokeTokens();
    provider.state.clientSecret = "rotated-secret-0000";
    try {
      await expect(adapter.getSession(id)).rejects.toMatchObject({ kind: "auth" });
    } finally {
      provider.state.clientSecret = CLIENT_SECRET;
    }
    expect(requests.slice(from).map((entry) => entry.status)).toEqual([401, 401]);
  });

  it("keeps v1 routes behind the Bearer token and v3 routes behind the API key", async () => {
    const id = sessionOf("Approved").sessionId;
    const withKey = await fetch(`${baseUrl}/v1/session/${id}/decision/`, { headers: { "x-api-key": KEY } });
    expect(withKey.status).toBe(401);
    const badForm = await fetch(`${baseUrl}/auth/v2/token/`, {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password",
    });
    expect(badForm.status).toBe(400);
  });
});
