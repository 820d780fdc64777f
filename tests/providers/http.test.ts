import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { ProviderError } from "@/lib/providers/errors";
import { parseRetryAfter, providerFetch } from "@/lib/providers/http";

const KEY = "sk_test_4f9c2b7d1e8a6c3b";
const Ok = z.object({ ok: z.literal(true) });

type Reply = (res: http.ServerResponse, hit: number, req: http.IncomingMessage) => void;

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

// One scripted reply per path; `hit` counts the attempts so retries are observable.
const routes: Record<string, Reply> = {
  "/ok": (res, _hit, req) => json(res, 200, { ok: true, key: req.headers["x-api-key"] === KEY }),
  "/slow": () => undefined,
  "/flaky": (res, hit) => (hit === 1 ? json(res, 500, { detail: "boom" }) : json(res, 200, { ok: true })),
  "/down": (res) => json(res, 503, { detail: "maintenance" }),
  "/limited": (res, hit) => (hit === 1 ? json(res, 429, { detail: "Slow down." }, { "retry-after": "1" }) : json(res, 200, { ok: true })),
  "/limited-long": (res) => json(res, 429, { detail: "Request was throttled." }, { "retry-after": "3600" }),
  "/unauthorized": (res) => json(res, 401, { detail: `Invalid API key ${KEY}.` }),
  "/forbidden": (res) => json(res, 403, { detail: "Authentication credentials were not provided." }),
  "/missing": (res) => json(res, 404, { detail: "Not found." }),
  "/bad-request": (res) => json(res, 400, { new_status: ["This field is required."] }),
  "/not-json": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{oops");
  },
  "/wrong-shape": (res) => json(res, 200, { ok: "yes" }),
  "/moved": (res) => {
    res.writeHead(301, { location: "/ok" });
    res.end();
  },
};

let server: http.Server;
let other: http.Server;
let base = "";
let otherBase = "";
const hits = new Map<string, number>();
let otherHits = 0;

async function listen(target: http.Server): Promise<string> {
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const key = `${url.pathname}${url.search}`;
    const hit = (hits.get(key) ?? 0) + 1;
    hits.set(key, hit);
    if (url.pathname === "/elsewhere") {
      res.writeHead(302, { location: `${otherBase}/ok` });
      res.end();
      return;
    }
    const reply = routes[url.pathname];
    if (reply) reply(res, hit, req);
    else json(res, 404, { detail: "Not found." });
  });
  other = http.createServer((_req, res) => {
    otherHits++;
    json(res, 200, { ok: true });
  });
  base = await listen(server);
  otherBase = await listen(other);
});

afterAll(async () => {
  for (const target of [server, other]) {
    target.closeAllConnections();
    await new Promise((resolve) => target.close(resolve));
  }
});

/** A unique query per test keeps the hit counters apart. */
function call<T = z.infer<typeof Ok>>(path: string, extra: Partial<Parameters<typeof providerFetch<T>>[0]> = {}) {
  return providerFetch<T>({
    provider: "didit",
    providerName: "Didit",
    baseUrl: base,
    path,
    headers: { "x-api-key": KEY },
    schema: Ok as unknown as z.ZodType<T>,
    timeoutMs: 2000,
    baseDelayMs: 10,
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

function expectNoSecret(error: ProviderError) {
  const everything = [error.message, error.stack ?? "", String(error), JSON.stringify(error), JSON.stringify(error.options)];
  for (const text of everything) expect(text).not.toContain(KEY);
}

describe("providerFetch", () => {
  it("sends headers and parses a valid response", async () => {
    const schema = z.object({ ok: z.literal(true), key: z.boolean() });
    await expect(call("/ok", { schema })).resolves.toEqual({ ok: true, key: true });
  });

  it("turns a slow answer into a timeout", async () => {
    const started = Date.now();
    const error = await failure(call("/slow?t=1", { timeoutMs: 200, retries: 0 }));
    expect(error.kind).toBe("timeout");
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("retries timeouts a bounded number of times", async () => {
    const error = await failure(call("/slow?t=2", { timeoutMs: 100, retries: 1 }));
    expect(error.kind).toBe("timeout");
    expect(hits.get("/slow?t=2")).toBe(2);
  });

  it("retries a 500 and returns the later 200", async () => {
    await expect(call("/flaky?t=1")).resolves.toEqual({ ok: true });
    expect(hits.get("/flaky?t=1")).toBe(2);
  });

  it("does not retry when retries is 0", async () => {
    const error = await failure(call("/flaky?t=2", { retries: 0 }));
    expect(error.kind).toBe("unavailable");
    expect(error.options.status).toBe(500);
    expect(hits.get("/flaky?t=2")).toBe(1);
  });

  it("gives up on persistent 5xx after the default two retries", async () => {
    const error = await failure(call("/down?t=1"));
    expect(error.kind).toBe("unavailable");
    expect(error.options.providerMessage).toBe("maintenance");
    expect(hits.get("/down?t=1")).toBe(3);
  });

  it("honours Retry-After on 429", async () => {
    const started = Date.now();
    await expect(call("/limited?t=1")).resolves.toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hits.get("/limited?t=1")).toBe(2);
  });

  it("stops at once when Retry-After is beyond the cap", async () => {
    const started = Date.now();
    const error = await failure(call("/limited-long?t=1"));
    expect(Date.now() - started).toBeLessThan(500);
    expect(error.kind).toBe("rate_limited");
    expect(error.options.retryAfterMs).toBe(3_600_000);
    expect(error.options.providerMessage).toBe("Request was throttled.");
    expect(hits.get("/limited-long?t=1")).toBe(1);
  });

  it.each([
    ["/unauthorized", 401],
    ["/forbidden", 403],
  ])("maps %s to auth without leaking the key", async (path, status) => {
    const error = await failure(call(`${path}?t=1`));
    expect(error.kind).toBe("auth");
    expect(error.options.status).toBe(status);
    expect(error.retryable).toBe(false);
    expect(hits.get(`${path}?t=1`)).toBe(1);
    expectNoSecret(error);
  });

  it("redacts the key even when the provider echoes it back", async () => {
    const error = await failure(call("/unauthorized?t=2"));
    expect(error.options.providerMessage).toBe("Invalid API key [redacted].");
  });

  it("maps 404, other 4xx, bad JSON and a wrong shape", async () => {
    expect((await failure(call("/missing?t=1"))).kind).toBe("not_found");
    const rejected = await failure(call("/bad-request?t=1"));
    expect(rejected.kind).toBe("rejected");
    expect(rejected.options.providerMessage).toContain("This field is required.");
    expect((await failure(call("/not-json?t=1"))).kind).toBe("invalid_response");
    const shape = await failure(call("/wrong-shape?t=1"));
    expect(shape.kind).toBe("invalid_response");
    expect(shape.message).toContain("ok");
  });

  it("maps a refused connection to unavailable", async () => {
    const closed = http.createServer();
    const url = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(call("/ok", { baseUrl: url, retries: 0 }));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("ECONNREFUSED");
    expectNoSecret(error);
  });

  it("follows a same-origin redirect but never sends the key to another origin", async () => {
    await expect(call("/moved?t=1")).resolves.toEqual({ ok: true });
    const error = await failure(call("/elsewhere?t=1"));
    expect(error.kind).toBe("invalid_response");
    expect(otherHits).toBe(0);
  });

  it("parses Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const inFive = new Date(Date.now() + 5000).toUTCString();
    expect(parseRetryAfter(inFive)).toBeGreaterThan(3000);
    expect(parseRetryAfter("Thu, 01 Jan 1970 00:00:00 GMT")).toBe(0);
  });
});
