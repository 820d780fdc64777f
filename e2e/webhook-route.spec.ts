import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { E2E_CREDENTIALS_FILE } from "./users";

/** The route as a provider meets it, with signatures computed here, independently of Verdict's code. */
const diditSecret = () => (JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as { didit: { webhookSecret: string } }).didit.webhookSecret;

function signedDidit(body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = createHmac("sha256", diditSecret()).update(Buffer.from(body, "utf8")).digest("hex");
  return { "content-type": "application/json", "x-signature": signature, "x-timestamp": String(timestamp) };
}

function diditEvent(sessionId: string, status: string) {
  const now = Math.floor(Date.now() / 1000);
  return JSON.stringify({
    event_id: randomUUID(),
    webhook_type: "status.updated",
    timestamp: now,
    created_at: now,
    session_id: sessionId,
    status,
    vendor_data: "e2e-route",
  });
}

test("a correctly signed event is queued once; its redelivery is acknowledged as a duplicate", async ({ request }) => {
  const body = diditEvent(randomUUID(), "In Progress");
  const first = await request.post("/api/webhooks/didit", { headers: signedDidit(body), data: body });
  expect(first.status()).toBe(200);
  // Stored and answered; the webhooks.apply job applies it (what it then shows: e2e/webhooks.spec.ts).
  expect(await first.json()).toMatchObject({ ok: true, outcome: "queued" });
  const again = await request.post("/api/webhooks/didit", { headers: signedDidit(body), data: body });
  expect(await again.json()).toMatchObject({ ok: true, outcome: "duplicate" });
});

test("bad, stale, tampered, oversize and unknown-provider requests are refused; an unreadable signed body is kept", async ({ request }) => {
  const body = diditEvent(randomUUID(), "In Progress");
  // A Buffer is sent byte for byte (Playwright JSON-encodes a string that is not valid JSON).
  const post = (headers: Record<string, string>, data: string | Buffer, provider = "didit") =>
    request.post(`/api/webhooks/${provider}`, { headers, data: Buffer.from(data) });

  expect((await post({ "content-type": "application/json" }, body)).status()).toBe(401);
  expect((await post({ ...signedDidit(body), "x-signature": "0".repeat(64) }, body)).status()).toBe(401);
  expect((await post(signedDidit(body), body.replace("In Progress", "Approved"))).status()).toBe(401);
  expect((await post(signedDidit(body, Math.floor(Date.now() / 1000) - 301), body)).status()).toBe(401);
  // Authentic but unreadable: kept in the quarantine and answered 5xx so that Didit retries;
  // the parser's own message stays with Verdict's admins.
  const malformed = "{not json";
  const quarantined = await post(signedDidit(malformed), malformed);
  expect(quarantined.status()).toBe(503);
  expect(await quarantined.json()).toEqual({ error: "The event could not be processed yet" });
  const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
  expect((await post({ "content-type": "application/json" }, huge)).status()).toBe(413);
  expect((await post(signedDidit(body), body, "acme")).status()).toBe(404);
});
