import { expect, test } from "@playwright/test";
import { createUser, signInAs, unique } from "./admin-fixtures";
import { signIn } from "./fixtures";

test("an admin invites a user with a one-time link; the link sets the password once; the user signs in", async ({ page, browser }) => {
  const email = unique("invitee");
  const password = "invitee passphrase 42";
  await signIn(page, "admin");
  await createUser(page, { name: "Ines Invitee", email, role: "Reviewer" });
  const link = await page.getByTestId("set-password-link").inputValue();
  expect(link).toMatch(/\/set-password\?token=[\w-]{43}$/);
  await expect(page.locator(`[data-email="${email}"]`)).toContainText("Password not set yet");

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(link);
  await expect(invitee.getByText(`For Ines Invitee (${email})`)).toBeVisible();
  await invitee.getByLabel("New password").fill(password);
  await invitee.getByLabel("Repeat the password").fill("a typo in the repeat");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("The two passwords differ")).toBeVisible();
  await invitee.getByLabel("Repeat the password").fill(password);
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByTestId("password-set")).toContainText("Your password is set");
  // Setting the password signs nobody in.
  await invitee.goto("/sessions");
  await expect(invitee).toHaveURL(/\/login/);

  // Single use.
  await invitee.goto(link);
  await expect(invitee.getByTestId("set-password-problem")).toContainText("already used");

  const signedIn = await signInAs(browser, email, password, "Ines Invitee");
  await expect(signedIn.getByTestId("current-user")).toContainText("Reviewer");
});

test("a deactivated reviewer is signed out on their next navigation", async ({ page, browser }) => {
  const email = unique("leaver");
  const password = "leaver passphrase 42";
  await signIn(page, "admin");
  await createUser(page, { name: "Lee Leaver", email, role: "Reviewer", password });
  const reviewer = await signInAs(browser, email, password, "Lee Leaver");

  const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  await row.getByRole("button", { name: `Deactivate ${email}` }).click();
  await row.getByRole("button", { name: `Confirm deactivation of ${email}` }).click();
  await expect(page.getByTestId("users-message")).toContainText(`${email} is deactivated`);
  await expect(row).toContainText("Deactivated");

  await reviewer.goto("/queue");
  await expect(reviewer).toHaveURL(/\/login/);
  await expect(reviewer.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a role change shows on the user's next request", async ({ page, browser }) => {
  const email = unique("mover");
  const password = "mover passphrase 42";
  await signIn(page, "admin");
  await createUser(page, { name: "Mo Mover", email, role: "Reviewer", password });
  const user = await signInAs(browser, email, password, "Mo Mover");
  await expect(user.getByTestId("current-user")).toContainText("Reviewer");

  await page.getByLabel(`Role of ${email}`).selectOption({ label: "Auditor" });
  await page.getByRole("button", { name: `Save role of ${email}` }).click();
  await expect(page.getByTestId("users-message")).toContainText(`${email} is now Auditor`);

  await user.reload();
  await expect(user.getByTestId("current-user")).toContainText("Auditor");
});

test("an admin's own row offers no deactivation", async ({ page }) => {
  // The last-admin rule itself is covered by tests/integration/users-*.test.ts: demoting the
  // only e2e admin here would break every later spec if another admin existed.
  await signIn(page, "admin");
  await page.goto("/admin/users");
  const own = page.locator('[data-testid="user-row"][data-email="admin@e2e.test"]');
  await expect(own).toContainText("(you)");
  await expect(own.getByRole("button", { name: /Deactivate/ })).toHaveCount(0);
});

test("a user changes their own password and stays signed in", async ({ page, browser }) => {
  const email = unique("changer");
  await signIn(page, "admin");
  await createUser(page, { name: "Cy Changer", email, role: "Auditor", password: "first passphrase 42" });
  const user = await signInAs(browser, email, "first passphrase 42", "Cy Changer");
  await user.goto("/account");
  await user.getByLabel("Current password").fill("first passphrase 42");
  await user.getByLabel("New password", { exact: true }).fill("second passphrase 42");
  await user.getByLabel("Repeat the new password").fill("second passphrase 42");
  await user.getByRole("button", { name: "Change password" }).click();
  await expect(user.getByTestId("password-changed")).toContainText("Your password is changed");
  await expect(user.getByTestId("password-changed")).not.toContainText("sign in again");
  await user.goto("/sessions");
  await expect(user.getByTestId("current-user")).toContainText("Cy Changer");

  await signInAs(browser, email, "second passphrase 42", "Cy Changer");
});

test("an admin creates, refuses to delete while in use, and deletes a custom role", async ({ page }) => {
  const key = `e2e_${Date.now().toString(36)}`;
  await signIn(page, "admin");
  await page.goto("/admin/roles");
  await expect(page.getByTestId("provider-key-capabilities")).toContainText("Didit");
  await expect(page.locator('[data-role-key="admin"]')).toContainText("Built-in, read-only");
  await expect(page.locator('[data-role-key="admin"]').getByRole("button", { name: /Edit/ })).toHaveCount(0);

  await page.getByRole("button", { name: "New role" }).click();
  const form = page.getByRole("form", { name: "New role" });
  await form.getByLabel("Key").fill("Bad Key");
  await form.getByLabel("Name").fill(`Checker ${key}`);
  await form.getByRole("button", { name: "Create role" }).click();
  await expect(form).toContainText("a lower-case letter first");
  await form.getByLabel("Key").fill(key);
  await form.getByRole("checkbox", { name: /sessions:read_pii/ }).check();
  await form.getByRole("button", { name: "Create role" }).click();
  const card = page.locator(`[data-role-key="${key}"]`);
  await expect(card).toContainText("sessions:read_pii");

  const email = unique("checker");
  await createUser(page, { name: "Cat Checker", email, role: `Checker ${key}`, password: "checker passphrase 42" });
  await page.goto("/admin/roles");
  await card.getByRole("button", { name: /^Delete/ }).click();
  await card.getByRole("button", { name: /Confirm delete/ }).click();
  await expect(card).toContainText("1 user has the role");

  await page.goto("/admin/users");
  await page.getByLabel(`Role of ${email}`).selectOption({ label: "Reviewer" });
  await page.getByRole("button", { name: `Save role of ${email}` }).click();
  await expect(page.getByTestId("users-message")).toContainText("is now Reviewer");
  await page.goto("/admin/roles");
  await card.getByRole("button", { name: /^Delete/ }).click();
  await card.getByRole("button", { name: /Confirm delete/ }).click();
  await expect(card).toHaveCount(0);
});

for (const path of ["/admin/users", "/admin/roles"]) {
  test(`a lead opening ${path} gets the 403 page`, async ({ page }) => {
    await signIn(page, "lead");
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
    await expect(page.getByTestId("users-table")).toHaveCount(0);
  });
}
