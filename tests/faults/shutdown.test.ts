/**
 * Issue 9: the server stops on SIGTERM while browsers hold the live stream open. Before, three
 * open /api/events streams kept `next start` running (and its schedules firing) long after the
 * signal. Now: the streams end, a request in flight is answered, new connections are refused,
 * and the process exits 0 within SHUTDOWN_GRACE_SECONDS; what outlives the grace period is cut
 * off and the exit code is 1.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSandboxCredentials } from "@/scripts/sandbox-credentials";
import { signIn } from "./support/browser";
import { createApp, DRIVER, freshDatabase, REVIEWER, seed, sleep, type App, type FaultDatabase } from "./support/stack";

const APP_PORT = 3403;
const GRACE_SECONDS = 10;
/** Time to start and stop a Node process on a loaded two-core machine, on top of the grace period. */
const MARGIN_MS = 3000;

/** GET /api/events, read until the stream is open (the `retry:` line); resolves `ended` when the server ends it. */
async function openStream(url: string, cookie: string) {
  const response = await fetch(`${url}/api/events`, { headers: { cookie } });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const first = new TextDecoder().decode((await reader.read()).value);
  expect(first).toContain("retry:");
  const ended = (async () => {
    for (;;) if ((await reader.read()).done) return Date.now();
  })();
  return { ended: ended.catch(() => Date.now()) };
}

/** A webhook POST whose body arrives in two halves: the request is in flight for as long as we wait. */
function slowUpload(url: string) {
  const body = Buffer.from(JSON.stringify({ session_id: "in-flight", status: "Approved", padding: "x".repeat(4000) }));
  const request = http.request(`${url}/api/webhooks/didit`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "content-length": body.length,
      "x-signature": "0".repeat(64),
      "x-timestamp": String(Math.floor(Date.now() / 1000)),
    },
  });
  const answered = new Promise<{ status: number; body: string; at: number }>((resolve, reject) => {
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text, at: Date.now() }));
    });
    request.on("error", reject);
  });
  request.write(body.subarray(0, 1000));
  return { answered, finish: () => request.end(body.subarray(1000)) };
}

/** Whether a new connection to the server is still accepted. */
const accepts = (url: string) =>
  fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );

describe(`stopping on SIGTERM with live streams open (${DRIVER})`, () => {
  const credentials = generateSandboxCredentials();
  let db: FaultDatabase;
  let app: App;

  const start = async (env: Record<string, string>) => {
    // Nothing listens on the sandbox port: no provider is called while stopping.
    app = createApp({ name: "shutdown", port: APP_PORT, sandboxUrl: "http://127.0.0.1:4413", credentials, db, env });
    const child = await app.start();
    const cookie = await signIn(app.url, REVIEWER.email, REVIEWER.password);
    const streams = await Promise.all([1, 2, 3].map(() => openStream(app.url, cookie)));
    return { child, streams };
  };

  beforeAll(async () => {
    db = await freshDatabase("shutdown");
    await seed(db);
  });
  afterAll(async () => {
    await app?.kill("SIGKILL");
    await db?.drop();
  });

  it("ends the streams, answers the request in flight, refuses new connections and exits 0 within the grace period", async () => {
    const { child, streams } = await start({ NEXT_MANUAL_SIG_HANDLE: "true", SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
    const upload = slowUpload(app.url);
    await sleep(300); // the request has reached the server and waits for the rest of its body
    const signalled = Date.now();
    child.process.kill("SIGTERM");
    const ended = await Promise.all(streams.map((s) => s.ended));
    expect(Math.max(...ended) - signalled).toBeLessThan(MARGIN_MS);
    expect(await accepts(app.url)).toBe(false);
    await sleep(1000);
    upload.finish();
    const answer = await upload.answered;
    // Read to the end and answered as any other bad signature: it ran to completion.
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toHaveProperty("error");
    const exit = await Promise.race([child.exited, sleep(GRACE_SECONDS * 1000 + MARGIN_MS).then(() => "still running" as const)]);
    expect(exit, app.output().slice(-2000)).toBe(0);
    expect(app.output()).toContain("[verdict] SIGTERM: stopping");
    expect(app.output()).toContain("[verdict] stopped");
  });

  it("cuts off what outlives the grace period and exits 1", async () => {
    const { child } = await start({ NEXT_MANUAL_SIG_HANDLE: "true", SHUTDOWN_GRACE_SECONDS: "2" });
    const upload = slowUpload(app.url); // never finished
    upload.answered.catch(() => undefined);
    await sleep(300);
    const signalled = Date.now();
    child.process.kill("SIGTERM");
    const exit = await Promise.race([child.exited, sleep(2000 + MARGIN_MS).then(() => "still running" as const)]);
    expect(exit, app.output().slice(-2000)).toBe(1);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1900);
    expect(app.output()).toContain("grace period over: 1 request(s) cut off");
  });

  it("stops under plain `next start` too, where Next's own handler exits with 128 + SIGTERM", async () => {
    const { child, streams } = await start({ NEXT_MANUAL_SIG_HANDLE: "", SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) });
    const signalled = Date.now();
    child.process.kill("SIGTERM");
    expect(Math.max(...(await Promise.all(streams.map((s) => s.ended)))) - signalled).toBeLessThan(MARGIN_MS);
    const exit = await Promise.race([child.exited, sleep(GRACE_SECONDS * 1000 + MARGIN_MS).then(() => "still running" as const)]);
    expect(exit, app.output().slice(-2000)).toBe(143);
  });
});
