import { expect, type Page, test } from "@playwright/test";
import { createUser, signInAs, unique } from "./admin-fixtures";
import { signIn } from "./fixtures";
import { createProviderSession, moveProviderSession } from "./sandbox-control";

/** A fresh Beltic case in review, so no other spec holds or has decided it. */
async function openFreshBelticCase(page: Page): Promise<string> {
  const providerSessionId = await createProviderSession("beltic");
  for (const status of ["started", "pending", "completed", "marked_for_review"]) await moveProviderSession("beltic", providerSessionId, status);
  await page.goto(`/sessions?q=${encodeURIComponent(providerSessionId)}`);
  await page.locator(`[data-testid="session-row"][data-provider-session-id="${providerSessionId}"]`).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  return page.url();
}

test("a lead assigns a case to a reviewer, who finds it held for them", async ({ page, browser }) => {
  await signIn(page, "lead");
  const caseUrl = await openFreshBelticCase(page);
  await page.getByLabel("Assign to").selectOption({ label: "Rui Reviewer" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByTestId("claim-panel")).toContainText("Rui Reviewer is working on this case");
  await expect(page.getByTestId("timeline")).toContainText("Assigned");

  const reviewer = await (await browser.newContext()).newPage();
  await signIn(reviewer, "reviewer");
  await reviewer.goto(caseUrl);
  await expect(reviewer.getByTestId("claim-panel")).toContainText("You are working on this case");
  await expect(reviewer.getByTestId("decision-form")).toBeVisible();
});

test("a lead expires a session at the provider after confirming", async ({ page }) => {
  await signIn(page, "lead");
  await openFreshBelticCase(page);
  await page.getByRole("button", { name: "Expire…" }).click();
  await expect(page.getByRole("dialog")).toContainText("Beltic will be asked to expire it too");
  await page.getByRole("button", { name: "Expire session" }).click();
  await expect(page.getByTestId("case-view")).toContainText("Expired");
  await expect(page.getByTestId("timeline")).toContainText("Expired at the provider");
  await expect(page.getByRole("button", { name: "Expire…" })).toHaveCount(0);
});

test("a reviewer sees neither assignment nor expiry controls", async ({ page }) => {
  await signIn(page, "reviewer");
  await openFreshBelticCase(page);
  await expect(page.getByTestId("claim-panel")).toBeVisible();
  await expect(page.getByLabel("Assign to")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Expire…" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Redact…" })).toHaveCount(0);
});

test("an admin reactivates a user, who can then sign in again", async ({ page, browser }) => {
  const email = unique("returner");
  const password = "returner passphrase 42";
  await signIn(page, "admin");
  await createUser(page, { name: "Ray Returner", email, role: "Reviewer", password });
  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await row.getByRole("button", { name: `Confirm deactivation of ${email}` }).click();
  await expect(row).toContainText("Deactivated");

  await row.getByRole("button", { name: `Reactivate ${email}` }).click();
  await expect(page.getByTestId("users-message")).toContainText(`${email} is active again`);
  await expect(row).toContainText("Active");
  await signInAs(browser, email, password, "Ray Returner");
});

test("an admin issues a new set-password link; only the newest link works", async ({ page, browser }) => {
  const email = unique("relinked");
  await signIn(page, "admin");
  await createUser(page, { name: "Rhea Relinked", email, role: "Auditor" });
  const first = await page.getByRole("region", { name: "New user" }).getByTestId("set-password-link").inputValue();
  await page
    .locator(`[data-testid="user-row"][data-email="${email}"]`)
    .getByRole("button", { name: `New set-password link for ${email}` })
    .click();
  const second = await page.getByRole("region", { name: "All users" }).getByTestId("set-password-link").inputValue();
  expect(second).not.toBe(first);

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(first);
  await expect(invitee.getByTestId("set-password-problem")).toBeVisible();
  await invitee.goto(second);
  await expect(invitee.getByText(`For Rhea Relinked (${email})`)).toBeVisible();
});

test("an admin grants a custom role a permission, and its holder gains the page on the next request", async ({ page, browser }) => {
  const key = `e2e_${Date.now().toString(36)}`;
  const email = unique("grantee");
  await signIn(page, "admin");
  await page.goto("/admin/roles");
  await page.getByRole("button", { name: "New role" }).click();
  const form = page.getByRole("form", { name: "New role" });
  await form.getByLabel("Key").fill(key);
  await form.getByLabel("Name").fill(`Grantee ${key}`);
  await form.getByRole("checkbox", { name: /sessions:read\b(?!_)/ }).check();
  await form.getByRole("button", { name: "Create role" }).click();
  await createUser(page, { name: "Gus Grantee", email, role: `Grantee ${key}`, password: "grantee passphrase 42" });

  const user = await signInAs(browser, email, "grantee passphrase 42", "Gus Grantee");
  expect((await user.goto("/audit"))?.status()).toBe(403);

  await page.goto("/admin/roles");
  const card = page.locator(`[data-role-key="${key}"]`);
  await card.getByRole("button", { name: `Edit Grantee ${key}` }).click();
  const edit = page.getByRole("form", { name: `Edit role Grantee ${key}` });
  await edit.getByRole("checkbox", { name: /audit:read/ }).check();
  await edit.getByRole("button", { name: "Save role" }).click();
  await expect(card).toContainText("audit:read");

  expect((await user.goto("/audit"))?.status()).toBe(200);
  await expect(user.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" })).toBeVisible();
});
