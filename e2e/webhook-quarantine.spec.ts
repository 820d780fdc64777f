import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import { expect, type APIRequestContext, test } from "@playwright/test";
import { signIn } from "./fixtures";
import { E2E_CREDENTIALS_FILE } from "./users";

/**
 * An authentic webhook Verdict cannot read, from the provider's side and the admin's. Signed here,
 * independently of Verdict's code, with this run's secrets. A parser cannot be fixed in a running
 * server, so the replay here reports that it still fails; the successful replay after a fix is
 * proven in tests/integration/webhook-quarantine.test.ts.
 */
type Secrets = { didit: { webhookSecret: string }; beltic: { webhookSecret: string } };
const secrets = () => JSON.parse(fs.readFileSync(E2E_CREDENTIALS_FILE, "utf8")) as Secrets;
const hmac = (secret: string, body: Buffer) => createHmac("sha256", secret).update(body).digest("hex");

function signed(provider: "didit" | "beltic", body: Buffer): Record<string, string> {
  if (provider === "beltic") return { "content-type": "application/json", "x-webhook-signature": hmac(secrets().beltic.webhookSecret, body) };
  return { "content-type": "application/json", "x-signature": hmac(secrets().didit.webhookSecret, body), "x-timestamp": String(Math.floor(Date.now() / 1000)) };
}

/** A Didit event whose session id arrives under a name the parser does not know (a provider change). */
const diditRenamed = () =>
  Buffer.from(
    JSON.stringify({
      event_id: randomUUID(),
      webhook_type: "status.updated",
      timestamp: Math.floor(Date.now() / 1000),
      session_ref: randomUUID(),
      status: "In Review",
    }),
  );
/** A Beltic webhook of a type Verdict has never seen. */
const belticUnknown = () => Buffer.from(JSON.stringify({ data: { type: "verification.v9", id: randomUUID(), attributes: { status: "passed" } } }));

async function deliver(request: APIRequestContext, provider: "didit" | "beltic", body: Buffer) {
  return request.post(`/api/webhooks/${provider}`, { headers: signed(provider, body), data: body });
}

test("an admin sees quarantined Didit and Beltic bodies on the providers page and replays one", async ({ page, request }) => {
  const didit = diditRenamed();
  // The provider retries on our 503: two deliveries, one quarantined body.
  for (let attempt = 0; attempt < 2; attempt++) expect((await deliver(request, "didit", didit)).status()).toBe(503);
  expect((await deliver(request, "beltic", belticUnknown())).status()).toBe(503);
  // A forged copy is refused and kept nowhere.
  expect((await request.post("/api/webhooks/didit", { headers: { ...signed("didit", didit), "x-signature": "0".repeat(64) }, data: didit })).status()).toBe(401);

  await signIn(page, "admin");
  await page.goto("/admin");
  const diditCard = page.locator('[data-provider="didit"]');
  const row = diditCard
    .getByTestId("quarantined-webhook")
    .filter({ hasText: `${didit.byteLength} B` })
    .filter({ has: page.getByTestId("quarantine-attempts").getByText("2", { exact: true }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("quarantine-error")).toHaveText("The Didit webhook body is not a Didit session event.");
  await expect(row).toContainText("session_ref");
  // The body is personal data: its values are never on the page.
  await expect(diditCard).not.toContainText(JSON.parse(didit.toString()).session_ref);
  await expect(page.locator('[data-provider="beltic"]').getByTestId("quarantine-error").first()).toContainText("not a Beltic event");

  await row.getByRole("button", { name: "Replay" }).click();
  const told = diditCard.getByTestId("replay-outcome");
  await expect(told).toHaveAttribute("data-result", "still_failing");
  await expect(told).toContainText("Still failing, kept in quarantine: The Didit webhook body is not a Didit session event.");
  await expect(row).toHaveCount(1);

  // The replay is audited under the admin, without the body.
  await page.goto("/audit?action=webhook.replay");
  await expect(page.getByTestId("audit-row").first()).toContainText("still_failing");
});
