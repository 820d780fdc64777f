import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBelticAdapter } from "@/lib/providers/beltic";
import type { BelticAdapterOptions } from "@/lib/providers/beltic";
import type { DecisionRequest } from "@/lib/providers/types";
import { createBelticProvider } from "@/sandbox/beltic";
import type { BelticSandboxProvider, BelticSessionRecord } from "@/sandbox/beltic";
import type { WebhookDelivery } from "@/sandbox/provider";
import { createRouter } from "@/sandbox/router";

const KEY = "sk_staging_beltic_actions_81d3";
const LIMITED_KEY = "sk_staging_beltic_no_decide_5e0b";

type Sandbox = { provider: BelticSandboxProvider; server: http.Server; baseUrl: string; requests: string[]; deliveries: WebhookDelivery[] };
let full: Sandbox;
let limited: Sandbox;

async function start(apiKey: string, scopes?: string[]): Promise<Sandbox> {
  const deliveries: WebhookDelivery[] = [];
  const requests: string[] = [];
  const provider = createBelticProvider({
    apiKey,
    scopes,
    webhookSecret: "whsec_actions",
    seed: 11,
    now: new Date("2026-06-15T12:00:00Z"),
    onDelivery: (delivery) => deliveries.push(delivery),
  });
  const router = createRouter([provider.mount]);
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    router(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/beltic`;
  return { provider, server, baseUrl, requests, deliveries };
}

async function stop({ server }: Sandbox) {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

beforeAll(async () => {
  full = await start(KEY);
  limited = await start(LIMITED_KEY, ["sessions:read", "sessions:write"]);
});
afterAll(async () => {
  await stop(full);
  await stop(limited);
});
beforeEach(() => {
  full.requests.length = 0;
  limited.requests.length = 0;
});

const adapter = (sandbox: Sandbox, options: Partial<BelticAdapterOptions> = {}) =>
  createBelticAdapter({ apiKey: sandbox === full ? KEY : LIMITED_KEY, baseUrl: sandbox.baseUrl, timeoutMs: 5000, ...options });

/** Takes a session in `status` that no earlier test has used. */
const used = new Set<string>();
function take(sandbox: Sandbox, status: string): BelticSessionRecord {
  const found = sandbox.provider.state.sessions.find((r) => r.status === status && !used.has(r.id) && !r.timestamps.redacted_at);
  if (!found) throw new Error(`no unused ${status} session`);
  used.add(found.id);
  return found;
}

const decision = (action: DecisionRequest["action"], comment = "Checked by hand."): DecisionRequest => ({
  action,
  reasonCode: `${action}_manual_review`,
  comment,
  idempotencyKey: `verdict-${action}-${Math.random().toString(36).slice(2)}`,
});

describe("Beltic decisions, expiry and redaction against the sandbox", () => {
  it("approves a session in review, sends the reason and comment, and Beltic announces it", async () => {
    const record = take(full, "marked_for_review");
    const comment = "Транслитерация проверена — 同一人 — تم التحقق";
    const result = await adapter(full).decide(record.id, decision("approve", comment));
    expect(result.providerResponse).toMatchObject({ id: record.id, status: "approved" });
    expect(result.providerResponse.decisioned_at).toBeTruthy();
    expect(JSON.stringify(result.providerResponse)).not.toContain(record.person.lastName);
    expect(full.provider.statusOf(record.id)).toBe("approved");
    expect(record.decision).toEqual({ action: "approve", reason: "approve_manual_review", comment });
    const announced = full.deliveries.at(-1);
    expect(announced?.description).toBe(`session.approved ${record.id}`);
  });

  it("declines a completed session", async () => {
    const record = take(full, "completed");
    await adapter(full).decide(record.id, decision("decline"));
    expect(full.provider.statusOf(record.id)).toBe("declined");
  });

  it("surfaces Beltic's own message when a transition is refused", async () => {
    const started = take(full, "started");
    const error = await adapter(full)
      .decide(started.id, decision("approve"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "rejected",
      options: { status: 422, providerMessage: "Session cannot be approved while its status is started." },
    });
    expect(full.provider.statusOf(started.id)).toBe("started");

    const approved = take(full, "approved");
    await expect(adapter(full).expire(approved.id)).rejects.toMatchObject({
      kind: "rejected",
      options: { providerMessage: "Session cannot be expired while its status is approved." },
    });
  });

  it("sends a decision once: a replayed idempotency key is not a second decision", async () => {
    const record = take(full, "marked_for_review");
    const request = decision("decline");
    const before = full.deliveries.length;
    await adapter(full).decide(record.id, request);
    const replay = await adapter(full).decide(record.id, request);
    expect(replay.providerResponse.status).toBe("declined");
    expect(full.deliveries.length).toBe(before + 1);
    expect(full.requests.filter((line) => line.startsWith("POST"))).toHaveLength(2);
  });

  it("expires a session that has not been decided", async () => {
    const record = take(full, "created");
    const result = await adapter(full).expire(record.id);
    expect(result.providerResponse).toMatchObject({ status: "expired" });
    expect(full.provider.statusOf(record.id)).toBe("expired");
  });

  it("redacts a session: personal data and images are gone, the status stays", async () => {
    const record = take(full, "declined");
    const beltic = adapter(full);
    const mediaKey = (await beltic.getSession(record.id)).documents[0]?.mediaKeys.front ?? "";
    expect(mediaKey).not.toBe("");
    const result = await beltic.redact(record.id);
    expect(result.providerResponse.redacted_at).toBeTruthy();
    const after = await beltic.getSession(record.id);
    expect(after.status).toBe("declined");
    expect(after.applicant.firstName).toBeUndefined();
    expect(after.applicant.email).toBeUndefined();
    expect(after.documents.every((doc) => Object.keys(doc.fields).length === 0 && Object.keys(doc.mediaKeys).length === 0)).toBe(true);
    expect(after.events.at(-1)?.detail.step).toBe("redacted");
    await expect(beltic.fetchMedia(record.id, mediaKey)).rejects.toMatchObject({ kind: "not_found" });
    await expect(beltic.decide(record.id, decision("approve"))).rejects.toMatchObject({ kind: "rejected" });
  });

  it("reports an unknown session on an action as not_found", async () => {
    await expect(adapter(full).expire("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ kind: "not_found" });
  });

  it("answers 403 when the key lacks sessions:decide, and leaves the session alone", async () => {
    const record = take(limited, "marked_for_review");
    // The operator claimed the scope; Beltic knows better.
    const error = await adapter(limited)
      .decide(record.id, decision("approve"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "auth", options: { status: 403 } });
    expect((error as { options: { providerMessage: string } }).options.providerMessage).toContain("sessions:decide");
    expect(limited.provider.statusOf(record.id)).toBe("marked_for_review");
  });
});

describe("Beltic capabilities", () => {
  it("offers everything but resubmission; scopes decide what the key may call", () => {
    const { offered, allowedByKey } = adapter(full).capabilities();
    const all = { list: true, get: true, approve: true, decline: true, resubmit: false, expire: true, redact: true, media: true };
    expect(offered).toEqual(all);
    expect(allowedByKey).toEqual(all);
    const readOnly = adapter(full, { scopes: ["sessions:read"] }).capabilities().allowedByKey;
    expect(readOnly).toMatchObject({ list: true, get: true, media: true, approve: false, decline: false, expire: false, redact: false });
  });

  it("refuses resubmission as unsupported without any request", async () => {
    const record = take(full, "marked_for_review");
    await expect(adapter(full).decide(record.id, decision("resubmit"))).rejects.toMatchObject({ kind: "unsupported" });
    expect(full.requests).toEqual([]);
  });

  it("refuses out-of-scope calls as auth without any request", async () => {
    const record = take(full, "marked_for_review");
    const readOnly = adapter(full, { scopes: ["sessions:read"] });
    await expect(readOnly.decide(record.id, decision("approve"))).rejects.toMatchObject({ kind: "auth" });
    await expect(readOnly.decide(record.id, decision("decline"))).rejects.toMatchObject({ kind: "auth" });
    await expect(readOnly.expire(record.id)).rejects.toMatchObject({ kind: "auth" });
    await expect(readOnly.redact(record.id)).rejects.toMatchObject({ kind: "auth" });
    const writeOnly = adapter(full, { scopes: ["sessions:decide"] });
    await expect(writeOnly.getSession(record.id)).rejects.toMatchObject({ kind: "auth" });
    await expect(writeOnly.listSessions(null)).rejects.toMatchObject({ kind: "auth" });
    await expect(writeOnly.fetchMedia(record.id, "x:front_side")).rejects.toMatchObject({ kind: "auth" });
    expect(full.requests).toEqual([]);
    expect(full.provider.statusOf(record.id)).toBe("marked_for_review");
  });

  it("has a webhook handler only when a webhook secret is configured", () => {
    expect(adapter(full).webhook).toBeUndefined();
    expect(adapter(full, { webhookSecret: "whsec_x" }).webhook).toBeDefined();
  });
});
