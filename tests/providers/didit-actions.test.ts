import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiditAdapter } from "@/lib/providers/didit";
import { ProviderError } from "@/lib/providers/errors";
import type { DecisionRequest, ProviderAdapter } from "@/lib/providers/types";
import { createDiditProvider, statusOf } from "@/sandbox/didit";
import type { DiditSandboxProvider, DiditSessionRecord, DiditStatus } from "@/sandbox/didit";
import { createRouter } from "@/sandbox/router";

const KEY = "didit_actions_key_4b9e21";
const SECRET = "didit-actions-webhook-secret";

let provider: DiditSandboxProvider;
let server: http.Server;
let baseUrl = "";
let didit: ProviderAdapter;
const requests: string[] = [];

beforeAll(async () => {
  provider = createDiditProvider({ apiKey: KEY, webhookSecret: SECRET, seed: 11, count: 40, now: new Date("2026-06-15T12:00:00Z") });
  const router = createRouter([provider.mount]);
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    router(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/didit`;
  didit = createDiditAdapter({ apiKey: KEY, baseUrl, timeoutMs: 5000, webhookSecret: SECRET });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const used = new Set<string>();
/** A fresh session in `status` for each test, so tests do not step on each other's state. */
function take(status: DiditStatus): DiditSessionRecord {
  const found = provider.state.sessions.find((r) => statusOf(r) === status && r.stage === "complete" && !used.has(r.sessionId));
  if (!found) throw new Error(`no unused ${status} session left`);
  used.add(found.sessionId);
  return found;
}
const lastReview = (record: DiditSessionRecord) => (record.decision.reviews as Array<Record<string, unknown>>).at(-1);
const hits = (fragment: string) => requests.filter((line) => line.includes(fragment)).length;
const request = (action: DecisionRequest["action"], comment = "", reasonCode = "OK"): DecisionRequest => ({
  action,
  reasonCode,
  comment,
  idempotencyKey: `test-${action}-${Math.random()}`,
});

async function raw(method: string, path: string, body?: unknown, key = KEY) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: "manual",
    headers: { "x-api-key": key, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

describe("Didit decisions against the sandbox", () => {
  it("approves an In Review session: status, review trail, list row and a signed webhook all agree", async () => {
    const record = take("In Review");
    provider.takeWebhooks();
    const comment = "Документ проверен вручную — 名前 OK، تم";
    const result = await didit.decide(record.sessionId, request("approve", comment, "MANUAL_MATCH"));
    expect(result.providerResponse).toMatchObject({ session_id: record.sessionId, new_status: "Approved", changed: true });
    expect(statusOf(record)).toBe("Approved");
    expect(record.decision.status).toBe("Approved");
    const review = lastReview(record);
    expect(review).toMatchObject({ new_status: "Approved" });
    expect(Buffer.from(String(review?.comment)).toString("hex")).toBe(Buffer.from(`[MANUAL_MATCH] ${comment}`).toString("hex"));

    const session = await didit.getSession(record.sessionId);
    expect(session).toMatchObject({ status: "approved", rawStatus: "Approved" });
    expect(session.events.at(-1)?.detail.comment).toBe(`[MANUAL_MATCH] ${comment}`);
    const listed = await raw("GET", `/v3/sessions/?status=Approved&limit=1000`);
    expect((listed.body?.results as Array<{ session_id: string }>).some((row) => row.session_id === record.sessionId)).toBe(true);

    const [delivery, ...more] = provider.takeWebhooks();
    expect(more).toHaveLength(0);
    expect(delivery?.headers["user-agent"]).toBe("DiditWebhook/2.0 +https://didit.me");
    const headers = new Headers(delivery?.headers);
    expect(await didit.webhook?.verify(delivery?.body ?? new Uint8Array(), headers, new Date())).toEqual({ ok: true });
    const parsed = didit.webhook?.parse(delivery?.body ?? new Uint8Array(), headers);
    expect(parsed).toMatchObject({ providerSessionId: record.sessionId, eventType: "status.updated", complete: true, settlesStatus: true });
    expect(parsed?.session).toMatchObject({ status: "approved", rawStatus: "Approved", detailed: true });
  });

  it("treats Didit's same-status 400 as an idempotent replay, sent once and not retried", async () => {
    const record = take("Declined");
    const reviews = (record.decision.reviews as unknown[]).length;
    const before = hits(`/v3/session/${record.sessionId}/update-status/`);
    const result = await didit.decide(record.sessionId, request("decline", "again"));
    expect(result.providerResponse).toMatchObject({ changed: false, new_status: "Declined" });
    expect(String(result.providerResponse.detail)).toMatch(/same as the current status/);
    expect(hits(`/v3/session/${record.sessionId}/update-status/`)).toBe(before + 1);
    expect((record.decision.reviews as unknown[]).length).toBe(reviews);
  });

  it("surfaces Didit's own words for an invalid transition and leaves the session alone", async () => {
    const record = provider.state.sessions.find((r) => statusOf(r) === "Not Started");
    if (!record) throw new Error("no Not Started session");
    const error = await didit.decide(record.sessionId, request("approve")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "rejected", options: { status: 400 } });
    expect((error as ProviderError).message).toMatch(/Didit refused the status change: Cannot update the status of a session in status "Not Started"/);
    expect(statusOf(record)).toBe("Not Started");
  });

  it("validates new_status and trailing slashes the way Didit does", async () => {
    const record = take("In Review");
    const invalid = await raw("PATCH", `/v3/session/${record.sessionId}/update-status/`, { new_status: "In Review" });
    expect(invalid).toMatchObject({ status: 400, body: { new_status: ['"In Review" is not a valid choice.'] } });
    const missing = await raw("PATCH", `/v3/session/${record.sessionId}/update-status/`, { comment: "x" });
    expect(missing).toMatchObject({ status: 400, body: { new_status: ["This field is required."] } });
    const badJson = await fetch(`${baseUrl}/v3/session/${record.sessionId}/update-status/`, { method: "PATCH", headers: { "x-api-key": KEY }, body: "{" });
    expect(badJson.status).toBe(400);
    const wrongKey = await raw("PATCH", `/v3/session/${record.sessionId}/update-status/`, { new_status: "Approved" }, "wrong-key-123456");
    expect(wrongKey).toMatchObject({ status: 403, body: { detail: "Invalid API key." } });
    const noSlash = await raw("PATCH", `/v3/session/${record.sessionId}/update-status`, { new_status: "Approved" });
    expect(noSlash.status).toBe(301);
    const unknownNode = await raw("PATCH", `/v3/session/${record.sessionId}/update-status/`, {
      new_status: "Resubmitted",
      nodes_to_resubmit: [{ node_id: "feature_nope", feature: "OCR" }],
    });
    expect(unknownNode.status).toBe(400);
    expect(statusOf(record)).toBe("In Review");
    await expect(didit.decide("00000000-0000-4000-8000-000000000000", request("approve"))).rejects.toMatchObject({ kind: "not_found" });
  });

  it("requests a resubmission, then meets Didit's 30 s throttle as rate_limited with Retry-After", async () => {
    const record = take("In Review");
    await didit.decide(record.sessionId, request("resubmit", "Please retake the back side.", "IMAGE_QUALITY"));
    expect(statusOf(record)).toBe("Resubmitted");
    // Without nodes_to_resubmit Didit picks every attempt that was not approved; the flagged one is among them.
    const blocks = ["id_verifications", "liveness_checks", "face_matches", "aml_screenings"] as const;
    const statuses = blocks.flatMap((block) => (record.decision[block] as Array<{ status: string }>).map((item) => item.status));
    expect(statuses).toContain("Resub Requested");
    expect(statuses).not.toContain("In Review");

    await didit.decide(record.sessionId, request("decline", "Changed my mind."));
    const before = hits(`/v3/session/${record.sessionId}/update-status/`);
    const error = await didit.decide(record.sessionId, request("resubmit")).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "rate_limited", options: { status: 429 } });
    expect((error as ProviderError).options.retryAfterMs).toBeGreaterThan(0);
    expect(hits(`/v3/session/${record.sessionId}/update-status/`)).toBe(before + 1);
    expect(statusOf(record)).toBe("Declined");
  });

  it("deletes a session: 204, then 404 on every read, and a second delete counts as done", async () => {
    const record = take("Approved");
    const id = record.sessionId;
    const portrait = await raw("GET", `/v3/session/${id}/decision/`);
    const mediaLink = String((portrait.body?.id_verifications as Array<{ portrait_image: string }>)[0]?.portrait_image);

    expect(await didit.redact(id)).toEqual({ providerResponse: { session_id: id, deleted: true } });
    expect(provider.statusOf(id)).toBeNull();
    await expect(didit.getSession(id)).rejects.toMatchObject({ kind: "not_found" });
    expect((await raw("GET", `/v3/session/${id}/decision/`)).status).toBe(404);
    expect((await fetch(mediaLink)).status).toBe(404);
    const listed = await raw("GET", "/v3/sessions/?limit=1000");
    expect((listed.body?.results as Array<{ session_id: string }>).some((row) => row.session_id === id)).toBe(false);
    expect((await raw("DELETE", `/v3/session/${id}/delete/`)).status).toBe(404);

    expect(await didit.redact(id)).toEqual({ providerResponse: { session_id: id, deleted: true, alreadyDeleted: true } });
    expect(hits(`/v3/session/${id}/delete/`)).toBe(3);
  });
});
