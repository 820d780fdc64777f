import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures";
import type { E2ERole } from "./users";

for (const role of ["reviewer", "lead"] as E2ERole[]) {
  test(`${role} opening the outbound webhook page gets the 403 page`, async ({ page }) => {
    await signIn(page, role);
    const response = await page.goto("/admin/webhooks");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByTestId("outbound-counts")).toHaveCount(0);
  });
}

test("an admin records an iDenfy decision and finds its announcement on the outbound webhook page", async ({ page }) => {
  await signIn(page, "admin");
  // iDenfy has no decision API: Verdict records the decision and announces it on its own webhook.
  // Unclaimed only: earlier specs may hold iDenfy cases (Next case claims the oldest).
  const idenfyRows = page
    .getByTestId("queue-row")
    .filter({ hasText: "idenfy" })
    .filter({ has: page.getByTestId("queue-holder").filter({ hasText: /^—$/ }) });
  await expect(async () => {
    await page.goto("/queue");
    expect(await idenfyRows.count()).toBeGreaterThan(0);
  }).toPass({ timeout: 30_000 });
  const row = idenfyRows.first();
  const providerSessionId = (await row.getAttribute("data-provider-session-id"))!;
  await row.getByRole("link").click();
  await page.getByRole("button", { name: "Claim this case" }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("You are working on this case");
  const caseUrl = page.url();
  await page.getByRole("radio", { name: "Approve" }).click();
  await page.getByLabel("Reason").selectOption("DATA_VERIFIED");
  await page.getByTestId("decision-form").getByRole("textbox", { name: "Comment" }).fill("Checked against the passport — outbound e2e");
  await page.getByRole("button", { name: "Approve", exact: true }).last().click();
  await expect(page).not.toHaveURL(caseUrl);

  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Outbound webhook" })).toBeVisible();
  // The e2e stack sets no OUTBOUND_WEBHOOK_URL: the page says so, and the event waits as pending.
  await expect(page.getByTestId("outbound-target")).toContainText("OUTBOUND_WEBHOOK_URL is not set");
  const delivery = page.getByTestId("outbound-delivery").filter({ hasText: providerSessionId });
  await expect(delivery).toHaveCount(1);
  await expect(delivery).toContainText("decision.recorded");
  await expect(delivery).toHaveAttribute("data-state", "pending");
  await expect(page.getByTestId("outbound-counts").locator('[data-state="pending"]')).not.toHaveText("0");
  // The reviewer's comment may hold personal data: it is never part of the announcement.
  await expect(page.getByTestId("outbound-deliveries")).not.toContainText("outbound e2e");

  await delivery.getByRole("button", { name: /^Retry now/ }).click();
  await expect(page.getByTestId("outbound-message")).toHaveText("Queued: it goes out on the next poll.");
});
