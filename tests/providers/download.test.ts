import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadPresigned } from "@/lib/providers/download";
import type { DownloadOptions } from "@/lib/providers/download";
import { ProviderError } from "@/lib/providers/errors";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const MAX_BYTES = 1024;
const SIGNATURE = "sig=s3cr3t-signature";

const send = (res: http.ServerResponse, status: number, headers: Record<string, string | number>, body: Buffer | string = "") => {
  res.writeHead(status, headers);
  res.end(body);
};

// One scripted reply per path, standing in for a provider's file storage.
const routes: Record<string, (res: http.ServerResponse) => void> = {
  "/ok": (res) => send(res, 200, { "content-type": "image/png; charset=binary" }, PNG),
  "/untyped-png": (res) => send(res, 200, { "content-type": "application/octet-stream" }, PNG),
  "/untyped-html": (res) => send(res, 200, { "content-type": "binary/octet-stream" }, "<html><script>alert(1)</script></html>"),
  "/html": (res) => send(res, 200, { "content-type": "text/html" }, "<html></html>"),
  "/video": (res) => {
    res.writeHead(200, { "content-type": "video/mp4" });
    for (let i = 0; i < 4; i++) res.write(Buffer.alloc(MAX_BYTES / 2));
    res.end();
  },
  "/svg": (res) => send(res, 200, { "content-type": "image/svg+xml" }, "<svg onload='alert(1)'/>"),
  "/missing": (res) => send(res, 404, { "content-type": "application/xml" }, "<Error>NoSuchKey</Error>"),
  "/gone": (res) => send(res, 410, {}),
  "/limited": (res) => send(res, 429, { "retry-after": "1" }),
  "/expired": (res) => send(res, 403, { "content-type": "application/xml" }, "<Error>AccessDenied</Error>"),
  "/broken": (res) => send(res, 500, {}, "boom"),
  "/moved": (res) => send(res, 302, { location: "/ok" }),
  "/slow": () => undefined,
  "/stalls": (res) => {
    res.writeHead(200, { "content-type": "image/png" });
    res.write(PNG);
  },
  "/breaks-off": (res) => {
    res.writeHead(200, { "content-type": "image/png", "content-length": 4 * PNG.length });
    res.write(PNG, () => res.destroy());
  },
  "/declared-large": (res) => send(res, 200, { "content-type": "image/png", "content-length": MAX_BYTES + 1 }, Buffer.alloc(MAX_BYTES + 1)),
  "/streamed-large": (res) => {
    res.writeHead(200, { "content-type": "image/png" });
    for (let i = 0; i < 4; i++) res.write(Buffer.alloc(MAX_BYTES / 2));
    res.end();
  },
};

let server: http.Server;
let base = "";
const received: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    received.push({ path, headers: req.headers });
    (routes[path] ?? ((r) => send(r, 404, {})))(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options: DownloadOptions = { provider: "didit", source: "Didit's media storage", timeoutMs: 5_000, maxBytes: MAX_BYTES };
const link = (path: string) => `${base}${path}?X-Amz-Expires=900&${SIGNATURE}`;
const hitsOf = (path: string) => received.filter((hit) => hit.path === path).length;

async function failure(url: string, overrides: Partial<DownloadOptions> = {}): Promise<ProviderError> {
  const error = await downloadPresigned(url, { ...options, ...overrides }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  const providerError = error as ProviderError;
  expect(providerError.provider).toBe("didit");
  // Reviewers read these messages: never the link, its host or its signature.
  expect(providerError.message).not.toMatch(/127\.0\.0\.1|s3cr3t|X-Amz|https?:|user:pw/);
  return providerError;
}

describe("downloadPresigned", () => {
  it("returns the bytes and the bare media type, sending no credentials", async () => {
    const file = await downloadPresigned(link("/ok"), options);
    expect(file.contentType).toBe("image/png");
    expect(Buffer.from(file.body).equals(PNG)).toBe(true);
    const hit = received.find((r) => r.path === "/ok");
    expect(hit?.headers.authorization).toBeUndefined();
    expect(hit?.headers.cookie).toBeUndefined();
  });

  it("recognises an untyped image by its bytes, and refuses untyped bytes it does not recognise", async () => {
    expect((await downloadPresigned(link("/untyped-png"), options)).contentType).toBe("image/png");
    expect(await failure(link("/untyped-html"))).toMatchObject({
      kind: "invalid_response",
      message: "Didit's media storage sent a file type Verdict does not display.",
    });
  });

  it("refuses types Verdict does not display, before reading the body", async () => {
    expect((await failure(link("/html"))).kind).toBe("invalid_response");
    expect((await failure(link("/svg"))).kind).toBe("invalid_response");
    // Refused on its type before the body is read, so the size limit is never reached.
    expect((await failure(link("/video"))).message).toBe("Didit's media storage sent a file type Verdict does not display.");
  });

  it("maps refusals to error kinds, keeping the status", async () => {
    expect(await failure(link("/missing"))).toMatchObject({
      kind: "not_found",
      message: "Didit's media storage has no such file (HTTP 404).",
      options: { status: 404 },
    });
    expect(await failure(link("/gone"))).toMatchObject({ kind: "not_found", options: { status: 410 } });
    expect(await failure(link("/limited"))).toMatchObject({ kind: "rate_limited", options: { status: 429 } });
    expect(await failure(link("/expired"))).toMatchObject({ kind: "unavailable", options: { status: 403 } });
    const broken = await failure(link("/broken"));
    expect(broken).toMatchObject({ kind: "unavailable", message: "Didit's media storage refused the file (HTTP 500).", options: { status: 500 } });
    expect(broken.retryable).toBe(true);
  });

  it("does not follow a redirect", async () => {
    const before = hitsOf("/ok");
    expect(await failure(link("/moved"))).toMatchObject({ kind: "invalid_response", options: { status: 302 } });
    expect(hitsOf("/ok")).toBe(before);
  });

  it("times out while waiting for the answer and while reading the body", async () => {
    expect(await failure(link("/slow"), { timeoutMs: 300 })).toMatchObject({ kind: "timeout", message: "Didit's media storage did not answer within 0.3 s." });
    expect(await failure(link("/stalls"), { timeoutMs: 300 })).toMatchObject({ kind: "timeout" });
  });

  it("reports a connection that breaks off or cannot be made as unavailable", async () => {
    expect(await failure(link("/breaks-off"))).toMatchObject({ kind: "unavailable", message: "The download from Didit's media storage broke off." });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure(`http://127.0.0.1:${port}/ok?${SIGNATURE}`)).toMatchObject({ kind: "unavailable", message: "Could not connect to Didit's media storage." });
  });

  it("refuses files over the limit, whether declared or streamed", async () => {
    const tooLarge = { kind: "invalid_response", message: "The file from Didit's media storage is larger than Verdict accepts." };
    expect(await failure(link("/declared-large"))).toMatchObject(tooLarge);
    expect(await failure(link("/streamed-large"))).toMatchObject(tooLarge);
    // The same stream under a higher limit arrives whole, so the limit (not the stream) refused it above.
    expect((await downloadPresigned(link("/streamed-large"), { ...options, maxBytes: 4 * MAX_BYTES })).body.byteLength).toBe(2 * MAX_BYTES);
  });

  it("refuses links that are not plain http(s) before any request", async () => {
    const before = received.length;
    for (const url of [
      "not a url",
      `ftp://127.0.0.1/ok?${SIGNATURE}`,
      "file:///etc/passwd",
      "javascript:alert(1)",
      `${base.replace("//", "//user:pw@")}/ok?${SIGNATURE}`,
    ]) {
      expect((await failure(url)).kind).toBe("invalid_response");
    }
    expect(received.length).toBe(before);
  });
});
